#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# attach-dump: hex exactly as hexdump -C, raw, string, ranges, -o, errors.
# The segment's bytes are put there by shm-helper from a file, and the
# expected output is hexdump -C (or cmp) of that same file.

load common

file_setup() {
	T=$BATS_TEST_TMPDIR
	# 1000 bytes: random, a run of zeros (squeezed), text, a partial last line
	{
		head -c 100 /dev/urandom
		head -c 200 /dev/zero
		printf 'hello, shared world\n'
		head -c 300 /dev/urandom
		head -c 64 /dev/zero | tr '\0' 'A'
		head -c 316 /dev/urandom
	} >"$T/bytes"
	ID=$(mkseg 0x5eed 1000 0600)
	"$SHM_HELPER" load "$ID" "$T/bytes" >/dev/null
}

@test "hex is byte for byte hexdump -C of the same bytes" {
	hexdump -C "$T/bytes" >"$T/want"
	shmtool attach-dump "$ID" >"$T/got"
	cmp "$T/want" "$T/got"
}

@test "dump is attach-dump" {
	shmtool dump "$ID" >"$T/got"
	hexdump -C "$T/bytes" | cmp - "$T/got"
}

@test "repeated lines squeeze to one '*', the end offset last" {
	id=$(mkseg 0x77 100 0600)
	run shmtool dump "$id"
	assert_success
	assert_output "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
*
00000060  00 00 00 00                                       |....|
00000064"
}

@test "-v prints every line, as hexdump -Cv" {
	shmtool dump --no-squeezing "$ID" >"$T/got"
	hexdump -Cv "$T/bytes" | cmp - "$T/got"
	shmtool dump --no-squeezing "$ID" | cmp - "$T/got"
}

@test "--offset/--length are hexdump -s/-n, offsets from the segment start" {
	for range in "16 32" "5 35" "1 999" "999 1" "7 16" "0 1000" "300 17" "303 64"; do
		set -- $range
		hexdump -C -s "$1" -n "$2" "$T/bytes" >"$T/want"
		shmtool dump "$ID" --offset "$1" --length "$2" >"$T/got"
		cmp "$T/want" "$T/got" || { echo "range $range differs"; return 1; }
	done
}

@test "--offset alone dumps to the end; sizes take suffixes" {
	id=$(mkseg 0x78 4096 0600)
	"$SHM_HELPER" fill "$id" 0x5a
	head -c 4096 /dev/zero | tr '\0' 'Z' >"$T/z"
	shmtool dump "$id" --offset 1K >"$T/got"
	hexdump -C -s 1024 "$T/z" | cmp - "$T/got"
	shmtool dump "$id" --offset 7 >"$T/got"
	hexdump -C -s 7 "$T/z" | cmp - "$T/got"
	shmtool dump "$id" --offset 0x10 --length 1KiB >"$T/got"
	hexdump -C -s 16 -n 1024 "$T/z" | cmp - "$T/got"
}

@test "--length 0 and an offset at the very end print nothing" {
	run --separate-stderr shmtool dump "$ID" --length 0
	assert_success
	assert_output ""
	run --separate-stderr shmtool dump "$ID" --offset 1000
	assert_success
	assert_output ""
	run --separate-stderr shmtool dump "$ID" --offset 1000 --format raw
	assert_success
	assert_output ""
}

@test "raw writes the bytes" {
	shmtool dump "$ID" --format raw | cmp - "$T/bytes"
	shmtool dump "$ID" --format raw --offset 303 --length 99 >"$T/got"
	tail -c +304 "$T/bytes" | head -c 99 | cmp - "$T/got"
}

@test "raw to a terminal is refused without --force" {
	command -v script >/dev/null || skip "script(1) not installed"
	run script -qec "$SHMTOOL dump $ID --format raw" /dev/null
	assert_failure 1
	assert_output "shmtool: attach-dump: refusing to write raw bytes to a terminal (use --force)"$'\r'
	run script -qec "$SHMTOOL dump $ID --format raw --force --length 5 --offset 300" /dev/null
	assert_success
	assert_output "hello"
}

@test "string prints up to the first NUL, then a newline" {
	id=$(mkseg 0x79 64 0600)
	printf 'hello\0world' >"$T/s"
	"$SHM_HELPER" load "$id" "$T/s" >/dev/null
	run shmtool dump "$id" --format string
	assert_success
	assert_output "hello"
	run shmtool dump "$id" --format string --offset 6
	assert_success
	assert_output "world"
	# no NUL in the range: all of it
	run shmtool dump "$id" --format string --offset 1 --length 3
	assert_success
	assert_output "ell"
	printf 'hello\n' | cmp - <(shmtool dump "$id" --format string)
}

@test "-o FILE writes a new file of mode 0600" {
	shmtool dump "$ID" --output-file "$T/out"
	hexdump -C "$T/bytes" | cmp - "$T/out"
	[ "$(stat -c %a "$T/out")" = 600 ]
	shmtool dump "$ID" --format raw --output-file "$T/raw"
	cmp "$T/bytes" "$T/raw"
}

@test "-o refuses an existing file without --force, and keeps it" {
	echo precious >"$T/out"
	run --separate-stderr shmtool dump "$ID" --output-file "$T/out"
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: attach-dump: $T/out: file exists (use --force to overwrite it)" ]
	[ "$(cat "$T/out")" = precious ]
	shmtool dump "$ID" --output-file "$T/out" --force --format raw
	cmp "$T/bytes" "$T/out"
}

