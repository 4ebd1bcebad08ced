#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# rm reports what the kernel did: IPC_RMID of an attached segment only marks
# it, and the attach count is read again just before IPC_RMID. The window
# that remains is held open with strace's delay injection to show that rm
# then tells the truth. Its hints suggest only what the caller could do.

load common

# shmtool runs under strace in this file, where LeakSanitizer cannot run
# (tests/valgrind.bats checks leaks)
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

need_strace() {
	command -v strace >/dev/null || skip "strace is not installed"
}

# stats_done FILE N: the trace has N completed IPC_STAT calls.
stats_done() {
	[ "$(grep -c 'IPC_STAT.*= 0$' "$1" 2>/dev/null)" -ge "$2" ]
}

dest_state() {
	awk -v id="$1" 'NR > 1 && $2 == id { print $1, $3, $7 }' /proc/sysvipc/shm
}

@test "rm: a process attaching between the check and IPC_RMID is reported, exit 1" {
	need_strace
	local a t=$BATS_TEST_TMPDIR/trace rmpid rc=0
	a=$(mkseg 0x10 100 0600)
	# rm's shmctl calls: IPC_STAT (collect), IPC_STAT (the last look),
	# IPC_RMID, IPC_STAT (what the kernel did). The third waits 2 s at its
	# entry, while a process attaches.
	strace -qq -o "$t" -e trace=shmctl -e inject=shmctl:delay_enter=2000000:when=3 \
		"$SHMTOOL" rm "$a" >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	rmpid=$!
	wait_until "rm has looked twice" stats_done "$t" 2
	hold "$a"
	wait "$rmpid" || rc=$?
	# the race was hit: both looks saw no process, and IPC_RMID came after
	# the attach (the kernel kept the segment, marked, for its user)
	[ "$(grep -c 'shm_nattch=0' "$t")" = 2 ]
	sed -n 3p "$t" | grep -q "shmctl($a, IPC_RMID"
	[ "$(dest_state "$a")" = "0 1600 1" ]
	[ "$rc" = 1 ]
	[ ! -s "$BATS_TEST_TMPDIR/out" ]
	[ "$(cat "$BATS_TEST_TMPDIR/err")" = "shmtool: rm: shmid $a: marked for removal, not removed: a process attached after the check; goes when the process attached to it detaches" ]
}

@test "rm -J: the segment the race marked is in \"marked\" with reason attached" {
	need_strace
	local a t=$BATS_TEST_TMPDIR/trace rmpid rc=0
	a=$(mkseg 0x10 100 0600)
	strace -qq -o "$t" -e trace=shmctl -e inject=shmctl:delay_enter=2000000:when=3 \
		"$SHMTOOL" rm -J "$a" >"$BATS_TEST_TMPDIR/out" 2>/dev/null &
	rmpid=$!
	wait_until "rm has looked twice" stats_done "$t" 2
	hold "$a"
	wait "$rmpid" || rc=$?
	[ "$rc" = 1 ]
	[ "$(grep -c 'shm_nattch=0' "$t")" = 2 ]
	[ "$(dest_state "$a")" = "0 1600 1" ]
	[ "$(jq -c '[.removed, .skipped, .failed]' "$BATS_TEST_TMPDIR/out")" = '[[],[],[]]' ]
	[ "$(jq -c '.marked[] | [.shmid, .nattch, .status, .reason]' "$BATS_TEST_TMPDIR/out")" = "[$a,1,[\"dest\"],\"attached\"]" ]
}

@test "rm: a segment already marked for removal is said so, with or without --force" {
	local a b
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 100 0600)
	hold "$a"
	hold "$a"
	ipcrm -m "$a"
	line="shmtool: rm: shmid $a: already marked for removal; goes when the last of 2 processes detaches"
	refused 0 "$line" rm "$a"
	refused 0 "$line" rm --force "$a"
	refused 0 "$line" rm -v --force "$a"
	refused 0 "$line" rm --dry-run "$a"
	[ "$(dest_state "$a")" = "0 1600 2" ]
	run --separate-stderr shmtool rm -J "$a"
	assert_success
	[ "$stderr" = "$line" ]
	[ "$(jq -c '[.removed, .skipped, .failed]' <<<"$output")" = '[[],[],[]]' ]
	[ "$(jq -c '.marked[] | [.shmid, .nattch, .reason]' <<<"$output")" = "[$a,2,\"already\"]" ]
	# --all removes the rest and says it of the marked one
	run --separate-stderr shmtool rm --all -v
	assert_success
	assert_output "removed shmid $b (key 0x00000011)"
	[ "$stderr" = "$line" ]
	[ "$(dest_state "$a")" = "0 1600 2" ]
}

@test "rm --force of an attached segment says marked, not removed" {
	local a
	a=$(mkseg 0x10 100 0600)
	hold "$a"
	hold "$a"
	hold "$a"
	run --separate-stderr shmtool rm --force -J "$a"
	assert_success
	[ "$stderr" = "" ]
	[ "$(jq -c '[.removed, .skipped, .failed]' <<<"$output")" = '[[],[],[]]' ]
	[ "$(jq -c '.marked[] | [.shmid, .nattch, .reason]' <<<"$output")" = "[$a,3,\"attached\"]" ]
	[ "$(dest_state "$a")" = "0 1600 3" ]
}

@test "rm as nobody of root's attached segment: the permission, no --force hint" {
	local a
	a=$(mkseg 0x10 100 0666)
	hold "$a"
	RUN_AS=(as_nobody)
	refused 1 "shmtool: rm: shmid $a: Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)" rm "$a"
	refused 1 "shmtool: rm: shmid $a: Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)" rm -k 0x10
	refused 1 "shmtool: rm: shmid $a: Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)" rm --dry-run "$a"
	refused 0 "shmtool: rm: left 1 selected segment: only the owner or creator, or CAP_SYS_ADMIN, may remove it" rm --all --attached
	[ "$(nattch "$a")" = 1 ]
}

@test "rm as nobody of root's mapped object: the sticky bit, no --force hint" {
	pmk /app 100 0666
	pmap /app
	RUN_AS=(as_nobody)
	refused 1 "shmtool: rm: /app: Operation not permitted (/dev/shm is sticky: only the object's owner, the directory's owner or CAP_FOWNER may remove it)" rm /app
	refused 1 "shmtool: rm: /app: Operation not permitted (/dev/shm is sticky: only the object's owner, the directory's owner or CAP_FOWNER may remove it)" rm --dry-run /app
	[ -e /dev/shm/app ]
}

@test "rm as nobody where /dev/shm is not writable: says what is needed" {
	pmk /app 100 0666
	chmod 1755 /dev/shm
	RUN_AS=(as_nobody)
	refused 1 "shmtool: rm: /app: Permission denied (needs write permission on /dev/shm)" rm /app
	chmod 1777 /dev/shm
	[ -e /dev/shm/app ]
}
