/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "c.h"
#include "container.h"
#include "parse.h"

/* One component of a cgroup path, not NUL-terminated. */
struct comp {
	const char *p;
	size_t n;
};

#define MAX_DEPTH 64

static bool has_prefix(struct comp c, const char *prefix)
{
	size_t n = strlen(prefix);

	return c.n >= n && memcmp(c.p, prefix, n) == 0;
}

static bool has_suffix(struct comp c, const char *suffix)
{
	size_t n = strlen(suffix);

	return c.n >= n && memcmp(c.p + c.n - n, suffix, n) == 0;
}

static bool is_comp(struct comp c, const char *s)
{
	return c.n == strlen(s) && memcmp(c.p, s, c.n) == 0;
}

static struct comp cut(struct comp c, size_t head, size_t tail)
{
	struct comp r = { c.p + head, c.n - head - tail };

	return r;
}

static bool is_hex_id(struct comp c)
{
	if (c.n != CONTAINER_ID_LEN)
		return false;
	for (size_t i = 0; i < c.n; i++)
		if (!((c.p[i] >= '0' && c.p[i] <= '9') || (c.p[i] >= 'a' && c.p[i] <= 'f')))
			return false;
	return true;
}

/* A 64-hex id after prefix, with ".scope" or nothing after it. */
static bool prefixed_id(struct comp c, const char *prefix, struct comp *id)
{
	if (!has_prefix(c, prefix))
		return false;
	c = cut(c, strlen(prefix), 0);
	if (has_suffix(c, ".scope"))
		c = cut(c, 0, strlen(".scope"));
	*id = c;
	return is_hex_id(c);
}

static bool shown_char(int c)
{
	return c > 0x20 && c < 0x7f && c != '/';
}

/* Appends c to ref->name: systemd's \xNN unescaped where that gives a
 * character CONTAINER may hold, anything CONTAINER may not hold as '?'. */
static void append(struct container_ref *ref, struct comp c)
{
	size_t o = strlen(ref->name);

	for (size_t i = 0; i < c.n && o + 1 < sizeof(ref->name); i++) {
		unsigned char ch = (unsigned char)c.p[i];

		if (ch == '\\' && i + 3 < c.n && c.p[i + 1] == 'x' && hex_digit_value(c.p[i + 2]) >= 0 &&
		    hex_digit_value(c.p[i + 3]) >= 0) {
			int v = hex_digit_value(c.p[i + 2]) * 16 + hex_digit_value(c.p[i + 3]);

			if (shown_char(v)) {
				ref->name[o++] = (char)v;
				i += 3;
				continue;
			}
		}
		ref->name[o++] = shown_char(ch) ? (char)ch : '?';
	}
	ref->name[o] = '\0';
}

static void set_id(struct container_ref *ref, enum container_kind kind, struct comp id)
{
	struct comp shortid = { id.p, CONTAINER_SHORT_LEN };

	ref->kind = kind;
	memcpy(ref->id, id.p, CONTAINER_ID_LEN);
	ref->id[CONTAINER_ID_LEN] = '\0';
	append(ref, shortid);
}

/* The pod UID of a kubepods component: "pod<uid>" (cgroupfs driver) or
 * "kubepods[-qos]-pod<uid>.slice" (systemd driver, '_' for '-'). */
static bool pod_uid(struct comp c, struct comp *uid)
{
	const char *p = NULL;

	if (has_prefix(c, "pod"))
		p = c.p + 3;
	else if (has_prefix(c, "kubepods") && (p = memmem(c.p, c.n, "-pod", 4)))
		p += 4;
	if (!p)
		return false;
	*uid = cut(c, (size_t)(p - c.p), 0);
	if (has_suffix(*uid, ".slice"))
		*uid = cut(*uid, 0, strlen(".slice"));
	if (uid->n != 36)
		return false;
	for (size_t i = 0; i < uid->n; i++)
		if (hex_digit_value(uid->p[i]) < 0 && uid->p[i] != '-' && uid->p[i] != '_')
			return false;
	return true;
}

/* "pod<uid>:" with the UID as kubectl shows it, when a component above
 * index i names the pod. */
static void pod_prefix(struct container_ref *ref, const struct comp *v, size_t i)
{
	struct comp uid;

	while (i-- > 0) {
		if (pod_uid(v[i], &uid)) {
			size_t o;

			strcpy(ref->name, "pod");
			append(ref, uid);
			for (o = 3; ref->name[o]; o++)
				if (ref->name[o] == '_')
					ref->name[o] = '-';
			strcat(ref->name, ":");
			return;
		}
	}
}

static bool under_kubepods(const struct comp *v, size_t i)
{
	while (i-- > 0)
		if (has_prefix(v[i], "kubepods"))
			return true;
	return false;
}

/* The runtime a bare 64-hex component belongs to, from its parent. */
static enum container_kind bare_id_kind(const struct comp *v, size_t i)
{
	if (under_kubepods(v, i))
		return CONTAINER_KUBE;
	if (i > 0 && is_comp(v[i - 1], "docker"))
		return CONTAINER_DOCKER;
	if (i > 0 && has_prefix(v[i - 1], "libpod"))
		return CONTAINER_PODMAN;
	return CONTAINER_CONTAINERD;
}

/* An id-named container at component i: its kind, or CONTAINER_NONE. */
static enum container_kind id_at(const struct comp *v, size_t i, struct comp *id)
{
	bool kube = under_kubepods(v, i);

