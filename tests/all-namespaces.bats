#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# --all-namespaces: "containers" made with unshare (own IPC, mount and PID
# namespaces, own tmpfs on /dev/shm), each moved into a cgroup named the
# way docker, kubelet and libpod name theirs, before its namespaces exist.
# The host runs other namespaces too (other test files, other users): every
# check looks at the rows of the namespaces this file made, by IPCNS.

load common

# A fresh 64-hex container id.
new_id() {
	head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

# The cgroup v2 hierarchy: /sys/fs/cgroup, or its unified part on a hybrid host.
cgroup2_root() {
	local d
	for d in /sys/fs/cgroup /sys/fs/cgroup/unified; do
		if [ "$(stat -fc %T "$d" 2>/dev/null)" = cgroup2fs ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

file_setup() {
	CG2=$(cgroup2_root) || skip "no writable cgroup v2 hierarchy"
	[ -w "$CG2/cgroup.procs" ] || skip "cgroup v2 at $CG2 is not writable"
	CG_MADE=()
	CT_OUTER=()
}

# mkcg DIR: makes DIR and its missing parents, remembering them for teardown.
mkcg() {
	local dir=$1 missing=() d=$1
	while [ ! -d "$d" ]; do
		missing=("$d" "${missing[@]}")
		d=$(dirname "$d")
	done
	for d in "${missing[@]}"; do
		mkdir "$d" || return 1
		CG_MADE+=("$d")
	done
}

# Stops every container and removes the cgroups this test made, innermost
# first, even when the test failed half-way.
file_teardown() {
	local pid i d
	for pid in "${CT_OUTER[@]}"; do
		kill -KILL "$pid" 2>/dev/null || true
	done
	for pid in "${CT_OUTER[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	for ((i = ${#CG_MADE[@]} - 1; i >= 0; i--)); do
		d=${CG_MADE[i]}
		# the killed processes leave their cgroup a moment later
		for _ in $(seq 1 200); do
			rmdir "$d" 2>/dev/null && break
			sleep 0.01
		done
	done
}

# start_ct CGDIR KEY: a container in cgroup CGDIR with a segment KEY held
# by a helper and a POSIX object /obj of 512 bytes mapped by another, on a
# 1 MiB tmpfs /dev/shm. Sets CT_PID (the process its namespaces were made
# by, in our numbering: the one CONTAINER is read from), CT_NS (its IPC
# namespace inode) and CT_HOLD (the helper attached to the segment).
start_ct() {
	local cgdir=$1 key=$2 ready=$BATS_TEST_TMPDIR/ready.$2 init pid i
	mkcg "$cgdir" || return 1
	# into the cgroup first, then the namespaces: every process of the
	# container starts in it
	sh -c '
		echo $$ >"$1/cgroup.procs" || exit 1
		exec unshare --ipc --mount --pid --fork --kill-child --mount-proc sh -c "
			mount -t tmpfs -o size=1m tmpfs /dev/shm || exit 1
			id=\$(\"\$1\" create \"\$3\" 4096 0600) || exit 1
			\"\$1\" hold \"\$id\" &
			\"\$1\" posix-create /obj 512 0600 && \"\$1\" posix-fill /obj 7 || exit 1
			\"\$1\" posix-map /obj &
			for i in \$(seq 1 500); do
				awk \"NR > 1 && \\\$7 == 1 { f = 1 } END { exit !f }\" /proc/sysvipc/shm &&
					echo ready >\"\$2\" && break
				sleep 0.01
			done
			wait" sh "$2" "$3" "$4"' sh "$cgdir" "$SHM_HELPER" "$ready" "$key" &
	CT_PID=$!
	CT_OUTER+=("$CT_PID")
	for i in $(seq 1 500); do
		[ -s "$ready" ] && break
		sleep 0.01
	done
	[ -s "$ready" ] || { echo "the container never came up" >&2; return 1; }
	CT_NS=$(stat -Lc %i "/proc/$CT_PID/ns/ipc")
	init=$(tr -d ' ' <"/proc/$CT_PID/task/$CT_PID/children")
	CT_HOLD=
	for pid in $(cat "/proc/$init/task/$init/children"); do
		case "$(tr '\0' ' ' <"/proc/$pid/cmdline")" in
		*" hold "*) CT_HOLD=$pid ;;
		esac
	done
	[ -n "$CT_HOLD" ]
}

# Three containers: docker (systemd driver), containerd under kubelet
# (systemd driver) and podman (cgroupfs manager, on cgroup v1 where the
# host has it, else v2). Sets D_*, K_*, P_* (ID, NS, HOLD, PID).
start_three() {
	local pod=1b2c3d4e-5f60-4718-8293-$(new_id | cut -c1-12) v1=/sys/fs/cgroup/pids
	D_ID=$(new_id) K_ID=$(new_id) P_ID=$(new_id) K_POD=$pod
	start_ct "$CG2/system.slice/docker-$D_ID.scope" 0x7001 || return 1
	D_NS=$CT_NS D_HOLD=$CT_HOLD D_PID=$CT_PID
	start_ct "$CG2/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${pod//-/_}.slice/cri-containerd-$K_ID.scope" 0x7002 || return 1
	K_NS=$CT_NS K_HOLD=$CT_HOLD K_PID=$CT_PID
	[ "$(stat -fc %T $v1 2>/dev/null)" = cgroupfs ] || v1=$CG2
	start_ct "$v1/libpod_parent/libpod-$P_ID" 0x7003 || return 1
	P_NS=$CT_NS P_HOLD=$CT_HOLD P_PID=$CT_PID
}

# The rows of list -A (raw, no header, with the given columns) whose IPCNS
# (the first column) is ns.
rows_of() {
	local ns=$1
	shift
	shmtool list -A -r -n -o "IPCNS,$@" 2>/dev/null | awk -v ns="$ns" '$1 == ns'
}

@test "list -A: each namespace's segments once, with its CONTAINER, IPCNS and our PIDs" {
	start_three
	mkseg 0x1234 4096 0600 >/dev/null
	assert_equal "$(rows_of "$D_NS" CONTAINER,KEY,BYTES,PIDS)" \
		"$D_NS ${D_ID:0:12} 0x00007001 4096 $D_HOLD(shm-helper)"
	assert_equal "$(rows_of "$K_NS" CONTAINER,KEY,PIDS)" \
		"$K_NS pod$K_POD:${K_ID:0:12} 0x00007002 $K_HOLD(shm-helper)"
	assert_equal "$(rows_of "$P_NS" CONTAINER,KEY,PIDS)" \
		"$P_NS ${P_ID:0:12} 0x00007003 $P_HOLD(shm-helper)"
	# ours is there too, with its own namespace
	assert_equal "$(rows_of "$(stat -Lc %i /proc/self/ns/ipc)" KEY)" \
		"$(stat -Lc %i /proc/self/ns/ipc) 0x00001234"
	# the default columns gain IPCNS and CONTAINER
	run --separate-stderr shmtool list -A
	assert_line --index 0 --regexp '^KEY +SHMID +OWNER +PERMS +BYTES +NATTCH +STATUS +IPCNS +CONTAINER$'
	assert_line --regexp "^0x00007001 .* $D_NS ${D_ID:0:12}\$"
}

@test "list -A works with filters, sort, -J and --posix" {
	start_three
	# a key filter finds it in whichever namespace holds it
	run --separate-stderr shmtool list -A -k 0x7002 -r -n -o CONTAINER
	assert_success
	assert_output "pod$K_POD:${K_ID:0:12}"
	run --separate-stderr shmtool list -A --attached -s IPCNS -r -n -o IPCNS,KEY
	assert_success
	assert_line "$D_NS 0x00007001"
	# sorted by IPCNS: each line's inode no smaller than the one before
	echo "$output" | awk '$1 < prev { exit 1 } { prev = $1 }'
	run --separate-stderr shmtool list -A -k 0x7001 -J -o KEY,IPCNS,CONTAINER,PIDS
	assert_success
	assert_output "{
	\"segments\":	[{
			\"key\":	\"0x00007001\",
			\"ipcns\":	$D_NS,
			\"container\":	\"${D_ID:0:12}\",
			\"pids\":	[{
					\"pid\":	$D_HOLD,
					\"comm\":	\"shm-helper\"
				}]
		}]
}"
	# each container's /dev/shm once, through /proc/PID/root
	run --separate-stderr shmtool list -A --posix -r -n -o IPCNS,CONTAINER,NAME,BYTES
	assert_success
	assert_line "$D_NS ${D_ID:0:12} /obj 512"
	assert_line "$P_NS ${P_ID:0:12} /obj 512"
	[ "$(echo "$output" | grep -c "^$K_NS ")" = 1 ]
}

