#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# What the completions offer as values: POSIX names (escaped, and quoted so
# they reach shmtool intact), the target namespace's segments after -N,
# --format values, hugetlb sizes, and keys (never 0x00000000, none for
# create). bash and fish are also driven as a user drives them: keys typed
# into an interactive shell on a pseudo-terminal (tests/pty-complete).

load common
load complete

# bash's candidates are compared as the shell reads them back: it quotes
# POSIX names
UNQUOTE_BASH=1

shells() {
	echo bash
	command -v zsh >/dev/null && echo zsh
	command -v fish >/dev/null && echo fish
	return 0
}

# Three POSIX objects; two names need escaping (a space, a backslash).
posix_objects() {
	pmk /plain 16 0600
	pmk "/a b" 16 0600
	pmk '/back\slash' 16 0600
}

# pty SHELL LINE [enter]: the line after TAB in an interactive shell.
pty() {
	PATH=$SHMTOOL_PATH timeout 60 "$BATS_TEST_DIRNAME/pty-complete" "$1" "$COMPLETIONS" "$2" ${3:+"$3"}
}

@test "POSIX names after rm /, --posix, write / and attach-dump /, escaped" {
	posix_objects
	local sh
	for sh in $(shells); do
		completes "$sh" "shmtool rm /" /plain '/a\x20b' '/back\\slash'
		completes "$sh" "shmtool rm /a" '/a\x20b'
		completes "$sh" "shmtool rm --posix /p" /plain
		completes "$sh" "shmtool write /b" '/back\\slash'
		completes "$sh" "shmtool attach-dump /pl" /plain
		# create names a new object: nothing to offer
		completes "$sh" "shmtool create --posix /" ""
	done
}

@test "bash quotes a POSIX name so its backslashes reach shmtool" {
	posix_objects
	run bash_complete "shmtool rm /a"
	assert_output '/a\\x20b'
	run bash_complete "shmtool rm /b"
	assert_output '/back\\\\slash'
}

# pty_rm SHELL: on a pty, TAB completes an escaped name and rm, run with
# enter, removes that object and no other
pty_rm() {
	posix_objects
	run pty "$1" "shmtool rm --dry-run /a"
	assert_success
	assert_output 'line: shmtool rm --dry-run /a\\x20b '
	run pty "$1" "shmtool rm /b" enter
	assert_success
	assert_output 'line: shmtool rm /back\\\\slash 
status: 0'
	[ ! -e '/dev/shm/back\slash' ] || fail "the object is still there"
	[ -e "/dev/shm/a b" ] && [ -e /dev/shm/plain ] || fail "another object went"
}

@test "bash on a pty: TAB completes an escaped name and rm removes that object" {
	pty_rm bash
}

@test "bash on a pty loads bash-completion first when it is installed" {
	[ -f /usr/share/bash-completion/bash_completion ] ||
		skip "bash-completion is not installed (Debian package: bash-completion)"
	a=$(mkseg 0x1234 100 0600)
	run pty bash "shmtool list --key 0x000012"
	assert_success
	assert_output "line: shmtool list --key 0x00001234 "
}

@test "fish on a pty: TAB completes an escaped name and rm removes that object" {
	need_shell fish
	pty_rm fish
}

@test "zsh on a pty: TAB quotes an escaped name" {
	need_shell zsh
	posix_objects
	run zsh_session "shmtool rm /a"
	assert_line 'line: shmtool rm /a\\x20b '
}

@test "-k offers keys in use but never 0x00000000; create -k offers none" {
	mkseg 0x1234 100 0600 >/dev/null
	mkseg 0 100 0600 >/dev/null
	local sh c
	for sh in $(shells); do
		for c in list rm attach-dump write; do
			completes "$sh" "shmtool $c -k " 0x00001234
		done
		completes "$sh" "shmtool create -k " ""
		completes "$sh" "shmtool create --key " ""
	done
}


@test "after -N PID the target namespace's ids, keys and names are offered" {
	mkseg 0x1234 100 0600 >/dev/null
	pmk /ours 16 0600
	start_other_ns posix
	id=$(shmtool -N "$NS_PID" list -n -r -o SHMID)
	[ -n "$id" ] || fail "no segment in the other namespace"
	local sh
	for sh in $(shells); do
		completes "$sh" "shmtool -N $NS_PID rm -k " 0x00000abc
		completes "$sh" "shmtool --namespace=$NS_PID list -i " "$id"
		completes "$sh" "shmtool -N $NS_PID rm /" /theirs
		# -N after the command counts too
		completes "$sh" "shmtool rm -N $NS_PID -k " 0x00000abc
		# and without -N, ours
		completes "$sh" "shmtool rm -k " 0x00001234
		completes "$sh" "shmtool rm /" /ours
	done
}

@test "every --format value and the hugetlb sizes" {
	local sh want
	want=$(ls /sys/kernel/mm/hugepages 2>/dev/null | sed -nE 's/^hugepages-([0-9]+)kB$/\1/p' |
		while read -r kb; do
			if ((kb % 1048576 == 0)); then echo "$((kb / 1048576))G"
			elif ((kb % 1024 == 0)); then echo "$((kb / 1024))M"
			else echo "${kb}K"; fi
		done)
	[ -n "$want" ] || want=$'2M\n1G'
	for sh in $(shells); do
		completes "$sh" "shmtool list --format " table raw export json openmetrics
		completes "$sh" "shmtool attach-dump --format " hex raw string
	done
	completes bash "shmtool create --hugetlb=" $want
	[ "$(shells | grep -c .)" -lt 2 ] || completes zsh "shmtool create --hugetlb=" $want
	command -v fish >/dev/null || return 0
	completes fish "shmtool create --hugetlb=" $(sed 's/^/--hugetlb=/' <<<"$want")
}
