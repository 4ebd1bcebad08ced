/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_CONTAINER_H
#define SHMTOOL_CONTAINER_H

/* The container a process runs in, read off the text of its
 * /proc/PID/cgroup: the CONTAINER column and -N CONTAINER. Pure: the
 * caller reads the file.
 *
 * What the runtimes name their cgroups, innermost component first:
 *   docker      /docker/<64hex>, /system.slice/docker-<64hex>.scope
 *   containerd  (CRI, kubelet) /kubepods[/burstable|/besteffort]/pod<uid>/<64hex>,
 *               kubepods[-burstable|-besteffort]-pod<uid>.slice/cri-containerd-<64hex>.scope,
 *               .../crio-<64hex>.scope (CRI-O), .../docker-<64hex>.scope (dockershim);
 *               a plain containerd namespace /<ns>/<64hex>
 *   podman      /libpod_parent/libpod-<64hex>, machine.slice/libpod-<64hex>.scope
 *               (and its /container child)
 *   lxc, lxd    /lxc/<name>, /lxc.payload.<name>, /lxc.payload/<name>
 *   nspawn      /machine.slice/machine-<name>.scope, systemd's \x2d for '-'
 * and else the innermost systemd unit (.service, .scope, .slice). */

#include <stdbool.h>
#include <stddef.h>

enum container_kind {
	CONTAINER_NONE,   /* the root cgroup, init.scope, nothing recognised */
	CONTAINER_DOCKER,
	CONTAINER_KUBE,   /* kubepods: containerd, CRI-O, dockershim */
	CONTAINER_CONTAINERD,
	CONTAINER_PODMAN,
	CONTAINER_LXC,
	CONTAINER_NSPAWN,
	CONTAINER_UNIT,   /* the fallback: a systemd unit or slice */
};

#define CONTAINER_ID_LEN 64
#define CONTAINER_SHORT_LEN 12 /* as docker ps and podman ps show ids */
#define CONTAINER_NAME_SIZE 256

struct container_ref {
	enum container_kind kind;
	/* What CONTAINER shows: a short id ("3f4e5d6c7b8a"), "pod<uid>:<short
	 * id>" under kubepods, a name (lxc, nspawn) or a unit. Never holds a
	 * '/', a control character or a blank, so -N can take it back. */
	char name[CONTAINER_NAME_SIZE];
	char id[CONTAINER_ID_LEN + 1]; /* the full id where the runtime has one, else "" */
};

/* The container of the process whose /proc/PID/cgroup is text (len bytes,
 * no NUL needed). true with *ref set, false (kind CONTAINER_NONE, empty
 * name) when the process is in no container or unit: the host. The cgroup
 * v2 line is looked at first, then name=systemd, then the others. */
bool container_from_cgroup(const char *text, size_t len, struct container_ref *ref);

/* Whether arg names ref as a user may type it: its name, or its full id or
 * a prefix of it at least CONTAINER_SHORT_LEN long. */
bool container_matches(const struct container_ref *ref, const char *arg);

#endif
