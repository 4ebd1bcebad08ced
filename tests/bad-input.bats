#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The catalogue of bad input, command by command: each case is one line,
#   refused STATUS "THE ERROR LINE" ARGS...
# asserting the exit status, that one line alone on stderr, nothing on
# stdout, and every segment's key, shmid, perms, size and bytes unchanged.
# tests/list-filter.bats, create.bats and rm.bats hold the cases about
# their own parsing; this file repeats a few and mostly adds.

load common
load hardening

file_setup() {
	export LC_ALL=C
	# segments of several modes, with contents, one attached, one nobody's
	A=$(mkfilled 0x10 4096 0600 171)
	B=$(mkfilled 0x20 100 0644 90)
	C=$(mkfilled 0 1048576 0666 1)
	D=$(mkfilled 0x30 8192 0640 7)
	hold "$D"
	E=$(as_nobody "$SHM_HELPER" create 0x40 4096 0600)
	# POSIX objects beside them, in the snapshot too
	pmkfilled /app 4096 0600 5
	pmkfilled /pub 100 0666 6
	KWHY="expected a decimal or 0x-hex number, or @PATH[:PROJ]"
	IWHY="expected a non-negative decimal number"
	SWHY="expected a number with an optional K, M, G or T suffix"
	MWHY="expected an octal mode up to 777 or a symbolic mode like u=rw,g=r"
	PWHY="expected PROJ to be a number from 1 to 255 or one character"
}

# "shmtool: CMD: unrecognized option 'OPT'; try 'shmtool CMD --help'"
unknown() {
	echo "shmtool: $1: unrecognized option '$2'; try 'shmtool $1 --help'"
}

@test "the set the catalogue runs against" {
	[ "$(awk 'NR > 1' /proc/sysvipc/shm | wc -l)" = 5 ]
	[ "$(nattch "$D")" = 1 ]
	run snapshot
	assert_success
	[ "${#lines[@]}" = 7 ]
	assert_line "/app 0 600 4096 $(psum /app)"
	assert_line "/pub 0 666 100 $(psum /pub)"
}

@test "bad input: global options and commands" {
	refused 2 "shmtool: unrecognized option '-Z'; try 'shmtool --help'" -Z
	refused 2 "shmtool: unrecognized option '--list-commands=x'; try 'shmtool --help'" --list-commands=x
	refused 2 "shmtool: unknown command ''; try 'shmtool --help'" ''
	refused 2 "shmtool: unknown command 'remove'; try 'shmtool --help'" remove "$A"
	refused 2 "shmtool: unknown command 'LIST'; try 'shmtool --help'" LIST
	refused 2 "shmtool: unknown command 'frob'; try 'shmtool --help'" help frob
	refused 2 "shmtool: help: unexpected argument 'extra'; try 'shmtool --help'" help list extra
}

@test "bad input: list columns, sort and formats" {
	local hint="; try 'shmtool list --list-columns'"
	refused 2 "shmtool: list: unknown column ''$hint" list -o KEY,,SHMID
	refused 2 "shmtool: list: unknown column 'SHMID '$hint" list -o "KEY,SHMID "
	# room for every column twice over
	max=$(( $(shmtool list --list-columns | wc -l) * 2 ))
	refused 2 "shmtool: list: too many columns: at most $max" list -o "$(printf 'KEY,%.0s' $(seq 1 "$max"))KEY"
	long=$(printf 'x%.0s' $(seq 1 300))
	refused 2 "shmtool: list: unknown column '$long'$hint" list -o "+RSS,$long"
	refused 2 "shmtool: list: unknown column ''$hint" list --sort ''
	refused 2 "shmtool: list: unknown column '+KEY'$hint" list -s +KEY
	refused 2 "shmtool: list: invalid time format 'Short': expected short, full, iso or epoch" list --time-format=Short
	refused 2 "shmtool: list: --json and --raw are mutually exclusive" list -J -r -e
	refused 2 "shmtool: list: --export and --json are mutually exclusive" list -e --json
	refused 2 "shmtool: list: option '--output' requires an argument; try 'shmtool list --help'" list --output
	refused 2 "shmtool: list: option '--noheadings' doesn't allow an argument; try 'shmtool list --help'" list --noheadings=1
}

