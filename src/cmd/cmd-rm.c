/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "options.h"
#include "columns.h"
#include "query.h"
#include "rm-verdict.h"
#include "array.h"
#include "nsenter.h"
#include "posix.h"
#include "procscan.h"
#include "render.h"
#include "select.h"
#include "sysv.h"
#include "util.h"
#include "shown.h"

static const char cmdname[] = "rm";

struct rm_opts {
	bool all, dry_run, force, verbose, json;
};

/* What happened, for the exit status and -J: {"dry_run": bool, "removed":
 * [segment], "marked": [segment + "reason": "already"|"attached"], "skipped":
 * [segment + "reason": "attached"|"mapped"], "failed":
 * [{"shmid": n|null, "key": "0x..."|null, "error": "..."} or, for a POSIX
 * object, {"name": "/NAME", "error": "..."}], "denied": n (what --all
 * selected but the caller may not remove)}, a segment being what list -J
 * prints with its default columns (list --posix -J's for a POSIX object). */
struct rm_report {
	size_t removed, skipped, failed;
	size_t marked; /* still there, marked for removal: attached processes keep it */
	size_t raced;  /* of them, marked by this rm without --force */
	size_t denied; /* --all: selected, but the caller may not remove them */
	cJSON *root, *jremoved, *jmarked, *jskipped, *jfailed; /* only with -J */
};

static cJSON *need(cJSON *p)
{
	if (!p)
		errx(EXIT_FAIL, "cannot allocate the JSON output");
	return p;
}

/* A segment or object as list -J prints it with its type's default columns. */
static void json_add_segment(cJSON *arr, const struct shm_seg *s, const char *reason)
{
	size_t ncols;
	const int *cols = query_default_columns(seg_is_posix(s) ? TYPES_POSIX : TYPES_SYSV, &ncols);
	cJSON *obj = need(segment_json(s, cols, ncols));

	if (reason)
		need(cJSON_AddStringToObject(obj, "reason", reason));
	if (!cJSON_AddItemToArray(arr, obj))
		errx(EXIT_FAIL, "cannot allocate the JSON output");
}

/* A selector or a segment that could not be removed: its own error line. */
static void report_failure(struct rm_report *r, int32_t shmid, bool has_key, int32_t key,
			   const char *why)
{
	char kbuf[CELL_BUF_SIZE];

	if (shmid >= 0)
		warnx("%s: shmid %d: %s", cmdname, shmid, why);
	else
		warnx("%s: key 0x%08x: %s", cmdname, (unsigned)key, why);
	r->failed++;
	if (!r->root)
		return;
	cJSON *obj = need(cJSON_CreateObject());
	need(shmid >= 0 ? cJSON_AddNumberToObject(obj, "shmid", shmid)
			: cJSON_AddNullToObject(obj, "shmid"));
	need(has_key ? cJSON_AddStringToObject(obj, "key", fmt_key(key, kbuf))
		     : cJSON_AddNullToObject(obj, "key"));
	need(cJSON_AddStringToObject(obj, "error", why));
	if (!cJSON_AddItemToArray(r->jfailed, obj))
		errx(EXIT_FAIL, "cannot allocate the JSON output");
}

/* A POSIX object that could not be removed: its own error line, unless
 * the line already said why for all of them (quiet). */
static void posix_failure(struct rm_report *r, const char *name, const char *why, bool quiet)
{
	if (!quiet)
		warnx("%s: %s: %s", cmdname, shown(name), why);
	r->failed++;
	if (!r->root)
		return;
	cJSON *obj = need(cJSON_CreateObject());
	if (json_add_text(obj, "name", "name_hex", name) < 0)
		errx(EXIT_FAIL, "cannot allocate the JSON output");
	need(cJSON_AddStringToObject(obj, "error", why));
	if (!cJSON_AddItemToArray(r->jfailed, obj))
		errx(EXIT_FAIL, "cannot allocate the JSON output");
}

