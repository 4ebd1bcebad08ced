# SPDX-License-Identifier: GPL-2.0-or-later
# Loaded by docs.bats and the completion tests: what the binary says about itself,
# the man page by section, and the three shells completing a command line.

SRCDIR=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
MANPAGE=$SRCDIR/man/shmtool.1
COMPLETIONS=$SRCDIR/completions
# the completions run the `shmtool` the user typed: this build's binary
SHMTOOL_PATH=$(dirname "$SHMTOOL"):$PATH

# The long options of a command's option table ("" for the global ones),
# as `shmtool [CMD] --list-options` prints them for the completions.
long_options() {
	"$SHMTOOL" "$@" --list-options | cut -f1 | grep -- '^--'
}

# Its short options.
short_options() {
	"$SHMTOOL" "$@" --list-options | cut -f2 | grep -vx -- -
}

# The text of the --help line of option $2 of command $1 ("" for global).
help_line() {
	local cmd=$1 opt=$2
	"$SHMTOOL" ${cmd:+"$cmd"} --help | grep -E -- "^ +(-[[:alnum:]], +)?$opt([= [<]|$)"
}

# The man page source from the line matching regex $1 up to the next .SS or
# .SH, with \- made plain and font escapes removed.
man_section() {
	start=$1 awk '
		found && /^\.S[SH] / { exit }
		$0 ~ ENVIRON["start"] { found = 1 }
		found' "$MANPAGE" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g'
}

# The man section of command $1: ".SS" whose first word is the command.
man_command_section() {
	local name=${1//-/\\\\-}
	man_section "^\\.SS \"?$name[,\" ]|^\\.SS \"?$name\$"
}

# Prints each long option of $2... that the man text $1 does not mention.
missing_in() {
	local text=$1 opt
	shift
	for opt in "$@"; do
		grep -qE -- "$opt([^[:alnum:]-]|\$)" <<<"$text" || echo "$opt"
	done
}

# Prints "COMMAND --option" for every long option of --help that the man
# page leaves out of the command's section ("" for the global options).
undocumented_options() {
	local cmd section
	section=$(man_section '^\.SH OPTIONS')
	missing_in "$section" $(long_options) | sed 's/^/(global) /'
	for cmd in $("$SHMTOOL" --list-commands); do
		section=$(man_command_section "$cmd")
		missing_in "$section" $(long_options "$cmd") | sed "s/^/$cmd /"
	done
}

# Splits a command line the way bash hands it to a completion function:
# words at spaces, '=' a word of its own; an empty last word after a space.
bash_words() {
	local line=$1 w
	local -a words
	read -ra words <<<"$line"
	[[ $line == *' ' ]] && words+=('')
	for w in "${words[@]}"; do
		if [[ $w == --*=* ]]; then
			printf '%s\n' "${w%%=*}" "="
			[[ -n ${w#*=} ]] && printf '%s\n' "${w#*=}"
		else
			printf '%s\n' "$w"
		fi
	done
}

# The candidates each shell offers for a command line, one per line.
bash_complete() {
	local -a words
	mapfile -t words < <(bash_words "$1")
	PATH=$SHMTOOL_PATH bash --norc --noprofile -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_shmtool
		printf "%s\n" "${COMPREPLY[@]}"' bash "$COMPLETIONS/shmtool" "${words[@]}"
}

fish_complete() {
	PATH=$SHMTOOL_PATH fish --no-config -c \
		'source $argv[1]; complete -C $argv[2]' "$COMPLETIONS/shmtool.fish" "$1" | cut -f1
}

# zsh: presses TAB in a zsh/zpty session; "match: WORD" lines and "line: ..."
zsh_session() {
	PATH=$SHMTOOL_PATH timeout 30 zsh -f "$BATS_TEST_DIRNAME/zsh-complete" "$COMPLETIONS" "$1"
}

zsh_complete() {
	zsh_session "$1" | sed -n 's/^match: //p'
}

# completes SHELL LINE WORD...: the shell offers exactly these words. A file
# that sets UNQUOTE_BASH=1 compares bash's candidates as the shell reads them
# back (it quotes POSIX names).
completes() {
	local sh=$1 line=$2 got want
	shift 2
	got=$("${sh}_complete" "$line" |
		if [ "$sh" = bash ] && [ -n "${UNQUOTE_BASH-}" ]; then unquote; else cat; fi | sort -u)
	want=$(printf '%s\n' "$@" | sed '/^$/d' | sort -u)
	[ "$got" = "$want" ] || fail "$sh completes '$line' to:
$got
expected:
$want"
}

# Each quoted word as the shell reads it back, one per line.
unquote() {
	local w
	while IFS= read -r w; do
		eval "printf '%s\n' $w"
	done
}

need_shell() {
	command -v "$1" >/dev/null || skip "$1 is not installed (Debian package: $1)"
}
