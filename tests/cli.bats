#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The command frame: help, version, dispatch and its errors.

load common

@test "no command runs list" {
	id=$(mkseg 0x1234 100 0600)
	run shmtool
	assert_success
	assert_output "$(shmtool list)"
}

@test "--version prints the name and version" {
	run shmtool --version
	assert_success
	assert_output --regexp '^shmtool [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "--help lists every command of --list-commands" {
	run shmtool --help
	assert_success
	for c in $(shmtool --list-commands); do
		assert_line --regexp "^  $c[ ,]"
	done
}

@test "help COMMAND and COMMAND --help print the same usage" {
	for c in $(shmtool --list-commands); do
		run shmtool help "$c"
		assert_success
		expected=$output
		run shmtool "$c" --help
		assert_success
		assert_output "$expected"
		assert_line --index 0 "Usage:"
	done
}

@test "ls is list" {
	mkseg 0x1234 100 0600
	run shmtool ls
	assert_success
	assert_output "$(shmtool list)"
}

@test "an unknown command is one error line and exit 2" {
	run --separate-stderr shmtool frobnicate
	assert_failure 2
	assert_output ""
	[ "$stderr" = "shmtool: unknown command 'frobnicate'; try 'shmtool --help'" ]
}

@test "an unknown global option is one error line and exit 2" {
	refused 2 "shmtool: unrecognized option '--frob'; try 'shmtool --help'" --frob
}

@test "help for an unknown command is exit 2" {
	refused 2 "shmtool: unknown command 'frob'; try 'shmtool --help'" help frob
}

@test "an unknown command option names the command" {
	refused 2 "shmtool: list: unrecognized option '--frob'; try 'shmtool list --help'" list --frob
	refused 2 "shmtool: info: unrecognized option '-Z'; try 'shmtool info --help'" info -Z
}

@test "a missing option argument is exit 2" {
	refused 2 "shmtool: list: option '-o' requires an argument; try 'shmtool list --help'" list -o
	refused 2 "shmtool: list: option '--sort' requires an argument; try 'shmtool list --help'" list --sort
}

@test "an extra argument is exit 2" {
	refused 2 "shmtool: info: unexpected argument 'extra'; try 'shmtool info --help'" info extra
}

@test "the tests run in a private IPC namespace" {
	[ "$(readlink /proc/self/ns/ipc)" != "$(readlink /proc/1/ns/ipc)" ]
}

@test "a value given to an option that takes none is exit 2" {
	refused 2 "shmtool: list: option '--json' doesn't allow an argument; try 'shmtool list --help'" list --json=3
}

# The hidden --list-options: the option table, one option a line, for the
# completions: LONG SHORT ARG VALUE HELP, tab-separated, "-" when empty.
@test "--list-options prints the global option table" {
	run --separate-stderr shmtool --list-options
	assert_success
	[ "$stderr" = "" ]
	assert_output "$(printf '%s\t%s\t%s\t%s\t%s\n' \
		--version -V none - "display version" \
		--namespace -N required '<pid|container|file>' \
		"work in the IPC namespace of a process, of a container as CONTAINER shows it, or of an nsfs file such as /proc/PID/ns/ipc" \
		--list-commands - none - "list the command names, one per line" \
		--help -h none - "display this help")"
}

@test "COMMAND --list-options prints the command's table: value kinds and names" {
	run shmtool info --list-options
	assert_success
	assert_output "$(printf '%s\t%s\t%s\t%s\t%s\n' \
		--json -J none - "JSON output" \
		--raw -r none - "raw output: DESCRIPTION last, as it is" \
		--noheadings -n none - "no header line" \
		--human -H none - "sizes for humans (4K, 1.5M)" \
		--all-namespaces -A none - "a row per IPC namespace, its segments and bytes against its limits, and a row per /dev/shm, its objects and use against its size" \
		--help -h none - "display this help")"
	run shmtool create --list-options
	assert_line "$(printf '%s\t%s\t%s\t%s\t%s' --key -k required '<key>' \
		'the key: number, 0x-hex or @PATH[:PROJ] (ftok)')"
	assert_line --regexp "^--hugetlb	-	optional	<size>	back it with huge pages \(2M, 1G; default: the system's"
	run shmtool dump --list-options
	assert_success
	assert_line --regexp '^--output-file	-	required	<file>	'
}

@test "--list-options is hidden, and every line has five fields" {
	for c in "" $(shmtool --list-commands); do
		run shmtool $c --help
		refute_output --partial list-options
		run shmtool $c --list-options
		assert_success
		[ -n "$output" ] || fail "'$c --list-options' printed nothing"
		awk -F '\t' 'NF != 5 || $1 == "" || $2 == "" || $3 !~ /^(none|required|optional)$/ { bad = 1; print }
			END { exit bad }' <<<"$output" || fail "'$c --list-options' has a malformed line"
	done
}

# The usage's option lines and --list-options come from the same table: both
# name the same options, with the same value (write's "-" is an operand).
@test "--help and --list-options name the same options" {
	for c in "" $(shmtool --list-commands); do
		want=$(shmtool $c --list-options | awk -F '\t' '{
			o = ($2 != "-" ? $2 ", " : "") ($1 != "-" ? $1 : "")
			if ($3 == "required") o = o " " $4
			if ($3 == "optional") o = o "[=" $4 "]"
			print o }' | sort)
		got=$(shmtool $c --help | grep -oE '^ +-[^ ]*( <[^>]*>|\[=[^]]*\]|, --[^ ]*( <[^>]*>|\[=[^]]*\])?)?' |
			sed -E 's/^ +//' | grep -vx -- - | sort)
		[ "$got" = "$want" ] || fail "'$c': --help has
$got
--list-options
$want"
	done
}

@test "an option given a value it does not take, or missing its value, is one error line" {
	refused 2 "shmtool: info: option '--json' doesn't allow an argument; try 'shmtool info --help'" info --json=yes
	refused 2 "shmtool: info: option '--list-options' doesn't allow an argument; try 'shmtool info --help'" info --list-options=yes
	refused 2 "shmtool: write: option '-k' requires an argument; try 'shmtool write --help'" write -k
	refused 2 "shmtool: option '-N' requires an argument; try 'shmtool --help'" -N
}
