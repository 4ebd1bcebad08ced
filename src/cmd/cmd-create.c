/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <errno.h>
#include <signal.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include "missing.h"
#include "cmd.h"
#include "options.h"
#include "columns.h"
#include "names.h"
#include "parse.h"
#include "posix.h"
#include "procfs.h"
#include "render.h"
#include "select.h"
#include "sysv.h"
#include "util.h"
#include "shown.h"

static const char cmdname[] = "create";

struct create_opts {
	const char *size_arg;
	const char *key_arg, *posix_arg; /* -k, --posix as typed, or NULL */
	uint64_t size;
	int32_t key; /* IPC_PRIVATE unless -k */
	unsigned mode;
	bool hugetlb;
	uint64_t hugepage; /* 0: the system's default huge page size */
	bool noreserve;
	bool json;
};

enum { OPT_KEY = 1, OPT_PRIVATE, OPT_MODE, OPT_HUGETLB, OPT_NORESERVE, OPT_POSIX, OPT_JSON };

static opt_call_fn create_option;

static const struct opt_desc options[] = {
	{ OPT_KEY, 'k', "key", OPT_ARG, "<key>", "the key: number, 0x-hex or @PATH[:PROJ] (ftok)",
	  "Options:", OPT_STR(struct create_opts, key_arg) },
	/* the default; given, it excludes --key */
	{ OPT_PRIVATE, 0, "private", OPT_NOARG, NULL, "key IPC_PRIVATE (the default)", NULL },
	{ OPT_MODE, 'm', "mode", OPT_ARG, "<mode>", "permissions, octal or symbolic (default 600)",
	  NULL, OPT_CALL(create_option) },
	{ OPT_HUGETLB, 0, "hugetlb", OPT_OPTARG, "<size>",
	  "back it with huge pages (2M, 1G; default: the\nsystem's default huge page size)", NULL,
	  OPT_CALL(create_option) },
	{ OPT_NORESERVE, 0, "noreserve", OPT_NOARG, NULL,
	  "do not reserve swap (or huge pages) up front", NULL,
	  OPT_TRUE(struct create_opts, noreserve) },
	{ OPT_POSIX, 0, "posix", OPT_ARG, "<name>", "create the POSIX object /<name> (shm_open)",
	  NULL, OPT_STR(struct create_opts, posix_arg) },
	{ OPT_JSON, 'J', "json", OPT_NOARG, NULL, "print the new segment as a JSON object", NULL,
	  OPT_TRUE(struct create_opts, json) },
};

const struct cmd_options cmd_create_options = {
	/* --posix makes no System V segment, so none of its options apply */
	CMD_OPTIONS({ { OPT_KEY, OPT_PRIVATE } },
		    { { OPT_POSIX, OPT_KEY } },
		    { { OPT_POSIX, OPT_PRIVATE } },
		    { { OPT_POSIX, OPT_HUGETLB } },
		    { { OPT_POSIX, OPT_NORESERVE } }),
	.usage = " %1$s create <size> [options]\n"
		 " %1$s create --posix <name> <size> [-m <mode>] [-J]\n\n"
		 "Create a System V shared memory segment and print its shmid, or a POSIX\n"
		 "shared memory object (in /dev/shm) and print its name.\n\n"
		 "<size> is bytes, decimal or 0x-hex, or a decimal with a suffix: K, M, G,\n"
		 "T, P, E (and KiB ... EiB, powers of 1024) or KB ... EB (powers of 1000);\n"
		 "a fraction takes a suffix (1.5M).\n",
	.footer = "The key or name must not be in use: an existing one is an error.\n",
	.negative_what = "size",
	.negative_why = "size must not be negative",
};

/* The huge page size of --hugetlb=SIZE: a power of two the kernel encodes
 * as log2 in the shmget flags. Whether this system has it is checked later. */
static uint64_t parse_hugepage(const char *arg)
{
	static const char why_huge[] = "expected a huge page size such as 2M or 1G";
	const char *why;
	uint64_t v;

	if (parse_size(arg, &v, &why) < 0)
		usage_error(cmdname, "invalid huge page size '%s': %s", arg, why);
	if (v < 4096 || (v & (v - 1)) != 0)
		usage_error(cmdname, "invalid huge page size '%s': %s", arg, why_huge);
	return v;
}

/* -m and --hugetlb[=SIZE]: their values read as they come. */
static int create_option(void *args, int id, const char *arg, const char *cmd)
{
	struct create_opts *o = args;
	const char *why;

	if (id == OPT_MODE && parse_mode(arg, DEFAULT_SHM_MODE, &o->mode, &why) < 0)
		usage_error(cmd, "invalid mode '%s': %s", arg, why);
	if (id == OPT_HUGETLB) {
		o->hugetlb = true;
		o->hugepage = arg ? parse_hugepage(arg) : 0;
	}
	return 0;
}

