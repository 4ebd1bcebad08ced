/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "render.h"

static const struct renderer {
	int (*render)(const struct seg_list *l, const struct render_opts *o);
	bool columns;
} renderers[] = {
	[OUT_TABLE] = { render_table, true },
	[OUT_RAW] = { render_table, true },
	[OUT_EXPORT] = { render_table, true },
	[OUT_JSON] = { render_json, true },
	[OUT_OPENMETRICS] = { render_openmetrics, false },
};

int render_segments(const struct seg_list *l, const struct render_opts *o)
{
	return renderers[o->mode].render(l, o);
}

bool render_shows_columns(enum out_mode mode)
{
	return renderers[mode].columns;
}
