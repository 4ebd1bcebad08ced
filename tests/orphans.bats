#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# COMMAND and --orphans: whether a segment's creator still runs, judged by
# the start time of the process behind CPID, so a reused PID does not count.

load common

# own VAR KEY SIZE MODE: a creator that stays alive (not attached) until the
# test ends; its shmid goes into VAR (no $(...): the creator must be a child
# of the test, stopped in teardown).
own() {
	local var=$1 out=$BATS_TEST_TMPDIR/own.$RANDOM
	shift
	"$SHM_HELPER" own "$@" >"$out" &
	SHM_HOLDERS+=("$!")
	wait_until "the creator made its segment" test -s "$out"
	printf -v "$var" '%s' "$(cat "$out")"
}

@test "COMMAND is the command line of a creator that runs" {
	own a 0x1234 4096 0600
	run shmtool list -n -r -o SHMID,CPID
	assert_success
	assert_output "$a ${SHM_HOLDERS[-1]}"
	run shmtool list -n -o COMMAND
	assert_success
	assert_output "$SHM_HELPER own 0x1234 4096 0600"
	run shmtool list -J -o COMMAND
	assert_success
	assert_output "$(printf '{\n\t"segments":\t[{\n\t\t\t"command":\t"%s own 0x1234 4096 0600"\n\t\t}]\n}' "$SHM_HELPER")"
}

@test "COMMAND is empty (- in raw), null in JSON, once the creator has ended" {
	a=$(mkseg 0x1234 4096 0600)
	hold "$a"
	run shmtool list -n -r -o SHMID,COMMAND
	assert_success
	assert_output "$a -"
	run shmtool list -J -o COMMAND
	assert_success
	assert_output "$(printf '{\n\t"segments":\t[{\n\t\t\t"command":\tnull\n\t\t}]\n}')"
}

# Three orphans among segments held, owned by a running creator, or both.
# Sets orphan1..3, held, owned and owned_held.
orphan_set() {
	orphan1=$(mkseg 0x1001 4096 0600)
	held=$(mkseg 0x1002 4096 0600)
	hold "$held"
	own owned 0x1003 4096 0600
	orphan2=$(mkseg 0x1004 4096 0600)
	own owned_held 0x1005 4096 0600
	hold "$owned_held"
	orphan3=$(mkseg 0 4096 0600)
}

@test "--orphans lists exactly the unattached segments whose creator has ended" {
	orphan_set
	run shmtool list --orphans -n -r -o SHMID
	assert_success
	assert_output "$orphan1
$orphan2
$orphan3"
	# combined with the other filters
	run shmtool list --orphans -k 0x1004 -n -r -o SHMID
	assert_success
	assert_output "$orphan2"
	run shmtool list --orphans --attached -n -r -o SHMID
	assert_success
	assert_output ""
	run shmtool list --orphans -J -o KEY
	assert_success
	assert_output "$(printf '{\n\t"segments":\t[{\n\t\t\t"key":\t"0x00001001"\n\t\t}, {\n\t\t\t"key":\t"0x00001004"\n\t\t}, {\n\t\t\t"key":\t"0x00000000"\n\t\t}]\n}')"
}

@test "a segment stops being an orphan when a process attaches" {
	a=$(mkseg 0x1001 4096 0600)
	run shmtool list --orphans -n -r -o SHMID
	assert_output "$a"
	hold "$a"
	run shmtool list --orphans -n -r -o SHMID
	assert_success
	assert_output ""
}

@test "a reused PID is not the creator: COMMAND empty, the segment an orphan" {
	[ -w /proc/sys/kernel/ns_last_pid ] || skip "this kernel cannot choose the next PID (ns_last_pid)"
	# In a fresh PID namespace the next PID can be chosen: the creator
	# exits, and a process started later gets its PID.
	run unshare --pid --fork --mount-proc sh -c '
		id=$("$1" create 0x2468 4096 0600) || exit 10
		cpid=$("$2" list -n -r -o CPID -i "$id") || exit 11
		sleep 1.2
		echo $((cpid - 1)) >/proc/sys/kernel/ns_last_pid || exit 12
		sleep 100 &
		[ "$!" = "$cpid" ] || { echo "got PID $! instead of $cpid"; exit 13; }
		echo "$id $cpid"
		"$2" list -n -o SHMID,CPID,COMMAND | tr -s " " | sed "s/^ //; s/ $//"
		"$2" list --orphans -n -r -o SHMID
		kill "$!"' sh "$SHM_HELPER" "$SHMTOOL"
	assert_success
	read -r id cpid <<<"${lines[0]}"
	assert_equal "${lines[1]}" "$id $cpid"
	assert_equal "${lines[2]}" "$id"
	assert_equal "${#lines[@]}" 3
}

@test "the same check with a creator that still runs shows it" {
	# the creator prints the shmid when the segment is made: reading it
	# from a FIFO waits for exactly that (made here, not by a process in
	# the namespace, so the creator is PID 2 there)
	mkfifo "$BATS_TEST_TMPDIR/ready"
	run unshare --pid --fork --mount-proc sh -c '
		"$1" own 0x2468 4096 0600 >"$3" &
		read -r id <"$3"
		"$2" list -n -o CPID,COMMAND | tr -s " " | sed "s/^ //; s/ $//"
		"$2" list --orphans -n -r -o SHMID
		kill "$!"' sh "$SHM_HELPER" "$SHMTOOL" "$BATS_TEST_TMPDIR/ready"
	assert_success
	assert_output "2 $SHM_HELPER own 0x2468 4096 0600"
}

@test "rm --orphans --dry-run names exactly the orphans and removes nothing" {
	orphan_set
	before=$(cat /proc/sysvipc/shm)
	run --separate-stderr shmtool rm --orphans --dry-run -v
	assert_success
	assert_output "would remove shmid $orphan1 (key 0x00001001)
would remove shmid $orphan2 (key 0x00001004)
would remove shmid $orphan3 (key 0x00000000)"
	[ "$stderr" = "" ]
	[ "$(cat /proc/sysvipc/shm)" = "$before" ]
}

@test "rm --orphans removes exactly the orphans" {
	orphan_set
	run shmtool rm --orphans -J
	assert_success
	run jq -c '[.removed[].shmid] | sort' <<<"$output"
	assert_output "$(printf '%s\n' "$orphan1" "$orphan2" "$orphan3" | sort -n | paste -sd, | sed 's/.*/[&]/')"
	run shmtool list -n -r -o SHMID
	assert_output "$held
$owned
$owned_held"
}

@test "rm --orphans combines with the other filters" {
	orphan_set
	run shmtool rm --orphans -k 0x1004 -v
	assert_success
	assert_output "removed shmid $orphan2 (key 0x00001004)"
	run shmtool rm --orphans --larger-than 1M -v
	assert_success
	assert_output ""
	[ "$(awk 'NR > 1' /proc/sysvipc/shm | wc -l)" = 5 ]
}

@test "rm --orphans takes no operands" {
	run --separate-stderr shmtool rm --orphans 5
	assert_failure 2
	[ "$stderr" = "shmtool: rm: unexpected argument '5'; try 'shmtool rm --help'" ]
}
