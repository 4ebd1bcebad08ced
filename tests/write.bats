#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# write: string, file, stdin, fill, --offset, --nul, --truncate, -v/-J; all
# or nothing. Bytes are read back with shm-helper, not with shmtool.

load common

file_setup() {
	T=$BATS_TEST_TMPDIR
	ID=$(mkseg 0x3a7e 100 0600)
	"$SHM_HELPER" fill "$ID" 0x2e # '.'
	head -c 100 /dev/zero | tr '\0' . >"$T/dots"
}

# expect OFFSET BYTES-FILE: the segment is the dots with BYTES at OFFSET
expect() {
	{
		head -c "$1" "$T/dots"
		cat "$2"
		tail -c +$(($1 + $(stat -c %s "$2") + 1)) "$T/dots"
	} >"$T/want"
	"$SHM_HELPER" cat "$ID" | cmp - "$T/want"
}

# unchanged BEFORE: the segment's checksum is still BEFORE
unchanged() {
	[ "$(shmsum "$ID")" = "$1" ]
	"$SHM_HELPER" cat "$ID" | cmp - "$T/dots"
}

@test "--string writes the text, nothing on stdout" {
	run --separate-stderr shmtool write "$ID" --string hello
	assert_success
	assert_output ""
	[ "$stderr" = "" ]
	printf hello >"$T/x"
	expect 0 "$T/x"
}

@test "--offset and --nul" {
	shmtool write "$ID" --offset 10 --string hello --nul
	printf 'hello\0' >"$T/x"
	expect 10 "$T/x"
}

@test "--file writes the file's bytes" {
	head -c 37 /dev/urandom >"$T/x"
	shmtool write "$ID" --file "$T/x" --offset 0x20
	expect 32 "$T/x"
	head -c 100 /dev/urandom >"$T/full"
	shmtool write "$ID" --file "$T/full"
	"$SHM_HELPER" cat "$ID" | cmp - "$T/full"
}

@test "- reads standard input" {
	head -c 63 /dev/urandom >"$T/x"
	shmtool write "$ID" --offset 37 - <"$T/x"
	expect 37 "$T/x"
	"$SHM_HELPER" fill "$ID" 0x2e
	cat "$T/x" | shmtool write -k 0x3a7e -
	expect 0 "$T/x"
}

@test "--fill BYTE --length N, the byte as number, hex or character" {
	shmtool write "$ID" --fill 0x41 --length 10
	shmtool write "$ID" --fill 66 --length 5 --offset 10
	shmtool write "$ID" --fill C --length 1 --offset 99
	printf 'AAAAAAAAAABBBBB' >"$T/x"
	head -c 99 "$T/dots" | head -c 84 >>"$T/x"
	printf C >>"$T/x"
	"$SHM_HELPER" cat "$ID" | cmp - "$T/x"
}

@test "an input that fills the segment to the last byte fits" {
	head -c 90 /dev/urandom >"$T/x"
	shmtool write "$ID" --offset 10 --file "$T/x"
	expect 10 "$T/x"
	shmtool write "$ID" --offset 100 --string ""
	expect 10 "$T/x"
}

@test "too long: one error line, exit 1, the segment unchanged" {
	before=$(shmsum "$ID")
	long=$(head -c 101 /dev/zero | tr '\0' x)
	run --separate-stderr shmtool write "$ID" --string "$long"
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: write: shmid $ID: the input does not fit in the 100 bytes after offset 0; nothing written" ]
	unchanged "$before"
	run --separate-stderr shmtool write "$ID" --offset 95 --string abcdef
	assert_failure 1
	[ "$stderr" = "shmtool: write: shmid $ID: the input does not fit in the 5 bytes after offset 95; nothing written" ]
	unchanged "$before"
	run --separate-stderr shmtool write "$ID" --offset 95 --string abcde --nul
	assert_failure 1
	[ "$stderr" = "shmtool: write: shmid $ID: the input does not fit in the 5 bytes after offset 95 with its NUL; nothing written" ]
	unchanged "$before"
	printf %s "$long" >"$T/long"
	run --separate-stderr shmtool write "$ID" --file "$T/long"
	assert_failure 1
	[ "$stderr" = "shmtool: write: shmid $ID: the input does not fit in the 100 bytes after offset 0; nothing written" ]
	unchanged "$before"
	run --separate-stderr shmtool write "$ID" --fill 1 --length 101
	assert_failure 1
	[ "$stderr" = "shmtool: write: shmid $ID: the input does not fit in the 100 bytes after offset 0; nothing written" ]
	unchanged "$before"
}

