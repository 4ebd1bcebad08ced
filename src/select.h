/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SELECT_H
#define SHMTOOL_SELECT_H

/* Choosing segments: the filters `list` and `rm --all` share, and turning
 * what the user typed for a key into a key. */

#include <stdbool.h>
#include <stdint.h>
#include "optable.h"
#include "segment.h"

struct seg_filter {
	int32_t *ids;
	size_t nids, capids;
	int32_t *keys;
	size_t nkeys, capkeys;
	bool has_owner, has_creator, has_larger, has_older;
	uint32_t owner;
	int32_t creator;
	uint64_t larger_than;
	int64_t created_before; /* --older-than: a CTIME before this, in epoch seconds */
	bool attached, unattached, dest, locked, orphans;
};

/* The filter options: a fragment of the option tables of list and rm,
 * under a section title of theirs, whose own ids start at FILTER_OPT_END.
 * They store into the struct seg_filter member of the command's struct
 * type, and those that need logic go to filter_option. FILTER_EXCL is the
 * exclusive group among them. */
enum {
	FILTER_OPT_ID = 1,
	FILTER_OPT_KEY,
	FILTER_OPT_OWNER,
	FILTER_OPT_CREATOR,
	FILTER_OPT_ATTACHED,
	FILTER_OPT_UNATTACHED,
	FILTER_OPT_DEST,
	FILTER_OPT_LOCKED,
	FILTER_OPT_LARGER,
	FILTER_OPT_ORPHANS,
	FILTER_OPT_OLDER,
	FILTER_OPT_END,
};

#define FILTER_CALL(type, f) OPT_CALL_AT(filter_option, type, f)

#define FILTER_OPTIONS(title, type, f) \
	{ FILTER_OPT_ID, 'i', "id", OPT_ARG, "<id>", "only this shmid (repeatable)", title, \
	  FILTER_CALL(type, f) }, \
	{ FILTER_OPT_KEY, 'k', "key", OPT_ARG, "<key>", \
	  "only this key: number, 0x-hex or @PATH[:PROJ] (repeatable)", NULL, FILTER_CALL(type, f) }, \
	{ FILTER_OPT_OWNER, 'u', "owner", OPT_ARG, "<user>", \
	  "only segments this user (name or uid) owns", NULL, FILTER_CALL(type, f) }, \
	{ FILTER_OPT_CREATOR, 0, "creator", OPT_ARG, "<pid>", "only segments this process created", \
	  NULL, FILTER_CALL(type, f) }, \
	{ FILTER_OPT_ATTACHED, 0, "attached", OPT_NOARG, NULL, "only segments with processes attached", \
	  NULL, OPT_TRUE(type, f.attached) }, \
	{ FILTER_OPT_UNATTACHED, 0, "unattached", OPT_NOARG, NULL, "only segments with none attached", \
	  NULL, OPT_TRUE(type, f.unattached) }, \
	{ FILTER_OPT_DEST, 0, "dest", OPT_NOARG, NULL, "only segments marked for removal", NULL, \
	  OPT_TRUE(type, f.dest) }, \
	{ FILTER_OPT_LOCKED, 0, "locked", OPT_NOARG, NULL, "only segments locked in memory", NULL, \
	  OPT_TRUE(type, f.locked) }, \
	{ FILTER_OPT_LARGER, 0, "larger-than", OPT_ARG, "<size>", "only segments larger than size", \
	  NULL, OPT_SIZE_GIVEN(type, f.larger_than, f.has_larger) }, \
	{ FILTER_OPT_ORPHANS, 0, "orphans", OPT_NOARG, NULL, \
	  "only segments no process has attached whose\ncreator is gone", NULL, \
	  OPT_TRUE(type, f.orphans) }, \
	{ FILTER_OPT_OLDER, 0, "older-than", OPT_ARG, "<duration>", \
	  "only segments created longer ago than duration:\nseconds, or a number and s, m, h or d", \
	  NULL, FILTER_CALL(type, f) }

#define FILTER_EXCL { { FILTER_OPT_ATTACHED, FILTER_OPT_UNATTACHED } }

/* Library code: every function below that can fail prints its one error
 * line and returns the exit status for the command to use (EXIT_USAGE
 * for what was typed, EXIT_FAIL for what the system said), 0 on success.
 * None exits (out of memory aside, as everywhere: xalloc.h);
 * src/cmd/args.h has the exiting forms for the commands that want them. */

/* Applies filter option id (--id, --key, --owner, --creator, --older-than)
 * to the struct seg_filter f: 0, or the exit status after its error line. */
int filter_option(void *f, int id, const char *arg, const char *cmd);

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

/* The options that name it: the first entries of a command's option
 * table, whose own ids start at SELECTOR_OPT_END; they store into the
 * struct selector member of the command's struct type. SELECTOR_EXCL is
 * the exclusive group of the two. */
enum { SEL_OPT_KEY = 1, SEL_OPT_POSIX, SELECTOR_OPT_END };

#define SELECTOR_OPTIONS(type, member) \
	{ SEL_OPT_KEY, 'k', "key", OPT_ARG, "<key>", \
	  "the segment with this key: number, 0x-hex or @PATH[:PROJ]", "Options:", \
	  OPT_STR(type, member.key) }, \
	{ SEL_OPT_POSIX, 0, "posix", OPT_ARG, "<name>", \
	  "the POSIX object /<name> (also given as /<name>)", NULL, OPT_STR(type, member.posix) }

#define SELECTOR_EXCL { { SEL_OPT_KEY, SEL_OPT_POSIX } }

/* Checks that a way was given: EXIT_USAGE after the error line when none
 * was (-k with --posix is the option table's exclusive group). */
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
