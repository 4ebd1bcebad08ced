#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Nothing lost, nothing changed unasked (issue 11): attach-dump reads
# without allocating, -o never clobbers what it was not told to, write is
# all or nothing, SHMTOOL_PROC_SHM is read with a bound and sizes come from
# the kernel. Faults come from strace -e inject, full disks from small tmpfs
# mounts, hostile users from setpriv.

load common

# shmtool runs under strace in this file, where LeakSanitizer cannot run
# (tests/valgrind.bats checks leaks)
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
load hardening

file_setup() {
	export LC_ALL=C
	T=$BATS_TEST_TMPDIR
}

file_teardown() {
	# the sticky directory a test made in /tmp
	if [ -n "${S:-}" ]; then
		umount "$S" 2>/dev/null || true
		rmdir "$S" 2>/dev/null || true
	fi
	# a small /dev/shm a test mounted over the run's own
	while [ "$(stat -f -c %T /dev/shm)" = tmpfs ] && mountpoint -q /dev/shm &&
		[ "$(findmnt -n -o SOURCE /dev/shm | tail -1)" = small-shm ]; do
		find /dev/shm -mindepth 1 -delete 2>/dev/null || true
		umount /dev/shm
	done
	return 0
}

# The resident bytes of a System V segment, as the kernel counts them.
sysv_rss() {
	awk -v id="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "rss") c = i }
		NR > 1 && $2 == id { print $c }' /proc/sysvipc/shm
}

# The bytes a file of /dev/shm has allocated.
posix_alloc() {
	echo $(( $(stat -c '%b * %B' "/dev/shm$1") ))
}

small_shm() {
	mount -t tmpfs -o "size=$1,mode=1777" small-shm /dev/shm
}

@test "a sparse 256 MiB segment dumped whole keeps RSS 0" {
	id=$(mkseg 0x5a 268435456 0600)
	"$SHM_HELPER" load "$id" <(printf 'head') >/dev/null
	before=$(sysv_rss "$id")
	[ "$before" -le 65536 ]
	run shmtool dump "$id"
	assert_success
	assert_output "00000000  68 65 61 64 00 00 00 00  00 00 00 00 00 00 00 00  |head............|
00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
*
10000000"
	[ "$(shmtool dump "$id" --format raw | wc -c)" = 268435456 ]
	[ "$(shmtool dump "$id" --format raw --offset 200M | cmp - <(head -c 58720256 /dev/zero) && echo same)" = same ]
	[ "$(sysv_rss "$id")" = "$before" ]
}

@test "a sparse 256 MiB POSIX object on a 16 MiB /dev/shm dumps without allocating" {
	small_shm 16m
	pmk /sparse 268435456 0600
	[ "$(posix_alloc /sparse)" = 0 ]
	run shmtool dump /sparse
	assert_success
	assert_output "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
*
10000000"
	[ "$(shmtool dump /sparse --format raw | wc -c)" = 268435456 ]
	[ "$(posix_alloc /sparse)" = 0 ]
}

@test "a dump on a nearly full /dev/shm succeeds" {
	small_shm 1m
	head -c 1040384 /dev/zero >/dev/shm/filler # all but 8 pages
	pmk /sparse 67108864 0600
	printf 'tail' | dd of=/dev/shm/sparse bs=1 seek=67108860 conv=notrunc status=none
	run --separate-stderr shmtool dump /sparse --offset 67108848
	assert_success
	[ "$stderr" = "" ]
	assert_output "03fffff0  00 00 00 00 00 00 00 00  00 00 00 00 74 61 69 6c  |............tail|
04000000"
	run shmtool dump /sparse --format raw --output-file "$T/raw"
	assert_success
	[ "$(stat -c %s "$T/raw")" = 67108864 ]
	[ "$(tail -c 4 "$T/raw")" = tail ]
	[ "$(posix_alloc /sparse)" = 4096 ]
}

