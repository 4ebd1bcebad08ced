#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The bash, zsh and fish completions, driven as each shell drives them:
# bash through COMP_WORDS/COMP_CWORD, zsh by pressing TAB in a zsh/zpty
# session, fish with `complete -C`. Segments are real, in the private
# namespace of the test.

load common
load complete

columns() {
	shmtool list --list-columns | awk -v p="$1" '{ print p $1 }'
}

# the commands that take a segment operand and are in this binary
selector_commands() {
	local c
	for c in rm attach-dump dump write; do
		shmtool "$c" --help >/dev/null 2>&1 && echo "$c"
	done
	return 0
}

# the cases every shell completes the same way
common_cases() {
	local sh=$1 c
	completes "$sh" "shmtool " $(shmtool --list-commands)
	completes "$sh" "shmtool li" list
	completes "$sh" "shmtool help " $(shmtool --list-commands)
	completes "$sh" "shmtool -h li" list
	completes "$sh" "shmtool info --j" --json
	completes "$sh" "shmtool list -o " $(columns)
	completes "$sh" "shmtool list --sort " $(columns)
	completes "$sh" "shmtool list -s CT" CTIME
	completes "$sh" "shmtool list --time-format " short full iso epoch
	completes "$sh" "shmtool list -u roo" root
	completes "$sh" "shmtool list --list-columns " ""
}

# id_cases SHELL: live shmids after --id and keys after --key, of the
# segments $a and $b it makes
id_cases() {
	local sh=$1
	a=$(mkseg 0x1234 100 0600)
	b=$(mkseg 0x5678 100 0600)
	completes "$sh" "shmtool list -i " "$a" "$b"
	completes "$sh" "shmtool list --key " 0x00001234 0x00005678
}

# selector_cases SHELL [file]: each command that takes a segment completes
# live shmids; with "file", write --file completes file names too
selector_cases() {
	local sh=$1 c
	[ -n "$(selector_commands)" ] || skip "no command takes a segment yet"
	a=$(mkseg 0x1234 100 0600)
	b=$(mkseg 0x5678 100 0600)
	for c in $(selector_commands); do
		completes "$sh" "shmtool $c " "$a" "$b"
	done
	[ "${2-}" = file ] || return 0
	shmtool write --help >/dev/null 2>&1 || return 0
	touch "$BATS_TEST_TMPDIR/input.bin"
	completes "$sh" "shmtool write $a --file $BATS_TEST_TMPDIR/inp" "$BATS_TEST_TMPDIR/input.bin"
}

@test "bash: commands, options, columns, users and time formats" {
	common_cases bash
	completes bash "shmtool list -o +KEY,SH" +KEY,SHMID
	completes bash "shmtool list -o key,n" key,NAME key,NATTCH
	completes bash "shmtool list --output=+" $(columns +)
	completes bash "shmtool list --sort=SH" SHMID
	completes bash "shmtool list --time-format=e" epoch
}

@test "bash: live shmids after --id and keys after --key" {
	id_cases bash
	completes bash "shmtool list --key=0x00005" 0x00005678
}

@test "bash: selector commands complete live shmids, write --file files" {
	selector_cases bash file
}

@test "zsh: the completion parses" {
	need_shell zsh
	run zsh -n "$COMPLETIONS/_shmtool"
	assert_success
	assert_output ""
}

@test "zsh: commands, options, columns, users and time formats" {
	need_shell zsh
	common_cases zsh
}

@test "zsh: TAB completes the command line in place" {
	need_shell zsh
	run zsh_session "shmtool inf"
	assert_line "line: shmtool info "
	run zsh_session "shmtool list --notr"
	assert_line "line: shmtool list --notruncate "
	run zsh_session "shmtool list -o +KEY,SH"
	assert_line "line: shmtool list -o +KEY,SHMID,"
	run zsh_session "shmtool list --sort=NAT"
	assert_line "line: shmtool list --sort=NATTCH "
	run zsh_session "shmtool list --time-format=ep"
	assert_line "line: shmtool list --time-format=epoch "
}

@test "zsh: live shmids after --id and keys after --key" {
	need_shell zsh
	id_cases zsh
	run zsh_session "shmtool list --key 0x00005"
	assert_line "line: shmtool list --key 0x00005678 "
}

@test "zsh: selector commands complete live shmids" {
	need_shell zsh
	selector_cases zsh
}

@test "fish: commands, options, columns, users and time formats" {
	need_shell fish
	common_cases fish
	completes fish "shmtool list -o +KEY,SH" +KEY,SHMID
	completes fish "shmtool list --output=KEY,N" --output=KEY,NAME --output=KEY,NATTCH
	completes fish "shmtool list --sort=SH" --sort=SHMID
}

@test "fish: live shmids after --id and keys after --key" {
	need_shell fish
	id_cases fish
}

@test "fish: selector commands complete live shmids, write --file files" {
	need_shell fish
	selector_cases fish file
}

@test "no segments: a selector completes to nothing, quietly" {
	completes bash "shmtool list -i " ""
	run --separate-stderr bash_complete "shmtool list --key "
	[ "$stderr" = "" ]
}

# every_option SHELL: after "-" each shell offers exactly the long and short
# options `shmtool [CMD] --list-options` prints, the table it reads, and it
# skips the value of -N to complete the command
every_option() {
	local sh=$1 c
	for c in "" $(shmtool --list-commands); do
		[ -n "$(long_options $c)" ] || fail "no --list-options for '$c'"
		completes "$sh" "shmtool ${c:+$c }-" $(long_options $c) $(short_options $c)
	done
	completes "$sh" "shmtool -N 1 li" list
}

@test "bash offers the options --list-options prints, and skips the value of a global option" {
	every_option bash
	completes bash "shmtool --namespace 1 li" list
}

@test "zsh offers the options --list-options prints, and skips the value of a global option" {
	need_shell zsh
	every_option zsh
}

@test "fish offers the options --list-options prints, and skips the value of a global option" {
	need_shell fish
	every_option fish
}

@test "write's '-' operand is no option: options after it still complete" {
	a=$(mkseg 0x1234 100 0600)
	completes bash "shmtool write $a - --js" --json
	need_shell fish
	completes fish "shmtool write $a - --js" --json
}
