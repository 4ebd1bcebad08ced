/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SELECT_H
#define SHMTOOL_SELECT_H

/* Choosing segments: the filters `list` and `rm --all` share, and turning
 * what the user typed for a key into a key. */

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include "optable.h"
#include "segment.h"

struct seg_filter {
	int32_t *ids;
	size_t nids;
	int32_t *keys;
	size_t nkeys;
	bool has_owner, has_creator, has_larger;
	uint32_t owner;
	int32_t creator;
	uint64_t larger_than;
	bool attached, unattached, dest, locked, orphans;
};

/* Long options of the filters; their values start at FILTER_OPT_BASE. */
enum {
	FILTER_OPT_BASE = 0x1000,
	OPT_CREATOR = FILTER_OPT_BASE,
	OPT_ATTACHED,
	OPT_UNATTACHED,
	OPT_DEST,
	OPT_LOCKED,
	OPT_LARGER,
	OPT_ORPHANS,
	FILTER_OPT_END,
};

#define FILTER_LONGOPTS \
	{ "id", required_argument, NULL, 'i' }, \
	{ "key", required_argument, NULL, 'k' }, \
	{ "owner", required_argument, NULL, 'u' }, \
	{ "creator", required_argument, NULL, OPT_CREATOR }, \
	{ "attached", no_argument, NULL, OPT_ATTACHED }, \
	{ "unattached", no_argument, NULL, OPT_UNATTACHED }, \
	{ "dest", no_argument, NULL, OPT_DEST }, \
	{ "locked", no_argument, NULL, OPT_LOCKED }, \
	{ "larger-than", required_argument, NULL, OPT_LARGER }, \
	{ "orphans", no_argument, NULL, OPT_ORPHANS }

#define FILTER_SHORTOPTS "i:k:u:"

#define FILTER_HELP \
	" -i, --id <id>            only this shmid (repeatable)\n" \
	" -k, --key <key>          only this key: number, 0x-hex or @PATH[:PROJ] (repeatable)\n" \
	" -u, --owner <user>       only segments this user (name or uid) owns\n" \
	"     --creator <pid>      only segments this process created\n" \
	"     --attached           only segments with processes attached\n" \
	"     --unattached         only segments with none attached\n" \
	"     --dest               only segments marked for removal\n" \
	"     --locked             only segments locked in memory\n" \
	"     --larger-than <size> only segments larger than size\n" \
	"     --orphans            only segments no process has attached whose\n" \
	"                          creator is gone\n"

/* 1 when c was a filter option (applied to f), 0 when it is not one.
 * Bad values are a usage error naming cmd (exit 2). */
int filter_option(struct seg_filter *f, int c, const char *arg, const char *cmd);

bool filter_match(const struct seg_filter *f, const struct shm_seg *s);
bool filter_is_empty(const struct seg_filter *f);
void filter_free(struct seg_filter *f);

/* Keeps the matching segments of l. An --id or --key that matches no
 * segment at all gets an error line; returns the number of those. */
size_t filter_apply(const struct seg_filter *f, struct seg_list *l, const char *cmd);

/* The key a user typed, ftok applied: exits 2 when malformed, 1 when ftok fails. */
int32_t resolve_key(const char *arg, const char *cmd);

/* A size a user typed (offsets, lengths, --larger-than): exits 2 when malformed. */
uint64_t resolve_size(const char *arg, const char *cmd);

/* A shmid a user typed: exits 2 when malformed. */
int32_t resolve_id(const char *arg, const char *cmd);

/* Key 0 (IPC_PRIVATE) names no one segment: the usage error (exit 2) for a
 * command that wanted one. */
void private_key_error(const char *cmd) __attribute__((noreturn));

/* What names the one segment or object of attach-dump and write: an
 * operand (a shmid, or /NAME), -k KEY, or --posix NAME. */
struct selector {
	const char *operand, *key, *posix;
};

/* The options that name it: the first entries of a command's option
 * table, whose own ids start at SELECTOR_OPT_END; SELECTOR_EXCL is the
 * exclusive group of the two. */
enum { SEL_OPT_KEY = 1, SEL_OPT_POSIX, SELECTOR_OPT_END };

#define SELECTOR_OPTIONS \
	{ SEL_OPT_KEY, 'k', "key", OPT_ARG, "<key>", \
	  "the segment with this key: number, 0x-hex or @PATH[:PROJ]", "Options:" }, \
	{ SEL_OPT_POSIX, 0, "posix", OPT_ARG, "<name>", \
	  "the POSIX object /<name> (also given as /<name>)", NULL }

#define SELECTOR_EXCL { { SEL_OPT_KEY, SEL_OPT_POSIX } }

/* 1 when id was -k or --posix (kept in sel), 0 when it is not one. */
int selector_option(struct selector *sel, int id, const char *arg);

/* Checks that a way was given: a usage error (exit 2) when none was. */
void selector_check(const char *cmd, const struct selector *sel);

/* The segment or object the selector names (see select_segment). */
void selector_resolve(const char *cmd, const struct selector *sel, struct shm_seg *out);

/* A POSIX object by name ("app" or "/app"): a bad name is exit 2; a
 * missing object or /dev/shm an error line, exit 1. */
void select_posix(const char *cmd, const char *arg, struct shm_seg *out);

/* The one segment a command operates on, from a shmid argument ("/NAME"
 * for a POSIX object) or a -k key (exactly one of them non-NULL); key 0 is
 * private_key_error(). Not found, or not allowed to see it: an error line
 * naming the selector, exit 1. */
void select_segment(const char *cmd, const char *id_arg, const char *key_arg, struct shm_seg *out);

#endif
