/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target for parse_column_list (src/columns.c). The first byte
 * is the room for columns (0..63), the second the size of the buffer for
 * a bad name (1..64), the rest the -o argument. The reference: "+LIST"
 * starts from the default columns, LIST from none; each comma-separated
 * name, matched case-insensitively against the column names and then
 * the aliases (lsipc's ID, SIZE, ...), adds one column while there is room;
 * the first unknown name, or the first one without room, is the error and
 * comes back in the bad-name buffer, cut to fit. */
#include "config.h"

#include <stdbool.h>
#include <strings.h>

#include "columns.h"
#include "fuzz.h"

#define MAXCOLS 64

static int ref_lookup(const char *name)
{
	for (int i = 0; i < COL_COUNT; i++)
		if (strcasecmp(columns[i].name, name) == 0)
			return i;
	for (size_t i = 0; i < n_column_aliases; i++)
		if (strcasecmp(column_aliases[i].name, name) == 0)
			return column_aliases[i].col;
	return -1;
}

/* The ids, or the offending name (malloc'd) in *bad. */
static bool ref_list(const char *s, int *cols, size_t *n, size_t max, char **bad)
{
	char *copy, *name, *next;

	*n = 0;
	if (*s == '+') {
		s++;
		for (size_t i = 0; i < n_default_columns && *n < max; i++)
			cols[(*n)++] = default_columns[i];
	}
	copy = strdup(s);
	for (name = copy;; name = next + 1) {
		int id;

		next = strchr(name, ',');
		if (next)
			*next = '\0';
		id = ref_lookup(name);
		if (id < 0 || *n == max) {
			*bad = strdup(name);
			free(copy);
			return false;
		}
		cols[(*n)++] = id;
		if (!next)
			break;
	}
	free(copy);
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int cols[MAXCOLS], ref[MAXCOLS];
	size_t max, bad_size, n = 12345, nref;
	char *s, *bad, *refbad = NULL;
	int r;

	if (size < 2)
		return 0;
	max = data[0] % MAXCOLS;
	bad_size = data[1] % MAXCOLS + 1;
	s = fuzz_cstr(data + 2, size - 2);
	bad = malloc(bad_size);
	FUZZ_CHECK(bad);
	r = parse_column_list(s, cols, &n, max, bad, bad_size);
	FUZZ_CHECK((r == 0) == ref_list(s, ref, &nref, max, &refbad));
	if (r == 0) {
		FUZZ_CHECK(n == nref && n <= max && n > 0);
		for (size_t i = 0; i < n; i++)
			FUZZ_CHECK(cols[i] >= 0 && cols[i] < COL_COUNT && cols[i] == ref[i]);
	} else {
		FUZZ_CHECK(r == -1);
		FUZZ_CHECK(strnlen(bad, bad_size) < bad_size);
		FUZZ_CHECK(strncmp(bad, refbad, bad_size - 1) == 0);
		FUZZ_CHECK(strlen(bad) == strnlen(refbad, bad_size - 1));
	}
	free(refbad);
	free(bad);
	free(s);
	return 0;
}