/* The system's default huge page size from /proc/meminfo, or 0. */
static uint64_t default_hugepage(void)
{
	char line[128];
	uint64_t kb = 0;
	FILE *f = fopen("/proc/meminfo", "re");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Hugepagesize: %" SCNu64 " kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

static void hugepage_path(char *buf, size_t n, uint64_t pagesize, const char *file)
{
	snprintf(buf, n, "/sys/kernel/mm/hugepages/hugepages-%" PRIu64 "kB/%s", pagesize / 1024,
		 file);
}

/* The shmget flags for huge pages; exits when the system has none of that size. */
static int hugetlb_flags(struct create_opts *o)
{
	char path[128], hs[CELL_BUF_SIZE];
	uint64_t n;

	if (!o->hugepage)
		o->hugepage = default_hugepage();
	if (!o->hugepage)
		errx(EXIT_FAIL, "%s: this system has no huge pages (no Hugepagesize in /proc/meminfo)",
		     cmdname);
	hugepage_path(path, sizeof(path), o->hugepage, "nr_hugepages");
	if (read_u64_file(path, &n) < 0)
		errx(EXIT_FAIL, "%s: this system has no huge pages of %s (see /sys/kernel/mm/hugepages)",
		     cmdname, fmt_human_size(o->hugepage, hs));
	return SHM_HUGETLB | (int)((unsigned)__builtin_ctzll(o->hugepage) << SHM_HUGE_SHIFT);
}

/* Sizes the kernel would refuse with a bare EINVAL, refused with the limit. */
static void check_limits(const struct create_opts *o)
{
	struct shm_limits lim;

	if (sysv_limits(&lim) < 0)
		return; /* shmget will say */
	if (o->size > lim.shmmax)
		errx(EXIT_FAIL, "%s: size '%s' (%" PRIu64 " bytes) is above the largest segment "
				"allowed, %" PRIu64 " bytes (kernel.shmmax)",
		     cmdname, o->size_arg, o->size, lim.shmmax);
	if (o->size < lim.shmmin)
		errx(EXIT_FAIL, "%s: size '%s' (%" PRIu64 " bytes) is below the smallest segment "
				"allowed, %" PRIu64 " bytes (SHMMIN)",
		     cmdname, o->size_arg, o->size, lim.shmmin);
}

/* shmget failed: one error line that says why, in the user's terms. */
static void __attribute__((noreturn)) create_failed(const struct create_opts *o, int e)
{
	struct shm_seg holder;
	char hs[CELL_BUF_SIZE];

	if (e == EEXIST && o->key != IPC_PRIVATE) {
		if (sysv_find_key(o->key, &holder) == 0)
			errx(EXIT_FAIL, "%s: key 0x%08x: already used by shmid %d", cmdname,
			     (unsigned)o->key, holder.shmid);
		errx(EXIT_FAIL, "%s: key 0x%08x: already in use", cmdname, (unsigned)o->key);
	}
	if (o->hugetlb && e == ENOMEM) {
		char path[128];
		uint64_t nfree = 0;
		uint64_t need = (o->size + o->hugepage - 1) / o->hugepage;

		hugepage_path(path, sizeof(path), o->hugepage, "free_hugepages");
		read_u64_file(path, &nfree);
		errx(EXIT_FAIL, "%s: not enough free huge pages of %s: %" PRIu64 " needed, %" PRIu64
				" free (raise %.*snr_hugepages)",
		     cmdname, fmt_human_size(o->hugepage, hs), need, nfree,
		     (int)(strlen(path) - strlen("free_hugepages")), path);
	}
	if (o->hugetlb && e == EPERM)
		errx(EXIT_FAIL, "%s: huge pages: %s (needs CAP_IPC_LOCK, vm.hugetlb_shm_group or "
				"a large enough RLIMIT_MEMLOCK)",
		     cmdname, strerror(e));
	if (e == ENOSPC)
		errx(EXIT_FAIL, "%s: %s (the limit on segments, kernel.shmmni, or on total shared "
				"memory, kernel.shmall, is reached)",
		     cmdname, strerror(e));
	errx(EXIT_FAIL, "%s: cannot create a segment of %" PRIu64 " bytes: %s", cmdname, o->size,
	     strerror(e));
}

/* The report of what create made: its id or name on stdout, with SIGPIPE
 * held off so that a failed write is seen before the process ends. */
struct report {
	struct sigaction old_pipe;
};

static void __attribute__((noreturn)) raise_default(int sig)
{
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(EXIT_FAIL);
}

static void report_start(struct report *rp)
{
	struct sigaction ign = { .sa_handler = SIG_IGN };

	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &rp->old_pipe);
	errno = 0;
}

/* Whether the report reached stdout. When it did not, what was made is
 * removed again (undo), so that exit 1 means nothing was created and no
 * segment is left that nobody knows the id of. what: "shmid 5", "/app". */
