/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SELECT_H
#define SHMTOOL_SELECT_H

/* Choosing segments: the filters `list` and `rm --all` share, and turning
 * what the user typed for a key into a key. */

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
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

/* Library code: every function below that can fail prints its one error
 * line and returns the exit status for the command to use (EXIT_USAGE
 * for what was typed, EXIT_FAIL for what the system said), 0 on success.
 * None exits (out of memory aside, as everywhere: xalloc.h);
 * src/cmd/args.h has the exiting forms for the commands that want them. */

/* Whether c is one of the filter options (FILTER_SHORTOPTS, FILTER_LONGOPTS). */
bool filter_takes(int c);

/* Applies filter option c to f: 0, or the exit status after its error line. */
int filter_option(struct seg_filter *f, int c, const char *arg, const char *cmd);

bool filter_match(const struct seg_filter *f, const struct shm_seg *s);
bool filter_is_empty(const struct seg_filter *f);
void filter_free(struct seg_filter *f);

/* An --id (shmid, has_key false) or --key (shmid -1, has_key true) that
 * matches no segment at all: list prints an error line, rm reports a
 * failure. */
typedef void filter_miss_fn(void *data, int32_t shmid, bool has_key, int32_t key);

/* Keeps the matching segments of l. Each --id or --key that matches no
 * segment at all goes to miss; returns the number of those. */
size_t filter_apply(const struct seg_filter *f, struct seg_list *l, filter_miss_fn *miss,
		    void *data);

/* The key a user typed, ftok applied: EXIT_USAGE when malformed, EXIT_FAIL when ftok fails. */
int key_arg(const char *cmd, const char *arg, int32_t *out);

/* A size a user typed (offsets, lengths, --larger-than): EXIT_USAGE when malformed. */
int size_arg(const char *cmd, const char *arg, uint64_t *out);

/* A shmid a user typed: EXIT_USAGE when malformed. */
int id_arg(const char *cmd, const char *arg, int32_t *out);

/* Key 0 (IPC_PRIVATE) names no one segment: the usage error line for a
 * command that wanted one; returns EXIT_USAGE. */
int private_key_refused(const char *cmd);

/* What names the one segment or object of attach-dump and write: an
 * operand (a shmid, or /NAME), -k KEY, or --posix NAME. */
struct selector {
	const char *operand, *key, *posix;
};

/* The options that name it; their values stay below 0x100. */
enum { OPT_SELECT_POSIX = 0x80 };

#define SELECTOR_LONGOPTS \
	{ "key", required_argument, NULL, 'k' }, \
	{ "posix", required_argument, NULL, OPT_SELECT_POSIX }

/* 1 when c was -k or --posix (kept in sel), 0 when it is not one. */
int selector_option(struct selector *sel, int c, const char *arg);

/* Checks that exactly one way was given: EXIT_USAGE after the error line
 * when none was, or both -k and --posix. */
int selector_given(const char *cmd, const struct selector *sel);

/* The segment or object the selector names (see lookup_segment). */
int selector_lookup(const char *cmd, const struct selector *sel, struct shm_seg *out);

/* A POSIX object by name ("app" or "/app"): a bad name is EXIT_USAGE; a
 * missing object or /dev/shm EXIT_FAIL. */
int lookup_posix(const char *cmd, const char *arg, struct shm_seg *out);

/* The one segment a command operates on, from a shmid argument ("/NAME"
 * for a POSIX object) or a -k key (exactly one of them non-NULL); key 0 is
 * private_key_refused(). Not found, or not allowed to see it: EXIT_FAIL
 * after an error line naming the selector. */
int lookup_segment(const char *cmd, const char *id_text, const char *key_text, struct shm_seg *out);

#endif