@test "-k selects by key, @PATH too" {
	shmtool dump -k 0x5eed >"$T/got"
	hexdump -C "$T/bytes" | cmp - "$T/got"
	touch "$T/app"
	key=$(printf '0x%08x' "$(python3 -c "import os;s=os.stat('$T/app');print(((ord('x')&0xff)<<24)|((s.st_dev&0xff)<<16)|(s.st_ino&0xffff))")")
	id=$(mkseg "$key" 32 0600)
	"$SHM_HELPER" fill "$id" 0x41
	run shmtool dump -k "@$T/app:x" --format string --length 4
	assert_success
	assert_output "AAAA"
}

@test "past the end is an error, not a short dump" {
	before=$(shmsum "$ID")
	run --separate-stderr shmtool dump "$ID" --offset 1001
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: attach-dump: shmid $ID: offset 1001 is beyond the end of the segment (1000 bytes)" ]
	run --separate-stderr shmtool dump "$ID" --offset 990 --length 11
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: attach-dump: shmid $ID: offset 990 + length 11 is beyond the end of the segment (1000 bytes)" ]
	# offset + length overflows 64 bits: still past the end
	run --separate-stderr shmtool dump "$ID" --offset 16 --length 18446744073709551600
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: shmid $ID: offset 16 + length 18446744073709551600 is beyond the end of the segment (1000 bytes)" ]
	[ "$(shmsum "$ID")" = "$before" ]
}

@test "bad arguments: one error line, exit 2" {
	run --separate-stderr shmtool dump "$ID" --offset 1Q
	assert_failure 2
	[ "$stderr" = "shmtool: attach-dump: invalid size '1Q': expected a number with an optional K, M, G or T suffix" ]
	run --separate-stderr shmtool dump "$ID" --length -1
	assert_failure 2
	[ "$stderr" = "shmtool: attach-dump: invalid size '-1': size must not be negative" ]
	run --separate-stderr shmtool dump "$ID" --offset 16E
	assert_failure 2
	[ "$stderr" = "shmtool: attach-dump: invalid size '16E': size too large" ]
	run --separate-stderr shmtool dump "$ID" --format octal
	assert_failure 2
	[ "$stderr" = "shmtool: attach-dump: invalid format 'octal': expected hex, raw or string" ]
	run --separate-stderr shmtool dump
	assert_failure 2
	[ "$stderr" = "shmtool: attach-dump: no segment given: a shmid, /NAME, -k KEY or --posix NAME; try 'shmtool attach-dump --help'" ]
	run --separate-stderr shmtool dump "$ID" 7
	assert_failure 2
	[ "$stderr" = "shmtool: attach-dump: unexpected argument '7'; try 'shmtool attach-dump --help'" ]
	run --separate-stderr shmtool dump "$ID" --frob
	assert_failure 2
	[ "$stderr" = "shmtool: attach-dump: unrecognized option '--frob'; try 'shmtool attach-dump --help'" ]
	run --separate-stderr shmtool dump abc
	assert_failure 2
	[ "$stderr" = "shmtool: attach-dump: invalid shmid 'abc': expected a non-negative decimal number" ] ||
		{ echo "$stderr"; return 1; }
}

@test "a segment that does not exist: exit 1" {
	run --separate-stderr shmtool dump 999999
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: shmid 999999: no such segment" ]
	run --separate-stderr shmtool dump -k 0x4242
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: key 0x00004242: no such segment" ]
}

@test "a full disk is a write error, exit 1" {
	run --separate-stderr sh -c '"$SHMTOOL" dump "$1" >/dev/full' sh "$ID"
	assert_failure 1
	[ "$stderr" = "shmtool: write error: No space left on device" ]
}

@test "a failed -o leaves no half file behind" {
	mkdir "$T/small"
	mount -t tmpfs -o size=4k small "$T/small"
	id=$(mkseg 0x7a 65536 0600)
	run --separate-stderr shmtool dump "$id" --no-squeezing --output-file "$T/small/out"
	[ ! -e "$T/small/out" ] || { umount "$T/small"; return 1; }
	umount "$T/small"
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: $T/small/out: No space left on device" ]
}

@test "nobody cannot dump a root 0600 segment; a 0666 one it can" {
	before=$(shmsum "$ID")
	run --separate-stderr as_nobody "$SHMTOOL" dump "$ID"
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: attach-dump: shmid $ID: Permission denied" ]
	[ "$(shmsum "$ID")" = "$before" ]
	id=$(mkseg 0x7b 1000 0666)
	"$SHM_HELPER" load "$id" "$T/bytes" >/dev/null
	as_nobody "$SHMTOOL" dump "$id" >"$T/got"
	hexdump -C "$T/bytes" | cmp - "$T/got"
}

@test "a dump over 64 MiB shows progress when stderr is a terminal, only then" {
	command -v script >/dev/null || skip "script(1) not installed"
	id=$(mkseg 0x7c $((65 << 20)) 0600)
	run script -qec "$SHMTOOL dump $id --format raw --output-file $T/big" /dev/null
	assert_success
	assert_output --partial "100% 65/65 MiB"
	[ "$(stat -c %s "$T/big")" = $((65 << 20)) ]
	run --separate-stderr shmtool dump "$id" --format raw --output-file "$T/big2"
	assert_success
	[ "$stderr" = "" ]
}

@test "dumping changes nothing in the segment" {
	before=$(shmsum "$ID")
	shmtool dump "$ID" >/dev/null
	shmtool dump "$ID" --format raw >/dev/null
	shmtool dump "$ID" --format string >/dev/null
	[ "$(shmsum "$ID")" = "$before" ]
	[ "$(nattch "$ID")" = 0 ]
}
