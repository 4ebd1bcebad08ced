#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# attach-dump and write on POSIX objects: the same formats and the same
# all-or-nothing rule as for System V segments.

load common

@test "dump of a POSIX object is hexdump -C of its file" {
	pmk /app 100 0600
	"$SHM_HELPER" posix-fill /app 0x41
	run shmtool attach-dump /app
	assert_success
	assert_output "$(hexdump -C /dev/shm/app)"
	run shmtool dump --posix app --offset 16 --length 40
	assert_success
	assert_output "$(hexdump -C -s 16 -n 40 /dev/shm/app)"
}

@test "write then read back a string in a POSIX object" {
	pmk /app 64 0600
	run shmtool write /app --string "hello posix" --nul
	assert_success
	assert_output ""
	run shmtool attach-dump /app --format string
	assert_success
	assert_output "hello posix"
	run shmtool attach-dump --posix /app --format raw --length 12
	assert_success
	[ "$(shmtool attach-dump /app --format raw --length 11)" = "hello posix" ]
}

@test "write -J and -v name the POSIX object" {
	pmk /app 64 0600
	run shmtool write /app --string abc --offset 10 -J
	assert_success
	python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d == {"name": "/app", "offset": 10, "bytes_written": 3, "dropped": 0}, d
' <<<"$output"
	printf 'xyz' | shmtool write --posix app --offset 60 - -v >"$BATS_TEST_TMPDIR/out"
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = "wrote 3 bytes at offset 60 of /app" ]
	[ "$(tail -c 4 /dev/shm/app | head -c 3)" = "xyz" ]
}

@test "input longer than the room leaves the POSIX object as it was" {
	pmk /app 64 0600
	"$SHM_HELPER" posix-fill /app 7
	before=$(psum /app)
	run --separate-stderr shmtool write /app --string 12345 --offset 62
	assert_failure 1
	[ "$stderr" = "shmtool: write: /app: the input does not fit in the 2 bytes after offset 62; nothing written" ]
	[ "$(psum /app)" = "$before" ]
	run --separate-stderr shmtool write /app --string 12345 --offset 62 --truncate
	assert_success
	[ "$stderr" = "shmtool: write: /app: dropped the last 3 bytes of the input: they did not fit" ]
	[ "$(tail -c 2 /dev/shm/app)" = "12" ]
}

@test "bad POSIX selectors: one line, the status, nothing changed" {
	pmk /app 64 0600
	before=$(psum /app)
	run --separate-stderr shmtool attach-dump /nope
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: /nope: no such object" ]
	run --separate-stderr shmtool write /a/b --string x
	assert_failure 2
	[ "$stderr" = "shmtool: write: invalid name '/a/b': expected no slash after the leading one" ]
	run --separate-stderr shmtool attach-dump --posix app -k 5
	assert_failure 2
	[ "$stderr" = "shmtool: attach-dump: --key and --posix are mutually exclusive" ]
	run --separate-stderr shmtool attach-dump /app --offset 100
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: /app: offset 100 is beyond the end of the segment (64 bytes)" ]
	run --separate-stderr shmtool write /app --offset 60 --fill 1 --length 5
	assert_failure 1
	[ "$(psum /app)" = "$before" ]
}

@test "nobody cannot read or write root's 0600 POSIX object" {
	pmk /app 64 0600
	"$SHM_HELPER" posix-fill /app 9
	before=$(psum /app)
	run --separate-stderr as_nobody "$SHMTOOL" attach-dump /app
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: /app: Permission denied" ]
	run --separate-stderr as_nobody "$SHMTOOL" write /app --string x
	assert_failure 1
	[ "$stderr" = "shmtool: write: /app: Permission denied" ]
	[ "$(psum /app)" = "$before" ]
}

@test "nobody can read and write a 0666 POSIX object" {
	pmk /app 64 0666
	run as_nobody "$SHMTOOL" write /app --string hi --nul
	assert_success
	run as_nobody "$SHMTOOL" attach-dump /app --format string
	assert_success
	assert_output "hi"
}

@test "dump and write of a POSIX object under valgrind" {
	[ "${SHMTOOL_SANITIZED:-no}" != yes ] || skip "valgrind cannot run a sanitizer build"
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	pmk /app 4096 0600
	for args in "write /app --string hello --nul" "attach-dump /app" "attach-dump --posix app --format string" \
		"write /app --fill 1 --length 4096" "attach-dump /nope"; do
		# shellcheck disable=SC2086
		run valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
			"$SHMTOOL" $args
		[ "$status" -ne 99 ] || { echo "$output"; false; }
	done
}
