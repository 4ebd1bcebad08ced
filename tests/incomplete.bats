#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# A scan of /proc that could not read everything says so: --orphans with
# creators it could not ask about (RLIMIT_NOFILE too low: EMFILE) is exit 1
# and rm --orphans removes nothing; a PIDS cell that may miss processes
# (another user's, unreadable to nobody) ends in "?", has
# "pids_incomplete": true in JSON, and a line on stderr says why.

load common

# few_fds N ARGS...: shmtool ARGS with RLIMIT_NOFILE N and no descriptor
# open but 0, 1 and 2 (bats keeps some open; they would count).
few_fds() {
	local n=$1
	shift
	run --separate-stderr python3 -c '
import subprocess, sys
sys.exit(subprocess.run(sys.argv[1:]).returncode)' prlimit --nofile="$n:$n" "$SHMTOOL" "$@"
}

# starts_with_fewest ARGS...: few_fds with the smallest limit under which
# shmtool starts at all (the dynamic loader needs some descriptors too).
starts_with_fewest() {
	local n
	for n in $(seq 3 32); do
		few_fds "$n" "$@"
		if [ "$status" != 127 ] && [[ "$stderr" != *"error while loading"* ]]; then
			echo "# RLIMIT_NOFILE $n" >&3
			return 0
		fi
	done
	return 1
}

orphan_pair() {
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 100 0600)
	# the creator (shm-helper create) has ended: both are orphans
	run --separate-stderr shmtool list --orphans -n -o SHMID
	assert_success
	[ "$(echo $output)" = "$a $b" ]
}

@test "list --orphans with too few descriptors: the line, exit 1, never \"no orphans\"" {
	orphan_pair
	before=$(snapshot)
	starts_with_fewest list --orphans -n -o SHMID
	[ "$status" = 1 ]
	[ "$stderr" = "shmtool: list: --orphans: could not tell whether the creators of 2 segments still run: Too many open files; orphans may be missing" ]
	assert_output ""
	[ "$(snapshot)" = "$before" ]
	# with enough descriptors the same run finds both
	few_fds 64 list --orphans -n -o SHMID
	[ "$status" = 0 ]
	[ "$stderr" = "" ]
	[ "$(echo $output)" = "$a $b" ]
}

@test "rm --orphans with too few descriptors removes nothing, exit 1" {
	orphan_pair
	before=$(snapshot)
	starts_with_fewest rm --orphans -v
	[ "$status" = 1 ]
	[ "$stderr" = "shmtool: rm: --orphans: could not tell whether the creators of 2 segments still run: Too many open files; orphans may be missing
shmtool: rm: --orphans: removed nothing" ]
	assert_output ""
	[ "$(snapshot)" = "$before" ]
	few_fds 64 rm --orphans -v
	[ "$status" = 0 ]
	assert_output - <<-EOT
		removed shmid $a (key 0x00000010)
		removed shmid $b (key 0x00000011)
	EOT
}

@test "list -p as nobody: a segment another user's process holds is marked, not empty" {
	local a b line
	a=$(mkseg 0x10 100 0666)
	b=$(mkseg 0x11 100 0666)
	hold "$a"
	"$SHM_HELPER" hold "$b" &
	SHM_HOLDERS+=("$!")
	wait_nattch "$b" 1
	# setpriv itself, not the function: its pid is the holder's, stopped in teardown
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$SHM_HELPER" hold "$b" &
	SHM_HOLDERS+=("$!")
	wait_nattch "$b" 2
	mine=$!
	line='^shmtool: list: could not read the mappings of [0-9]+ of [0-9]+ processes \(Permission denied\): PIDS ending in \? may miss some$'
	run --separate-stderr as_nobody "$SHMTOOL" list -n -r -o SHMID,NATTCH,PIDS
	assert_success
	[[ "$stderr" =~ $line ]]
	assert_output - <<-EOT
		$a 1 ?
		$b 2 $mine(shm-helper),?
	EOT
	run --separate-stderr as_nobody "$SHMTOOL" list -J -o SHMID,PIDS
	assert_success
	[[ "$stderr" =~ $line ]]
	[ "$(jq -c '.segments[] | [.shmid, [.pids[].pid], .pids_incomplete]' <<<"$output")" = "[$a,[],true]
[$b,[$mine],true]" ]
	# root reads every process: nothing marked, no line, no key
	run --separate-stderr shmtool list -J -o SHMID,PIDS
	assert_success
	[ "$stderr" = "" ]
	[ "$(jq -c '[.segments[] | has("pids_incomplete")]' <<<"$output")" = "[false,false]" ]
	run --separate-stderr shmtool list -n -r -o SHMID,PIDS
	[[ "$output" != *"?"* ]]
}

@test "list -p as nobody: every attachment accounted for is not marked" {
	local a mine
	a=$(mkseg 0x10 100 0666)
	# setpriv itself, not the function: its pid is the holder's, stopped in teardown
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$SHM_HELPER" hold "$a" &
	SHM_HOLDERS+=("$!")
	mine=$!
	wait_nattch "$a" 1
	run --separate-stderr as_nobody "$SHMTOOL" list -n -r -o SHMID,PIDS
	assert_success
	[ "$stderr" = "" ]
	assert_output "$a $mine(shm-helper)"
}

@test "list -p with too few descriptors for every process's maps: marked, and said" {
	local a n found=
	a=$(mkseg 0x10 100 0600)
	hold "$a"
	for n in $(seq 4 32); do
		few_fds "$n" list -p -n -r -o SHMID,PIDS
		if [[ "$stderr" =~ ^"shmtool: list: could not read the mappings of "[0-9]+" of "[0-9]+" processes (Too many open files): PIDS ending in ? may miss some"$ ]]; then
			found=$n
			break
		fi
	done
	echo "# RLIMIT_NOFILE $found" >&3
	[ -n "$found" ]
	[ "$status" = 0 ]
	assert_output "$a ?"
	few_fds 64 list -p -n -r -o SHMID,PIDS
	[ "$stderr" = "" ]
	assert_output "$a ${SHM_HOLDERS[-1]}(shm-helper)"
}