/* What one `rm` was asked to remove and what came of it. */
struct rm_ctl {
	struct rm_opts o;
	struct rm_report r;
	struct seg_query q; /* --all and its filters; -i and -k name segments without it */
	int32_t *ids;       /* the shmid operands, in argv order */
	size_t nids;
	char **posix_names; /* --posix and /NAME operands, in their slash form */
	size_t nposix, capposix;
	struct seg_list targets, posix_targets;
	struct proc_scan maps;
};

/* Explicit shmids and keys: each one that names nothing is a failure; a
 * segment named twice is removed once. */
static void collect_named(struct rm_ctl *ctl)
{
	const struct seg_filter *f = &ctl->q.filter;
	struct shm_seg s;
	int32_t id;

	for (size_t i = 0; i < f->nids + ctl->nids; i++) {
		id = i < f->nids ? f->ids[i] : ctl->ids[i - f->nids];
		if (sysv_stat(id, &s) < 0) {
			/* the kernel says EINVAL for an id that does not exist */
			int e = errno;
			report_failure(&ctl->r, id, false, 0,
				       e == EINVAL || e == EIDRM ? "no such segment" : strerror(e));
			continue;
		}
		if (!seg_list_has_shmid(&ctl->targets, s.shmid))
			*seg_list_add(&ctl->targets) = s;
	}
	for (size_t i = 0; i < f->nkeys; i++) {
		if (sysv_find_key(f->keys[i], &s) < 0) {
			int e = errno;
			report_failure(&ctl->r, -1, true, f->keys[i],
				       e == ENOENT ? "no such segment" : strerror(e));
			continue;
		}
		if (!seg_list_has_shmid(&ctl->targets, s.shmid))
			*seg_list_add(&ctl->targets) = s;
	}
}

/* The query's report of an --id or --key that names no segment at all. */
static void report_missing(void *data, int32_t shmid, bool has_key, int32_t key)
{
	report_failure(data, shmid, has_key, key, "no such segment");
}

/* --all: what the filters select among the segments this process may
 * remove. The others are left out, and one line says how many, so that a
 * user who may not remove them knows they are still there. An --id or
 * --key that names no segment at all is still a failure. -1 after error
 * lines (nothing could be read, lines of it were malformed, a selector
 * named nothing). */
static int collect_all(struct rm_ctl *ctl)
{
	struct seg_list *l = &ctl->targets;
	size_t n = 0;
	int rc;

	ctl->q.types = TYPES_SYSV;
	ctl->q.miss = report_missing;
	ctl->q.miss_data = &ctl->r;
	rc = query_run(&ctl->q, l);
	for (size_t i = 0; i < l->n; i++)
		if (sysv_may_remove(&l->v[i]))
			l->v[n++] = l->v[i];
	ctl->r.denied = l->n - n;
	l->n = n;
	/* an orphan left out is no reason to remove the others: nothing goes */
	if (ctl->q.incomplete) {
		warnx("%s: --orphans: removed nothing", cmdname);
		l->n = 0;
		return -1;
	}
	if (ctl->r.denied)
		warnx("%s: left %zu selected segment%s: only the owner or creator, or "
		      "CAP_SYS_ADMIN, may remove %s", cmdname, ctl->r.denied,
		      ctl->r.denied == 1 ? "" : "s", ctl->r.denied == 1 ? "it" : "them");
	return rc == 0 ? 0 : -1;
}

/* "goes when the last of 3 processes detaches": what keeps a segment
 * marked for removal alive, from the kernel's count. */
static const char *goes_when(uint64_t nattch, char *buf, size_t size)
{
	if (nattch == 1)
		snprintf(buf, size, "goes when the process attached to it detaches");
	else
		snprintf(buf, size, "goes when the last of %" PRIu64 " processes detaches", nattch);
	return buf;
}

/* A segment that IPC_RMID only marked, because processes were attached:
 * "already" (marked before this rm) or "attached" (marked by it). */
static void note_marked(struct rm_report *r, const struct shm_seg *s, const char *reason)
{
	r->marked++;
	if (r->root)
		json_add_segment(r->jmarked, s, reason);
}

/* Who may remove a segment, for the line that says this caller may not. */
static void refuse_sysv(struct rm_report *r, const struct shm_seg *s)
{
	char why[160];

	snprintf(why, sizeof(why), "%s (only its owner or creator, or CAP_SYS_ADMIN, may remove it)",
		 strerror(EPERM));
	report_failure(r, s->shmid, true, s->key, why);
}

