#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# /proc/sysvipc/shm text no kernel writes, read through SHMTOOL_PROC_SHM:
# list reads what it can, says on stderr how many lines it skipped, exits 1
# when it skipped any, falls back to shmctl only where the header is
# unusable, and never crashes. tests/fallback.bats has the plain cases
# (a truncated line, a negative or 2^64 size, extra and reordered columns,
# an empty file, a header alone, random bytes); these add the rest.

load common

FIX=$BATS_TEST_DIRNAME/fixtures
HOSTILE=$FIX/hostile

file_setup() {
	export LC_ALL=C TZ=UTC
	T=$BATS_TEST_TMPDIR
}

# read_ok FILE SKIPPED WANT ARGS...: list ARGS on FILE prints WANT; SKIPPED
# lines were skipped (0: none, exit 0 and stderr empty).
read_ok() {
	local file=$1 skipped=$2 want=$3 plural=s
	shift 3
	SHMTOOL_PROC_SHM=$file run --separate-stderr "$SHMTOOL" list "$@"
	[ "$skipped" = 1 ] && plural=
	if [ "$skipped" = 0 ]; then
		[ "$status" = 0 ] && [ "$stderr" = "" ] ||
			{ echo "$file: exit $status, stderr: $stderr"; return 1; }
	else
		[ "$status" = 1 ] || { echo "$file: exit $status, want 1; stderr: $stderr"; return 1; }
		[ "$stderr" = "shmtool: list: $file: skipped $skipped malformed line$plural" ] ||
			{ echo "$file: stderr: $stderr"; return 1; }
	fi
	[ "$output" = "$want" ] || { printf '%s:\n got: %s\nwant: %s\n' "$file" "$output" "$want"; return 1; }
}

# What kernel.shm's two good rows print with -r -n -o SHMID,BYTES,CPID.
GOOD="0 1 1200
2 65536 1202"

@test "numbers past 64 bits (or past their field) in every column: the line is skipped" {
	read_ok "$HOSTILE/past-64-bits.shm" 10 "$GOOD" -r -n -o SHMID,BYTES,CPID
	SHMTOOL_PROC_SHM=$HOSTILE/past-64-bits.shm run --separate-stderr "$SHMTOOL" list -J
	assert_failure 1
	python3 -c 'import json, sys; assert [s["shmid"] for s in json.loads(sys.argv[1])["segments"]] == [0, 2]' "$output"
}

@test "negative sizes, ids, perms, pids, counts, uids and RSS: the line is skipped" {
	read_ok "$HOSTILE/negative.shm" 9 "$GOOD" -r -n -o SHMID,BYTES,CPID
}

@test "the largest value of every column is read, printed and typed" {
	read_ok "$HOSTILE/limits.shm" 0 "0x7fffffff 2147483647 777 18446744073709551615 2147483647 2147483647 18446744073709551615 4294967295 -1 -9223372036854775808 9223372036854775807 18446744073709551615 18446744073709551615
0x80000000 0 0 0 0 0 0 0 - - - 0 0
0xffffffff 1 644 1 0 0 0 0 - - - 0 0" \
		-r -n --time-format epoch -o KEY,SHMID,PERMS,BYTES,CPID,LPID,NATTCH,UID,ATIME,DTIME,CTIME,RSS,SWAP
	read_ok "$HOSTILE/limits.shm" 0 "16E dest,locked 16E" -r -n -H -o BYTES,STATUS,RSS -i 2147483647
	SHMTOOL_PROC_SHM=$HOSTILE/limits.shm run --separate-stderr "$SHMTOOL" list -J --output-all
	assert_success
	[ "$stderr" = "" ]
	python3 - "$output" <<'PY'
import json, sys
s = json.loads(sys.argv[1])["segments"][0]
assert s["bytes"] == s["rss"] == s["swap"] == s["nattch"] == 2**64 - 1, s
assert s["uid"] == 2**32 - 1 and s["key"] == "0x7fffffff", s
assert s["status"] == ["dest", "locked"], s
# a time the calendar holds is ISO 8601; one it cannot hold is null
assert s["atime"] == "1969-12-31T23:59:59+00:00", s
assert s["dtime"] is None and s["ctime"] is None, s
PY
}

@test "short, long, glued and blank lines, and a last line cut short, are skipped" {
	read_ok "$HOSTILE/truncated.shm" 7 "$GOOD" -r -n -o SHMID,BYTES,CPID
}

@test "a megabyte-long line among good ones is skipped" {
	local k=$FIX/kernel.shm line
	for line in digits blanks fields; do
		{
			head -2 "$k"
			case $line in
			digits) head -c 1048576 /dev/zero | tr '\0' 7 ;;
			blanks) head -c 1048576 /dev/zero | tr '\0' ' ' ;;
			fields) head -c 1048576 /dev/zero | tr '\0' ' ' | sed 's/  /1 /g' ;;
			esac
			echo
			tail -n +3 "$k"
		} >"$T/$line.shm"
		[ "$(wc -c <"$T/$line.shm")" -gt 1048576 ]
		read_ok "$T/$line.shm" 1 "0 1
