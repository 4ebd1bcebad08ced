/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>

#include "cmd.h"
#include "columns.h"
#include "names.h"
#include "nsenter.h"
#include "posix.h"
#include "procscan.h"
#include "render.h"
#include "select.h"
#include "sysv.h"
#include "util.h"

static const char cmdname[] = "rm";

struct rm_opts {
	bool all, dry_run, force, verbose, json;
};

/* What happened, for the exit status and -J: {"dry_run": bool, "removed":
 * [segment], "skipped": [segment + "reason": "attached"|"mapped"], "failed":
 * [{"shmid": n|null, "key": "0x..."|null, "error": "..."} or, for a POSIX
 * object, {"name": "/NAME", "error": "..."}]}, a segment being what list -J
 * prints with its default columns (list --posix -J's for a POSIX object). */
struct rm_report {
	size_t removed, skipped, failed;
	cJSON *root, *jremoved, *jskipped, *jfailed; /* only with -J */
};

static void usage(void)
{
	printf("Usage:\n"
	       " %1$s rm <shmid>... [options]\n"
	       " %1$s rm -k <key>... [options]\n"
	       " %1$s rm /<name>... [options]\n"
	       " %1$s rm --all [filters] [options]\n"
	       " %1$s rm --orphans [filters] [options]\n\n"
	       "Remove System V shared memory segments (IPC_RMID) and POSIX shared memory\n"
	       "objects (shm_unlink), given as /<name> or with --posix.\n\n"
	       "A segment with processes attached, or an object processes map, is skipped\n"
	       "unless --force: the kernel would only mark it for removal while its users\n"
	       "go on using it.\n\n"
	       "Options:\n"
	       " -a, --all                remove every System V segment the filters select and\n"
	       "                          you may remove (no filter: all of them)\n"
	       " -n, --dry-run            print what would be removed, remove nothing\n"
	       " -f, --force              remove attached segments and mapped objects too\n"
	       "     --posix <name>       the POSIX object /<name> (repeatable)\n"
	       " -v, --verbose            print a line for each removed segment\n"
	       " -J, --json               print what was removed, skipped and failed as JSON\n"
	       " -A, --all-namespaces     refused: rm acts in the one namespace -N names\n"
	       " -h, --help               display this help\n\n"
	       "Filters (with --all; --id and --key also name segments without it, and\n"
	       "--orphans alone removes every orphan):\n"
	       FILTER_HELP,
	       program_invocation_short_name);
}

static cJSON *need(cJSON *p)
{
	if (!p)
		errx(EXIT_FAIL, "cannot allocate the JSON output");
	return p;
}

static void json_add_segment(cJSON *arr, const struct shm_seg *s, const char *reason)
{
	cJSON *obj = need(segment_json(s, default_columns, n_default_columns));

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
		warnx("%s: %s: %s", cmdname, name, why);
	r->failed++;
	if (!r->root)
		return;
	cJSON *obj = need(cJSON_CreateObject());
	need(cJSON_AddStringToObject(obj, "name", name));
	need(cJSON_AddStringToObject(obj, "error", why));
	if (!cJSON_AddItemToArray(r->jfailed, obj))
		errx(EXIT_FAIL, "cannot allocate the JSON output");
}

static void json_add_posix(cJSON *arr, const struct shm_seg *s, const char *reason)
{
	cJSON *obj = need(segment_json(s, default_columns_posix, n_default_columns_posix));

	if (reason)
		need(cJSON_AddStringToObject(obj, "reason", reason));
	if (!cJSON_AddItemToArray(arr, obj))
		errx(EXIT_FAIL, "cannot allocate the JSON output");
}

static bool has_shmid(const struct seg_list *l, int32_t shmid)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].shmid == shmid)
			return true;
	return false;
}

/* Explicit shmids and keys: each one that names nothing is a failure; a
 * segment named twice is removed once. */
static void collect_named(const struct seg_filter *f, char **ids, int nids, struct seg_list *out,
			  struct rm_report *r)
{
	struct shm_seg s;
	int32_t id;

	for (size_t i = 0; i < f->nids + (size_t)nids; i++) {
		id = i < f->nids ? f->ids[i] : resolve_id(ids[i - f->nids], cmdname);
		if (sysv_stat(id, &s) < 0) {
			/* the kernel says EINVAL for an id that does not exist */
			int e = errno;
			report_failure(r, id, false, 0,
				       e == EINVAL || e == EIDRM ? "no such segment" : strerror(e));
			continue;
		}
		if (!has_shmid(out, s.shmid))
			*seg_list_add(out) = s;
	}
	for (size_t i = 0; i < f->nkeys; i++) {
		if (sysv_find_key(f->keys[i], &s) < 0) {
			int e = errno;
			report_failure(r, -1, true, f->keys[i],
				       e == ENOENT ? "no such segment" : strerror(e));
			continue;
		}
		if (!has_shmid(out, s.shmid))
			*seg_list_add(out) = s;
	}
}

