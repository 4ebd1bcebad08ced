/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target for container_from_cgroup (lib/container.c): any text
 * as /proc/PID/cgroup. The invariants: a container found has a kind and
 * a name of printable bytes with no '/' or blank (so -N takes it back and
 * matches it), its id is empty or 64 lowercase hex digits whose first 12
 * the name ends with; none found leaves everything empty; the same text
 * gives the same answer. */
#include "config.h"

#include "container.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_dup(data, size);
	struct container_ref a, b;
	bool found = container_from_cgroup(text, size, &a);
	size_t n = strnlen(a.name, sizeof(a.name)), idn = strnlen(a.id, sizeof(a.id));

	FUZZ_CHECK(n < sizeof(a.name) && idn < sizeof(a.id));
	FUZZ_CHECK(found == (a.kind != CONTAINER_NONE));
	FUZZ_CHECK(found == (n > 0));
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(a.name[i] > 0x20 && a.name[i] < 0x7f && a.name[i] != '/');
	FUZZ_CHECK(idn == 0 || idn == CONTAINER_ID_LEN);
	for (size_t i = 0; i < idn; i++)
		FUZZ_CHECK((a.id[i] >= '0' && a.id[i] <= '9') || (a.id[i] >= 'a' && a.id[i] <= 'f'));
	if (idn) {
		FUZZ_CHECK(n >= CONTAINER_SHORT_LEN);
		FUZZ_CHECK(memcmp(a.name + n - CONTAINER_SHORT_LEN, a.id, CONTAINER_SHORT_LEN) == 0);
		FUZZ_CHECK(container_matches(&a, a.id));
	}
	if (found)
		FUZZ_CHECK(container_matches(&a, a.name));
	FUZZ_CHECK(container_from_cgroup(text, size, &b) == found);
	FUZZ_CHECK(memcmp(&a, &b, sizeof(a)) == 0);
	free(text);
	return 0;
}
