/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "missing.h"
#include "posix.h"
#include "segmap.h"
#include "sysv.h"
#include "util.h"
#include "shown.h"

void segmap_attach(const char *cmd, const struct shm_seg *seg, bool rdonly, struct segmap *m)
{
	void *p;

	m->name = seg_is_posix(seg) ? seg->name : NULL;
	m->shmid = seg->shmid;
	if (m->name) {
		size_t len;

		snprintf(m->label, sizeof(m->label), "%s", shown(m->name));
		if (posix_map(m->name, !rdonly, &p, &len) < 0) {
			/* unlinked since it was selected */
			if (errno == ENOENT)
				errx(EXIT_FAIL, "%s: %s: no such object", cmd, m->label);
			err(EXIT_FAIL, "%s: %s", cmd, m->label);
		}
		m->addr = p;
		m->size = len;
		return;
	}
	snprintf(m->label, sizeof(m->label), "shmid %d", seg->shmid);
	p = sysv_attach(seg->shmid, rdonly);
	if (!p) {
		/* removed since it was selected: the kernel says EINVAL or EIDRM */
		if (errno == EINVAL || errno == EIDRM)
			errx(EXIT_FAIL, "%s: %s: no such segment", cmd, m->label);
		err(EXIT_FAIL, "%s: %s", cmd, m->label);
	}
	m->addr = p;
	m->size = seg->size;
}

void segmap_release(const char *cmd, struct segmap *m)
{
	if (m->addr && (m->name ? posix_unmap(m->addr, m->size) : sysv_detach(m->addr)) < 0)
		warn("%s: %s: detach", cmd, m->label);
	m->addr = NULL;
}

uint64_t segmap_range(const char *cmd, const struct segmap *m, uint64_t offset, bool has_length,
		      uint64_t length)
{
	if (offset > m->size)
		errx(EXIT_FAIL, "%s: %s: offset %" PRIu64 " is beyond the end of the segment (%" PRIu64 " bytes)",
		     cmd, m->label, offset, m->size);
	if (!has_length)
		return m->size - offset;
	if (length > m->size - offset)
		errx(EXIT_FAIL, "%s: %s: offset %" PRIu64 " + length %" PRIu64 " is beyond the end of the segment (%" PRIu64 " bytes)",
		     cmd, m->label, offset, length, m->size);
	return length;
}

void segmap_prefault(const void *p, uint64_t n)
{
	long pg = sysconf(_SC_PAGESIZE);
	uintptr_t start, end;

	if (n == 0 || pg <= 0)
		return;
	start = (uintptr_t)p & ~((uintptr_t)pg - 1);
	end = (uintptr_t)p + n;
	if (madvise((void *)start, end - start, MADV_POPULATE_READ) == 0)
		return;
	(void)madvise((void *)start, end - start, MADV_WILLNEED);
}
