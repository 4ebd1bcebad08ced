#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# --older-than DURATION, for list and rm: the age from CTIME (a POSIX
# object's file ctime). ctime cannot be faked, so the old ones are made,
# then two seconds pass, then the new ones: 1s tells them apart, 1h keeps
# neither, and nothing depends on how fast the machine is.

load common

# Sets old, new (System V orphans), held (old, attached) and makes the
# POSIX objects /old and /new around a two-second pause.
aged_set() {
	old=$(mkseg 0x1001 4096 0600)
	held=$(mkseg 0x1002 4096 0600)
	hold "$held"
	pmk /old 100 0600
	sleep 2
	new=$(mkseg 0x1003 4096 0600)
	pmk /new 100 0600
}

@test "list --older-than: 1s keeps the segments made before the pause, 1h none" {
	aged_set
	run shmtool list --older-than 1s -n -r -o SHMID -s SHMID
	assert_success
	assert_output "$(printf '%s\n' "$old" "$held" | sort -n)"
	run shmtool list --older-than 1 -n -r -o SHMID -s SHMID
	assert_output "$(printf '%s\n' "$old" "$held" | sort -n)"
	for d in 1h 60m 3600 3600s 1d; do
		run --separate-stderr shmtool list --older-than "$d" -n -r -o SHMID
		assert_success
		assert_output ""
	done
	# the other filters combine with it
	run shmtool list --older-than 1s --unattached -n -r -o SHMID
	assert_output "$old"
	run shmtool list --older-than 1s --posix -n -r -o NAME
	assert_output "/old"
	run shmtool list --older-than 1s -a -n -r -o NAME,SHMID -s SHMID
	# a POSIX object has no shmid: it sorts first
	assert_output "$(printf '/old -\n'; printf -- '- %s\n' $(printf '%s\n' "$old" "$held" | sort -n))"
	run shmtool list --older-than 1h --posix -n -r -o NAME
	assert_output ""
}

@test "rm --orphans --older-than: only the orphans older than the duration" {
	aged_set
	run --separate-stderr shmtool rm --orphans --older-than 1h
	assert_success
	run shmtool list -n -r -o SHMID -s SHMID
	assert_output "$(printf '%s\n' "$old" "$held" "$new" | sort -n)"
	run --separate-stderr shmtool rm --orphans --older-than 1s
	assert_success
	run shmtool list -n -r -o SHMID -s SHMID
	assert_output "$(printf '%s\n' "$held" "$new" | sort -n)"
	run shmtool rm --all --older-than 1s --dry-run
	assert_success
	assert_output --partial "$held"
	refute_output --partial "$new"
}

@test "--older-than that is not a duration: one error line, exit 2, nothing removed" {
	mkseg 0x1 100 0600 >/dev/null
	why="expected a number of seconds, or a number with an s, m, h or d suffix"
	for cmd in list rm; do
		all=()
		[ "$cmd" = rm ] && all=(--all)
		for bad in 1x 1H 1w -1 -1h +1h 1.5h 1h30m h "" " 1h" 0x10; do
			refused 2 "shmtool: $cmd: invalid duration '$bad': $why" $cmd "${all[@]}" --older-than "$bad" ||
				return 1
		done
		for bad in 9223372036854775808 106751991167301d 99999999999999999999999h; do
			refused 2 "shmtool: $cmd: invalid duration '$bad': duration too long" \
				$cmd "${all[@]}" --older-than "$bad" || return 1
		done
		refused 2 "shmtool: $cmd: option '--older-than' requires an argument; try 'shmtool $cmd --help'" \
			$cmd --older-than
		refused 2 "shmtool: $cmd: unrecognized option '--older=1h'; try 'shmtool $cmd --help'" \
			$cmd --older=1h
	done
}
