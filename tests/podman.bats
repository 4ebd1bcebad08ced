#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# --all-namespaces against real podman containers: one with --ipc=private,
# one with --ipc=shareable and one joining it (--ipc=container:NAME). No
# image can be pulled here: the image is busybox and the test helper,
# linked statically, imported from a directory. Everything podman keeps
# (storage, run state, its containers.conf) lives in a scratch directory:
# /etc and /var/lib/containers stay untouched.

load common

pod() {
	podman --root "$POD_DIR/storage" --runroot "$POD_DIR/run" --tmpdir "$POD_DIR/tmp" \
		--storage-driver vfs --cgroup-manager cgroupfs --events-backend file \
		--runtime runc "$@"
}

# The host PID of the process in container $1 whose command line has $2.
pod_pid_of() {
	local init pid
	init=$(pod inspect -f '{{.State.Pid}}' "$1") || return 1
	for pid in $init $(cat "/proc/$init/task/$init/children"); do
		case "$(tr '\0' ' ' <"/proc/$pid/cmdline")" in
		*"$2"*) echo "$pid"; return 0 ;;
		esac
	done
	return 1
}

# run_ct NAME IPC KEY: a container making segment KEY, held by a helper,
# and POSIX object /obj-NAME of 8192 bytes, mapped by another.
run_ct() {
	pod run -d --name "$1" --network none --ipc="$2" shmtool-test:latest /bin/sh -c '
		id=$(shm-helper create "$1" 4096 0600) || exit 1
		shm-helper hold "$id" &
		shm-helper posix-create "/obj-$2" 8192 0600 && shm-helper posix-fill "/obj-$2" 7 ||
			exit 1
		exec shm-helper posix-map "/obj-$2"' sh "$3" "$1" >/dev/null
}

# Until the helpers of container $1 hold what they made.
wait_ct() {
	local i pid
	for i in $(seq 1 500); do
		pid=$(pod inspect -f '{{.State.Pid}}' "$1" 2>/dev/null) &&
			[ "$pid" -gt 0 ] 2>/dev/null &&
			grep -q " /dev/shm/obj-$1" "/proc/$pid/maps" 2>/dev/null &&
			pod_pid_of "$1" " hold " >/dev/null &&
			return 0
		sleep 0.02
	done
	echo "container $1 never came up" >&2
	return 1
}

setup_file() {
	local why=
	command -v podman >/dev/null || why="podman is not installed"
	[ -n "$why" ] || command -v runc >/dev/null || why="runc is not installed"
	[ -n "$why" ] || [ -x /bin/busybox ] || why="busybox (busybox-static) is not installed"
	[ -n "$why" ] || file -L /bin/busybox 2>/dev/null | grep -q 'statically linked' ||
		why="/bin/busybox is not statically linked (install busybox-static)"
	if [ -n "$why" ]; then
		export POD_SKIP="$why"
		return 0
	fi
	POD_DIR=$(mktemp -d "${BATS_FILE_TMPDIR}/podman.XXXXXX")
	export POD_DIR
	# runc cannot set the default rlimits here ("error setting rlimit type
	# 7: operation not permitted"): none are asked for
	printf '[containers]\ndefault_ulimits = []\n[network]\nnetwork_config_dir = "%s"\n' \
		"$POD_DIR/net" >"$POD_DIR/containers.conf"
	export CONTAINERS_CONF=$POD_DIR/containers.conf
	mkdir -p "$POD_DIR/root/bin" "$POD_DIR/root/dev" "$POD_DIR/root/proc" \
		"$POD_DIR/root/tmp" "$POD_DIR/tmp"
	cp /bin/busybox "$POD_DIR/root/bin/busybox"
	ln -s busybox "$POD_DIR/root/bin/sh"
	if ! ${CC:-cc} -static -O2 -I"$TESTS_BUILDDIR/.." -I"$BATS_TEST_DIRNAME/.." \
		-o "$POD_DIR/root/bin/shm-helper" "$BATS_TEST_DIRNAME/shm-helper.c" 2>"$POD_DIR/cc.log"; then
		export POD_SKIP="cannot link the test helper statically: $(head -1 "$POD_DIR/cc.log")"
		return 0
	fi
	# what podman makes outside POD_DIR whatever it is told (its cgroups,
	# netavark's empty run directory) goes again in teardown_file
	[ -d /sys/fs/cgroup/pids/libpod_parent ] || [ -d /sys/fs/cgroup/libpod_parent ] ||
		export POD_CGROUP_MADE=1
	[ -d /run/containers ] || export POD_RUN_MADE=1
	tar -C "$POD_DIR/root" -c . | pod import - shmtool-test:latest >/dev/null
	run_ct private private 0x8001
	run_ct shared shareable 0x8002
	run_ct joiner container:shared 0x8003
	wait_ct private && wait_ct shared && wait_ct joiner
}