	if (prefixed_id(v[i], "docker-", id))
		return kube ? CONTAINER_KUBE : CONTAINER_DOCKER;
	if (prefixed_id(v[i], "cri-containerd-", id) || prefixed_id(v[i], "crio-", id))
		return kube ? CONTAINER_KUBE : CONTAINER_CONTAINERD;
	if (prefixed_id(v[i], "libpod-", id))
		return CONTAINER_PODMAN;
	if (is_hex_id(v[i])) {
		*id = v[i];
		return bare_id_kind(v, i);
	}
	return CONTAINER_NONE;
}

/* A name-named container (lxc, nspawn) at component i. */
static bool name_at(const struct comp *v, size_t i, struct container_ref *ref)
{
	struct comp c = v[i];

	if (has_prefix(c, "lxc.payload.") && c.n > strlen("lxc.payload.")) {
		ref->kind = CONTAINER_LXC;
		append(ref, cut(c, strlen("lxc.payload."), 0));
		return true;
	}
	if (i > 0 && (is_comp(v[i - 1], "lxc") || is_comp(v[i - 1], "lxc.payload"))) {
		ref->kind = CONTAINER_LXC;
		append(ref, c);
		return true;
	}
	if (i > 0 && is_comp(v[i - 1], "machine.slice") && has_prefix(c, "machine-") &&
	    has_suffix(c, ".scope") && c.n > strlen("machine-.scope")) {
		ref->kind = CONTAINER_NSPAWN;
		append(ref, cut(c, strlen("machine-"), strlen(".scope")));
		return true;
	}
	return false;
}

static bool container_in(const struct comp *v, size_t n, struct container_ref *ref)
{
	for (size_t i = n; i-- > 0;) {
		struct comp id;
		enum container_kind k = id_at(v, i, &id);

		if (k == CONTAINER_KUBE)
			pod_prefix(ref, v, i);
		if (k != CONTAINER_NONE) {
			set_id(ref, k, id);
			return true;
		}
		if (name_at(v, i, ref))
			return true;
	}
	/* a process of the pod's own cgroup, in none of its containers */
	for (size_t i = n; i-- > 0;) {
		struct comp uid;

		if (!pod_uid(v[i], &uid) || !(has_prefix(v[i], "kubepods") || under_kubepods(v, i)))
			continue;
		ref->kind = CONTAINER_KUBE;
		pod_prefix(ref, v, i + 1);
		ref->name[strlen(ref->name) - 1] = '\0'; /* the ':' */
		return true;
	}
	return false;
}

/* The innermost systemd unit: the fallback for a process in no container. */
static bool unit_in(const struct comp *v, size_t n, struct container_ref *ref)
{
	for (size_t i = n; i-- > 0;) {
		struct comp c = v[i];

		if (is_comp(c, "init.scope") || is_comp(c, "-.slice"))
			return false;
		if (has_suffix(c, ".service") || has_suffix(c, ".scope") || has_suffix(c, ".slice")) {
			ref->kind = CONTAINER_UNIT;
			append(ref, c);
			return true;
		}
	}
	return false;
}

/* The components of path (len bytes); how many, at most MAX_DEPTH (the
 * innermost ones when deeper). */
static size_t split(const char *path, size_t len, struct comp *v)
{
	size_t n = 0;
	const char *p = path, *end = path + len;

	while (p < end) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		const char *e = slash ? slash : end;

		if (e > p) {
			if (n == MAX_DEPTH) {
				memmove(v, v + 1, (MAX_DEPTH - 1) * sizeof(*v));
				n--;
			}
			v[n].p = p;
			v[n++].n = (size_t)(e - p);
		}
		p = e + 1;
	}
	return n;
}

/* A line "ID:CONTROLLERS:PATH": 0 for the v2 line, 1 for name=systemd,
 * 2 for another; -1 when it is not such a line. */
static int line_rank(const char *line, size_t len, struct comp *path)
{
	const char *c1 = memchr(line, ':', len), *c2;
	struct comp ctl;

	if (!c1)
		return -1;
	c2 = memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - line));
	if (!c2)
		return -1;
	ctl.p = c1 + 1;
	ctl.n = (size_t)(c2 - ctl.p);
	path->p = c2 + 1;
	path->n = len - (size_t)(path->p - line);
	if (c1 - line == 1 && line[0] == '0' && ctl.n == 0)
		return 0;
	return is_comp(ctl, "name=systemd") ? 1 : 2;
}

/* Tries what on each line, the ranks in order. */
static bool each_line(const char *text, size_t len, struct container_ref *ref,
		      bool (*what)(const struct comp *, size_t, struct container_ref *))
{
	struct comp v[MAX_DEPTH];

	for (int rank = 0; rank <= 2; rank++) {
		const char *p = text, *end = text + len;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *e = nl ? nl : end;
			struct comp path;

			if (line_rank(p, (size_t)(e - p), &path) == rank &&
			    what(v, split(path.p, path.n, v), ref))
				return true;
			memset(ref, 0, sizeof(*ref));
			p = e + 1;
		}
	}
	return false;
}

bool container_from_cgroup(const char *text, size_t len, struct container_ref *ref)
{
	memset(ref, 0, sizeof(*ref));
	if (each_line(text, len, ref, container_in) || each_line(text, len, ref, unit_in))
		return ref->name[0] != '\0';
	memset(ref, 0, sizeof(*ref));
	return false;
}

bool container_matches(const struct container_ref *ref, const char *arg)
{
	size_t n = strlen(arg);

	if (ref->kind == CONTAINER_NONE)
		return false;
	if (strcmp(ref->name, arg) == 0)
		return true;
	return ref->id[0] && n >= CONTAINER_SHORT_LEN && n <= CONTAINER_ID_LEN &&
	       strncmp(ref->id, arg, n) == 0;
}