@test "-o --force never follows a symlink nobody planted in a sticky directory" {
	# a /tmp of our own: a tmpfs of mode 1777 nobody can reach
	S=$(mktemp -d /tmp/shmtool-sticky.XXXXXX)
	chmod 0755 "$S"
	mount -t tmpfs -o mode=1777,size=1m sticky "$S"
	echo 'root only' >"$T/victim"
	chmod 0644 "$T/victim"
	as_nobody ln -s "$T/victim" "$S/dump.out"
	as_nobody ln -s "$T/absent" "$S/dangling"
	id=$(mkfilled 0x51 4096 0600 83)
	for target in dump.out dangling; do
		run --separate-stderr shmtool dump "$id" --output-file "$S/$target" --force
		assert_failure 1
		[ "$stderr" = "shmtool: attach-dump: $S/$target: not a regular file (symbolic link); not replaced" ]
		run --separate-stderr shmtool dump "$id" --format raw --output-file "$S/$target"
		assert_failure 1
		[ "$stderr" = "shmtool: attach-dump: $S/$target: file exists (use --force to overwrite it)" ]
	done
	[ "$(cat "$T/victim")" = 'root only' ] && [ "$(stat -c %a "$T/victim")" = 644 ]
	[ ! -e "$T/absent" ]
	[ -L "$S/dump.out" ] && [ -L "$S/dangling" ]
	[ "$(ls -A "$S" | sort | tr '\n' ' ')" = "dangling dump.out " ]
}

@test "-o FIFO --force is refused at once, without opening it" {
	mkfifo "$T/fifo"
	id=$(mkfilled 0x52 4096 0600 1)
	run --separate-stderr timeout 10 "$SHMTOOL" dump "$id" --output-file "$T/fifo" --force
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: $T/fifo: not a regular file (FIFO); not replaced" ]
}

@test "-o --force replaces a file with a new one of mode 0600, whole" {
	id=$(mkfilled 0x53 8192 0600 65)
	echo old >"$T/out"
	chmod 0644 "$T/out"
	ln "$T/out" "$T/other-name"
	run shmtool dump "$id" --format raw --output-file "$T/out" --force
	assert_success
	[ "$(stat -c '%a %s' "$T/out")" = "600 8192" ]
	cmp "$T/out" <("$SHM_HELPER" cat "$id")
	# a new file: the old one's other name still holds the old bytes
	[ "$(cat "$T/other-name")" = old ]
	[ "$(ls -A "$T" | sort | tr '\n' ' ')" = "other-name out " ]
}

@test "a dump that fails part-way leaves the old file intact and no temporary file" {
	# 9 MiB: raw bytes go out through sendfile (or copy_file_range) 4 MiB a call
	id=$(mkfilled 0x54 $((9 << 20)) 0600 66)
	mkdir "$T/d"
	echo old >"$T/d/out"
	# the third call that writes the dump fails, whichever of the two it is
	# (strace counts each call apart; write(2) is left for the error line)
	run --separate-stderr strace -f -o /dev/null -e trace=sendfile,copy_file_range \
		-e inject=sendfile,copy_file_range:error=ENOSPC:when=3 \
		"$SHMTOOL" dump "$id" --format raw --output-file "$T/d/out" --force
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: $T/d/out: No space left on device" ]
	[ "$(cat "$T/d/out")" = old ]
	[ "$(ls -A "$T/d")" = out ]
	run --separate-stderr strace -f -o /dev/null -e trace=write -e inject=write:error=ENOSPC:when=3 \
		"$SHMTOOL" dump "$id" --no-squeezing --output-file "$T/d/new"
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: $T/d/new: No space left on device" ]
	[ "$(ls -A "$T/d")" = out ]
	# and on a file system that fills up: at once (4k, the old file takes
	# its one page) or part-way (512k)
	mkdir "$T/small"
	for size in 4k 512k; do
		mount -t tmpfs -o size=$size small "$T/small"
		echo old >"$T/small/out"
		run --separate-stderr shmtool dump "$id" --format raw --output-file "$T/small/out" --force
		assert_failure 1
		[ "$stderr" = "shmtool: attach-dump: $T/small/out: No space left on device" ] || fail "$size: $stderr"
		[ "$(cat "$T/small/out")" = old ] || fail "$size: the old file changed"
		[ "$(ls -A "$T/small")" = out ] || fail "$size: left $(ls -A "$T/small")"
		umount "$T/small"
	done
}

# The process run under strace by the job $1 is in read(2) (syscall 0) of
# the file $2: strace -e inject=read:delay_enter holds it there.
in_read() {
	local pid
	pid=$(pgrep -P "$1" | head -1)
	[ -n "$pid" ] && [ "$(cut -d' ' -f1 "/proc/$pid/syscall" 2>/dev/null)" = 0 ] &&
		[ -n "$(find "/proc/$pid/fd" -lname "$2" 2>/dev/null)" ]
}


