#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The aligned table: to a pipe or a file shmtool aligns the cells itself; on
# a terminal libsmartcols prints the table. On a terminal wide enough that
# nothing is cut, the two must be the same, byte for byte.

load common

file_setup() {
	command -v script >/dev/null || skip "script (bsdutils) is not installed"
}

# same ARGS...: list ARGS to a pipe equals list ARGS on a 1000-column terminal.
same() {
	local pipe tty
	pipe=$("$SHMTOOL" list "$@")
	tty=$(script -qec "stty cols 1000; $(printf '%q ' "$SHMTOOL" list "$@")" /dev/null | tr -d '\r')
	if [ "$pipe" != "$tty" ]; then
		diff <(echo "$pipe") <(echo "$tty")
		return 1
	fi
	[ -n "$pipe" ]
}

# A set with every kind of cell: attached, dest, locked, another owner, a
# running creator, long and empty values, a POSIX object.
make_set() {
	mkseg 0x1234 1 0644 >/dev/null
	held=$(mkseg 0 4096 0600)
	hold "$held"
	dest=$(mkseg 0x99 1073741824 0640)
	hold "$dest"
	"$SHM_HELPER" rmid "$dest"
	"$SHM_HELPER" lock "$(mkseg 0x7fffffff 65536 0666)"
	as_nobody "$SHM_HELPER" create 0x42 100 0604 >/dev/null
	"$SHM_HELPER" own 0x4343 512 0600 >"$BATS_TEST_TMPDIR/own" &
	SHM_HOLDERS+=("$!")
	wait_until "the creator made its segment" test -s "$BATS_TEST_TMPDIR/own"
	pmk /app 8192 0640
}

@test "the default table is libsmartcols' table" {
	make_set
	same
	same -a
	same --posix
}

@test "every column, right- and left-aligned last columns, no headings" {
	make_set
	same --output-all
	same -a --output-all
	same -n
	same -n -o KEY,BYTES
	same -o BYTES,KEY
	same -o STATUS
	same -H -o +RSS,SWAP,PIDS,COMMAND,ORIGKEY
	same --time-format full -o +ATIME,DTIME,CTIME
	same -s BYTES --reverse -p
}

@test "a narrow column widens to its header, a wide one to its width hint" {
	mkseg 0x1 1 0600 >/dev/null
	same -o OWNER,USER,GROUP
	as_nobody "$SHM_HELPER" create 0x2 1 0600 >/dev/null
	same -o OWNER,USER,GROUP
}

@test "a cell that is not printable ASCII leaves the table to libsmartcols" {
	# a creator whose command line is not ASCII
	bash -c 'exec -a "créateur" "$SHM_HELPER" own 0x5151 100 0600' >"$BATS_TEST_TMPDIR/own" &
	SHM_HOLDERS+=("$!")
	wait_until "the creator made its segment" test -s "$BATS_TEST_TMPDIR/own"
	run shmtool list -n -o COMMAND
	assert_output "créateur own 0x5151 100 0600"
	same -o KEY,COMMAND,BYTES
}

@test "a cell of 70000 bytes is kept whole in a pipe, and aligned" {
	# a creator with a very long command line
	local long cmd want
	long=$(head -c 70000 /dev/zero | tr '\0' x)
	bash -c 'exec -a "$1" "$SHM_HELPER" own 0x5252 100 0600' _ "$long" \
		>"$BATS_TEST_TMPDIR/own" &
	SHM_HOLDERS+=("$!")
	wait_until "the creator made its segment" test -s "$BATS_TEST_TMPDIR/own"
	cmd="$long own 0x5252 100 0600"
	want=$(printf '%-10s %-*s %5s\n%s %s %5s' KEY "${#cmd}" COMMAND BYTES 0x00005252 "$cmd" 100)
	"$SHMTOOL" list -o KEY,COMMAND,BYTES >"$BATS_TEST_TMPDIR/out"
	# not the 70000 bytes in a failure message: their lengths and a diff
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = "$want" ] ||
		fail "$(diff <(echo "$want" | cut -c1-40,69990-) <(cut -c1-40,69990- "$BATS_TEST_TMPDIR/out"))"
	# raw lines too
	"$SHMTOOL" list -r -n -o KEY,COMMAND >"$BATS_TEST_TMPDIR/out"
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = "0x00005252 ${cmd// /\\x20}" ] ||
		fail "raw line of $(wc -c <"$BATS_TEST_TMPDIR/out") bytes: $(cut -c1-40 "$BATS_TEST_TMPDIR/out")"
}