@test "bad input: list ids, keys, users, pids, sizes" {
	refused 2 "shmtool: list: invalid shmid '99999999999999999999999': number out of range" list -i 99999999999999999999999
	refused 2 "shmtool: list: invalid shmid ' 1': $IWHY" list -i ' 1'
	refused 2 "shmtool: list: invalid shmid '1x': $IWHY" list -i 1x
	refused 2 "shmtool: list: invalid key '-2147483649': key out of range: keys are 32 bits" list -k -2147483649
	refused 2 "shmtool: list: invalid key '0x-1': $KWHY" list -k 0x-1
	refused 2 "shmtool: list: invalid key '+5': $KWHY" list -k +5
	refused 2 "shmtool: list: invalid key '@/etc/passwd:': $PWHY" list -k @/etc/passwd:
	refused 1 "shmtool: list: ftok $BATS_TEST_TMPDIR/none: No such file or directory" list -k "@$BATS_TEST_TMPDIR/none"
	refused 2 "shmtool: list: invalid user '-1': expected a user name or uid" list -u -1
	refused 2 "shmtool: list: invalid process ID '2147483648': number out of range" list --creator 2147483648
	refused 2 "shmtool: list: invalid size '1KK': $SWHY" list --larger-than 1KK
	refused 2 "shmtool: list: invalid size '1.5.5K': $SWHY" list --larger-than 1.5.5K
	refused 1 "shmtool: list: shmid 2147483647: no such segment" list -r -i 2147483647
}

@test "bad input: options of other commands given to list and info" {
	refused 2 "$(unknown list -m)" list -m 600
	refused 2 "$(unknown list --force)" list --force
	refused 2 "$(unknown list --dry-run)" list --dry-run
	refused 2 "$(unknown list --dry-run)" list --dry-run
	refused 2 "$(unknown list --private)" list --private
	refused 2 "$(unknown list --hugetlb)" list --hugetlb
	refused 2 "$(unknown info -o)" info -o KEY
	refused 2 "$(unknown info -k)" info -k 0x10
	# (info --all is getopt's abbreviation of info --all-namespaces)
	refused 2 "$(unknown info --orphans)" info --orphans
	refused 2 "$(unknown info --time-format)" info --time-format iso
	refused 2 "shmtool: info: unexpected argument '$A'; try 'shmtool info --help'" info "$A"
	refused 2 "shmtool: info: option '--raw' doesn't allow an argument; try 'shmtool info --help'" info --raw=1
	refused 2 "shmtool: info: --json and --raw are mutually exclusive" info -rJ
}

@test "bad input: create modes, sizes, keys, huge pages" {
	refused 2 "shmtool: create: invalid mode '0888': $MWHY" create 1M -m 0888
	refused 2 "shmtool: create: invalid mode '01777': $MWHY" create 1M -m 01777
	refused 2 "shmtool: create: invalid mode '7777': $MWHY" create 1M -m 7777
	refused 2 "shmtool: create: invalid mode 'u+s': $MWHY" create 1M -m u+s
	refused 2 "shmtool: create: invalid mode '-1': $MWHY" create 1M -m -1
	refused 2 "shmtool: create: invalid mode '0x1ff': $MWHY" create 1M --mode=0x1ff
	refused 2 "shmtool: create: invalid size '1.5Q': $SWHY" create 1.5Q
	refused 2 "shmtool: create: invalid size '-1': size must not be negative" create -1
	local max
	max=$(cat /proc/sys/kernel/shmmax)
	refused 1 "shmtool: create: size '18446744073709551615' (18446744073709551615 bytes) is above the largest segment allowed, $max bytes (kernel.shmmax)" create 18446744073709551615
	refused 2 "shmtool: create: invalid key '': $KWHY" create 1M -k ''
	refused 2 "shmtool: create: invalid key '-2147483649': key out of range: keys are 32 bits" create 1M -k -2147483649
	refused 1 "shmtool: create: ftok /proc/shmtool-missing: No such file or directory" create 1M -k @/proc/shmtool-missing
	refused 1 "shmtool: create: key 0x00000010: already used by shmid $A" create 1M -k 0x10
	refused 1 "shmtool: create: key 0x00000030: already used by shmid $D" create 8192 -k 48 -m 0640
	refused 2 "shmtool: create: invalid huge page size '3M': expected a huge page size such as 2M or 1G" create 1M --hugetlb=3M
	refused 2 "shmtool: create: invalid huge page size '0': expected a huge page size such as 2M or 1G" create 1M --hugetlb=0
	refused 2 "shmtool: create: invalid huge page size '': $SWHY" create 1M --hugetlb=
}