/* Reports what the kernel did with IPC_RMID, from a fresh IPC_STAT: gone,
 * or only marked because a process attached after the check (the kernel
 * has no "remove if unattached"). */
static void removed_or_marked(const struct shm_seg *s, const struct rm_opts *o,
			      struct rm_report *r)
{
	struct shm_seg after;
	char when[96];

	/* a later segment never reuses the shmid at once: its sequence differs */
	if (sysv_stat(s->shmid, &after) == 0 && (after.mode & SEG_MODE_DEST) && after.nattch > 0) {
		goes_when(after.nattch, when, sizeof(when));
		if (!o->force) {
			warnx("%s: shmid %d: marked for removal, not removed: a process attached "
			      "after the check; %s", cmdname, s->shmid, when);
			r->raced++;
		} else if (!r->root && o->verbose) {
			printf("marked shmid %d (key 0x%08x) for removal; %s\n", s->shmid,
			       (unsigned)s->key, when);
		}
		note_marked(r, &after, "attached");
		return;
	}
	r->removed++;
	if (r->root)
		json_add_segment(r->jremoved, s, NULL);
	else if (o->verbose)
		printf("removed shmid %d (key 0x%08x)\n", s->shmid, (unsigned)s->key);
}

/* listed: the segment as collected. Its attach count is read again just
 * before IPC_RMID, the narrowest window user space has. */
static void remove_one(const struct shm_seg *listed, const struct rm_opts *o,
		       struct rm_report *r)
{
	struct shm_seg s;
	char reason[96];

	/* a dry run predicts from what was listed, as list shows it */
	if (o->dry_run) {
		s = *listed;
	} else if (sysv_stat(listed->shmid, &s) < 0) {
		int e = errno;
		/* gone since it was listed: --all takes the world as it finds it */
		if ((e == EINVAL || e == EIDRM) && o->all)
			return;
		report_failure(r, listed->shmid, true, listed->key,
			       e == EINVAL || e == EIDRM ? "no such segment" : strerror(e));
		return;
	}
	/* the kernel decides for real; predict it so that no hint suggests
	 * what cannot work for this caller */
	switch (rm_decide(&s, 0, o->force)) {
	case RM_ALREADY:
		warnx("%s: shmid %d: already marked for removal; %s", cmdname, s.shmid,
		      goes_when(s.nattch, reason, sizeof(reason)));
		note_marked(r, &s, "already");
		return;
	case RM_REFUSED:
		refuse_sysv(r, &s);
		return;
	case RM_SKIPPED:
		snprintf(reason, sizeof(reason), "%" PRIu64 " process%s attached", s.nattch,
			 s.nattch == 1 ? "" : "es");
		warnx("%s: shmid %d: skipped: %s; --force removes it anyway", cmdname, s.shmid,
		      reason);
		r->skipped++;
		if (r->root)
			json_add_segment(r->jskipped, &s, "attached");
		return;
	case RM_REMOVE:
		break;
	}
	if (o->dry_run) {
		r->removed++;
		if (r->root)
			json_add_segment(r->jremoved, &s, NULL);
		else
			printf("would remove shmid %d (key 0x%08x)\n", s.shmid, (unsigned)s.key);
		return;
	}
	if (sysv_remove(s.shmid) < 0) {
		int e = errno;
		if ((e == EINVAL || e == EIDRM) && o->all)
			return;
		if (e == EPERM)
			refuse_sysv(r, &s);
		else
			report_failure(r, s.shmid, true, s.key,
				       e == EINVAL || e == EIDRM ? "no such segment" : strerror(e));
		return;
	}
	removed_or_marked(&s, o, r);
}

/* "1234 (app), 1240 (app)": who maps it, for the line that skips it. */
static void describe_mappers(const struct proc_att *a, size_t n, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		if (i == 4) {
			snprintf(buf + used, size - used, ", ...");
			return;
		}
		used += (size_t)snprintf(buf + used, size - used, "%s%d (%s)", i ? ", " : "",
					 (int)a[i].pid, a[i].comm[0] ? shown(a[i].comm) : "?");
	}
}

