#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# attach-dump without copies: raw bytes through splice, copy_file_range or
# sendfile, the loop where the kernel refuses them (failures injected with
# strace), holes of sparse segments neither read nor allocated. The bytes
# are always those of the file the segment was loaded from.

load common

# shmtool runs under strace in this file, where LeakSanitizer cannot run
# (tests/valgrind.bats checks leaks)
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

file_setup() {
	T=$BATS_TEST_TMPDIR
	command -v strace >/dev/null || skip "strace not installed"
	[ -z "${SHMTOOL_VALGRIND:-}" ] || skip "strace of valgrind traces valgrind"
	# 3 MiB and 5 bytes of random bytes: no size or range below is page-aligned
	head -c $(((3 << 20) + 5)) /dev/urandom >"$T/bytes"
	ID=$(mkseg 0x5b1c $(((3 << 20) + 5)) 0600)
	"$SHM_HELPER" load "$ID" "$T/bytes" >/dev/null
	cp "$T/bytes" /dev/shm/obj
}

RANGES=("0 $(((3 << 20) + 5))" "7 1000003" "4095 4097" "65537 2097151" "3145727 3")

# want OFFSET LENGTH: those bytes of the file
want() {
	tail -c +$(($1 + 1)) "$T/bytes" | head -c "$2"
}

# calls TRACE: the zero-copy calls strace saw, one name a line, counted
calls() {
	grep -oE '^[0-9 ]*(splice|copy_file_range|sendfile)\(' "$1" | tr -d '0-9 (' | sort | uniq -c |
		awk '{ print $2 "=" $1 }' | tr '\n' ' '
}

# reads_after TRACE: the pread64 calls after the first zero-copy call or
# SEEK_DATA (those before are the dynamic loader's)
reads_after() {
	awk '/^(splice|copy_file_range|sendfile)\(|SEEK_DATA/ { on = 1 } on && /^pread64\(/ { n++ }
		END { print n + 0 }' "$1"
}

# traced TRACE ARGS...: shmtool under strace, its standard output kept
traced() {
	local tr=$1
	shift
	strace -qq -e trace=splice,copy_file_range,sendfile,pread64,write -e signal=none -o "$tr" \
		"$SHMTOOL" "$@"
}

@test "raw into a pipe is spliced, the same bytes, System V and POSIX, any range" {
	for sel in "$ID" /obj; do
		for r in "${RANGES[@]}"; do
			set -- $r
			traced "$T/tr" dump "$sel" --format raw --offset "$1" --length "$2" | cat >"$T/got"
			want "$1" "$2" | cmp - "$T/got" || { echo "$sel $r differs"; return 1; }
			[[ "$(calls "$T/tr")" =~ ^splice=[0-9]+\ $ ]] || { cat "$T/tr"; return 1; }
			[ "$(reads_after "$T/tr")" = 0 ]
		done
	done
}

@test "raw -o FILE and raw to a file or /dev/null go through sendfile, the same bytes" {
	for sel in "$ID" /obj; do
		for r in "${RANGES[@]}"; do
			set -- $r
			rm -f "$T/out"
			traced "$T/tr" dump "$sel" --format raw --offset "$1" --length "$2" -o "$T/out"
			want "$1" "$2" | cmp - "$T/out" || { echo "-o $sel $r differs"; return 1; }
			[[ "$(calls "$T/tr")" =~ sendfile=[0-9]+\ $ ]] || { cat "$T/tr"; return 1; }
			traced "$T/tr" dump "$sel" --format raw --offset "$1" --length "$2" >"$T/out2"
			want "$1" "$2" | cmp - "$T/out2" || { echo "> $sel $r differs"; return 1; }
			[[ "$(calls "$T/tr")" =~ sendfile=[0-9]+\ $ ]] || { cat "$T/tr"; return 1; }
		done
		traced "$T/tr" dump "$sel" --format raw >/dev/null
		[[ "$(calls "$T/tr")" =~ ^sendfile=[0-9]+\ $ ]] || { cat "$T/tr"; return 1; }
	done
}

@test "a file on the segment's own file system: copy_file_range" {
	# a POSIX object and its output on the one tmpfs: the kernel copies in place
	traced "$T/tr" dump /obj --format raw --offset 7 --length 1000003 -o /dev/shm/out
	want 7 1000003 | cmp - /dev/shm/out
	[[ "$(calls "$T/tr")" =~ ^copy_file_range=[0-9]+\ $ ]] || { cat "$T/tr"; return 1; }
}