@test "bad input: create arguments and options of other commands" {
	refused 2 "shmtool: create: missing size; try 'shmtool create --help'" create -m 600
	refused 2 "shmtool: create: unexpected argument '2M'; try 'shmtool create --help'" create 1M 2M
	refused 2 "shmtool: create: --key and --private are mutually exclusive" create 1M --private -k 5
	refused 2 "shmtool: create: option '--json' doesn't allow an argument; try 'shmtool create --help'" create 1M --json=yes
	refused 2 "$(unknown create -i)" create 1M -i 5
	refused 2 "$(unknown create --force)" create 1M --force
	refused 2 "$(unknown create --all)" create --all
	refused 2 "$(unknown create -o)" create 1M -o KEY
	refused 2 "$(unknown create --larger-than)" create 1M --larger-than 1
}

@test "bad input: rm selectors" {
	refused 2 "shmtool: rm: invalid shmid '0x10': $IWHY" rm 0x10
	refused 2 "shmtool: rm: invalid shmid '1 2': $IWHY" rm "$A" '1 2'
	refused 2 "shmtool: rm: invalid shmid '2147483648': number out of range" rm "$A" 2147483648
	refused 2 "shmtool: rm: invalid shmid '-1': $IWHY" rm "$A" -1
	refused 2 "shmtool: rm: invalid shmid '-5': $IWHY" rm --all -i -5
	refused 2 "shmtool: rm: invalid key '0xZZ': $KWHY" rm "$A" "$B" -k 0xZZ
	refused 1 "shmtool: rm: ftok /proc/shmtool-missing: No such file or directory" rm -k @/proc/shmtool-missing
	refused 1 "shmtool: rm: shmid 2147483647: no such segment" rm 2147483647
	refused 1 "shmtool: rm: key 0x00000011: no such segment" rm -k 0x11
	refused 1 "shmtool: rm: shmid 2147483647: no such segment" rm --dry-run 2147483647
	refused 1 "shmtool: rm: shmid $D: skipped: 1 process attached; --force removes it anyway" rm "$D"
	refused 1 "shmtool: rm: shmid $D: skipped: 1 process attached; --force removes it anyway" rm -k 0x30
	refused 2 "shmtool: rm: key 0x00000000 is IPC_PRIVATE, which every private segment shares; select the segment by its shmid" rm -k 0
}

@test "bad input: rm options and conflicts" {
	refused 2 "shmtool: rm: unexpected argument '$A'; try 'shmtool rm --help'" rm --all "$A"
	refused 2 "shmtool: rm: option '--all' doesn't allow an argument; try 'shmtool rm --help'" rm --all=yes
	refused 2 "shmtool: rm: --verbose and --json are mutually exclusive" rm --all -J -v
	refused 2 "shmtool: rm: --attached and --unattached are mutually exclusive" rm --all --unattached --attached
	refused 2 "shmtool: rm: filters other than --id and --key select among --all; add --all" rm "$A" -u root
	refused 2 "shmtool: rm: invalid process ID '0': expected a process ID above 0" rm --all --creator 0
	refused 2 "shmtool: rm: nothing to remove: give shmids, --key, /NAME or --all; try 'shmtool rm --help'" rm --force
	# getopt sees an option in -1; rm says what it is
	refused 2 "shmtool: rm: invalid shmid '-1': $IWHY" rm -1
	refused 2 "$(unknown rm -o)" rm "$A" -o KEY
	refused 2 "$(unknown rm --output-all)" rm --output-all
	refused 2 "$(unknown rm -m)" rm "$A" -m 600
	refused 2 "$(unknown rm --time-format)" rm --all --time-format iso
	refused 2 "$(unknown rm --private)" rm --private
}

