/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "posix.h"
#include "rm-verdict.h"
#include "sysv.h"

static const char no_permission[] =
	"you are neither its owner nor its creator, and lack CAP_SYS_ADMIN";

static void sysv_verdict(const struct shm_seg *s, char *buf, size_t size)
{
	bool may = sysv_may_remove(s);
	uint64_t n = s->nattch;
	const char *es = n == 1 ? "" : "es";

	if (n > 0 && (s->mode & SEG_MODE_DEST))
		snprintf(buf, size,
			 "skipped: attached by %" PRIu64 " process%s and already marked for removal "
			 "(dest); the kernel removes it when the last one detaches", n, es);
	else if (n > 0 && may)
		snprintf(buf, size,
			 "skipped: attached by %" PRIu64 " process%s; --force would mark it for "
			 "removal (dest), and the kernel would remove it when the last one detaches",
			 n, es);
	else if (n > 0)
		snprintf(buf, size,
			 "skipped: attached by %" PRIu64 " process%s; --force would fail too: %s", n,
			 es, no_permission);
	else if (!may)
		snprintf(buf, size, "refused: Operation not permitted: %s", no_permission);
	else
		snprintf(buf, size, "would remove it: no process is attached");
}

static void posix_verdict(const struct shm_seg *s, size_t n, char *buf, size_t size)
{
	bool may = posix_may_unlink(s);
	const char *es = n == 1 ? "" : "es";
	static const char no_unlink[] =
		"you may not unlink it from " POSIX_SHM_DIR " (sticky, and not yours)";

	if (n > 0 && may)
		snprintf(buf, size,
			 "skipped: mapped by %zu process%s; --force would unlink the name, and the "
			 "memory would stay until the last one unmaps it", n, es);
	else if (n > 0)
		snprintf(buf, size, "skipped: mapped by %zu process%s; --force would fail too: %s",
			 n, es, no_unlink);
	else if (!may)
		snprintf(buf, size, "refused: Operation not permitted: %s", no_unlink);
	else
		snprintf(buf, size, "would remove it: no process maps it");
}

void rm_verdict(const struct shm_seg *s, size_t nmappers, char *buf, size_t size)
{
	if (seg_is_posix(s))
		posix_verdict(s, nmappers, buf, size);
	else
		sysv_verdict(s, buf, size);
}
