/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "posix.h"
#include "rm-verdict.h"
#include "sysv.h"

static const char no_permission[] =
	"you are neither its owner nor its creator, and lack CAP_SYS_ADMIN";

enum rm_action rm_decide(const struct shm_seg *s, size_t nmappers, bool force)
{
	bool posix = seg_is_posix(s);
	uint64_t users = posix ? nmappers : s->nattch;

	if (!posix && (s->mode & SEG_MODE_DEST) && users > 0)
		return RM_ALREADY;
	if (!(posix ? posix_may_unlink(s) : sysv_may_remove(s)))
		return RM_REFUSED;
	return users > 0 && !force ? RM_SKIPPED : RM_REMOVE;
}

static void sysv_verdict(const struct shm_seg *s, char *buf, size_t size)
{
	uint64_t n = s->nattch;
	const char *es = n == 1 ? "" : "es";

	switch (rm_decide(s, 0, false)) {
	case RM_ALREADY:
		snprintf(buf, size,
			 "skipped: attached by %" PRIu64 " process%s and already marked for removal "
			 "(dest); the kernel removes it when the last one detaches", n, es);
		break;
	case RM_SKIPPED:
		snprintf(buf, size,
			 "skipped: attached by %" PRIu64 " process%s; --force would mark it for "
			 "removal (dest), and the kernel would remove it when the last one detaches",
			 n, es);
		break;
	case RM_REFUSED:
		if (n > 0)
			snprintf(buf, size, "skipped: attached by %" PRIu64 " process%s; --force "
				 "would fail too: %s", n, es, no_permission);
		else
			snprintf(buf, size, "refused: Operation not permitted: %s", no_permission);
		break;
	case RM_REMOVE:
		snprintf(buf, size, "would remove it: no process is attached");
		break;
	}
}

static void posix_verdict(const struct shm_seg *s, size_t n, char *buf, size_t size)
{
	const char *es = n == 1 ? "" : "es";
	static const char no_unlink[] =
		"you may not unlink it from " POSIX_SHM_DIR " (sticky, and not yours)";

	switch (rm_decide(s, n, false)) {
	case RM_SKIPPED:
		snprintf(buf, size,
			 "skipped: mapped by %zu process%s; --force would unlink the name, and the "
			 "memory would stay until the last one unmaps it", n, es);
		break;
	case RM_REFUSED:
		if (n > 0)
			snprintf(buf, size, "skipped: mapped by %zu process%s; --force would fail "
				 "too: %s", n, es, no_unlink);
		else
			snprintf(buf, size, "refused: Operation not permitted: %s", no_unlink);
		break;
	default: /* RM_REMOVE; never RM_ALREADY: an object has no dest mark */
		snprintf(buf, size, "would remove it: no process maps it");
		break;
	}
}

void rm_verdict(const struct shm_seg *s, size_t nmappers, char *buf, size_t size)
{
	if (seg_is_posix(s))
		posix_verdict(s, nmappers, buf, size);
	else
		sysv_verdict(s, buf, size);
}
