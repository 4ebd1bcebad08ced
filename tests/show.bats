#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# show: one segment or object as a record (ipcs -m -i, lsipc -m -i): every
# column, the processes attached, the attach history and rm's verdict;
# -J the object list -J --output-all has for it.

load common

# record_is PATTERN...: the output has exactly one line per pattern, each
# matching its pattern whole (an extended regex).
record_is() {
	local i=0 want
	[ "${#lines[@]}" = "$#" ] || fail "$# lines expected, ${#lines[@]} got:
$output"
	for want in "$@"; do
		[[ ${lines[i]} =~ ^$want$ ]] || fail "line $((i + 1)): '${lines[i]}' is not '$want'"
		i=$((i + 1))
	done
}

TIME='[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}'

@test "show ID: every column, the processes attached, the history and the verdict" {
	id=$(mkseg 0x1234 4096 0640)
	hold "$id"
	holder=${SHM_HOLDERS[-1]}
	run --separate-stderr shmtool show "$id"
	assert_success
	[ "$stderr" = "" ]
	record_is \
		'KEY:       0x00001234' \
		"SHMID:     $id" \
		'OWNER:     root' \
		'PERMS:     640' \
		'MODE:      rw-r-----' \
		'BYTES:     4096' \
		'NATTCH:    1' \
		'STATUS:    -' \
		'CPID:      [0-9]+' \
		'CUID:      0' \
		'CUSER:     root' \
		'CGID:      0' \
		'CGROUP:    root' \
		'UID:       0' \
		'USER:      root' \
		'GID:       0' \
		'GROUP:     root' \
		"CTIME:     $TIME" \
		'RSS:       [0-9]+' \
		'SWAP:      0' \
		'COMMAND:   -' \
		'ORIGKEY:   0x00001234' \
		'TYPE:      sysv' \
		'NAME:      -' \
		'Processes: 1 attached' \
		"  $holder \\(shm-helper\\) $SHM_HELPER hold $id" \
		'Attach history:' \
		"  LPID:    $holder" \
		"  ATIME:   $TIME" \
		'  DTIME:   -' \
		'rm:        skipped: attached by 1 process; --force would mark it for removal \(dest\), and the kernel would remove it when the last one detaches'
	# -k names the same segment, and -H sizes for humans
	run shmtool show -k 0x1234 -H
	assert_success
	assert_line 'BYTES:     4K'
	assert_line "SHMID:     $id"
}

@test "show -J is list -J --output-all's object for the segment or object" {
	a=$(mkseg 0x1234 4096 0640)
	b=$(mkseg 0x99 100 0600)
	hold "$b"
	pmk /obj 100 0600
	for sel in "$a" "$b" "-k 0x99"; do
		run shmtool show $sel -J
		assert_success
		shown=$(jq -S . <<<"$output")
		id=$(jq .shmid <<<"$output")
		listed=$(shmtool list -J --output-all | jq -S ".segments[] | select(.shmid == $id)")
		[ -n "$listed" ]
		[ "$shown" = "$listed" ] || fail "show $sel -J:
$shown
list:
$listed"
	done
	[ "$(shmtool show "$b" -J | jq -c .pids[].comm)" = '"shm-helper"' ]
	run shmtool show /obj -J
	assert_success
	[ "$(jq -S . <<<"$output")" = "$(shmtool list --posix -J --output-all | jq -S '.segments[0]')" ]
	[ "$(jq -r .name <<<"$output")" = /obj ]
}

@test "show /NAME: a POSIX object, its mappers and the verdict" {
	pmk /obj 100 0600
	run --separate-stderr shmtool show /obj
	assert_success
	assert_line 'TYPE:      posix'
	assert_line 'NAME:      /obj'
	assert_line 'KEY:       -'
	assert_line 'BYTES:     100'
	assert_line 'Processes: 0 mapping it'
	assert_line 'rm:        would remove it: no process maps it'
	pmap /obj
	run shmtool show --posix obj
	assert_success
	assert_line 'Processes: 1 mapping it'
	assert_line --regexp "^  $last_holder \\(shm-helper\\) $SHM_HELPER posix-map /obj$"
	assert_line 'rm:        skipped: mapped by 1 process; --force would unlink the name, and the memory would stay until the last one unmaps it'
	# what rm then does
	run --separate-stderr shmtool rm /obj
	assert_failure
	[ -e /dev/shm/obj ]
}

@test "rm's verdict: unattached, attached, marked dest, not permitted; rm agrees" {
	free=$(mkseg 0x1 100 0644)
	run shmtool show "$free"
	assert_line 'rm:        would remove it: no process is attached'
	# another user's view of root's segment: it may see, not remove
	run as_nobody "$SHMTOOL" show "$free"
	assert_success
	assert_line 'rm:        refused: Operation not permitted: you are neither its owner nor its creator, and lack CAP_SYS_ADMIN'
	held=$(mkseg 0x2 100 0644)
	hold "$held"
	run as_nobody "$SHMTOOL" show "$held"
	assert_line 'rm:        skipped: attached by 1 process; --force would fail too: you are neither its owner nor its creator, and lack CAP_SYS_ADMIN'
	run --separate-stderr shmtool rm --force "$held"
	assert_success
	run shmtool show "$held"
	assert_success
	assert_line 'STATUS:    dest'
	assert_line 'KEY:       0x00000000'
	assert_line 'ORIGKEY:   0x00000002'
	assert_line 'rm:        skipped: attached by 1 process and already marked for removal (dest); the kernel removes it when the last one detaches'
	# the verdict "would remove" holds
	run shmtool rm "$free"
	assert_success
	run --separate-stderr shmtool show "$free"
	assert_failure 1
}

@test "show of nothing, or of what does not exist: one error line" {
	mkseg 0x5 100 0600 >/dev/null
	refused 1 "shmtool: show: shmid 99: no such segment" show 99
	refused 1 "shmtool: show: key 0x00000099: no such segment" show -k 0x99
	refused 1 "shmtool: show: /nope: no such object" show /nope
	refused 1 "shmtool: show: /nope: no such object" show --posix nope
	refused 2 "shmtool: show: no segment given: a shmid, /NAME, -k KEY or --posix NAME; try 'shmtool show --help'" show
	refused 2 "shmtool: show: unexpected argument '2'; try 'shmtool show --help'" show 1 2
	refused 2 "shmtool: show: invalid shmid 'abc': expected a non-negative decimal number" show abc
	refused 2 "shmtool: show: invalid shmid '-1': expected a non-negative decimal number" show -1
	refused 2 "shmtool: show: key 0x00000000 is IPC_PRIVATE, which every private segment shares; select the segment by its shmid" show -k 0
	refused 2 "shmtool: show: --key and --posix are mutually exclusive" show -k 5 --posix x
	refused 2 "shmtool: show: invalid name 'bad/name': expected no slash after the leading one" show --posix bad/name
	refused 2 "shmtool: show: unrecognized option '--js'; try 'shmtool show --help'" show 0 --js
	refused 2 "shmtool: show: option '--key' requires an argument; try 'shmtool show --help'" show --key
}