@test "bad input as nobody: a key file it may not read, a key root holds" {
	touch "$BATS_TEST_TMPDIR/secret"
	chmod 0700 "$BATS_TEST_TMPDIR"
	RUN_AS=(as_nobody)
	refused 1 "shmtool: list: ftok $BATS_TEST_TMPDIR/secret: Permission denied" list -k "@$BATS_TEST_TMPDIR/secret"
	refused 1 "shmtool: create: ftok $BATS_TEST_TMPDIR/secret: Permission denied" create 1M -k "@$BATS_TEST_TMPDIR/secret"
	refused 1 "shmtool: rm: ftok $BATS_TEST_TMPDIR/secret: Permission denied" rm -k "@$BATS_TEST_TMPDIR/secret"
	refused 1 "shmtool: create: key 0x00000010: already used by shmid $A" create 4096 -k 0x10
	refused 1 "shmtool: rm: shmid $A: Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)" rm "$A"
}

@test "bad input: attach-dump ranges past the end and malformed" {
	local end="is beyond the end of the segment"
	refused 1 "shmtool: attach-dump: shmid $B: offset 101 $end (100 bytes)" dump "$B" --offset 101
	refused 1 "shmtool: attach-dump: shmid $B: offset 100 + length 1 $end (100 bytes)" dump "$B" --offset 100 --length 1
	refused 1 "shmtool: attach-dump: shmid $B: offset 0 + length 101 $end (100 bytes)" attach-dump "$B" --length 101
	refused 1 "shmtool: attach-dump: shmid $B: offset 1536 $end (100 bytes)" dump "$B" --offset 1.5K --format raw
	refused 1 "shmtool: attach-dump: shmid $B: offset 18446744073709551615 $end (100 bytes)" dump "$B" --offset 18446744073709551615
	# offset + length past 2^64 wraps around to a small number: still past the end
	refused 1 "shmtool: attach-dump: shmid $B: offset 1 + length 18446744073709551615 $end (100 bytes)" dump "$B" --offset 1 --length 0xffffffffffffffff
	refused 1 "shmtool: attach-dump: shmid $B: offset 99 + length 18446744073709551605 $end (100 bytes)" dump "$B" --offset 99 --length 18446744073709551605 --format string
	refused 1 "shmtool: attach-dump: /pub: offset 16 + length 18446744073709551600 $end (100 bytes)" dump /pub --offset 16 --length 18446744073709551600
	refused 1 "shmtool: attach-dump: /app: offset 4097 $end (4096 bytes)" dump --posix app --offset 4097
	refused 2 "shmtool: attach-dump: invalid size '': $SWHY" dump "$B" --offset=
	refused 2 "shmtool: attach-dump: invalid size '0x': $SWHY" dump "$B" --offset 0x
	refused 2 "shmtool: attach-dump: invalid size '1.5': a fraction needs a K, M, G or T suffix" dump "$B" --length 1.5
	refused 2 "shmtool: attach-dump: invalid size '-0': size must not be negative" dump /app --length -0
	refused 2 "shmtool: attach-dump: invalid size '18446744073709551616': size too large" dump "$B" --length 18446744073709551616
	refused 2 "shmtool: attach-dump: invalid size '16E': size too large" dump /pub --offset 16E
	refused 2 "shmtool: attach-dump: invalid format '': expected hex, raw or string" dump "$B" --format=
	refused 2 "shmtool: attach-dump: invalid format 'HEX': expected hex, raw or string" dump "$B" --format HEX
	refused 2 "shmtool: attach-dump: invalid format 'octal': expected hex, raw or string" dump /app --format octal
	refused 2 "shmtool: attach-dump: option '--format' requires an argument; try 'shmtool attach-dump --help'" dump "$B" --format
}

