#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# One meaning per short option across commands (man page: OPTIONS, Short
# options): -a --all-types, -n --noheadings, -o --output (columns), -v
# --verbose. The old letters of rm and attach-dump still work, with one
# deprecation line on stderr; the new spellings print none.

load common
load complete

# Every short letter has one long name in every command's table.
@test "each short option names the same long option in every command" {
	local c letter long seen=""
	for c in "" $(shmtool --list-commands); do
		while IFS=$'\t' read -r long letter _; do
			[ "$letter" != - ] || continue
			prev=$(sed -n "s/^$letter //p" <<<"$seen")
			[ -z "$prev" ] || [ "$prev" = "$long" ] ||
				fail "${c:-global} $letter is $long, elsewhere $prev"
			[ -n "$prev" ] || seen+="$letter $long"$'\n'
		done < <(shmtool $c --list-options)
	done
	grep -qx -- "-a --all-types" <<<"$seen"
	grep -qx -- "-n --noheadings" <<<"$seen"
	grep -qx -- "-o --output" <<<"$seen"
	grep -qx -- "-v --verbose" <<<"$seen"
}

@test "rm --dry-run, and the old -n with a note" {
	a=$(mkseg 0x1234 100 0600)
	run --separate-stderr shmtool rm --dry-run -k 0x1234
	assert_success
	assert_output "would remove shmid $a (key 0x00001234)"
	[ "$stderr" = "" ]
	run --separate-stderr shmtool rm -n -k 0x1234
	assert_success
	assert_output "would remove shmid $a (key 0x00001234)"
	[ "$stderr" = "shmtool: rm: '-n' is deprecated; use '--dry-run'" ]
	run shmtool list -n -r -o KEY
	assert_output "0x00001234"
}

@test "rm --all, and the old -a with a note" {
	a=$(mkseg 0x1 100 0600)
	b=$(mkseg 0x2 100 0600)
	run --separate-stderr shmtool rm -a --dry-run
	assert_success
	assert_output "would remove shmid $a (key 0x00000001)
would remove shmid $b (key 0x00000002)"
	[ "$stderr" = "shmtool: rm: '-a' is deprecated; use '--all'" ]
	run --separate-stderr shmtool rm --all
	assert_success
	[ "$stderr" = "" ]
	run shmtool list -n
	assert_output ""
}

@test "attach-dump --no-squeezing, and the old -v with a note" {
	id=$(mkseg 0x1234 64 0600)
	run --separate-stderr shmtool attach-dump --no-squeezing "$id"
	assert_success
	[ "${#lines[@]}" -eq 5 ]
	[ "$stderr" = "" ]
	new=$output
	run --separate-stderr shmtool dump -v "$id"
	assert_success
	[ "$output" = "$new" ]
	[ "$stderr" = "shmtool: attach-dump: '-v' is deprecated; use '--no-squeezing'" ]
	# squeezed without it
	run shmtool attach-dump "$id"
	[ "${#lines[@]}" -eq 3 ]
}

@test "attach-dump --output-file, and the old -o and --output with a note" {
	id=$(mkseg 0x1234 64 0600)
	T=$BATS_TEST_TMPDIR
	run --separate-stderr shmtool attach-dump "$id" --format raw --output-file "$T/new"
	assert_success
	[ "$stderr" = "" ]
	[ "$(stat -c %s "$T/new")" = 64 ]
	run --separate-stderr shmtool attach-dump "$id" --format raw -o "$T/old1"
	assert_success
	[ "$stderr" = "shmtool: attach-dump: '-o' is deprecated; use '--output-file'" ]
	run --separate-stderr shmtool attach-dump "$id" --format raw --output="$T/old2"
	assert_success
	[ "$stderr" = "shmtool: attach-dump: '--output' is deprecated; use '--output-file'" ]
	cmp "$T/new" "$T/old1"
	cmp "$T/new" "$T/old2"
}

@test "the old spellings are no longer shown: not in --help, not completed" {
	run shmtool rm --help
	refute_line --partial " -a, "
	refute_line --partial " -n, "
	assert_line --regexp '^ +--all +remove'
	run shmtool attach-dump --help
	refute_line --partial " -v, "
	refute_line --partial " -o, "
	assert_line --regexp '^ +--output-file <file> '
	run shmtool attach-dump --list-options
	refute_line --regexp $'^--output\t'
	completes_to() {
		got=$(bash_complete "$1" | sort | tr '\n' ' ')
		[ "$got" = "$2" ] || fail "bash completes '$1' to '$got', expected '$2'"
	}
	completes_to "shmtool rm --d" "--dest --dry-run "
	completes_to "shmtool attach-dump --out" "--output-file "
	touch "$BATS_TEST_TMPDIR/file.out"
	completes_to "shmtool attach-dump 1 --output-file $BATS_TEST_TMPDIR/file.o" "$BATS_TEST_TMPDIR/file.out "
}
