#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Standard output that fails: a full disk and a closed descriptor are an
# error (exit 1, one line); a reader that goes away ends shmtool quietly
# with SIGPIPE. Every command that prints, in every output mode.

load common

file_setup() {
	export LC_ALL=C
	mkseg 0x10 4096 0600 >/dev/null
	mkseg 0x20 100 0644 >/dev/null
}

# What prints without changing anything, one invocation a line.
PRINTERS=(
	"list"
	"list -n"
	"list -r"
	"list -e"
	"list -J"
	"list --output-all"
	"list -J --output-all"
	"list -o +RSS,SWAP -H --time-format iso"
	"list --list-columns"
	"list -h"
	"info"
	"info -r"
	"info -J"
	"info -h"
	"create -h"
	"rm -h"
	"rm --dry-run --all"
	"rm --dry-run -J --all"
	"help rm"
	"--help"
	"--version"
	"--list-commands"
)

# write_fails HOW ARGS...: stdout to /dev/full (HOW=full) or closed
# (HOW=closed): exit 1 and the one line naming the reason.
write_fails() {
	local how=$1 want
	shift
	case $how in
	full)
		run --separate-stderr bash -c 'exec "$@" >/dev/full' _ "$SHMTOOL" "$@"
		want="shmtool: write error: No space left on device" ;;
	closed)
		run --separate-stderr bash -c 'exec "$@" >&-' _ "$SHMTOOL" "$@"
		want="shmtool: write error: Bad file descriptor" ;;
	esac
	if [ "$status" != 1 ] || [ "$stderr" != "$want" ]; then
		printf 'shmtool %s >%s: exit %s, stderr:\n%s\nwant exit 1 and: %s\n' "$*" "$how" "$status" "$stderr" "$want"
		return 1
	fi
}

# quiet_pipe ARGS...: a reader that takes ten bytes and goes: no word on
# stderr, and shmtool ends by SIGPIPE (141) or had already written all.
quiet_pipe() {
	local err=$BATS_TEST_TMPDIR/stderr st
	env --default-signal=PIPE "$SHMTOOL" "$@" 2>"$err" | head -c 10 >/dev/null
	st=${PIPESTATUS[0]}
	if [ -s "$err" ] || { [ "$st" != 141 ] && [ "$st" != 0 ]; }; then
		printf 'shmtool %s | head -c 10: exit %s, stderr:\n%s\n' "$*" "$st" "$(cat "$err")"
		return 1
	fi
	echo "$st"
}

@test "every printer to a full disk: exit 1, one line, nothing changed" {
	before=$(cat /proc/sysvipc/shm)
	for args in "${PRINTERS[@]}"; do
		# shellcheck disable=SC2086
		write_fails full $args
	done
	[ "$(cat /proc/sysvipc/shm)" = "$before" ]
}

@test "every printer to a closed stdout: exit 1, one line" {
	for args in "${PRINTERS[@]}"; do
		# shellcheck disable=SC2086
		write_fails closed $args
	done
}

@test "every printer to a reader that goes away ends quietly" {
	for args in "${PRINTERS[@]}"; do
		# shellcheck disable=SC2086
		quiet_pipe $args >/dev/null
	done
}

@test "output longer than a pipe holds: SIGPIPE, nothing on stderr" {
	"$SHM_HELPER" many 3000
	for args in "list" "list -r" "list -J" "list -e --output-all" "rm --dry-run --all" "rm --dry-run -J --all"; do
		# shellcheck disable=SC2086
		run quiet_pipe $args
		assert_success
		[ "$output" = 141 ] || { echo "shmtool $args | head -c 10: exit $output, want 141"; return 1; }
	done
	[ "$(awk 'NR > 1' /proc/sysvipc/shm | wc -l)" = 3002 ]
}