@test "the stdout of >> (O_APPEND) is appended to, through the loop" {
	printf 'before\n' >"$T/out"
	traced "$T/tr" dump /obj --format raw --offset 5 --length 70000 >>"$T/out"
	{ printf 'before\n'; want 5 70000; } | cmp - "$T/out"
	grep -q '^pread64' "$T/tr"
}

# refusing CALL FORMAT-ARGS...: the dump with every CALL failing EINVAL
refusing() {
	local call=$1
	shift
	strace -qq -e trace=splice,copy_file_range,sendfile,pread64 -e inject="$call":error=EINVAL \
		-e signal=none -o "$T/tr" "$SHMTOOL" "$@"
}

@test "splice refused (EINVAL injected): the loop gives the same bytes" {
	for sel in "$ID" /obj; do
		for r in "${RANGES[@]}"; do
			set -- $r
			refusing splice dump "$sel" --format raw --offset "$1" --length "$2" | cat >"$T/got"
			want "$1" "$2" | cmp - "$T/got" || { echo "$sel $r differs"; return 1; }
			# one refusal, then only pread
			[ "$(grep -c 'INJECTED' "$T/tr")" = 1 ]
			[ "$(calls "$T/tr")" = "splice=1 " ]
			[ "$(reads_after "$T/tr")" -gt 0 ]
		done
	done
}

@test "copy_file_range and sendfile refused: sendfile, then the loop, the same bytes" {
	refusing copy_file_range dump /obj --format raw --offset 7 --length 1000003 -o /dev/shm/out
	want 7 1000003 | cmp - /dev/shm/out
	[[ "$(calls "$T/tr")" =~ ^copy_file_range=1\ sendfile=[0-9]+\ $ ]] || { cat "$T/tr"; return 1; }
	for sel in "$ID" /obj; do
		rm -f "$T/out"
		refusing sendfile dump "$sel" --format raw --offset 4095 --length 2097151 -o "$T/out"
		want 4095 2097151 | cmp - "$T/out"
		# the test's directory may be another file system: copy_file_range refused first
		[[ "$(calls "$T/tr")" =~ ^(copy_file_range=1\ )?sendfile=1\ $ ]] || { cat "$T/tr"; return 1; }
		[ "$(reads_after "$T/tr")" -gt 0 ]
	done
}

@test "refused after some bytes went out: the loop goes on from there" {
	strace -qq -e trace=splice,pread64 -e inject=splice:error=EINVAL:when=4 -e signal=none \
		-o "$T/tr" "$SHMTOOL" dump "$ID" --format raw --offset 3 --length 3000000 | cat >"$T/got"
	want 3 3000000 | cmp - "$T/got"
	[ "$(grep -c '^splice.* = [0-9]' "$T/tr")" = 3 ]
	grep -q 'INJECTED' "$T/tr"
	[ "$(reads_after "$T/tr")" -gt 0 ]
}

@test "a write error through splice or sendfile is one line, exit 1" {
	run --separate-stderr sh -c '"$SHMTOOL" dump "$1" --format raw >/dev/full' sh "$ID"
	assert_failure 1
	[ "$stderr" = "shmtool: write error: No space left on device" ]
	run --separate-stderr bash -c 'set -o pipefail
		strace -qq -o /dev/null -e trace=splice -e inject=splice:error=EIO -e signal=none \
			"$SHMTOOL" dump "$1" --format raw | cat >/dev/null' sh "$ID"
	assert_failure 1
	[ "$stderr" = "shmtool: write error: Input/output error" ]
}

@test "raw to a terminal (--force) goes through the loop" {
	command -v script >/dev/null || skip "script(1) not installed"
	run script -qec "strace -qq -e trace=splice,copy_file_range,sendfile,pread64 -e signal=none \
		-o $T/tr $SHMTOOL dump /obj --format raw --force --length 100" /dev/null
	assert_success
	[ "$(calls "$T/tr")" = "" ]
	grep -q '^pread64(.*, 100, 0)' "$T/tr"
}