teardown_file() {
	[ -n "${POD_DIR:-}" ] || return 0
	pod rm -f -t 0 joiner >/dev/null 2>&1 || true
	pod rm -f -t 0 private shared >/dev/null 2>&1 || true
	pod rmi -f shmtool-test:latest >/dev/null 2>&1 || true
	grep -F " $POD_DIR/" /proc/mounts | awk '{ print $2 }' | sort -r |
		xargs -r -n 1 umount 2>/dev/null || true
	rm -rf "$POD_DIR"
	if [ -n "${POD_RUN_MADE:-}" ]; then
		rmdir /run/containers/networks /run/containers 2>/dev/null || true
	fi
	if [ -n "${POD_CGROUP_MADE:-}" ]; then
		rmdir /sys/fs/cgroup/*/libpod_parent/conmon /sys/fs/cgroup/*/libpod_parent \
			/sys/fs/cgroup/libpod_parent/conmon /sys/fs/cgroup/libpod_parent 2>/dev/null || true
	fi
}

file_setup() {
	[ -z "${POD_SKIP:-}" ] || skip "$POD_SKIP"
}

short_id() {
	pod inspect -f '{{.Id}}' "$1" | cut -c1-12
}

ipcns_of() {
	stat -Lc %i "/proc/$(pod inspect -f '{{.State.Pid}}' "$1")/ns/ipc"
}

@test "podman: list -A shows each namespace's segments once, with CONTAINER, IPCNS and our PIDs" {
	local priv shared
	priv=$(ipcns_of private) shared=$(ipcns_of shared)
	# the joiner is in the shareable one's namespace
	assert_equal "$(ipcns_of joiner)" "$shared"
	[ "$priv" != "$shared" ]
	run --separate-stderr shmtool list -A -r -n -o IPCNS,CONTAINER,KEY,PIDS
	assert_success
	assert_line "$priv $(short_id private) 0x00008001 $(pod_pid_of private " hold ")(shm-helper)"
	# one namespace, named by the container that made it, with both keys
	assert_line "$shared $(short_id shared) 0x00008002 $(pod_pid_of shared " hold ")(shm-helper)"
	assert_line "$shared $(short_id shared) 0x00008003 $(pod_pid_of joiner " hold ")(shm-helper)"
	# each once
	[ "$(echo "$output" | grep -c " 0x0000800[123] ")" = 3 ]
}

@test "podman: list -A --posix shows each container's /dev/shm once" {
	run --separate-stderr shmtool list -A --posix -r -n -o CONTAINER,NAME,BYTES,PIDS
	assert_success
	assert_line "$(short_id private) /obj-private 8192 $(pod_pid_of private posix-map)(shm-helper)"
	assert_line "$(short_id shared) /obj-shared 8192 $(pod_pid_of shared posix-map)(shm-helper)"
	# the joiner shares the /dev/shm too: the one its namespace's maker has
	assert_line "$(short_id shared) /obj-joiner 8192 $(pod_pid_of joiner posix-map)(shm-helper)"
	[ "$(echo "$output" | grep -c " /obj-")" = 3 ]
}

@test "podman: info -A shows each container's /dev/shm with podman's 64 MB default" {
	local size
	size=$(pod inspect -f '{{.HostConfig.ShmSize}}' private)
	[ "$size" -ge 64000000 ] && [ "$size" -le 67108864 ]
	run --separate-stderr shmtool info -A -r -n
	assert_success
	# TYPE IPCNS CONTAINER PID COUNT COUNT-MAX COUNT-USE% BYTES BYTES-MAX USE%
	assert_line --regexp "^sysv $(ipcns_of private) $(short_id private) [0-9]+ 1 [0-9]+ [0-9.]+% 4096 [0-9]+ [0-9.]+%\$"
	assert_line --regexp "^sysv $(ipcns_of shared) $(short_id shared) [0-9]+ 2 [0-9]+ [0-9.]+% 8192 "
	# each container's /dev/shm: podman's default size, the 8192-byte object
	assert_line --regexp "^posix $(ipcns_of private) $(short_id private) [0-9]+ 1 - - 8192 $size 0\.01%\$"
	# the joiner's /dev/shm is the shareable one's: counted once, both objects
	assert_line --regexp "^posix $(ipcns_of shared) $(short_id shared) [0-9]+ 2 - - 16384 $size [0-9.]+%\$"
	refute_line --regexp "^posix .* $(short_id joiner) "
}

@test "podman: -N takes the short id CONTAINER shows" {
	export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	run --separate-stderr shmtool -N "$(short_id private)" list -a -r -n -o KEY,NAME
	assert_success
	assert_output "0x00008001 -
- /obj-private"
	# the joiner's own id enters the namespace it joined
	run --separate-stderr shmtool -N "$(short_id joiner)" list -r -n -o KEY
	assert_success
	assert_output "0x00008002
0x00008003"
}
