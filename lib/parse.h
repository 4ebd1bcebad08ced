/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_PARSE_H
#define SHMTOOL_PARSE_H

/* Parsers for what users type. No I/O: unit tests and fuzzers call them.
 * Each returns 0 on success or -1, with a reason for the user in *why. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int parse_u64(const char *s, uint64_t *out, const char **why);
int parse_id(const char *s, int32_t *out, const char **why);
int parse_pid(const char *s, int32_t *out, const char **why);

/* "4096", "4K", "1.5M", "2GiB", "10MB": K/M/G/T and KiB.. are powers of
 * 1024, KB.. powers of 1000. */
int parse_size(const char *s, uint64_t *out, const char **why);

/* An age: "90" (seconds), "90s", "15m", "1h", "7d"; one lowercase suffix
 * at most, no sign, and at most INT64_MAX seconds. */
int parse_duration(const char *s, uint64_t *out, const char **why);

/* A key as typed: a decimal or 0x-hex number, or "@PATH[:PROJ]" for ftok. */
struct key_spec {
	bool is_ftok;
	int32_t key;
	const char *path; /* points into the argument (copied by the caller) */
	size_t pathlen;
	int proj;
};
int parse_key(const char *s, struct key_spec *out, const char **why);

/* The mode of a new segment or object without -m: a symbolic -m changes
 * this one, as chmod changes a file's mode ("g+r" gives 0640). */
#define DEFAULT_SHM_MODE 0600

/* Octal ("640") or symbolic ("u=rw,g=r", relative to base). */
int parse_mode(const char *s, unsigned base, unsigned *out, const char **why);

#endif