/* Why this caller may not unlink an object, naming what it would need; the
 * kernel's own errno when it refused (e), else the one it would give. */
static void refuse_posix(struct rm_report *r, const struct shm_seg *s, int e)
{
	char why[192];
	struct stat dir;

	if (stat(POSIX_SHM_DIR, &dir) == 0 && (dir.st_mode & S_ISVTX) &&
	    faccessat(AT_FDCWD, POSIX_SHM_DIR, W_OK | X_OK, AT_EACCESS) == 0)
		snprintf(why, sizeof(why), "%s (" POSIX_SHM_DIR " is sticky: only the object's "
			 "owner, the directory's owner or CAP_FOWNER may remove it)",
			 strerror(e ? e : EPERM));
	else
		snprintf(why, sizeof(why), "%s (needs write permission on " POSIX_SHM_DIR ")",
			 strerror(e ? e : EACCES));
	posix_failure(r, s->name, why, false);
}

static void remove_posix(const struct shm_seg *s, const struct proc_scan *maps,
			 const struct rm_opts *o, struct rm_report *r)
{
	const struct proc_att *a = NULL;
	size_t npids = 0;
	dev_t dev;
	ino_t ino;

	if (!o->force && posix_file_id(s->name, &dev, &ino) == 0)
		a = proc_scan_find_file(maps, dev, ino, &npids);
	/* a hint to --force only where --force could work */
	switch (rm_decide(s, npids, o->force)) {
	case RM_REFUSED:
		refuse_posix(r, s, 0);
		return;
	case RM_SKIPPED: {
		char who[256];

		describe_mappers(a, npids, who, sizeof(who));
		warnx("%s: %s: skipped: mapped by %zu process%s: %s; --force removes it anyway",
		      cmdname, shown(s->name), npids, npids == 1 ? "" : "es", who);
		r->skipped++;
		if (r->root)
			json_add_segment(r->jskipped, s, "mapped");
		return;
	}
	default:
		break;
	}
	if (!o->dry_run && posix_unlink(s->name) < 0) {
		int e = errno;
		if (e == EPERM || e == EACCES)
			refuse_posix(r, s, e);
		else
			posix_failure(r, s->name, e == ENOENT ? "no such object" : strerror(e),
				      false);
		return;
	}
	r->removed++;
	if (r->root)
		json_add_segment(r->jremoved, s, NULL);
	else if (o->dry_run)
		printf("would remove POSIX object %s\n", shown(s->name));
	else if (o->verbose)
		printf("removed POSIX object %s\n", shown(s->name));
}

/* The POSIX objects named, each once; one that names nothing is a failure. */
static void collect_posix(char **names, size_t n, struct seg_list *out, struct rm_report *r)
{
	const char *why;
	struct shm_seg s;

	if (n && posix_dir_check(&why) < 0) {
		warnx("%s: %s: %s", cmdname, POSIX_SHM_DIR, why);
		for (size_t i = 0; i < n; i++)
			posix_failure(r, names[i], why, true);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		if (posix_stat(names[i], &s) < 0) {
			int e = errno;
			posix_failure(r, names[i], e == ENOENT ? "no such object" : strerror(e),
				      false);
			continue;
		}
		for (size_t j = 0; j < out->n && !seen; j++)
			seen = strcmp(out->v[j].name, s.name) == 0;
		if (!seen)
			*seg_list_add(out) = s;
	}
}

static void report_init(struct rm_report *r, const struct rm_opts *o)
{
	r->root = need(cJSON_CreateObject());
	need(cJSON_AddBoolToObject(r->root, "dry_run", o->dry_run));
	r->jremoved = need(cJSON_AddArrayToObject(r->root, "removed"));
	r->jmarked = need(cJSON_AddArrayToObject(r->root, "marked"));
	r->jskipped = need(cJSON_AddArrayToObject(r->root, "skipped"));
	r->jfailed = need(cJSON_AddArrayToObject(r->root, "failed"));
}

