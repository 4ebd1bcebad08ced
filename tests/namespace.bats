#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# -N/--namespace: working in the IPC namespace of another process.

load common


@test "-N PID lists the segments of that process's IPC namespace" {
	mkseg 0x1234 4096 0600 >/dev/null
	start_other_ns
	run shmtool -N "$NS_PID" list -n -r -o KEY,BYTES
	assert_success
	assert_output "0x00000abc 4096"
	run shmtool --namespace "$NS_PID" list -n -r -o KEY
	assert_success
	assert_output "0x00000abc"
	# and ours stays ours
	run shmtool list -n -r -o KEY
	assert_success
	assert_output "0x00001234"
}

@test "-N FILE takes an nsfs file such as /proc/PID/ns/ipc" {
	start_other_ns
	run shmtool -N "/proc/$NS_PID/ns/ipc" list -n -r -o KEY
	assert_success
	assert_output "0x00000abc"
	# a bind mount of it, as ip netns or a container runtime keeps one
	touch "$BATS_TEST_TMPDIR/ipcns"
	mount --bind "/proc/$NS_PID/ns/ipc" "$BATS_TEST_TMPDIR/ipcns"
	run shmtool -N "$BATS_TEST_TMPDIR/ipcns" list -n -r -o KEY
	umount "$BATS_TEST_TMPDIR/ipcns"
	assert_success
	assert_output "0x00000abc"
}

@test "-N applies to every command: info counts that namespace's segments" {
	start_other_ns
	mkseg 0x1 4096 0600 >/dev/null
	mkseg 0x2 4096 0600 >/dev/null
	run shmtool -N "$NS_PID" info -r -n
	assert_success
	assert_line --regexp '^SHMMNI [0-9]+ 1 '
}

@test "-N with a PID that does not exist: one error line, exit 1" {
	run --separate-stderr shmtool -N 2147483647 list
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "shmtool: -N 2147483647: no such process"
}

@test "-N with a malformed PID: exit 2" {
	# not a number: a container name, and there is none by that name
	run --separate-stderr shmtool -N 12x list
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "shmtool: -N 12x: no such process or container"
	run --separate-stderr shmtool -N 0 list
	assert_failure 2
	assert_equal "$stderr" "shmtool: -N: invalid process ID '0': expected a process ID above 0"
	run --separate-stderr shmtool -N
	assert_failure 2
	assert_equal "$stderr" "shmtool: option '-N' requires an argument; try 'shmtool --help'"
}

@test "-N with a file that is not an IPC namespace: one error line, exit 1" {
	run --separate-stderr shmtool -N /etc/passwd list
	assert_failure 1
	assert_equal "$stderr" "shmtool: -N /etc/passwd: not a namespace file"
	run --separate-stderr shmtool -N /proc/self/ns/net list
	assert_failure 1
	assert_equal "$stderr" "shmtool: -N /proc/self/ns/net: not an IPC namespace"
	run --separate-stderr shmtool -N /proc/shmtool-missing/ns list
	assert_failure 1
	assert_equal "$stderr" "shmtool: -N /proc/shmtool-missing/ns: No such file or directory"
}

@test "-N without the privilege: one error line, exit 1, nothing listed" {
	start_other_ns
	run --separate-stderr as_nobody "$SHMTOOL" -N "$NS_PID" list
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "shmtool: -N $NS_PID: cannot open its IPC namespace: Permission denied"
	# a namespace file nobody may open, but not enter
	run --separate-stderr as_nobody "$SHMTOOL" -N /proc/self/ns/ipc list
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "shmtool: -N /proc/self/ns/ipc: cannot enter the IPC namespace: Operation not permitted"
}

@test "-N with -p: the holders are those of that namespace" {
	unshare --ipc sh -c 'id=$("$1" create 0x77 4096 0600) && exec "$1" hold "$id"' sh "$SHM_HELPER" &
	pid=$!
	SHM_HOLDERS+=("$pid")
	wait_until "the holder is attached" ns_nattch_is "$pid" 1
	run shmtool -N "$pid" list -n -r -o KEY,PIDS
	assert_success
	assert_output "0x00000077 $pid(shm-helper)"
}

@test "-N into a container with its own PID namespace: PIDs stay ours" {
	# The target has its own mount and PID namespaces and /proc: -N enters
	# its mount namespace too, but PIDS and CPID must still be counted in
	# shmtool's PID namespace, as the kernel reports them.
	# LeakSanitizer reads /proc/self/task at exit, and after -N that is the
	# container's /proc: leaks on this path are valgrind.bats' to find.
	export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	unshare --ipc --pid --fork --kill-child --mount-proc sh -c \
		'id=$("$1" create 0x88 4096 0600) && exec "$1" hold "$id"' sh "$SHM_HELPER" &
	outer=$!
	wait_until "the container's init runs" first_child "$outer"
	holder=$child
	# the holder is init of its PID namespace: only SIGKILL stops it
	NS_INIT=$holder
	SHM_HOLDERS+=("$outer")
	wait_until "the holder runs shm-helper" runs "$holder" "$SHM_HELPER"
	wait_until "the holder is attached" ns_nattch_is "$holder" 1
	run shmtool -N "$holder" list -n -r -o KEY,PIDS
	assert_success
	# (from the container's own /proc it would have been 1(shm-helper))
	assert_output "0x00000088 $holder(shm-helper)"
}
