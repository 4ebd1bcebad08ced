/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <stdio.h>

#include "column-list.h"
#include "columns.h"
#include "render.h"
#include "util.h"

/* The JSON type of the column's value in list -J (null aside). */
static const char *json_type(enum col_type t)
{
	switch (t) {
	case CT_NUMBER:
	case CT_SIZE:
		return "number";
	case CT_STATUS:
	case CT_PIDS:
		return "array";
	default:
		return "string";
	}
}

static int print_json_list(const int *defs, size_t ndefs)
{
	cJSON *a = cJSON_CreateArray();
	int rc = -1;

	for (int i = 0; a && i < COL_COUNT; i++) {
		cJSON *o = cJSON_CreateObject();

		if (!o || !cJSON_AddItemToArray(a, o) ||
		    !cJSON_AddStringToObject(o, "name", columns[i].name) ||
		    !cJSON_AddStringToObject(o, "description", columns[i].help) ||
		    !cJSON_AddBoolToObject(o, "default", column_is_default(defs, ndefs, i)) ||
		    !cJSON_AddStringToObject(o, "type", json_type(columns[i].type))) {
			cJSON_Delete(a);
			a = NULL;
		}
	}
	if (a)
		rc = print_json(a);
	else
		warnx("cannot allocate the JSON output");
	cJSON_Delete(a);
	return rc;
}

int print_column_list(const int *defs, size_t ndefs, bool json)
{
	if (json)
		return print_json_list(defs, ndefs);
	/* the name stays the first word, the rest the description: what the
	 * completions read */
	for (int i = 0; i < COL_COUNT; i++)
		printf("%-8s %s%s\n", columns[i].name, columns[i].help,
		       column_is_default(defs, ndefs, i) ? " [default]" : "");
	return 0;
}