/* --all: what the filters select among the segments this process may
 * remove; the others are left out without a word, as list leaves out
 * what its filters do not select. An --id or --key that names no segment
 * at all is still a failure. */
static int collect_all(const struct seg_filter *f, struct seg_list *out, struct rm_report *r)
{
	struct seg_list all = { 0 };
	struct list_report rep;
	size_t j;

	if (sysv_list(&all, &rep) < 0) {
		warn("%s: cannot read the segment list", cmdname);
		return -1;
	}
	for (size_t i = 0; i < f->nids; i++) {
		for (j = 0; j < all.n && all.v[j].shmid != f->ids[i]; j++)
			;
		if (j == all.n)
			report_failure(r, f->ids[i], false, 0, "no such segment");
	}
	for (size_t i = 0; i < f->nkeys; i++) {
		for (j = 0; j < all.n && all.v[j].key != f->keys[i]; j++)
			;
		if (j == all.n)
			report_failure(r, -1, true, f->keys[i], "no such segment");
	}
	for (size_t i = 0; i < all.n; i++)
		if (filter_match(f, &all.v[i]) && sysv_may_remove(&all.v[i]))
			*seg_list_add(out) = all.v[i];
	seg_list_free(&all);
	return 0;
}

static void remove_one(const struct shm_seg *s, const struct rm_opts *o, struct rm_report *r)
{
	char reason[96];

	if (s->nattch > 0 && !o->force) {
		snprintf(reason, sizeof(reason), "%" PRIu64 " process%s attached", s->nattch,
			 s->nattch == 1 ? "" : "es");
		warnx("%s: shmid %d: skipped: %s; --force removes it anyway", cmdname, s->shmid,
		      reason);
		r->skipped++;
		if (r->root)
			json_add_segment(r->jskipped, s, "attached");
		return;
	}
	if (o->dry_run) {
		/* the kernel decides for real; predict it so the dry run tells */
		if (!sysv_may_remove(s)) {
			report_failure(r, s->shmid, true, s->key, strerror(EPERM));
			return;
		}
	} else if (sysv_remove(s->shmid) < 0) {
		int e = errno;
		/* gone since it was listed: --all takes the world as it finds it */
		if ((e == EINVAL || e == EIDRM) && o->all)
			return;
		report_failure(r, s->shmid, true, s->key,
			       e == EINVAL || e == EIDRM ? "no such segment" : strerror(e));
		return;
	}
	r->removed++;
	if (r->root)
		json_add_segment(r->jremoved, s, NULL);
	else if (o->dry_run)
		printf("would remove shmid %d (key 0x%08x)\n", s->shmid, (unsigned)s->key);
	else if (o->verbose)
		printf("removed shmid %d (key 0x%08x)\n", s->shmid, (unsigned)s->key);
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
					 (int)a[i].pid, a[i].comm[0] ? a[i].comm : "?");
	}
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
	if (a) {
		char who[256];

		describe_mappers(a, npids, who, sizeof(who));
		warnx("%s: %s: skipped: mapped by %zu process%s: %s; --force removes it anyway",
		      cmdname, s->name, npids, npids == 1 ? "" : "es", who);
		r->skipped++;
		if (r->root)
			json_add_posix(r->jskipped, s, "mapped");
		return;
	}
	if (o->dry_run) {
		if (!posix_may_unlink(s)) {
			posix_failure(r, s->name, strerror(EPERM), false);
			return;
		}
	} else if (posix_unlink(s->name) < 0) {
		int e = errno;
		posix_failure(r, s->name, e == ENOENT ? "no such object" : strerror(e), false);
		return;
	}
	r->removed++;
	if (r->root)
		json_add_posix(r->jremoved, s, NULL);
	else if (o->dry_run)
		printf("would remove POSIX object %s\n", s->name);
	else if (o->verbose)
		printf("removed POSIX object %s\n", s->name);
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
	r->jskipped = need(cJSON_AddArrayToObject(r->root, "skipped"));
	r->jfailed = need(cJSON_AddArrayToObject(r->root, "failed"));
}

enum {
	OPT_DRY_RUN = FILTER_OPT_END,
	OPT_POSIX,
};

/* A POSIX name of --posix ("app" or "/app") or of an operand ("/app"), in
 * its slash form; a bad one is a usage error. */
