#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# list's filters, alone and combined, and every bad input: one error line,
# exit 2, nothing on stdout.

load common
load list-set

ids() {
	shmtool list -r -n -o SHMID "$@"
}

# ids_are "EXPECTED IDS" LIST-OPTIONS...: list succeeds and shows exactly these
ids_are() {
	local want=$1
	shift
	run --separate-stderr shmtool list -r -n -o SHMID "$@"
	assert_success
	[ "$stderr" = "" ] || { echo "stderr: $stderr"; return 1; }
	[ "$(echo $output)" = "$want" ] || { echo "list $*: got '$(echo $output)', want '$want'"; return 1; }
}

cpid_of() {
	awk -v id="$1" 'NR > 1 && $2 == id { print $5 }' /proc/sysvipc/shm
}

@test "-i: one id, several ids" {
	make_set
	ids_are "2" -i 2
	ids_are "2" --id=2
	ids_are "0 2 1234567" -i 1234567 -i 0 -i 2
	ids_are "2" -i 2 -i 2
}

@test "-i and -k that match nothing: an error line each, exit 1" {
	make_set
	run --separate-stderr shmtool list -i 99
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: list: shmid 99: no such segment" ]
	run --separate-stderr shmtool list -k 0x99
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: list: key 0x00000099: no such segment" ]
	# the ones that match are still listed
	run --separate-stderr shmtool list -r -n -o SHMID -i 99 -i 2 -i 98
	assert_failure 1
	assert_output "2"
	[ "$stderr" = "shmtool: list: shmid 99: no such segment
shmtool: list: shmid 98: no such segment" ]
	run --separate-stderr shmtool list -J -i 99
	assert_failure 1
	[ "$(python3 -c 'import json, sys; print(json.load(sys.stdin)["segments"])' <<<"$output")" = "[]" ]
}

@test "-k: decimal, 0x-hex, negative, several" {
	make_set
	ids_are "0" -k 4660
	ids_are "0" -k 0x1234
	ids_are "0" -k 0X00001234
	ids_are "4" -k 0x7fffffff
	ids_are "4" -k 2147483647
	ids_are "2" --key=0xABCD
	ids_are "0 2" -k 0x1234 -k 43981
	# IPC_PRIVATE, and the dest segments whose key the kernel cleared
	ids_are "1 3 5 1234567" -k 0
	mkseg_at 7 0xffffffff 10 0600
	ids_are "7" -k -1
	ids_are "7" -k 4294967295
	ids_are "7" -k 0xffffffff
}

@test "-k @PATH[:PROJ]: the key ftok gives" {
	touch "$BATS_TEST_TMPDIR/app.conf"
	path=$BATS_TEST_TMPDIR/app.conf
	mkseg_at 10 "$("$SHM_HELPER" ftok "$path" 1)" 100 0600
	mkseg_at 11 "$("$SHM_HELPER" ftok "$path" 7)" 100 0600
	mkseg_at 12 "$("$SHM_HELPER" ftok "$path" 65)" 100 0600
	mkseg_at 13 "$("$SHM_HELPER" ftok "$path" 255)" 100 0600
	ids_are "10" -k "@$path"
	ids_are "10" -k "@$path:1"
	ids_are "11" -k "@$path:7"
	ids_are "12" -k "@$path:A"
	ids_are "12" -k "@$path:65"
	ids_are "13" -k "@$path:255"
	ids_are "10 11" -k "@$path" -k "@$path:7"
	run shmtool list -r -n -o KEY -k "@$path:7"
	assert_output "$("$SHM_HELPER" ftok "$path" 7)"
	# a path that ftok cannot stat
	run --separate-stderr shmtool list -k "@$BATS_TEST_TMPDIR/none"
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: list: ftok $BATS_TEST_TMPDIR/none: No such file or directory" ]
	# a key from a path no segment uses
	touch "$BATS_TEST_TMPDIR/other"
	run --separate-stderr shmtool list -k "@$BATS_TEST_TMPDIR/other:9"
	assert_failure 1
	[ "$stderr" = "shmtool: list: key $("$SHM_HELPER" ftok "$BATS_TEST_TMPDIR/other" 9): no such segment" ]
}

@test "-u: by name and by uid" {
	make_set
	ids_are "2" -u nobody
	ids_are "2" -u 65534
	ids_are "2" --owner=nobody
	ids_are "0 1 3 4 5 1234567" -u root
	ids_are "0 1 3 4 5 1234567" -u 0
	ids_are "6" -u 4242
	ids_are "" -u 4243
}

@test "--creator: the segments a process made" {
	make_set
	ids_are "2" --creator "$(cpid_of 2)"
	ids_are "6" --creator="$(cpid_of 6)"
	# a process that made nothing: an empty list, not an error
	ids_are "" --creator "$$"
}

@test "--attached, --unattached, --dest, --locked" {
	make_set
	ids_are "1 3 5" --attached
	ids_are "0 2 4 6 1234567" --unattached
	ids_are "3 5" --dest
	ids_are "4 5" --locked
}

@test "--larger-than: strictly larger, with suffixes" {
	make_set
	ids_are "0 1 2 3 4 5 6 1234567" --larger-than 0
	ids_are "1 2 3 4 5 6 1234567" --larger-than 1
	ids_are "1 2 4 5" --larger-than 512
	ids_are "2 4 5" --larger-than 4096
	ids_are "2 4 5" --larger-than 4K
	ids_are "2 4" --larger-than 64KiB
	ids_are "4" --larger-than 1.5M
	ids_are "2 4" --larger-than 1MB
	ids_are "" --larger-than 1G
	ids_are "4" --larger-than=0x3fffffff
}

@test "filters combine: every one must hold" {
	make_set
	ids_are "3 5" --attached --dest
	ids_are "5" --attached --dest --locked
	ids_are "4" --locked --unattached
	ids_are "4" -u root --unattached --larger-than 1K
	ids_are "0 1234567" -u root --unattached -k 0 -k 0x1234 --larger-than 0
	ids_are "1234567" -u root --unattached -k 0
	ids_are "" -i 2 -u root
	ids_are "2" -i 2 -i 3 -u nobody
	ids_are "5" --dest --larger-than 1K --sort BYTES
}

@test "filters with -J, -e and --sort" {
	make_set
	run shmtool list -J --dest -o SHMID
	assert_success
	[ "$(python3 -c 'import json, sys; print([s["shmid"] for s in json.load(sys.stdin)["segments"]])' <<<"$output")" = "[3, 5]" ]
	run shmtool list -e --locked -o SHMID --reverse
	assert_output 'SHMID="5"
SHMID="4"'
}

# bad LIST-OPTIONS... -- EXPECTED-ERROR: exit 2, that line alone, no stdout
bad() {
	local args=() want
	while [ "$1" != -- ]; do
		args+=("$1")
		shift
	done
	want=$2
	run --separate-stderr shmtool list "${args[@]}"
	[ "$status" = 2 ] || { echo "list ${args[*]}: exit $status, want 2"; return 1; }
	[ "$output" = "" ] || { echo "list ${args[*]}: stdout '$output'"; return 1; }
	[ "$stderr" = "$want" ] || { printf 'list %s:\n got: %s\nwant: %s\n' "${args[*]}" "$stderr" "$want"; return 1; }
}

@test "bad columns: exit 2, one line" {
	mkseg 0x1234 100 0600
	hint="; try 'shmtool list --list-columns'"
	bad -o FOO -- "shmtool: list: unknown column 'FOO'$hint"
	bad -o KEY,FOO,SHMID -- "shmtool: list: unknown column 'FOO'$hint"
	bad -o +foo -- "shmtool: list: unknown column 'foo'$hint"
	bad -o KEY, -- "shmtool: list: unknown column ''$hint"
	bad -o "" -- "shmtool: list: unknown column ''$hint"
	bad -o + -- "shmtool: list: unknown column ''$hint"
	bad -o "KEY SHMID" -- "shmtool: list: unknown column 'KEY SHMID'$hint"
	bad --sort FOO -- "shmtool: list: unknown column 'FOO'$hint"
	bad -s KEY,SHMID -- "shmtool: list: unknown column 'KEY,SHMID'$hint"
}

@test "bad keys, ids and sizes: exit 2, one line" {
	mkseg 0x1234 100 0600
	kwhy="expected a decimal or 0x-hex number, or @PATH[:PROJ]"
	bad -k 0xZZ -- "shmtool: list: invalid key '0xZZ': $kwhy"
	bad -k abc -- "shmtool: list: invalid key 'abc': $kwhy"
	bad -k "" -- "shmtool: list: invalid key '': $kwhy"
	bad -k 0x -- "shmtool: list: invalid key '0x': $kwhy"
	bad -k 4294967296 -- "shmtool: list: invalid key '4294967296': key out of range: keys are 32 bits"
	bad -k 0x100000000 -- "shmtool: list: invalid key '0x100000000': key out of range: keys are 32 bits"
	bad -k @ -- "shmtool: list: invalid key '@': expected a path after '@'"
	bad -k @/etc/passwd:0 -- "shmtool: list: invalid key '@/etc/passwd:0': expected PROJ to be a number from 1 to 255 or one character"
	bad -k @/etc/passwd:256 -- "shmtool: list: invalid key '@/etc/passwd:256': expected PROJ to be a number from 1 to 255 or one character"
	bad -k @/etc/passwd:xy -- "shmtool: list: invalid key '@/etc/passwd:xy': expected PROJ to be a number from 1 to 255 or one character"
	iwhy="expected a non-negative decimal number"
	bad -i abc -- "shmtool: list: invalid shmid 'abc': $iwhy"
	bad -i -1 -- "shmtool: list: invalid shmid '-1': $iwhy"
	bad -i "" -- "shmtool: list: invalid shmid '': $iwhy"
	bad -i 0x10 -- "shmtool: list: invalid shmid '0x10': $iwhy"
	bad -i 2147483648 -- "shmtool: list: invalid shmid '2147483648': number out of range"
	bad -i 0 -i x -- "shmtool: list: invalid shmid 'x': $iwhy"
	swhy="expected a number with an optional K, M, G or T suffix"
	bad --larger-than 1Q -- "shmtool: list: invalid size '1Q': $swhy"
	bad --larger-than "" -- "shmtool: list: invalid size '': $swhy"
	bad --larger-than -5 -- "shmtool: list: invalid size '-5': size must not be negative"
	bad --larger-than 1.5 -- "shmtool: list: invalid size '1.5': a fraction needs a K, M, G or T suffix"
	bad --larger-than 99999999999999999999 -- "shmtool: list: invalid size '99999999999999999999': size too large"
	bad --larger-than 16E -- "shmtool: list: invalid size '16E': size too large"
}

@test "other bad input: exit 2, one line" {
	mkseg 0x1234 100 0600
	bad --time-format foo -- "shmtool: list: invalid time format 'foo': expected short, full, iso or epoch"
	bad --time-format ISO -- "shmtool: list: invalid time format 'ISO': expected short, full, iso or epoch"
	bad --time-format "" -- "shmtool: list: invalid time format '': expected short, full, iso or epoch"
	bad --attached --unattached -- "shmtool: list: --attached and --unattached are mutually exclusive"
	bad --unattached --attached -- "shmtool: list: --attached and --unattached are mutually exclusive"
	bad -J -r -- "shmtool: list: --json and --raw are mutually exclusive"
	bad -r -J -- "shmtool: list: --raw and --json are mutually exclusive"
	bad -J -e -- "shmtool: list: --json and --export are mutually exclusive"
	bad --raw --export -- "shmtool: list: --raw and --export are mutually exclusive"
	bad -u nosuchuser -- "shmtool: list: invalid user 'nosuchuser': expected a user name or uid"
	bad -u 4294967296 -- "shmtool: list: invalid user '4294967296': expected a user name or uid"
	bad -u "" -- "shmtool: list: invalid user '': expected a user name or uid"
	bad --creator 0 -- "shmtool: list: invalid process ID '0': expected a process ID above 0"
	bad --creator x -- "shmtool: list: invalid process ID 'x': expected a non-negative decimal number"
	bad --creator -1 -- "shmtool: list: invalid process ID '-1': expected a non-negative decimal number"
	bad extra -- "shmtool: list: unexpected argument 'extra'; try 'shmtool list --help'"
	bad -i 0 7 -- "shmtool: list: unexpected argument '7'; try 'shmtool list --help'"
	bad --bogus -- "shmtool: list: unrecognized option '--bogus'; try 'shmtool list --help'"
	bad -Z -- "shmtool: list: unrecognized option '-Z'; try 'shmtool list --help'"
	bad -k -- "shmtool: list: option '-k' requires an argument; try 'shmtool list --help'"
	bad --larger-than -- "shmtool: list: option '--larger-than' requires an argument; try 'shmtool list --help'"
	bad --json=yes -- "shmtool: list: option '--json' doesn't allow an argument; try 'shmtool list --help'"
}

@test "the same flag twice is not a conflict" {
	mkseg_at 0 0x1234 100 0600
	run shmtool list -J -J -o SHMID
	assert_success
	run shmtool list -r --raw -n -o SHMID
	assert_success
	assert_output "0"
}

@test "bad input changes nothing" {
	make_set
	before=$(cat /proc/sysvipc/shm)
	run shmtool list -k 0xZZ --dest
	assert_failure 2
	run shmtool list -i 99
	assert_failure 1
	[ "$(cat /proc/sysvipc/shm)" = "$before" ]
}
