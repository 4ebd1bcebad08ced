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
	run --separate-stderr shmtool --frob
	assert_failure 2
	[ "$stderr" = "shmtool: unrecognized option '--frob'; try 'shmtool --help'" ]
}

@test "help for an unknown command is exit 2" {
	run --separate-stderr shmtool help frob
	assert_failure 2
	[ "$stderr" = "shmtool: unknown command 'frob'; try 'shmtool --help'" ]
}

@test "an unknown command option names the command" {
	run --separate-stderr shmtool list --frob
	assert_failure 2
	[ "$stderr" = "shmtool: list: unrecognized option '--frob'; try 'shmtool list --help'" ]
	run --separate-stderr shmtool info -Z
	assert_failure 2
	[ "$stderr" = "shmtool: info: unrecognized option '-Z'; try 'shmtool info --help'" ]
}

@test "a missing option argument is exit 2" {
	run --separate-stderr shmtool list -o
	assert_failure 2
	[ "$stderr" = "shmtool: list: option '-o' requires an argument; try 'shmtool list --help'" ]
	run --separate-stderr shmtool list --sort
	assert_failure 2
	[ "$stderr" = "shmtool: list: option '--sort' requires an argument; try 'shmtool list --help'" ]
}

@test "an extra argument is exit 2" {
	run --separate-stderr shmtool info extra
	assert_failure 2
	[ "$stderr" = "shmtool: info: unexpected argument 'extra'; try 'shmtool info --help'" ]
}

@test "the tests run in a private IPC namespace" {
	[ "$(readlink /proc/self/ns/ipc)" != "$(readlink /proc/1/ns/ipc)" ]
}

@test "a value given to an option that takes none is exit 2" {
	run --separate-stderr shmtool list --json=3
	assert_failure 2
	[ "$stderr" = "shmtool: list: option '--json' doesn't allow an argument; try 'shmtool list --help'" ]
}
