#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# PIDS and ORIGKEY: the processes attached to a segment, found in their
# mappings, and the key a removed segment had.

load common

# shmtool runs under strace in this file, where LeakSanitizer cannot run
# (tests/valgrind.bats checks leaks)
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

@test "PIDS shows each holder as pid(comm), in pid order" {
	a=$(mkseg 0x1234 4096 0600)
	b=$(mkseg 0x5678 4096 0600)
	c=$(mkseg 0x9abc 4096 0600)
	hold "$a" "$a" "$b"
	run shmtool list -r -o SHMID,NATTCH,PIDS
	assert_success
	assert_output "SHMID NATTCH PIDS
$a 2 ${HOLD_PIDS[0]}(shm-helper),${HOLD_PIDS[1]}(shm-helper)
$b 1 ${HOLD_PIDS[2]}(shm-helper)
$c 0 -"
}

@test "-p adds PIDS to the default columns, once" {
	a=$(mkseg 0x1234 4096 0600)
	hold "$a"
	run shmtool list -p
	assert_success
	assert_line --index 0 --regexp '^KEY +SHMID OWNER PERMS BYTES NATTCH STATUS +PIDS$'
	assert_line --index 1 --regexp "^0x00001234 +$a root +600 +4096 +1 +${HOLD_PIDS[0]}\\(shm-helper\\)$"
	run shmtool list -p -r -n -o SHMID,PIDS
	assert_success
	assert_output "$a ${HOLD_PIDS[0]}(shm-helper)"
}

@test "PIDS in JSON is an array of {pid, comm}, [] when nothing is attached" {
	a=$(mkseg 0x1234 4096 0600)
	b=$(mkseg 0x5678 4096 0600)
	hold "$a" "$a"
	run shmtool list -J -o SHMID,PIDS
	assert_success
	assert_output "$(printf '{\n\t"segments":\t[{\n\t\t\t"shmid":\t%s,\n\t\t\t"pids":\t[{\n\t\t\t\t\t"pid":\t%s,\n\t\t\t\t\t"comm":\t"shm-helper"\n\t\t\t\t}, {\n\t\t\t\t\t"pid":\t%s,\n\t\t\t\t\t"comm":\t"shm-helper"\n\t\t\t\t}]\n\t\t}, {\n\t\t\t"shmid":\t%s,\n\t\t\t"pids":\t[]\n\t\t}]\n}' "$a" "${HOLD_PIDS[@]}" "$b")"
}

@test "a holder that has ended is gone from PIDS" {
	a=$(mkseg 0x1234 4096 0600)
	hold "$a" "$a"
	kill "${HOLD_PIDS[0]}"
	wait "${HOLD_PIDS[0]}" 2>/dev/null || true
	wait_nattch "$a" 1
	run shmtool list -n -r -o PIDS
	assert_success
	assert_output "${HOLD_PIDS[1]}(shm-helper)"
}

@test "ORIGKEY of a removed segment still attached is the key it had" {
	a=$(mkseg 0x00c0ffee 4096 0600)
	b=$(mkseg 0x1234 4096 0600)
	hold "$a"
	"$SHM_HELPER" rmid "$a"
	run shmtool list -n -r -o SHMID,KEY,ORIGKEY,STATUS
	assert_success
	assert_output "$a 0x00000000 0x00c0ffee dest
$b 0x00001234 0x00001234 -"
	run shmtool list -J -o SHMID,ORIGKEY -i "$a"
	assert_success
	assert_output "$(printf '{\n\t"segments":\t[{\n\t\t\t"shmid":\t%s,\n\t\t\t"origkey":\t"0x00c0ffee"\n\t\t}]\n}' "$a")"
}

@test "ORIGKEY of a segment not removed is its key, without reading the maps" {
	a=$(mkseg 0x00c0ffee 4096 0600)
	hold "$a"
	run shmtool list -n -r -o SHMID,KEY,ORIGKEY
	assert_success
	assert_output "$a 0x00c0ffee 0x00c0ffee"
	run shmtool list -J -o ORIGKEY
	assert_success
	assert_output "$(printf '{\n\t"segments":\t[{\n\t\t\t"origkey":\t"0x00c0ffee"\n\t\t}]\n}')"
}

@test "--sort PIDS and --sort ORIGKEY work" {
	a=$(mkseg 0x2 4096 0600)
	b=$(mkseg 0x1 4096 0600)
	run shmtool list -n -r -o SHMID -s ORIGKEY
	assert_success
	assert_output "$b
$a"
	run shmtool list -n -r -o SHMID -s PIDS
	assert_success
}

@test "processes of another IPC namespace are not holders of our shmid" {
	# two fresh namespaces: the first segment of each has shmid 0
	unshare --ipc sh -c 'id=$("$1" create 0x1 4096 0600) && exec "$1" hold "$id"' sh "$SHM_HELPER" &
	SHM_HOLDERS+=("$!")
	pa=$!
	unshare --ipc sh -c 'id=$("$1" create 0x2 4096 0600) && exec "$1" hold "$id"' sh "$SHM_HELPER" &
	SHM_HOLDERS+=("$!")
	pb=$!
	wait_until "the first holder is attached" ns_nattch_is "$pa" 1
	wait_until "the second holder is attached" ns_nattch_is "$pb" 1
	run shmtool -N "$pa" list -n -r -o SHMID,KEY,PIDS
	assert_success
	assert_output "0 0x00000001 $pa(shm-helper)"
	run shmtool -N "$pb" list -n -r -o SHMID,KEY,PIDS
	assert_success
	assert_output "0 0x00000002 $pb(shm-helper)"
}

@test "-v says how many processes' mappings could not be read" {
	a=$(mkseg 0x1234 4096 0644)
	hold "$a"
	run --separate-stderr shmtool list -p -v -n -r -o SHMID
	assert_success
	assert_output "$a ${HOLD_PIDS[0]}(shm-helper)"
	[[ "$stderr" =~ ^shmtool:\ list:\ could\ not\ read\ the\ mappings\ of\ [0-9]+\ of\ [1-9][0-9]*\ processes$ ]]
	# nobody cannot read root's mappings: the PIDS cell says it may miss
	# some, and so does stderr, with or without -v (tests/incomplete.bats)
	run --separate-stderr as_nobody "$SHMTOOL" list -p -v -n -r -o SHMID,PIDS
	assert_success
	assert_output "$a ?"
	[[ "$stderr" =~ ^shmtool:\ list:\ could\ not\ read\ the\ mappings\ of\ [1-9][0-9]*\ of\ [1-9][0-9]*\ processes\ \(Permission\ denied\):\ PIDS\ ending\ in\ \?\ may\ miss\ some$ ]]
}

@test "the maps are read only for PIDS, or ORIGKEY of a removed segment" {
	command -v strace >/dev/null || skip "strace is not installed"
	a=$(mkseg 0x1234 4096 0600)
	hold "$a"
	maps_opened() {
		strace -f -qq -e trace=openat -o "$BATS_TEST_TMPDIR/trace" "$SHMTOOL" "$@" >/dev/null
		grep -c '/maps"' "$BATS_TEST_TMPDIR/trace" || true
	}
	assert_equal "$(maps_opened list)" 0
	assert_equal "$(maps_opened list -o KEY,ORIGKEY,COMMAND)" 0
	assert_equal "$(maps_opened list --orphans)" 0
	[ "$(maps_opened list -p)" -gt 0 ]
	"$SHM_HELPER" rmid "$a"
	[ "$(maps_opened list -o ORIGKEY)" -gt 0 ]
}