static int report_end(struct report *rp, const char *what, int (*undo)(const void *),
		      const void *arg)
{
	int e = 0;

	if (fflush(stdout) != 0 || ferror(stdout))
		e = errno ? errno : EIO;
	if (!e) {
		sigaction(SIGPIPE, &rp->old_pipe, NULL);
		return EXIT_OK;
	}
	/* said here, once: close_stdout must find nothing left to say */
	__fpurge(stdout);
	clearerr(stdout);
	if (undo(arg) < 0)
		warn("%s: cannot report %s: %s; and cannot remove it", cmdname, what,
		     strerror(e));
	else if (e == EPIPE && rp->old_pipe.sa_handler == SIG_DFL)
		/* a reader that went away ends us as it ends every printer */
		raise_default(SIGPIPE);
	else
		warnx("%s: cannot report %s: %s; removed it", cmdname, what, strerror(e));
	return EXIT_FAIL;
}

static int undo_sysv(const void *arg)
{
	return sysv_remove(*(const int *)arg);
}

static int undo_posix(const void *arg)
{
	return posix_unlink(arg);
}

static int print_json_all(const struct shm_seg *s);

static int print_segment_json(int shmid)
{
	struct shm_seg s;

	if (sysv_find_id(shmid, &s) < 0) {
		warn("%s: shmid %d", cmdname, shmid);
		return -1;
	}
	return print_json_all(&s);
}

/* The new object as list -J --all-types --output-all prints it. */
static int print_json_all(const struct shm_seg *s)
{
	int cols[COL_COUNT];
	cJSON *obj;
	int rc;

	for (int i = 0; i < COL_COUNT; i++)
		cols[i] = i;
	obj = segment_json(s, cols, COL_COUNT);
	if (!obj) {
		warnx("cannot allocate the JSON output");
		return -1;
	}
	rc = print_json(obj);
	cJSON_Delete(obj);
	return rc;
}

/* create --posix NAME SIZE: shm_open, the mode exactly, ftruncate. */
static int create_posix(const char *name, const struct create_opts *o)
{
	const char *why;
	struct shm_seg s;
	struct report rp;

	if (posix_dir_check(&why) < 0)
		errx(EXIT_FAIL, "%s: %s: %s", cmdname, POSIX_SHM_DIR, why);
	if (posix_create(name, o->size, o->mode) < 0) {
		if (errno == EEXIST)
			errx(EXIT_FAIL, "%s: %s: already exists", cmdname, shown(name));
		err(EXIT_FAIL, "%s: %s: cannot create an object of %" PRIu64 " bytes", cmdname,
		    shown(name), o->size);
	}
	report_start(&rp);
	if (!o->json) {
		printf("%s\n", shown(name));
	} else if (posix_stat(name, &s) < 0 || print_json_all(&s) < 0) {
		warn("%s: %s", cmdname, shown(name));
		posix_unlink(name);
		return EXIT_FAIL;
	}
	return report_end(&rp, shown(name), undo_posix, name);
}

int cmd_create(int argc, char **argv)
{
	struct create_opts o = { .key = IPC_PRIVATE, .mode = DEFAULT_SHM_MODE };
	const char *why;
	char posix_name[POSIX_NAME_BUF_SIZE];
	struct opt_parser op;
	struct report rp;
	char what[32];
	int flags = 0, shmid, rc;

	if ((rc = opts_parse(&op, &cmd_create_options, &o, argc, argv)) != 0)
		return rc;
	if (optind == argc)
		usage_error(cmdname, "missing size; try '%s create --help'",
			    program_invocation_short_name);
	o.size_arg = argv[optind++];
	opts_end(&op);
	if (o.posix_arg && posix_name_from_arg(o.posix_arg, posix_name, &why) < 0)
		usage_error(cmdname, "invalid name '%s': %s", shown_typed(o.posix_arg), why);
	if (parse_size(o.size_arg, &o.size, &why) < 0)
		usage_error(cmdname, "invalid size '%s': %s", o.size_arg, why);
	if (o.size == 0)
		usage_error(cmdname, "invalid size '%s': expected a size above 0", o.size_arg);
	if (o.posix_arg)
		return create_posix(posix_name, &o);
	if (o.key_arg)
		o.key = resolve_key(o.key_arg, cmdname);

	check_limits(&o);
	if (o.hugetlb)
		flags |= hugetlb_flags(&o);
	if (o.noreserve)
		flags |= SHM_NORESERVE;
	shmid = sysv_create(o.key, o.size, o.mode, flags);
	if (shmid < 0)
		create_failed(&o, errno);

	report_start(&rp);
	if (o.json) {
		if (print_segment_json(shmid) < 0) {
			sysv_remove(shmid);
			return EXIT_FAIL;
		}
	} else {
		printf("%d\n", shmid);
	}
	snprintf(what, sizeof(what), "shmid %d", shmid);
	return report_end(&rp, what, undo_sysv, &shmid);
}