enum {
	OPT_ALL = FILTER_OPT_END,
	OPT_DRY_RUN,
	OPT_FORCE,
	OPT_POSIX,
	OPT_VERBOSE,
	OPT_JSON,
	OPT_ALL_NAMESPACES,
};

static opt_call_fn rm_option;

#define RM_TRUE(field) OPT_TRUE(struct rm_ctl, o.field)

static const struct opt_desc options[] = {
	{ OPT_ALL, 0, "all", OPT_NOARG, NULL,
	  "remove every System V segment the filters select and\nyou may remove (no filter: all of them)",
	  "Options:", RM_TRUE(all) },
	{ OPT_DRY_RUN, 0, "dry-run", OPT_NOARG, NULL, "print what would be removed, remove nothing",
	  NULL, RM_TRUE(dry_run) },
	/* -a is --all-types and -n --noheadings elsewhere: the old letters
	 * still work, with a note (no help: a deprecated spelling) */
	{ OPT_ALL, 'a', NULL, OPT_NOARG, NULL, NULL, NULL },
	{ OPT_DRY_RUN, 'n', NULL, OPT_NOARG, NULL, NULL, NULL },
	{ OPT_FORCE, 'f', "force", OPT_NOARG, NULL, "remove attached segments and mapped objects too",
	  NULL, RM_TRUE(force) },
	{ OPT_POSIX, 0, "posix", OPT_ARG, "<name>", "the POSIX object /<name> (repeatable)", NULL,
	  OPT_CALL(rm_option) },
	{ OPT_VERBOSE, 'v', "verbose", OPT_NOARG, NULL, "print a line for each removed segment", NULL,
	  RM_TRUE(verbose) },
	{ OPT_JSON, 'J', "json", OPT_NOARG, NULL,
	  "print what was removed, skipped and failed as JSON", NULL, RM_TRUE(json) },
	{ OPT_ALL_NAMESPACES, 'A', "all-namespaces", OPT_NOARG, NULL,
	  "refused: rm acts in the one namespace -N names", NULL, OPT_CALL(rm_option) },
	FILTER_OPTIONS("Filters (with --all; --id and --key also name segments without it, and\n"
		       "--orphans alone removes every orphan):", struct rm_ctl, q.filter),
};

const struct cmd_options cmd_rm_options = {
	CMD_OPTIONS(FILTER_EXCL, { { OPT_VERBOSE, OPT_JSON } }),
	.negative_what = "shmid",
	.negative_why = "expected a non-negative decimal number",
	.usage = " %1$s rm <shmid>... [options]\n"
		 " %1$s rm -k <key>... [options]\n"
		 " %1$s rm /<name>... [options]\n"
		 " %1$s rm --all [filters] [options]\n"
		 " %1$s rm --orphans [filters] [options]\n\n"
		 "Remove System V shared memory segments (IPC_RMID) and POSIX shared memory\n"
		 "objects (shm_unlink), given as /<name> or with --posix.\n\n"
		 "A segment with processes attached, or an object processes map, is skipped\n"
		 "unless --force: the kernel would only mark it for removal while its users\n"
		 "go on using it.\n",
};

/* A POSIX name of --posix ("app" or "/app") or of an operand ("/app"), in
 * its slash form; a bad one is a usage error. */
static char *posix_name_arg(const char *arg)
{
	char buf[POSIX_NAME_BUF_SIZE];
	const char *why;

	if (posix_name_from_arg(arg, buf, &why) < 0)
		usage_error(cmdname, "invalid name '%s': %s", shown_typed(arg), why);
	return xstrdup(buf);
}

static void add_posix_name(struct rm_ctl *ctl, const char *arg)
{
	*ARRAY_PUSH(ctl->posix_names, ctl->nposix, ctl->capposix) = posix_name_arg(arg);
}

/* --posix NAME and the refused --all-namespaces. */
static int rm_option(void *ctl, int id, const char *arg, const char *cmd)
{
	if (id == OPT_POSIX)
		add_posix_name(ctl, arg);
	/* never across namespaces implicitly: -N names the one */
	else if (!ns_entered())
		usage_error(cmd, "--all-namespaces is refused: rm acts in one IPC "
				 "namespace; name it with -N PID|CONTAINER");
	return 0;
}