@test "bad input: attach-dump selectors and options of other commands" {
	local name256
	name256=$(printf 'n%.0s' $(seq 1 256))
	refused 2 "shmtool: attach-dump: no segment given: a shmid, /NAME, -k KEY or --posix NAME; try 'shmtool attach-dump --help'" dump --format raw
	refused 2 "shmtool: attach-dump: unexpected argument '$A'; try 'shmtool attach-dump --help'" dump "$B" "$A"
	refused 2 "shmtool: attach-dump: unexpected argument '$A'; try 'shmtool attach-dump --help'" dump -k 0x20 "$A"
	refused 2 "shmtool: attach-dump: unexpected argument '$A'; try 'shmtool attach-dump --help'" dump --posix app "$A"
	refused 2 "shmtool: attach-dump: unexpected argument '/pub'; try 'shmtool attach-dump --help'" dump /app /pub
	refused 2 "shmtool: attach-dump: invalid shmid '-1': $IWHY" dump -- -1
	refused 2 "shmtool: attach-dump: invalid shmid '2147483648': number out of range" dump 2147483648
	refused 2 "shmtool: attach-dump: invalid shmid '0x10': $IWHY" dump 0x10
	refused 1 "shmtool: attach-dump: shmid 2147483647: no such segment" dump 2147483647
	refused 2 "shmtool: attach-dump: key 0x00000000 is IPC_PRIVATE, which every private segment shares; select the segment by its shmid" dump -k 0
	refused 2 "shmtool: attach-dump: invalid key '0xZZ': $KWHY" dump -k 0xZZ
	refused 1 "shmtool: attach-dump: key 0x00000011: no such segment" dump -k 0x11
	refused 1 "shmtool: attach-dump: ftok /proc/shmtool-missing: No such file or directory" dump -k @/proc/shmtool-missing
	refused 2 "shmtool: attach-dump: --key and --posix are mutually exclusive" dump --posix app -k 0x10
	refused 2 "shmtool: attach-dump: invalid name '/a/b': expected no slash after the leading one" dump /a/b
	refused 2 "shmtool: attach-dump: invalid name '/': expected a name after the slash" dump /
	refused 2 "shmtool: attach-dump: invalid name '': expected a name after the slash" dump --posix ''
	refused 2 "shmtool: attach-dump: invalid name '/..': expected a name other than '.' and '..'" dump /..
	refused 2 "shmtool: attach-dump: invalid name '/$name256': expected at most 255 bytes after the slash (NAME_MAX)" dump "/$name256"
	refused 2 "shmtool: attach-dump: invalid name '$name256': expected at most 255 bytes after the slash (NAME_MAX)" dump --posix "$name256"
	refused 1 "shmtool: attach-dump: /nope: no such object" dump /nope
	refused 2 "$(unknown attach-dump --dry-run)" dump "$A" --dry-run
	refused 2 "$(unknown attach-dump --string)" dump "$A" --string x
	refused 2 "$(unknown attach-dump --fill)" dump /app --fill 1
	refused 2 "$(unknown attach-dump -J)" dump "$A" -J
	refused 2 "$(unknown attach-dump --all)" dump --all
	refused 2 "$(unknown attach-dump -i)" dump -i "$A"
	refused 2 "shmtool: attach-dump: option '--force' doesn't allow an argument; try 'shmtool attach-dump --help'" dump "$A" --force=yes
}