@test "with SIGPIPE ignored, a closed pipe is a write error, exit 1" {
	"$SHM_HELPER" many 2000
	err=$BATS_TEST_TMPDIR/stderr
	(
		trap '' PIPE
		"$SHMTOOL" list 2>"$err" | head -c 10 >/dev/null
		echo "${PIPESTATUS[0]}" >"$BATS_TEST_TMPDIR/status"
	)
	[ "$(cat "$BATS_TEST_TMPDIR/status")" = 1 ]
	[ "$(cat "$err")" = "shmtool: write error: Broken pipe" ]
}

# to_broken HOW ARGS...: shmtool ARGS with stdout to /dev/full (full), closed
# (closed), or a pipe whose reader is already gone, SIGPIPE as by default
# (gone) or ignored (gone-ign). Sets status and stderr as run does.
to_broken() {
	local how=$1
	shift
	run --separate-stderr python3 - "$how" "$SHMTOOL" "$@" <<'PY'
import os, signal, subprocess, sys
how, argv = sys.argv[1], sys.argv[2:]
if how == "full":
    out = open("/dev/full", "w")
elif how == "closed":
    out = subprocess.DEVNULL
    argv = ["bash", "-c", 'exec "$@" >&-', "_"] + argv
else:
    r, out = os.pipe()
    os.close(r)
ign = how == "gone-ign"
p = subprocess.run(argv, stdout=out, stderr=subprocess.PIPE,
                   preexec_fn=(lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ign else None)
sys.stderr.write(p.stderr.decode())
sys.exit(128 - p.returncode if p.returncode < 0 else p.returncode)
PY
}

# create acts before it prints: when the new shmid or name cannot be
# written, it removes what it made, so that exit 1 means nothing was created
# and no segment is left whose id nobody learnt.
@test "create to a full disk, a closed stdout or a gone reader: nothing was created" {
	local before how why
	before=$(snapshot)
	for how in full closed gone-ign; do
		case $how in
		full) why="No space left on device" ;;
		closed) why="Bad file descriptor" ;;
		gone-ign) why="Broken pipe" ;;
		esac
		for json in "" -J; do
			# shellcheck disable=SC2086
			to_broken "$how" create 4096 -k 0x55 $json
			[ "$status" = 1 ]
			[[ "$stderr" =~ ^"shmtool: create: cannot report shmid "[0-9]+": $why; removed it"$ ]]
			[ "$(snapshot)" = "$before" ]
			# shellcheck disable=SC2086
			to_broken "$how" create 100 --posix app $json
			[ "$status" = 1 ]
			[ "$stderr" = "shmtool: create: cannot report /app: $why; removed it" ]
			[ "$(snapshot)" = "$before" ]
		done
	done
	# SIGPIPE ends create quietly, as it ends every printer, once the
	# segment is removed
	for args in "create 4096" "create 4096 -J" "create 100 --posix app -J"; do
		# shellcheck disable=SC2086
		to_broken gone $args
		[ "$status" = 141 ]
		[ "$stderr" = "" ]
		[ "$(snapshot)" = "$before" ]
	done
}

# rm acts before it prints: what it removed stays removed when its report
# (-v, -J) cannot be written, and the failed write is exit 1 with the one
# write error line; list then tells what is left.
@test "rm -v and rm -J to a full disk or a closed stdout: exit 1, and the segment is gone" {
	for how in full closed; do
		for mode in -v -J; do
			id=$(mkseg 0x77 100 0600)
			write_fails "$how" rm "$mode" "$id"
			[ -z "$(awk -v id="$id" 'NR > 1 && $2 == id' /proc/sysvipc/shm)" ]
		done
	done
	id=$(mkseg 0x77 100 0600)
	run quiet_pipe rm -v "$id"
	assert_success
}