static char *posix_name_arg(const char *arg)
{
	char buf[POSIX_NAME_BUF_SIZE];
	const char *why;

	if (posix_name_from_arg(arg, buf, &why) < 0)
		usage_error(cmdname, "invalid name '%s': %s", arg, why);
	return xstrdup(buf);
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "force", no_argument, NULL, 'f' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'J' },
		{ "posix", required_argument, NULL, OPT_POSIX },
		{ "all-namespaces", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		FILTER_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct rm_opts o = { 0 };
	struct rm_report r = { 0 };
	struct seg_filter filter = { 0 };
	struct seg_list targets = { 0 }, posix_targets = { 0 };
	struct proc_scan maps = { 0 };
	char **posix_names = NULL, **ids;
	const char *neg;
	size_t nposix = 0, nids = 0;
	int c, rc = EXIT_OK;

	while ((c = getopt_long(argc, argv, ":anfvJAh" FILTER_SHORTOPTS, longopts, NULL)) != -1) {
		if (filter_option(&filter, c, optarg, cmdname))
			continue;
		switch (c) {
		case 'a':
			o.all = true;
			break;
		case 'n':
			o.dry_run = true;
			break;
		case 'f':
			o.force = true;
			break;
		case 'v':
			o.verbose = true;
			break;
		case 'J':
			o.json = true;
			break;
		case OPT_POSIX:
			posix_names = xreallocarray(posix_names, nposix + 1, sizeof(*posix_names));
			posix_names[nposix++] = posix_name_arg(optarg);
			break;
		case 'A':
			/* never across namespaces implicitly: -N names the one */
			if (!ns_entered())
				usage_error(cmdname, "--all-namespaces is refused: rm acts in one IPC "
						     "namespace; name it with -N PID|CONTAINER");
			break;
		case 'h':
			usage();
			return EXIT_OK;
		default:
			/* getopt takes "-5" for an option: as a shmid it is a negative one */
			if ((neg = negative_operand(c, argc, argv)) != NULL)
				usage_error(cmdname, "invalid shmid '%s': expected a non-negative decimal number",
					    neg);
			bad_option(cmdname, c, argv);
		}
	}
	/* every check on what was typed comes before the first removal */
	if (filter.orphans)
		o.all = true; /* --orphans is --all narrowed to the orphans */
	if (o.all && optind < argc)
		extra_operand(cmdname, argv[optind]);
	if (o.all && nposix)
		usage_error(cmdname, "--all removes System V segments only; "
				     "name POSIX objects without it");
	/* shmids stay in argv order among themselves; /NAME operands join --posix */
	ids = xcalloc((size_t)(argc - optind) + 1, sizeof(*ids));
	for (int i = optind; i < argc; i++) {
		if (argv[i][0] == '/') {
			posix_names = xreallocarray(posix_names, nposix + 1, sizeof(*posix_names));
			posix_names[nposix++] = posix_name_arg(argv[i]);
			continue;
		}
		resolve_id(argv[i], cmdname);
		ids[nids++] = argv[i];
	}
	if (!o.all && (filter.has_owner || filter.has_creator || filter.has_larger ||
		       filter.attached || filter.unattached || filter.dest || filter.locked))
		usage_error(cmdname, "filters other than --id and --key select among --all; "
				     "add --all");
	if (!o.all && optind == argc && !filter.nids && !filter.nkeys && !nposix)
		usage_error(cmdname, "nothing to remove: give shmids, --key, /NAME or --all; "
				     "try '%s rm --help'",
			    program_invocation_short_name);
	if (filter.attached && filter.unattached)
		usage_error(cmdname, "--attached and --unattached are mutually exclusive");
	if (o.verbose && o.json)
		usage_error(cmdname, "--verbose and --json are mutually exclusive");
	for (size_t i = 0; !o.all && i < filter.nkeys; i++)
		if (filter.keys[i] == IPC_PRIVATE)
			private_key_error(cmdname);

	if (o.json)
		report_init(&r, &o);
	if (o.all) {
		if (collect_all(&filter, &targets, &r) < 0)
			rc = EXIT_FAIL;
	} else {
		collect_named(&filter, ids, (int)nids, &targets, &r);
	}
	for (size_t i = 0; i < targets.n; i++)
		remove_one(&targets.v[i], &o, &r);
	collect_posix(posix_names, nposix, &posix_targets, &r);
	/* one pass over /proc for every object, and only when it can matter */
	if (posix_targets.n && !o.force)
		proc_scan_run(&maps, PROC_SCAN_POSIX);
	for (size_t i = 0; i < posix_targets.n; i++)
		remove_posix(&posix_targets.v[i], &maps, &o, &r);

	/* --all skipping an attached segment is what it promises; a named one
	 * left in place is a failure */
	if (r.failed || (!o.all && r.skipped))
		rc = EXIT_FAIL;
	if (r.root) {
		if (print_json(r.root) < 0)
			rc = EXIT_FAIL;
		cJSON_Delete(r.root);
	}
	seg_list_free(&targets);
	seg_list_free(&posix_targets);
	proc_scan_free(&maps);
	for (size_t i = 0; i < nposix; i++)
		free(posix_names[i]);
	free(posix_names);
	free(ids);
	filter_free(&filter);
	names_free();
	posix_names_free();
	return rc;
}

const struct shm_cmd cmd_rm = {
	.name = "rm",
	.alias = NULL,
	.run = run,
	.help = "remove segments",
};