@test "bad input: attach-dump --output-file onto a file, a directory, a path it cannot make" {
	local T=$BATS_TEST_TMPDIR
	echo precious >"$T/kept"
	mkdir "$T/dir"
	refused 1 "shmtool: attach-dump: $T/kept: file exists (use --force to overwrite it)" dump "$A" --output-file "$T/kept"
	refused 1 "shmtool: attach-dump: $T/kept: file exists (use --force to overwrite it)" dump /app --format raw --output-file "$T/kept"
	[ "$(cat "$T/kept")" = precious ]
	refused 1 "shmtool: attach-dump: $T/dir: file exists (use --force to overwrite it)" dump "$A" --output-file "$T/dir"
	refused 1 "shmtool: attach-dump: $T/dir: Is a directory" dump "$A" --output-file "$T/dir" --force
	refused 1 "shmtool: attach-dump: $T/none/out: No such file or directory" dump "$A" --output-file "$T/none/out"
	refused 1 "shmtool: attach-dump: $T/kept/out: Not a directory" dump "$A" --output-file "$T/kept/out"
	# --force replaces a regular file only: never through a link, into a
	# FIFO or onto a device
	ln -s "$T/kept" "$T/link"
	mkfifo "$T/fifo"
	refused 1 "shmtool: attach-dump: $T/link: file exists (use --force to overwrite it)" dump "$A" --output-file "$T/link"
	refused 1 "shmtool: attach-dump: $T/link: not a regular file (symbolic link); not replaced" dump "$A" --output-file "$T/link" --force
	refused 1 "shmtool: attach-dump: $T/fifo: not a regular file (FIFO); not replaced" dump "$A" --output-file "$T/fifo" --force
	refused 1 "shmtool: attach-dump: /dev/null: not a regular file (character device); not replaced" dump "$A" --output-file /dev/null --force
	refused 1 "shmtool: attach-dump: $T/: Is a directory" dump "$A" --output-file "$T/" --force
	[ "$(cat "$T/kept")" = precious ] && [ -L "$T/link" ] && [ -p "$T/fifo" ]
	rm "$T/link" "$T/fifo"
	# the range is checked before the file is made
	refused 1 "shmtool: attach-dump: shmid $B: offset 101 is beyond the end of the segment (100 bytes)" dump "$B" --offset 101 --output-file "$T/new"
	[ ! -e "$T/new" ]
	[ "$(ls "$T/dir")" = "" ]
	# nobody may read B but not write root's directory
	chmod 0755 "$T" "$T/dir"
	RUN_AS=(as_nobody)
	refused 1 "shmtool: attach-dump: $T/dir/out: Permission denied" dump "$B" --output-file "$T/dir/out"
	[ ! -e "$T/dir/out" ]
}

@test "bad input: attach-dump --format raw to a terminal" {
	command -v script >/dev/null || skip "script(1) not installed"
	for sel in "$A" /app "-k 0x20"; do
		before=$(snapshot)
		run script -qec "$SHMTOOL dump $sel --format raw" /dev/null
		assert_failure 1
		assert_output "shmtool: attach-dump: refusing to write raw bytes to a terminal (use --force)"$'\r'
		[ "$(snapshot)" = "$before" ]
	done
}

