#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Tables on a terminal fit its width, as lsblk's and lsipc's do: the wide
# columns (COMMAND, PIDS, NAME) are cut, the narrow ones never, and a row
# never spills onto a second line. In a pipe every cell is whole. No mode
# ends a line in a blank; -r prints an empty cell as "-".

load common

file_setup() {
	command -v script >/dev/null || skip "script (bsdutils) is not installed"
}

LONG=/opt/some/very/long/path/to/an/application/binary-$(printf 'x%.0s' {1..80})

# Two segments whose creators run with long command lines, each with six
# processes attached (a long PIDS cell), and a POSIX object with a long name.
make_wide_set() {
	local k
	for k in 0x300 0x301; do
		bash -c 'exec -a "$1 --config /etc/app/config.toml" "$2" own "$3" 4096 0600 >"$4"' _ \
			"$LONG" "$SHM_HELPER" "$k" "$BATS_TEST_TMPDIR/own$k" &
		SHM_HOLDERS+=("$!")
		wait_until "the creator made $k" test -s "$BATS_TEST_TMPDIR/own$k"
	done
	for id in $(shmtool list -n -r -o SHMID); do
		for _ in 1 2 3 4 5 6; do hold "$id"; done
	done
	pmk "/$(printf 'n%.0s' {1..120})" 16 0600
}

# on_tty COLS ARGS...: shmtool ARGS on a terminal COLS wide.
on_tty() {
	local cols=$1
	shift
	script -qec "stty cols $cols; $(printf '%q ' "$SHMTOOL" "$@")" /dev/null | tr -d '\r'
}

# Every line of $1 is at most $2 columns wide and ends in no blank.
fits() {
	local line
	while IFS= read -r line; do
		[ "${#line}" -le "$2" ] || fail "a line of ${#line} columns: $line"
		[[ $line != *' ' ]] || fail "a trailing blank: '$line'"
	done <<<"$1"
}

@test "an 80-column terminal: COMMAND and PIDS are cut, the narrow columns are whole, one line a row" {
	make_wide_set
	out=$(on_tty 80 list -o +COMMAND,PIDS)
	fits "$out" 80
	[ "$(wc -l <<<"$out")" -eq 3 ] || fail "rows spilled: $out"
	# the narrow columns as in a pipe
	pipe=$(shmtool list -o +COMMAND,PIDS)
	diff <(cut -c1-48 <<<"$out") <(cut -c1-48 <<<"$pipe")
	# both wide columns give up room; neither is left to a stub
	while read -r key id owner perms bytes nattch command pids; do
		[ "$nattch" = 6 ] || fail "NATTCH is '$nattch'"
		[ "${#command}" -ge 10 ] || fail "COMMAND cut to '$command'"
		[ "${#pids}" -ge 10 ] || fail "PIDS cut to '$pids'"
		[[ $LONG == "$command"* ]] || fail "COMMAND is '$command'"
		[ "$(tr -cd , <<<"$pids" | wc -c)" -lt 5 ] || fail "PIDS was not cut: $pids"
	done < <(sed 1d <<<"$out")
}

@test "the POSIX table on an 80-column terminal cuts NAME" {
	make_wide_set
	out=$(on_tty 80 list --posix)
	fits "$out" 80
	[ "$(wc -l <<<"$out")" -eq 2 ]
	assert_equal "$(sed -n 1p <<<"$out" | awk '{ print $1, $2, $NF }')" "NAME OWNER CTIME"
}

@test "in a pipe every cell is whole" {
	make_wide_set
	out=$(shmtool list -o +COMMAND,PIDS)
	fits "$out" 100000
	grep -qF -- "$LONG --config /etc/app/config.toml" <<<"$out"
	[ "$(sed -n 2p <<<"$out" | tr -cd , | wc -c)" -eq 5 ]
	out=$(shmtool list --posix -o NAME)
	grep -qx "/$(printf 'n%.0s' {1..120})" <<<"$out"
	# and --notruncate keeps them whole on a terminal
	out=$(on_tty 80 list --notruncate -o +COMMAND)
	grep -qF -- "$LONG --config /etc/app/config.toml" <<<"$out"
}

@test "no mode ends a line in a blank, empty last cells included" {
	mkseg 0x1 100 0600 >/dev/null
	pmk /p 16 0600
	local args
	for args in "list" "list -a" "list -n" "list -o KEY,STATUS" "list --output-all" \
		"list -a -o TYPE,NAME" "list -r" "list -r -a" "list -r -o KEY,STATUS" \
		"list -e" "info" "info -r"; do
		out=$(shmtool $args)
		[ -n "$out" ] || fail "'$args' printed nothing"
		fits "$out" 100000
		out=$(on_tty 80 $args)
		fits "$out" 100000
	done
}

@test "-r: an empty cell is '-', a cell that is '-' is \\x2d" {
	mkseg 0x1 100 0600 >/dev/null
	pmk /p 16 0600
	run shmtool list -r -a -o TYPE,KEY,NAME,STATUS
	assert_success
	assert_output "TYPE KEY NAME STATUS
sysv 0x00000001 - -
posix - /p -"
	# read sees every field
	shmtool list -r -n -a -o TYPE,KEY,NAME,STATUS | while read -r type key name status; do
		[ -n "$status" ] || fail "a field went missing"
	done
	# a creator whose command line is "-": python3 reading its program from stdin
	cat >"$BATS_TEST_TMPDIR/dash.py" <<'PY'
import ctypes, sys, time
libc = ctypes.CDLL(None)
print(libc.shmget(0x77, 16, 0o1600), flush=True)
time.sleep(100)
PY
	bash -c 'exec -a - "$(command -v /usr/bin/python3 || command -v python3)" <"$1" >"$2"' _ "$BATS_TEST_TMPDIR/dash.py" "$BATS_TEST_TMPDIR/dash" &
	SHM_HOLDERS+=("$!")
	wait_until "the creator made its segment" test -s "$BATS_TEST_TMPDIR/dash"
	run shmtool list -r -n -k 0x77 -o KEY,COMMAND,STATUS
	assert_output '0x00000077 \x2d -'
}