@test "an endless stream is refused without reading it all" {
	before=$(shmsum "$ID")
	run --separate-stderr sh -c 'yes | "$SHMTOOL" write "$1" -' sh "$ID"
	assert_failure 1
	[ "$stderr" = "shmtool: write: shmid $ID: the input does not fit in the 100 bytes after offset 0; nothing written" ]
	unchanged "$before"
}

@test "--truncate writes what fits and says what it dropped" {
	run --separate-stderr shmtool write "$ID" --offset 90 --string 0123456789abc --truncate
	assert_success
	assert_output ""
	[ "$stderr" = "shmtool: write: shmid $ID: dropped the last 3 bytes of the input: they did not fit" ]
	printf 0123456789 >"$T/x"
	expect 90 "$T/x"
	run --separate-stderr shmtool write "$ID" --offset 90 --string 0123456789a --truncate --nul
	assert_success
	[ "$stderr" = "shmtool: write: shmid $ID: dropped the last 2 bytes of the input: they did not fit" ]
	printf '012345678\0' >"$T/x"
	expect 90 "$T/x"
}

@test "--truncate with a file and with a stream" {
	head -c 150 /dev/urandom >"$T/x"
	run --separate-stderr shmtool write "$ID" --file "$T/x" --truncate
	assert_success
	[ "$stderr" = "shmtool: write: shmid $ID: dropped the last 50 bytes of the input: they did not fit" ]
	head -c 100 "$T/x" | cmp - <("$SHM_HELPER" cat "$ID")
	run --separate-stderr sh -c 'head -c 70001 /dev/zero | "$SHMTOOL" write "$1" - --truncate --offset 1' sh "$ID"
	assert_success
	# a stream is read no further than the room and one byte: not counted
	[ "$stderr" = "shmtool: write: shmid $ID: the input was longer than the 99 bytes that fit; the rest was not read" ]
	head -c 100 /dev/zero >"$T/z"
	head -c 1 "$T/x" | cat - <(head -c 99 /dev/zero) | cmp - <("$SHM_HELPER" cat "$ID")
}

@test "-v says what was written, -J says it typed" {
	run --separate-stderr shmtool write "$ID" --offset 4 --string hey --nul -v
	assert_success
	assert_output "wrote 4 bytes at offset 4 of shmid $ID"
	run --separate-stderr shmtool write "$ID" --offset 4 --string hey -J
	assert_success
	[ "$(echo "$output" | jq -c .)" = "{\"shmid\":$ID,\"offset\":4,\"bytes_written\":3,\"dropped\":0}" ]
	run --separate-stderr shmtool write "$ID" --offset 98 --string hey -J --truncate
	assert_success
	[ "$(echo "$output" | jq -c .)" = "{\"shmid\":$ID,\"offset\":98,\"bytes_written\":2,\"dropped\":1}" ]
	run --separate-stderr shmtool write "$ID" --fill 0 --length 3 -v
	assert_output "wrote 3 bytes at offset 0 of shmid $ID"
}

@test "unreadable input: one error line, exit 1, the segment unchanged" {
	before=$(shmsum "$ID")
	run --separate-stderr shmtool write "$ID" --file "$T/proc/shmtool-missing"
	assert_failure 1
	[ "$stderr" = "shmtool: write: $T/proc/shmtool-missing: No such file or directory" ]
	unchanged "$before"
	run --separate-stderr shmtool write "$ID" --file "$T"
	assert_failure 1
	[ "$stderr" = "shmtool: write: $T: Is a directory" ]
	unchanged "$before"
	# a read error (offset 0 of a process's memory is never mapped)
	run --separate-stderr shmtool write "$ID" --file /proc/self/mem
	assert_failure 1
	[ "$stderr" = "shmtool: write: /proc/self/mem: Input/output error" ]
	unchanged "$before"
	run --separate-stderr sh -c '"$SHMTOOL" write "$1" - <&-' sh "$ID"
	assert_failure 1
	[ "$stderr" = "shmtool: write: standard input: Bad file descriptor" ]
	unchanged "$before"
}