@test "bad input: write ranges, room and overflow" {
	local end="is beyond the end of the segment" room="the input does not fit in the"
	refused 1 "shmtool: write: shmid $C: offset 1048577 $end (1048576 bytes)" write "$C" --offset 1048577 --string x
	refused 1 "shmtool: write: shmid $C: offset 18446744073709551615 $end (1048576 bytes)" write "$C" --offset 0xffffffffffffffff --fill 1 --length 1
	refused 1 "shmtool: write: /pub: offset 101 $end (100 bytes)" write /pub --offset 101 --string ''
	refused 1 "shmtool: write: shmid $B: no room for the NUL at offset 100 (the end)" write "$B" --offset 100 --string '' --nul
	refused 1 "shmtool: write: /pub: no room for the NUL at offset 100 (the end)" write /pub --offset 100 --string '' --nul --truncate
	refused 1 "shmtool: write: shmid $B: $room 1 byte after offset 99; nothing written" write "$B" --offset 99 --string ab
	refused 1 "shmtool: write: shmid $B: $room 1 byte after offset 99 with its NUL; nothing written" write "$B" --offset 99 --string a --nul
	# offset + length past 2^64 must not wrap around into the room
	refused 1 "shmtool: write: shmid $B: $room 50 bytes after offset 50; nothing written" write "$B" --offset 50 --fill 1 --length 18446744073709551615
	refused 1 "shmtool: write: shmid $B: $room 1 byte after offset 99; nothing written" write "$B" --offset 99 --fill 1 --length 18446744073709551614
	refused 1 "shmtool: write: /pub: $room 100 bytes after offset 0; nothing written" write /pub --fill 1 --length 101
	head -c 4097 /dev/zero >"$BATS_TEST_TMPDIR/big"
	refused 1 "shmtool: write: /app: $room 4096 bytes after offset 0; nothing written" write /app --file "$BATS_TEST_TMPDIR/big"
	refused 1 "shmtool: write: shmid $A: $room 4095 bytes after offset 1; nothing written" write "$A" --offset 1 - <"$BATS_TEST_TMPDIR/big"
	refused 1 "shmtool: write: shmid $A: $room 4096 bytes after offset 0; nothing written" write -k 0x10 - <"$BATS_TEST_TMPDIR/big"
}

@test "bad input: write sizes, bytes and inputs that do not go together" {
	local in="give one of --string, --file, - or --fill" BWHY="expected 0-255, 0x00-0xff or one character"
	refused 2 "shmtool: write: invalid size '1Q': $SWHY" write "$A" --offset 1Q --string x
	refused 2 "shmtool: write: invalid size '-1': size must not be negative" write "$A" --offset -1 --string x
	refused 2 "shmtool: write: invalid size '': $SWHY" write /app --fill 1 --length ''
	refused 2 "shmtool: write: invalid size '99999999999999999999': size too large" write "$A" --fill 1 --length 99999999999999999999
	refused 2 "shmtool: write: --fill needs --length" write "$A" --fill 1
	refused 2 "shmtool: write: --fill needs --length" write /app --fill 0x41 --offset 1
	refused 2 "shmtool: write: --length goes with --fill only" write "$A" --string x --length 1
	refused 2 "shmtool: write: --length goes with --fill only" write /app - --length 1
	refused 2 "shmtool: write: no input: $in" write "$A" --length 1
	refused 2 "shmtool: write: no input: $in" write /app --nul
	refused 2 "shmtool: write: invalid byte '256': $BWHY" write "$A" --fill 256 --length 1
	refused 2 "shmtool: write: invalid byte '-1': $BWHY" write "$A" --fill -1 --length 1
	refused 2 "shmtool: write: invalid byte 'xx': $BWHY" write "$A" --fill xx --length 1
	refused 2 "shmtool: write: invalid byte '': $BWHY" write /app --fill '' --length 1
	refused 2 "shmtool: write: invalid byte '0x100': $BWHY" write /app --fill 0x100 --length 1
	refused 2 "shmtool: write: invalid byte '0x-1': $BWHY" write "$A" --fill 0x-1 --length 1
	refused 2 "shmtool: write: more than one input: $in" write "$A" --string x --file /etc/passwd
	refused 2 "shmtool: write: more than one input: $in" write /app --file /etc/passwd -
	refused 2 "shmtool: write: more than one input: $in" write "$A" --string x --fill 1 --length 1 -
	refused 2 "shmtool: write: --nul does not go with --fill" write "$A" --fill 1 --length 1 --nul
	refused 2 "shmtool: write: --verbose and --json are mutually exclusive" write "$A" --string x -v -J
}