/* The operands, and what the options say together. Every check on what
 * was typed comes before the first removal. */
static int check_args(struct rm_ctl *ctl, struct opt_parser *op, int argc, char **argv)
{
	const struct seg_filter *f = &ctl->q.filter;
	struct rm_opts *o = &ctl->o;
	int rc;

	if (f->orphans)
		o->all = true; /* --orphans is --all narrowed to the orphans */
	if (o->all && optind < argc)
		extra_operand(cmdname, argv[optind]);
	if (o->all && ctl->nposix)
		usage_error(cmdname, "--all removes System V segments only; "
				     "name POSIX objects without it");
	/* shmids stay in argv order among themselves; /NAME operands join --posix */
	ctl->ids = xcalloc((size_t)(argc - optind) + 1, sizeof(*ctl->ids));
	for (int i = optind; i < argc; i++) {
		if (argv[i][0] == '/')
			add_posix_name(ctl, argv[i]);
		else if ((rc = id_arg(cmdname, argv[i], &ctl->ids[ctl->nids++])) != 0)
			return rc;
	}
	if (!o->all && (f->has_owner || f->has_creator || f->has_larger || f->attached ||
			f->unattached || f->dest || f->locked))
		usage_error(cmdname, "filters other than --id and --key select among --all; "
				     "add --all");
	if (!o->all && optind == argc && !f->nids && !f->nkeys && !ctl->nposix)
		usage_error(cmdname, "nothing to remove: give shmids, --key, /NAME or --all; "
				     "try '%s rm --help'",
			    program_invocation_short_name);
	opts_exclusive(op);
	for (size_t i = 0; !o->all && i < f->nkeys; i++)
		if (f->keys[i] == IPC_PRIVATE)
			return private_key_refused(cmdname);
	return 0;
}

/* collect -> remove, System V then POSIX -> report */
static int rm(struct rm_ctl *ctl)
{
	struct rm_report *r = &ctl->r;
	int rc = EXIT_OK;

	if (ctl->o.json)
		report_init(r, &ctl->o);
	if (!ctl->o.all)
		collect_named(ctl);
	else if (collect_all(ctl) < 0)
		rc = EXIT_FAIL;
	for (size_t i = 0; i < ctl->targets.n; i++)
		remove_one(&ctl->targets.v[i], &ctl->o, r);
	collect_posix(ctl->posix_names, ctl->nposix, &ctl->posix_targets, r);
	/* one pass over /proc for every object, and only when it can matter */
	if (ctl->posix_targets.n && !ctl->o.force)
		proc_scan_run(&ctl->maps, PROC_SCAN_POSIX);
	for (size_t i = 0; i < ctl->posix_targets.n; i++)
		remove_posix(&ctl->posix_targets.v[i], &ctl->maps, &ctl->o, r);

	/* --all skipping an attached segment is what it promises; a named one
	 * left in place is a failure */
	if (r->failed || r->raced || (!ctl->o.all && r->skipped))
		rc = EXIT_FAIL;
	if (r->root)
		need(cJSON_AddNumberToObject(r->root, "denied", (double)r->denied));
	if (r->root && print_json(r->root) < 0)
		rc = EXIT_FAIL;
	return rc;
}

int cmd_rm(int argc, char **argv)
{
	struct rm_ctl ctl = { .q = { .cmd = cmdname } };
	struct opt_parser op;
	int rc = opts_parse(&op, &cmd_rm_options, &ctl, argc, argv);

	if (rc == 0)
		rc = check_args(&ctl, &op, argc, argv);
	if (rc == 0)
		rc = rm(&ctl);
	cJSON_Delete(ctl.r.root);
	seg_list_free(&ctl.targets);
	seg_list_free(&ctl.posix_targets);
	proc_scan_free(&ctl.maps);
	for (size_t i = 0; i < ctl.nposix; i++)
		free(ctl.posix_names[i]);
	free(ctl.posix_names);
	free(ctl.ids);
	query_free(&ctl.q);
	return rc;
}
