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
	[ "${#lines[@]}" = 5 ]
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
	refused 2 "$(unknown info --all)" info --all
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
	refused 1 "shmtool: create: ftok /nonexistent: No such file or directory" create 1M -k @/nonexistent
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
	refused 2 "shmtool: rm: invalid shmid '-5': $IWHY" rm --all -i -5
	refused 2 "shmtool: rm: invalid key '0xZZ': $KWHY" rm "$A" "$B" -k 0xZZ
	refused 1 "shmtool: rm: ftok /nonexistent: No such file or directory" rm -k @/nonexistent
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
	refused 2 "$(unknown rm -1)" rm -1
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
	refused 1 "shmtool: rm: shmid $A: Operation not permitted" rm "$A"
}