@test "bad input: write selectors and options of other commands" {
	local name256
	name256=$(printf 'n%.0s' $(seq 1 256))
	refused 2 "shmtool: write: no segment given: a shmid, /NAME, -k KEY or --posix NAME; try 'shmtool write --help'" write --string x
	refused 2 "shmtool: write: no segment given: a shmid, /NAME, -k KEY or --posix NAME; try 'shmtool write --help'" write - </dev/null
	refused 2 "shmtool: write: unexpected argument '-'; try 'shmtool write --help'" write "$A" - -
	refused 2 "shmtool: write: unexpected argument '$A'; try 'shmtool write --help'" write "$B" "$A" --string x
	refused 2 "shmtool: write: unexpected argument '$A'; try 'shmtool write --help'" write -k 0x20 "$A" --string x
	refused 2 "shmtool: write: unexpected argument '/app'; try 'shmtool write --help'" write --posix pub /app --string x
	refused 2 "shmtool: write: invalid shmid 'abc': $IWHY" write abc --string x
	refused 2 "shmtool: write: invalid shmid '2147483648': number out of range" write 2147483648 --string x
	refused 1 "shmtool: write: shmid 2147483647: no such segment" write 2147483647 --string x
	refused 2 "shmtool: write: key 0x00000000 is IPC_PRIVATE, which every private segment shares; select the segment by its shmid" write -k 0 --string x
	refused 1 "shmtool: write: key 0x00000011: no such segment" write -k 0x11 --string x
	refused 2 "shmtool: write: --key and --posix are mutually exclusive" write --posix app -k 0x10 --string x
	refused 2 "shmtool: write: invalid name '/a/b': expected no slash after the leading one" write /a/b --string x
	refused 2 "shmtool: write: invalid name '/x/': expected no slash after the leading one" write /x/ --string x
	refused 2 "shmtool: write: invalid name '': expected a name after the slash" write --posix '' --string x
	refused 2 "shmtool: write: invalid name '/$name256': expected at most 255 bytes after the slash (NAME_MAX)" write "/$name256" --string x
	refused 1 "shmtool: write: /nope: no such object" write /nope --string x
	refused 2 "$(unknown write --json-typo)" write "$A" --string x --json-typo
	refused 2 "$(unknown write --format)" write "$A" --string x --format raw
	refused 2 "$(unknown write -o)" write "$A" --string x -o /dev/null
	refused 2 "$(unknown write --force)" write /app --string x --force
	refused 2 "$(unknown write --dry-run)" write "$A" --string x --dry-run
	refused 2 "$(unknown write --all)" write --all --string x
	refused 2 "shmtool: write: option '--nul' doesn't allow an argument; try 'shmtool write --help'" write "$A" --string x --nul=1
	refused 2 "shmtool: write: option '--file' requires an argument; try 'shmtool write --help'" write "$A" --file
}

@test "bad input: write --file that is a directory, missing, unreadable" {
	local T=$BATS_TEST_TMPDIR
	refused 1 "shmtool: write: $T: Is a directory" write "$A" --file "$T"
	refused 1 "shmtool: write: /: Is a directory" write /app --file /
	refused 1 "shmtool: write: $T/none: No such file or directory" write "$A" --file "$T/none"
	refused 2 "shmtool: write: option '--file' needs a file name" write /app --file ''
	refused 2 "shmtool: attach-dump: option '--output-file' needs a file name" attach-dump /app --output-file ''
	refused 1 "shmtool: write: standard input: Is a directory" write "$A" - <"$T"
	echo secret >"$T/secret"
	chmod 0600 "$T/secret"
	: >"$T/zero"
	chmod 0000 "$T/zero"
	chmod 0755 "$T"
	# nobody may write C and /pub (0666), not read the files
	RUN_AS=(as_nobody)
	refused 1 "shmtool: write: $T/secret: Permission denied" write "$C" --file "$T/secret"
	refused 1 "shmtool: write: $T/zero: Permission denied" write "$C" --file "$T/zero" --truncate
	refused 1 "shmtool: write: $T/zero: Permission denied" write /pub --file "$T/zero"
	refused 1 "shmtool: write: $T/secret: Permission denied" write --posix pub --offset 99 --file "$T/secret"
}
