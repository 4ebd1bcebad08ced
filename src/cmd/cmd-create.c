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
#include <sys/shm.h>

#include "missing.h"
#include "cmd.h"
#include "columns.h"
#include "names.h"
#include "parse.h"
#include "posix.h"
#include "procfs.h"
#include "render.h"
#include "select.h"
#include "sysv.h"
#include "util.h"

static const char cmdname[] = "create";

struct create_opts {
	const char *size_arg;
	uint64_t size;
	int32_t key; /* IPC_PRIVATE unless -k */
	unsigned mode;
	bool hugetlb;
	uint64_t hugepage; /* 0: the system's default huge page size */
	bool noreserve;
	bool json;
};

static void usage(void)
{
	printf("Usage:\n"
	       " %1$s create <size> [options]\n"
	       " %1$s create --posix <name> <size> [-m <mode>] [-J]\n\n"
	       "Create a System V shared memory segment and print its shmid, or a POSIX\n"
	       "shared memory object (in /dev/shm) and print its name.\n\n"
	       "<size> is bytes, decimal or 0x-hex, or a decimal with a suffix: K, M, G,\n"
	       "T, P, E (and KiB ... EiB, powers of 1024) or KB ... EB (powers of 1000);\n"
	       "a fraction takes a suffix (1.5M).\n\n"
	       "Options:\n"
	       " -k, --key <key>          the key: number, 0x-hex or @PATH[:PROJ] (ftok)\n"
	       "     --private            key IPC_PRIVATE (the default)\n"
	       " -m, --mode <mode>        permissions, octal or symbolic (default 600)\n"
	       "     --hugetlb[=<size>]   back it with huge pages (2M, 1G; default: the\n"
	       "                          system's default huge page size)\n"
	       "     --noreserve          do not reserve swap (or huge pages) up front\n"
	       "     --posix <name>       create the POSIX object /<name> (shm_open)\n"
	       " -J, --json               print the new segment as a JSON object\n"
	       " -h, --help               display this help\n\n"
	       "The key or name must not be in use: an existing one is an error.\n",
	       program_invocation_short_name);
}

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

enum {
	OPT_PRIVATE = 0x100,
	OPT_HUGETLB,
	OPT_NORESERVE,
	OPT_POSIX,
};

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
	int rc;

	if (posix_dir_check(&why) < 0)
		errx(EXIT_FAIL, "%s: %s: %s", cmdname, POSIX_SHM_DIR, why);
	if (posix_create(name, o->size, o->mode) < 0) {
		if (errno == EEXIST)
			errx(EXIT_FAIL, "%s: %s: already exists", cmdname, name);
		err(EXIT_FAIL, "%s: %s: cannot create an object of %" PRIu64 " bytes", cmdname,
		    name, o->size);
	}
	if (!o->json) {
		printf("%s\n", name);
		return EXIT_OK;
	}
	if (posix_stat(name, &s) < 0) {
		warn("%s: %s", cmdname, name);
		return EXIT_FAIL;
	}
	rc = print_json_all(&s) < 0 ? EXIT_FAIL : EXIT_OK;
	names_free();
	posix_names_free();
	return rc;
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "private", no_argument, NULL, OPT_PRIVATE },
		{ "mode", required_argument, NULL, 'm' },
		{ "hugetlb", optional_argument, NULL, OPT_HUGETLB },
		{ "noreserve", no_argument, NULL, OPT_NORESERVE },
		{ "posix", required_argument, NULL, OPT_POSIX },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct create_opts o = { .key = IPC_PRIVATE, .mode = DEFAULT_SHM_MODE };
	const char *key_arg = NULL, *why, *posix_arg = NULL;
	char posix_name[POSIX_NAME_BUF_SIZE];
	bool private = false;
	int c, flags = 0, shmid;

	while ((c = getopt_long(argc, argv, ":k:m:Jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			key_arg = optarg;
			break;
		case OPT_PRIVATE:
			private = true;
			break;
		case 'm':
			if (parse_mode(optarg, DEFAULT_SHM_MODE, &o.mode, &why) < 0)
				usage_error(cmdname, "invalid mode '%s': %s", optarg, why);
			break;
		case OPT_HUGETLB:
			o.hugetlb = true;
			o.hugepage = optarg ? parse_hugepage(optarg) : 0;
			break;
		case OPT_NORESERVE:
			o.noreserve = true;
			break;
		case OPT_POSIX:
			posix_arg = optarg;
			break;
		case 'J':
			o.json = true;
			break;
		case 'h':
			usage();
			return EXIT_OK;
		default:
			/* getopt takes "-5" for an option: as the size it is a negative one */
			if ((why = negative_operand(c, argc, argv)) != NULL)
				usage_error(cmdname, "invalid size '%s': size must not be negative", why);
			bad_option(cmdname, c, argv);
		}
	}
	if (optind == argc)
		usage_error(cmdname, "missing size; try '%s create --help'",
			    program_invocation_short_name);
	o.size_arg = argv[optind++];
	if (optind < argc)
		extra_operand(cmdname, argv[optind]);
	if (key_arg && private)
		usage_error(cmdname, "--key and --private are mutually exclusive");
	if (posix_arg) {
		const char *sysv_only = key_arg ? "--key" : private ? "--private"
				      : o.hugetlb ? "--hugetlb" : o.noreserve ? "--noreserve" : NULL;
		if (sysv_only)
			usage_error(cmdname, "--posix and %s are mutually exclusive", sysv_only);
		if (posix_name_from_arg(posix_arg, posix_name, &why) < 0)
			usage_error(cmdname, "invalid name '%s': %s", posix_arg, why);
	}
	if (parse_size(o.size_arg, &o.size, &why) < 0)
		usage_error(cmdname, "invalid size '%s': %s", o.size_arg, why);
	if (o.size == 0)
		usage_error(cmdname, "invalid size '%s': expected a size above 0", o.size_arg);
	if (posix_arg)
		return create_posix(posix_name, &o);
	if (key_arg)
		o.key = resolve_key(key_arg, cmdname);

	check_limits(&o);
	if (o.hugetlb)
		flags |= hugetlb_flags(&o);
	if (o.noreserve)
		flags |= SHM_NORESERVE;
	shmid = sysv_create(o.key, o.size, o.mode, flags);
	if (shmid < 0)
		create_failed(&o, errno);

	if (o.json) {
		int rc = print_segment_json(shmid) < 0 ? EXIT_FAIL : EXIT_OK;
		names_free();
		return rc;
	}
	printf("%d\n", shmid);
	return EXIT_OK;
}

const struct shm_cmd cmd_create = {
	.name = "create",
	.alias = NULL,
	.run = run,
	.help = "create a segment and print its shmid",
};