@test "a POSIX object shrunk while spliced: one error line, exit 1, never a short dump" {
	local pid rc
	head -c $((32 << 20)) /dev/urandom >/dev/shm/big
	# the reader waits: shmtool fills the pipe and blocks in splice
	mkfifo "$T/fifo"
	"$SHMTOOL" dump /big --format raw >"$T/fifo" 2>"$T/err" &
	pid=$!
	exec 7<"$T/fifo"
	wait_until "shmtool blocks on the full pipe" grep -q pipe "/proc/$pid/wchan"
	truncate -s 4096 /dev/shm/big
	cat <&7 >"$T/got"
	exec 7<&-
	rc=0
	wait "$pid" || rc=$?
	[ "$rc" = 1 ]
	[ "$(cat "$T/err")" = "shmtool: attach-dump: /big: it shrank while it was dumped; the dump is incomplete" ]
	# some bytes went out before the object shrank: the race was hit mid-dump
	[ "$(stat -c %s "$T/got")" -gt 0 ]
	[ "$(stat -c %s "$T/got")" -lt $((32 << 20)) ]
}

# rss SHMID: the resident bytes of a segment, from the kernel
rss() {
	awk -v id="$1" 'NR > 1 && $2 == id { print $15 }' /proc/sysvipc/shm
}

# sparse_setup SIZE: a segment and an object of SIZE bytes, a few written at
# offsets that are not page-aligned, the rest holes; $T/sparse holds them
sparse_setup() {
	local size=$1
	SP=$(mkseg 0x5b1d "$size" 0600)
	truncate -s "$size" /dev/shm/sparse
	for w in "5000 hello" "1048573 AAAAAAAAAA" "$((size - 3)) end"; do
		set -- $w
		shmtool write "$SP" --offset "$1" --string "$2"
		shmtool write /sparse --offset "$1" --string "$2"
	done
	# written zeros are data, not a hole: the same text either way
	shmtool write "$SP" --offset 2097152 --fill 0 --length 4096
	shmtool write /sparse --offset 2097152 --fill 0 --length 4096
	shmtool dump "$SP" --format raw -o "$T/sparse"
	cmp "$T/sparse" /dev/shm/sparse
}

@test "a sparse segment: hex, -v, raw and string the same as its bytes, no hole allocated" {
	local size=$((8 << 20)) rss0 blocks0
	sparse_setup "$size"
	rss0=$(rss "$SP")
	blocks0=$(stat -c %b /dev/shm/sparse)
	[ "$rss0" = $((5 * 4096)) ]
	for sel in "$SP" /sparse; do
		for r in "0 $size" "5001 100000" "4095 5000" "8191 1048570" "1048580 2097000" "3 $((size - 3))"; do
			set -- $r
			hexdump -C -s "$1" -n "$2" "$T/sparse" >"$T/want"
			shmtool dump "$sel" --offset "$1" --length "$2" | cmp - "$T/want" ||
				{ echo "hex $sel $r differs"; return 1; }
			shmtool dump "$sel" --offset "$1" --length "$2" --format raw | cat >"$T/got"
			tail -c +$(($1 + 1)) "$T/sparse" | head -c "$2" | cmp - "$T/got" ||
				{ echo "raw $sel $r differs"; return 1; }
		done
		hexdump -Cv -s 4000 -n 2000000 "$T/sparse" >"$T/want"
		shmtool dump "$sel" -v --offset 4000 --length 2000000 | cmp - "$T/want"
		strace -qq -e trace=splice,sendfile,copy_file_range -e inject=splice:error=EINVAL \
			-e signal=none -o "$T/tr" "$SHMTOOL" dump "$sel" --format raw | cat >"$T/got"
		cmp "$T/sparse" "$T/got"
		run shmtool dump "$sel" --format string
		assert_output ""
		run shmtool dump "$sel" --format string --offset 5000
		assert_output "hello"
	done
	[ "$(rss "$SP")" = "$rss0" ]
	[ "$(stat -c %b /dev/shm/sparse)" = "$blocks0" ]
}

@test "a hole is formatted without a read: hex reads only the written pages" {
	sparse_setup $((8 << 20))
	strace -qq -e trace=pread64,lseek -e signal=none -o "$T/tr" "$SHMTOOL" dump "$SP" >/dev/null
	# the pages at 4096, 1 MiB - 4096 and 1 MiB, 2 MiB and the last: 5 pages in 4 runs
	[ "$(reads_after "$T/tr")" = 4 ]
	[ "$(awk -F', ' '/SEEK_DATA/ { on = 1 } on && /^pread64/ { s += $3 } END { print s }' "$T/tr")" = $((5 * 4096)) ]
}