@test "offsets past the end: exit 1, unchanged" {
	before=$(shmsum "$ID")
	run --separate-stderr shmtool write "$ID" --offset 101 --string a
	assert_failure 1
	[ "$stderr" = "shmtool: write: shmid $ID: offset 101 is beyond the end of the segment (100 bytes)" ]
	run --separate-stderr shmtool write "$ID" --offset 100 --string "" --nul
	assert_failure 1
	[ "$stderr" = "shmtool: write: shmid $ID: no room for the NUL at offset 100 (the end)" ]
	unchanged "$before"
}

@test "bad arguments: one error line, exit 2, unchanged" {
	before=$(shmsum "$ID")
	check() {
		run --separate-stderr shmtool write "$@"
		assert_failure 2
		assert_output ""
		[ "$stderr" = "$want" ] || { echo "got: $stderr"; return 1; }
	}
	want="shmtool: write: no input: give one of --string, --file, - or --fill"
	check "$ID"
	want="shmtool: write: more than one input: give one of --string, --file, - or --fill"
	check "$ID" --string a --fill 1 --length 1
	check "$ID" --string a -
	want="shmtool: write: --fill needs --length"
	check "$ID" --fill 1
	want="shmtool: write: --length goes with --fill only"
	check "$ID" --string a --length 1
	want="shmtool: write: --nul does not go with --fill"
	check "$ID" --fill 1 --length 1 --nul
	want="shmtool: write: invalid byte '256': expected 0-255, 0x00-0xff or one character"
	check "$ID" --fill 256 --length 1
	want="shmtool: write: invalid byte 'ab': expected 0-255, 0x00-0xff or one character"
	check "$ID" --fill ab --length 1
	want="shmtool: write: invalid byte '0x': expected 0-255, 0x00-0xff or one character"
	check "$ID" --fill 0x --length 1
	want="shmtool: write: invalid size '1Q': expected a number with an optional K, M, G or T suffix"
	check "$ID" --offset 1Q --string a
	want="shmtool: write: no segment given: a shmid, /NAME, -k KEY or --posix NAME; try 'shmtool write --help'"
	check --string a
	want="shmtool: write: unexpected argument 'b'; try 'shmtool write --help'"
	check "$ID" - b
	want="shmtool: write: option '--string' requires an argument; try 'shmtool write --help'"
	check "$ID" --string
	unchanged "$before"
}

@test "a segment that does not exist: exit 1" {
	run --separate-stderr shmtool write 999999 --string a
	assert_failure 1
	[ "$stderr" = "shmtool: write: shmid 999999: no such segment" ]
}

@test "nobody cannot write a root 0600 segment; a 0666 one it can" {
	before=$(shmsum "$ID")
	run --separate-stderr as_nobody "$SHMTOOL" write "$ID" --string hi
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: write: shmid $ID: Permission denied" ]
	unchanged "$before"
	id=$(mkseg 0x3a7f 16 0666)
	as_nobody "$SHMTOOL" write "$id" --string hi --nul
	printf 'hi\0' | cmp - <("$SHM_HELPER" cat "$id" | head -c 3)
}

@test "nobody writing a file it may not read: Permission denied, unchanged" {
	id=$(mkseg 0x3a80 16 0666)
	before=$(shmsum "$id")
	echo secret >"$T/secret"
	chmod 600 "$T/secret"
	chmod 755 "$T"
	run --separate-stderr as_nobody "$SHMTOOL" write "$id" --file "$T/secret"
	assert_failure 1
	[ "$stderr" = "shmtool: write: $T/secret: Permission denied" ]
	[ "$(shmsum "$id")" = "$before" ]
}