@test "list -A: the POSIX holders are ours too" {
	start_three
	run --separate-stderr shmtool list -A --posix -r -n -o IPCNS,NAME,PIDS
	assert_success
	local map
	map=$(echo "$output" | awk -v ns="$D_NS" '$1 == ns { print $3 }')
	[[ "$map" =~ ^[0-9]+\(shm-helper\)$ ]]
	# the PID is one of our /proc: the mapper runs in that namespace
	assert_equal "$(stat -Lc %i "/proc/${map%%(*}/ns/ipc")" "$D_NS"
}

@test "list -A --format=openmetrics: labels ipcns and container, totals per namespace" {
	start_three
	run --separate-stderr shmtool list -A --format=openmetrics
	assert_success
	assert_line --regexp "^shm_segment_bytes\{shmid=\"[0-9]+\",key=\"0x00007001\",owner=\"root\",type=\"sysv\",ipcns=\"$D_NS\",container=\"${D_ID:0:12}\"\} 4096\$"
	assert_line "shm_segments{type=\"sysv\",ipcns=\"$K_NS\",container=\"pod$K_POD:${K_ID:0:12}\"} 1"
	# each namespace's own limits: a new namespace starts from the kernel's defaults
	assert_line "shm_limit_segments{ipcns=\"$D_NS\",container=\"${D_ID:0:12}\"} $(nsenter -t "$D_PID" -i cat /proc/sys/kernel/shmmni)"
	if command -v promtool >/dev/null; then
		echo "$output" | promtool check metrics
	fi
}

@test "info -A: each namespace against its limits, each /dev/shm's size and use" {
	start_three
	"$SHM_HELPER" posix-create /big 524288 0600
	"$SHM_HELPER" posix-fill /big 1
	run --separate-stderr shmtool info -A -r -n
	assert_success
	# TYPE IPCNS CONTAINER PID COUNT COUNT-MAX COUNT-USE% BYTES BYTES-MAX USE%
	assert_line --regexp "^sysv $D_NS ${D_ID:0:12} $D_PID 1 [0-9]+ [0-9.]+% 4096 [0-9]+ [0-9.]+%\$"
	assert_line --regexp "^sysv $P_NS ${P_ID:0:12} $P_PID 1 "
	# the 1 MiB /dev/shm holds the 512-byte /obj: one page
	assert_line "posix $D_NS ${D_ID:0:12} $D_PID 1 - - 4096 1048576 0.39%"
	# ours, with the 512 KiB /big in it
	assert_line --regexp "^posix $(stat -Lc %i /proc/self/ns/ipc) [^ ]+ [0-9]+ 1 - - 524288 268435456 0.20%\$"
	run --separate-stderr shmtool info -A -J
	assert_success
	echo "$output" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
ns = {n["ipcns"]: n for n in doc["namespaces"]}
d = ns[int(sys.argv[1])]
assert d["container"] == sys.argv[2], d
assert d["segments"] == 1 and d["bytes"] == 4096 and d["pid"] == int(sys.argv[3]), d
assert isinstance(d["segments_percent"], (int, float)), d
shm = [m for m in doc["devshm"] if m["ipcns"] == int(sys.argv[1])]
assert len(shm) == 1, shm
assert shm[0]["bytes_max"] == 1048576 and shm[0]["objects"] == 1, shm
assert shm[0]["container"] == sys.argv[2], shm
' "$D_NS" "${D_ID:0:12}" "$D_PID"
}

@test "rm -A is refused without -N: one line, exit 2, nothing removed" {
	start_three
	run --separate-stderr shmtool rm -A --all
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "shmtool: rm: --all-namespaces is refused: rm acts in one IPC namespace; name it with -N PID|CONTAINER"
	assert_equal "$(rows_of "$D_NS" KEY)" "$D_NS 0x00007001"
}

@test "-N CONTAINER: the short id CONTAINER shows, or the full id" {
	start_three
	export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	run --separate-stderr shmtool -N "${D_ID:0:12}" list -n -r -o KEY,PIDS
	assert_success
	assert_output "0x00007001 $D_HOLD(shm-helper)"
	run --separate-stderr shmtool -N "$P_ID" list -n -r -o KEY
	assert_success
	assert_output "0x00007003"
	run --separate-stderr shmtool -N "pod$K_POD:${K_ID:0:12}" list --posix -n -r -o NAME,BYTES
	assert_success
	assert_output "/obj 512"
	# rm in the one namespace -N names
	run --separate-stderr shmtool -N "${D_ID:0:12}" rm --all --force --dry-run
	assert_success
	assert_output --regexp "^would remove shmid [0-9]+ \(key 0x00007001\)\$"
	run --separate-stderr shmtool -N no-such-container list
	assert_failure 1
	assert_equal "$stderr" "shmtool: -N no-such-container: no such process or container"
}

@test "-A with -N is a usage error" {
	start_three
	export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	run --separate-stderr shmtool -N "$D_PID" list -A
	assert_failure 2
	assert_equal "$stderr" "shmtool: list: -N and --all-namespaces are mutually exclusive"
}

@test "a namespace that cannot be entered is said with a count, never dropped silently" {
	start_three
	mkseg 0x1234 4096 0600 >/dev/null
	# root without CAP_SYS_ADMIN sees the namespaces but cannot setns
	run --separate-stderr setpriv --inh-caps=-sys_admin --bounding-set=-sys_admin \
		"$SHMTOOL" list -A -r -n -o IPCNS,KEY
	assert_failure 1
	assert_regex "$stderr" "shmtool: list: [0-9]+ of [0-9]+ IPC namespaces could not be entered: Operation not permitted"
	# what could be read still prints: our own namespace needs no setns
	assert_line "$(stat -Lc %i /proc/self/ns/ipc) 0x00001234"
	refute_line --regexp "^$D_NS "
}

@test "bash, zsh and fish complete -N with the containers info -A names" {
	load complete
	start_three
	local c
	for c in bash zsh fish; do
		command -v "$c" >/dev/null || continue
		"${c}_complete" "shmtool -N ${D_ID:0:6}" | grep -qx "${D_ID:0:12}" ||
			fail "$c does not complete -N ${D_ID:0:6} to ${D_ID:0:12}"
	done
}