# write --file FILE with its read of FILE held for 3 s, while $1 changes it.
write_racing() {
	local change=$1 before
	id=$(mkfilled 0x55 2097152 0600 77)
	head -c 1048576 /dev/urandom >"$T/in"
	# which read(2) of the run is the first of the file (the loader reads too)
	strace -f -o "$T/probe" -e trace=read,openat "$SHMTOOL" write "$id" --file "$T/in"
	nth=$(awk -v f="\"$T/in\"" '/ read\(/ { n++; if (open) { print n; exit } }
		index($0, "openat(AT_FDCWD, " f) { open = 1 }' "$T/probe")
	[ -n "$nth" ]
	"$SHM_HELPER" fill "$id" 77
	before=$(shmsum "$id")
	strace -f -o /dev/null -e trace=read -e inject=read:delay_enter=3000000:when="$nth" \
		"$SHMTOOL" write "$id" --file "$T/in" >"$T/out" 2>"$T/err" &
	tracer=$!
	wait_until "the read of $T/in" in_read "$tracer" "$T/in"
	$change "$T/in"
	status=0
	wait "$tracer" || status=$?
	[ "$status" = 1 ] || { cat "$T/err"; return 1; }
	[ "$(cat "$T/err")" = "shmtool: write: $T/in: it changed while it was read; nothing written" ]
	[ ! -s "$T/out" ]
	[ "$(shmsum "$id")" = "$before" ]
}

shrink() { truncate -s 4096 "$1"; }
grow() { head -c 100 /dev/zero >>"$1"; }
rewrite() { printf 'x' | dd of="$1" conv=notrunc status=none; }

@test "write --file: a file that shrinks while it is captured is refused, nothing written" {
	write_racing shrink
	[ "$(stat -c %s "$T/in")" = 4096 ]
}

@test "write --file: a file that grows while it is captured is refused, nothing written" {
	write_racing grow
	[ "$(stat -c %s "$T/in")" = 1048676 ]
}

@test "write --file: a file rewritten in place while it is captured is refused" {
	write_racing rewrite
}

@test "write to a POSIX object on a full /dev/shm: No space left on device, nothing written" {
	small_shm 1m
	pmk /obj 4194304 0600
	head -c 1044480 /dev/zero >/dev/shm/filler # all but one page
	# (shmtool dump reads without allocating; a checksum through a mapping would not)
	before=$(shmtool dump /obj)
	for input in "--fill 0x41 --length 8K" "--string abc --offset 4095" "--file /dev/shm/filler"; do
		run --separate-stderr shmtool write /obj $input
		assert_failure 1
		[ "$stderr" = "shmtool: write: /obj: No space left on device; nothing written" ]
		[ "$output" = "" ]
		[ "$(posix_alloc /obj)" = 0 ]
		[ "$(shmtool dump /obj)" = "$before" ]
	done
	# what fits is written
	run shmtool write /obj --string abc --offset 3M --nul
	assert_success
	[ "$(shmtool dump /obj --offset 3M --format string)" = abc ]
}

@test "write - --truncate from an endless stream ends, and says the input was longer" {
	id=$(mkseg 0x56 1048576 0600)
	run --separate-stderr timeout 20 sh -c 'yes | "$1" write "$2" - --truncate --offset 1000' sh "$SHMTOOL" "$id"
	assert_success
	[ "$stderr" = "shmtool: write: shmid $id: the input was longer than the 1047576 bytes that fit; the rest was not read" ]
	"$SHM_HELPER" cat "$id" | tail -c 1047576 | cmp - <(yes | head -c 1047576)
	run --separate-stderr timeout 20 sh -c 'yes | "$1" write "$2" - --truncate -J' sh "$SHMTOOL" "$id"
	assert_success
	[ "$(echo "$output" | jq -c .)" = "{\"shmid\":$id,\"offset\":0,\"bytes_written\":1048576,\"dropped\":null}" ]
	# without --truncate: refused after room + 1 bytes, nothing written
	before=$(shmsum "$id")
	run --separate-stderr timeout 20 sh -c 'yes | "$1" write "$2" - --offset 5' sh "$SHMTOOL" "$id"
	assert_failure 1
	[ "$stderr" = "shmtool: write: shmid $id: the input does not fit in the 1048571 bytes after offset 5; nothing written" ]
	[ "$(shmsum "$id")" = "$before" ]
}

@test "a small stream into a 64 GiB object is not buffered up to its size" {
	[ -x /usr/bin/time ] || skip "no /usr/bin/time"
	pmk /huge 68719476736 0600
	run --separate-stderr /usr/bin/time -f 'maxrss %M' sh -c 'head -c 1000000 /dev/urandom | "$1" write /huge - --offset 60G' sh "$SHMTOOL"
	assert_success
	kb=${stderr##*maxrss }
	# the input (1 MB), its buffer and the binary: nowhere near the object
	[ "$kb" -lt 16384 ] || { echo "peak RSS $kb KiB" >&2; return 1; }
}

@test "a wrong size in SHMTOOL_PROC_SHM does not move dump or write outside the segment" {
	id=$(mkfilled 0x57 4096 0600 88)
	awk 'NR == 1 || $1 != 87 { print; next } { $4 = 1073741824; print }' /proc/sysvipc/shm >"$T/lying.shm"
	grep -q ' 1073741824 ' "$T/lying.shm"
	export SHMTOOL_PROC_SHM=$T/lying.shm
	[ "$("$SHMTOOL" dump -k 0x57 --format raw | wc -c)" = 4096 ]
	refused 1 "shmtool: attach-dump: shmid $id: offset 8192 is beyond the end of the segment (4096 bytes)" dump -k 0x57 --offset 8192
	refused 1 "shmtool: attach-dump: shmid $id: offset 0 + length 1048576 is beyond the end of the segment (4096 bytes)" dump -k 0x57 --length 1M
	refused 1 "shmtool: write: shmid $id: the input does not fit in the 4096 bytes after offset 0; nothing written" write -k 0x57 --fill 1 --length 8192
	refused 1 "shmtool: write: shmid $id: offset 65536 is beyond the end of the segment (4096 bytes)" write -k 0x57 --offset 64K --string x
}

@test "an unusable SHMTOOL_PROC_SHM: one error line, exit 1, nothing changed" {
	mkfilled 0x58 4096 0600 89 >/dev/null
	mkfifo "$T/fifo"
	SHMTOOL_PROC_SHM=/dev/zero refused 1 "shmtool: attach-dump: key 0x00000058: Invalid argument" dump -k 0x58
	SHMTOOL_PROC_SHM=$T/fifo refused 1 "shmtool: write: key 0x00000058: Invalid argument" write -k 0x58 --string x
	SHMTOOL_PROC_SHM=$T refused 1 "shmtool: attach-dump: key 0x00000058: Is a directory" dump -k 0x58
	: >"$T/empty"
	SHMTOOL_PROC_SHM=$T/empty refused 1 "shmtool: list: cannot read the segment list: Bad message" list
	SHMTOOL_PROC_SHM=$T/fifo refused 1 "shmtool: rm: cannot read the segment list: Invalid argument" rm --all
	# a missing file is still the fallback to shmctl
	SHMTOOL_PROC_SHM=$T/none run --separate-stderr shmtool dump -k 0x58 --format raw --length 1
	assert_success
}

# dump -o's temporary file exists and has grown past 1 KiB.
# growing_output PID DIR: process PID has a file in DIR open, named or
# not (an O_TMPFILE file reads "DIR/#INODE (deleted)"), past its first KiB.
growing_output() {
	local fd
	for fd in /proc/"$1"/fd/*; do
		case $(readlink "$fd" 2>/dev/null) in
		"$2"/*) [ "$(stat -L -c %s "$fd" 2>/dev/null || echo 0)" -gt 1024 ] && return 0 ;;
		esac
	done
	return 1
}

# traced_shmtool PID: strace PID's child that runs shmtool is $child
# (strace forks short-lived children of its own first, to test ptrace).
traced_shmtool() {
	local c exe
	exe=$(readlink -f "$SHMTOOL")
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		if [ "$(readlink /proc/"$c"/exe 2>/dev/null)" = "$exe" ]; then
			child=$c
			return 0
		fi
	done
	return 1
}

# dump_setup: a 256 MiB segment $id, and $W, a tmpfs with an old file out.
dump_setup() {
	id=$(mkseg 0x59 268435456 0600)
	W=$T/w
	mkdir "$W"
	mount -t tmpfs -o size=400m out "$W"
	echo old >"$W/out"
}

# kill_dump SIG [STRACE-ARGS...]: a dump of 128 MiB into $W/out, killed by
# SIG once its output has grown; checks it died of it, and that $W holds
# the old out and nothing else. With STRACE-ARGS it runs under strace and
# the signal goes to shmtool itself.
kill_dump() {
	local sig=$1 pid target status=0
	shift
	if [ $# -gt 0 ]; then
		strace -f -o /dev/null "$@" "$SHMTOOL" dump "$id" --no-squeezing --length 128M \
			--output-file "$W/out" --force &
		pid=$!
		wait_until "strace starts shmtool" traced_shmtool "$pid"
		target=$child
	else
		"$SHMTOOL" dump "$id" --no-squeezing --length 128M --output-file "$W/out" --force &
		pid=$!
		target=$pid
	fi
	wait_until "the output grows" growing_output "$target" "$W"
	ls -A "$W" >"$T/during"
	kill -s "$sig" "$target"
	wait "$pid" || status=$?
	# killed by the signal, not finished
	[ "$status" -gt 128 ] || fail "exit $status after SIG$sig"
	[ "$(cat "$W/out")" = old ]
	[ "$(ls -A "$W")" = out ] || fail "left in $W: $(ls -A "$W")"
}

@test "a dump --output-file killed part-way, even by SIGKILL, leaves no file behind and the old file as it was" {
	dump_setup
	# (INT and QUIT: a background job of a script ignores them)
	for sig in TERM HUP KILL; do
		kill_dump "$sig"
		# the bytes went to an unnamed file (O_TMPFILE): no name to leave
		[ "$(cat "$T/during")" = out ] || fail "named while written: $(cat "$T/during")"
	done
	umount "$W"
}

@test "where O_TMPFILE is refused, a named temporary file is removed on TERM and HUP" {
	dump_setup
	# which openat is the O_TMPFILE one, to refuse that one alone
	local n
	n=$(strace -f -e trace=openat "$SHMTOOL" dump "$id" --length 16 --output-file "$W/probe" 2>&1 >/dev/null |
		grep -n 'O_TMPFILE' | cut -d: -f1)
	[ -n "$n" ]
	rm -f "$W/probe"
	for sig in TERM HUP; do
		kill_dump "$sig" -e trace=openat -e inject=openat:error=EOPNOTSUPP:when="$n"
		grep -q '^\.shmtool-' "$T/during" || fail "no named temporary file: $(cat "$T/during")"
	done
	umount "$W"
}

# LPID NATTCH ATIME DTIME of a segment, as the kernel says them.
stamps() {
	awk -v id="$1" 'NR > 1 && $2 == id { print $6, $7, $12, $13 }' /proc/sysvipc/shm
}

@test "root dumps a segment another process holds without attaching: LPID, ATIME, DTIME unchanged" {
	id=$(mkfilled 0x5b 10000 0600 65)
	"$SHM_HELPER" cat "$id" >"$T/bytes" # (the helper attaches: before the holder does)
	hold "$id"
	holder=${SHM_HOLDERS[-1]}
	before=$(stamps "$id")
	[ "${before%% *}" = "$holder" ]
	run shmtool dump "$id"
	assert_success
	assert_output "00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|
*
00002710"
	shmtool dump "$id" --format raw | cmp - "$T/bytes"
	[ "$(stamps "$id")" = "$before" ]
	# a holder that is neither the LPID nor the creator is found by a scan
	"$SHM_HELPER" cat "$id" >/dev/null
	before=$(stamps "$id")
	[ "${before%% *}" != "$holder" ]
	shmtool dump "$id" --format raw | cmp - "$T/bytes"
	[ "$(stamps "$id")" = "$before" ]
	# the control: with no holder the dump attaches, and the kernel says so
	kill "$holder"; wait "$holder" 2>/dev/null || true
	SHM_HOLDERS=()
	wait_nattch "$id" 0
	before=$(stamps "$id")
	run shmtool dump "$id" --format raw --length 1
	assert_success
	[ "$(stamps "$id" | cut -d' ' -f1)" != "${before%% *}" ]
}
