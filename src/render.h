/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_RENDER_H
#define SHMTOOL_RENDER_H

/* The renderers, each fed the same list of segments and columns. */

#include <stdbool.h>
#include "cell-text.h"
#include "segment.h"

enum out_mode { OUT_TABLE, OUT_RAW, OUT_EXPORT, OUT_JSON, OUT_OPENMETRICS };

struct render_opts {
	const char *cmd; /* for the error lines */
	enum out_mode mode;
	bool noheadings;
	bool notruncate;
	struct fmt_opts fmt;
	const int *cols;
	size_t ncols;
	const struct ns_scan *all_ns; /* -A: OpenMetrics gives each namespace's limits */
};

/* 0, or -1 after an error line. */
int render_table(const struct seg_list *l, const struct render_opts *o);
int render_json(const struct seg_list *l, const struct render_opts *o);

struct shm_limits;
struct ns_scan;

/* OpenMetrics text (what promtool and node_exporter's textfile collector
 * read): per-segment gauges, totals over l, and the limits when lim is not
 * NULL. 0, or -1 after an error line. */
int render_metrics(const struct seg_list *l, const struct shm_limits *lim);

/* The same, reading the limits itself: the renderer of --format=openmetrics. */
int render_openmetrics(const struct seg_list *l, const struct render_opts *o);

/* Renders l as o->mode asks. 0, or -1 after an error line. */
int render_segments(const struct seg_list *l, const struct render_opts *o);

/* Whether a mode shows o->cols (all but OpenMetrics, which prints every
 * gauge in the order listed): only then is /proc read and the list sorted. */
bool render_shows_columns(enum out_mode mode);

struct cJSON;

/* One segment as a JSON object with the given columns; NULL when out of memory. */
struct cJSON *segment_json(const struct shm_seg *s, const int *cols, size_t ncols);

/* Adds untrusted text s to obj under key, escaped (lib/escape.h); when
 * escaping changed it, also its exact bytes in hex under hex_key. Both keys
 * must outlive obj. 0, or -1 when out of memory. */
int json_add_text(struct cJSON *obj, const char *key, const char *hex_key, const char *s);

/* Prints a JSON document and frees nothing. 0, or -1 after an error line. */
int print_json(struct cJSON *root);


#endif