1 4096
2 65536" -r -n -o SHMID,BYTES
	done
	# megabytes after the header and no newline at all: one bad line
	{ head -1 "$k"; head -c 3000000 /dev/zero | tr '\0' 9; } >"$T/nonl.shm"
	read_ok "$T/nonl.shm" 1 "" -r -n -o SHMID
}

@test "a header a megabyte long is read when its fields are known" {
	{ printf 'key shmid'; head -c 1048576 /dev/zero | tr '\0' ' '; printf 'perms size\n4660 0 644 1\n'; } >"$T/wide.shm"
	read_ok "$T/wide.shm" 0 "0x00001234 0 644 1" -r -n -o KEY,SHMID,PERMS,BYTES
}

@test "NUL bytes in a line make it malformed, and nothing else" {
	local k=$FIX/kernel.shm
	{ head -2 "$k"; printf '0 1 1600 4\0\0\0096 1201 1300 1 0 0 0 0 1700000100 0 1700000200 4096 0\n'; tail -n +4 "$k"; } >"$T/nul.shm"
	read_ok "$T/nul.shm" 1 "0 1
2 65536" -r -n -o SHMID,BYTES
	{ head -2 "$k"; printf '\0\n'; tail -n +3 "$k"; } >"$T/nul-line.shm"
	read_ok "$T/nul-line.shm" 1 "0 1
1 4096
2 65536" -r -n -o SHMID,BYTES
}

@test "CRLF line ends read as LF ones" {
	local f
	for f in kernel minimal extra-columns reordered; do
		sed 's/$/\r/' "$FIX/$f.shm" >"$T/$f.shm"
		read_ok "$T/$f.shm" 0 "$(SHMTOOL_PROC_SHM=$FIX/$f.shm "$SHMTOOL" list --output-all)" --output-all
	done
	sed 's/$/\r/' "$FIX/malformed.shm" >"$T/malformed.shm"
	read_ok "$T/malformed.shm" 5 "$(SHMTOOL_PROC_SHM=$FIX/kernel.shm "$SHMTOOL" list)"
}

@test "headers it cannot use: one error line, exit 1, no silent fallback" {
	mkseg 0x4242 4096 0600 >/dev/null
	mkseg 0x4343 8192 0644 >/dev/null
	: >"$T/zero-bytes.shm"
	printf 'key shmid\0 perms size\n4660 0 644 1\n' >"$T/nul-header.shm"
	head -c 100000 /dev/zero >"$T/all-nul.shm"
	{ for i in $(seq 1 70); do printf 'f%d ' "$i"; done; printf 'key shmid perms size\n4660 0 644 1\n'; } >"$T/too-many-fields.shm"
	for f in "$HOSTILE/twice-named.shm" "$HOSTILE/no-size.shm" "$HOSTILE/header-no-newline.shm" \
		"$T/zero-bytes.shm" "$T/nul-header.shm" "$T/all-nul.shm" "$T/too-many-fields.shm"; do
		SHMTOOL_PROC_SHM=$f run --separate-stderr "$SHMTOOL" list -r
		assert_failure 1
		[ "$output" = "" ]
		[ "$stderr" = "shmtool: list: cannot read the segment list: Bad message" ]
	done
}

@test "every hostile file in every output mode: exit 0 or 1, no crash, valid JSON" {
	local f mode skipped
	for f in "$HOSTILE"/*.shm "$FIX"/*.shm; do
		for mode in "" -r -e "-n --notruncate" "--output-all -H" "--output-all --time-format full" \
			"-s BYTES --reverse" "-s ATIME" "--attached --larger-than 1"; do
			# shellcheck disable=SC2086
			SHMTOOL_PROC_SHM=$f run --separate-stderr "$SHMTOOL" list $mode
			[ "$status" -le 1 ] || { echo "$f list $mode: exit $status: $stderr"; return 1; }
			[[ -z $stderr || $stderr =~ ^"shmtool: list: $f: skipped "[0-9]+" malformed line"s?$ ||
				$stderr = "shmtool: list: cannot read the segment list: Bad message" ]] ||
				{ echo "$f list $mode: stderr: $stderr"; return 1; }
		done
		SHMTOOL_PROC_SHM=$f run --separate-stderr "$SHMTOOL" list -J --output-all
		[ "$status" -le 1 ] || { echo "$f list -J: exit $status: $stderr"; return 1; }
		# a file with no usable header is an error with no output at all
		[ "$stderr" = "shmtool: list: cannot read the segment list: Bad message" ] && [ -z "$output" ] && continue
		python3 -c 'import json, sys; json.loads(sys.argv[1])["segments"]' "$output"
	done
}
