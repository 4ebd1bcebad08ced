#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The drift test: the man page and the three completions against what the
# binary says about itself (its option tables through --list-options,
# --list-commands, --list-columns). An option added to a table without a
# man entry fails here.

load common
load complete

@test "mandoc -Tlint finds nothing in the man page" {
	command -v mandoc >/dev/null || skip "mandoc is not installed (Debian package: mandoc)"
	run mandoc -Tlint "$MANPAGE"
	assert_success
	assert_output ""
}

@test "man renders the page without a warning" {
	command -v man >/dev/null || skip "man is not installed (Debian package: man-db)"
	run --separate-stderr env MANWIDTH=80 man --warnings -l "$MANPAGE"
	assert_success
	[ "$stderr" = "" ] || fail "man: $stderr"
	assert_line --regexp '^SHMTOOL\(1\) +User Commands +SHMTOOL\(1\)$'
	assert_line --regexp '^ +shmtool - inspect and manage System V and POSIX shared memory$'
}

@test "the man page has every section a user looks for" {
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS COLUMNS "JSON OUTPUT" \
		"SELECTING SEGMENTS" "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
		grep -qxE "\.SH \"?$s\"?" "$MANPAGE" || fail "no section $s"
	done
}

@test "every command of --list-commands has a man section" {
	for c in $(shmtool --list-commands); do
		[ -n "$(man_command_section "$c")" ] || fail "no .SS section for $c"
	done
}

@test "every long option of every option table is in its man section" {
	run undocumented_options
	assert_success
	assert_output ""
}

@test "the drift check fails on an option the table has and the man page lacks" {
	fake=$BATS_TEST_TMPDIR/shmtool
	cat >"$fake" <<-EOF
	#!/bin/sh
	"$SHMTOOL" "\$@"
	[ "\$1 \$2" = "list --list-options" ] && printf '%s\t-\tnone\t-\tnot documented\n' --frobnicate
	[ "\$1" = "--list-options" ] && printf '%s\t-\trequired\t<x>\tnot documented\n' --global-frob
	exit 0
	EOF
	chmod +x "$fake"
	SHMTOOL=$fake run undocumented_options
	assert_output "(global) --global-frob
list --frobnicate"
}

@test "every column of --list-columns is in COLUMNS" {
	section=$(man_section '^\.SH COLUMNS')
	for c in $(shmtool list --list-columns | awk '{ print $1 }'); do
		grep -qx "\.B $c" <<<"$section" || fail "column $c is not in COLUMNS"
	done
}

@test "every environment variable the source reads is in ENVIRONMENT" {
	section=$(man_section '^\.SH ENVIRONMENT')
	for v in $(grep -ohE 'getenv\("[A-Za-z_0-9]+"\)' "$SRCDIR"/src/*.c "$SRCDIR"/src/cmd/*.c "$SRCDIR"/lib/*.c | sed -E 's/getenv\("(.*)"\)/\1/' | sort -u); do
		grep -qx "\.B $v" <<<"$section" || fail "$v is not in ENVIRONMENT"
	done
}

# every long option of the table (global and of each command), and no
# other, is what the shell offers after "--"
completes_every_option() {
	local sh=$1 c line want got
	for c in "" $(shmtool --list-commands); do
		line="shmtool ${c:+$c }--"
		want=$(long_options $c | sort -u)
		[ -n "$want" ] || fail "no long options for '$c'"
		got=$("${sh}_complete" "$line" | grep -- '^--' | sort -u)
		[ "$got" = "$want" ] || fail "$sh completes '$line' to:
$got
but --list-options has:
$want"
	done
}

@test "bash completes every long option of every option table" {
	completes_every_option bash
}

@test "zsh completes every long option of every option table" {
	need_shell zsh
	completes_every_option zsh
}

@test "fish completes every long option of every option table" {
	need_shell fish
	completes_every_option fish
}

# Values no list of the binary prints (formats) are kept in each completion:
# every shell offers the same ones, each named on the option's --help line
# and in the command's man section.
@test "format values agree between the completions, --help and the man page" {
	need_shell zsh
	need_shell fish
	for c in $(shmtool --list-commands); do
		for opt in --format --time-format; do
			h=$(help_line "$c" "$opt") || continue
			section=$(man_command_section "$c")
			first=
			for sh in bash zsh fish; do
				vals=$("${sh}_complete" "shmtool $c $opt " | sort | tr '\n' ' ')
				[ -n "$vals" ] || fail "$sh offers no value after '$c $opt'"
				[ -z "$first" ] || [ "$vals" = "$first" ] ||
					fail "$sh offers '$vals' after '$c $opt', bash '$first'"
				first=$vals
				for v in $vals; do
					grep -qw -- "$v" <<<"$h" || fail "'$c $opt $v' is not on the --help line: $h"
					grep -qw -- "$v" <<<"$section" || fail "'$c $opt $v' is not in the man section of $c"
				done
			done
		done
	done
}

# The other direction is reported, not enforced: the man page documents the
# whole SPEC, so it may run ahead of the binary while commands are being
# added. The skip reason lists what to reconcile.
@test "the man page documents nothing the binary lacks (report)" {
	local extra="" c o
	local cmds=" $(shmtool --list-commands | tr '\n' ' ') "
	for c in $(grep -E '^\.SS ' "$MANPAGE" | sed -E 's/^\.SS "?([^ ,"]+).*/\1/' | sed 's/\\-/-/g'); do
		[[ $cmds == *" $c "* ]] || { extra+=" $c"; continue; }
		local have=" $(long_options "$c" | tr '\n' ' ') "
		for o in $(man_command_section "$c" | grep -A1 -x '\.TP' | grep -oE -- '--[[:alnum:]][[:alnum:]-]*' | sort -u); do
			[[ $have == *" $o "* ]] || extra+=" $c:$o"
		done
	done
	local have=" $(long_options | tr '\n' ' ') "
	for o in $(man_section '^\.SH OPTIONS' | grep -A1 -x '\.TP' | grep -oE -- '--[[:alnum:]][[:alnum:]-]*' | sort -u); do
		[[ $have == *" $o "* ]] || extra+=" (global):$o"
	done
	[ -z "$extra" ] || skip "documented, not in the binary yet:$extra"
}