@test "an error line goes out even when stdout is full" {
	run --separate-stderr bash -c '"$0" list -k 0x10 -k 0x99 >/dev/full' "$SHMTOOL"
	assert_failure 1
	[ "$stderr" = "shmtool: list: key 0x00000099: no such segment
shmtool: write error: No space left on device" ]
	run --separate-stderr bash -c '"$0" list --bogus >/dev/full' "$SHMTOOL"
	assert_failure 2
	[ "$stderr" = "shmtool: list: unrecognized option '--bogus'; try 'shmtool list --help'" ]
}

# A segment and a POSIX object of 64 KiB of random bytes, for the dumps.
dump_set() {
	head -c 65536 /dev/urandom >"$BATS_TEST_TMPDIR/bytes"
	DID=$(mkseg 0x30 65536 0600)
	"$SHM_HELPER" load "$DID" "$BATS_TEST_TMPDIR/bytes" >/dev/null
	pmk /dump 65536 0600
	cp "$BATS_TEST_TMPDIR/bytes" /dev/shm/dump
}

@test "attach-dump in every format to a full disk or a closed stdout: exit 1, one line" {
	dump_set
	before=$(shmsum "$DID")
	for how in full closed; do
		for sel in "$DID" /dump "-k 0x30" "--posix dump"; do
			for fmt in hex raw string; do
				# shellcheck disable=SC2086
				write_fails "$how" attach-dump $sel --format "$fmt"
				# shellcheck disable=SC2086
				write_fails "$how" dump $sel --format "$fmt" --no-squeezing --offset 3 --length 1000
			done
		done
	done
	[ "$(shmsum "$DID")" = "$before" ]
	cmp /dev/shm/dump "$BATS_TEST_TMPDIR/bytes"
	# nothing to write is no write error
	for how in /dev/full '&-'; do
		run --separate-stderr bash -c "exec \"\$@\" >$how" _ "$SHMTOOL" dump "$DID" --length 0
		assert_success
		[ "$stderr" = "" ]
	done
}

@test "attach-dump to a reader that goes away ends quietly" {
	dump_set
	for sel in "$DID" /dump; do
		for fmt in hex raw string; do
			run quiet_pipe dump "$sel" --format "$fmt"
			assert_success
		done
		# more than a pipe holds: it is SIGPIPE that ends it
		run quiet_pipe dump "$sel" --no-squeezing
		assert_success
		assert_output 141
	done
}

@test "attach-dump --output-file to a full file system: exit 1, one line, the file it made is gone" {
	local T=$BATS_TEST_TMPDIR
	dump_set
	mkdir "$T/small"
	mount -t tmpfs -o size=4k small "$T/small"
	for sel in "$DID" /dump; do
		for fmt in hex raw; do
			run --separate-stderr shmtool dump "$sel" --format "$fmt" --output-file "$T/small/out"
			assert_failure 1
			assert_output ""
			[ "$stderr" = "shmtool: attach-dump: $T/small/out: No space left on device" ]
			[ ! -e "$T/small/out" ]
		done
	done
	# --force over a file on a full file system: side-effects.bats
	umount "$T/small"
	# a device is not a file --output-file makes: refused, never written
	run --separate-stderr shmtool dump "$DID" --output-file /dev/full --force
	assert_failure 1
	[ "$stderr" = "shmtool: attach-dump: /dev/full: not a regular file (character device); not replaced" ]
	[ -c /dev/full ]
}

@test "write -v and -J to a full disk or a closed stdout: exit 1, and the bytes are written" {
	local how mode id
	for how in full closed; do
		for mode in -v -J; do
			id=$(mkseg 0x77 100 0600)
			before=$(shmsum "$id")
			write_fails "$how" write "$id" --fill 0x41 --length 100 "$mode"
			[ "$(shmsum "$id")" != "$before" ]
			"$SHM_HELPER" cat "$id" | cmp - <(head -c 100 /dev/zero | tr '\0' A)
			"$SHM_HELPER" rmid "$id"
			pmk /w 100 0600
			write_fails "$how" write /w --string hello "$mode"
			[ "$(head -c 5 /dev/shm/w)" = hello ]
			rm /dev/shm/w
		done
	done
	# without -v or -J write prints nothing: a closed or full stdout is fine
	id=$(mkseg 0x77 100 0600)
	for how in /dev/full '&-'; do
		run --separate-stderr bash -c "exec \"\$@\" >$how" _ "$SHMTOOL" write "$id" --string x
		assert_success
		[ "$stderr" = "" ]
	done
	run quiet_pipe write "$id" --string y -J
	assert_success
}
