#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Untrusted text: POSIX names, process names and command lines any local
# user can choose (tests/fixtures/untrusted) go through every output mode,
# in a pipe and on a terminal. Each run ends within a second with its usual
# status, prints no control byte and no invalid UTF-8, JSON parses strictly,
# promtool takes the metrics, and every name printed is taken back by rm
# and attach-dump. tests/untrusted.py checks the output apart from
# shmtool's code.

load common
load hardening

CHECK="$BATS_TEST_DIRNAME/untrusted.py"
FIX="$BATS_TEST_DIRNAME/fixtures/untrusted"

setup_file() {
	export LC_ALL=C.UTF-8 TZ=UTC
}

# corpus: the hostile objects; their count in $count.
corpus() {
	count=$(python3 "$CHECK" make "$FIX")
}

# within ARGS...: shmtool ARGS in a pipe, done within a second with
# status 0; the output in $out (a file).
within() {
	out=$BATS_TEST_TMPDIR/out
	timeout 1 "$SHMTOOL" "$@" >"$out" || {
		echo "shmtool $* failed or hung (status $?)"
		return 1
	}
}

# on_tty ARGS...: the same on a terminal (a pty of script(1)).
on_tty() {
	local cmd
	out=$BATS_TEST_TMPDIR/out
	printf -v cmd '%q ' "$SHMTOOL" "$@"
	timeout 1 script -qec "$cmd" /dev/null >"$out" </dev/null || {
		echo "shmtool $* on a terminal failed or hung (status $?)"
		return 1
	}
}

lines() {
	wc -l <"$out"
}

@test "every table and line mode ends at once, clean, one line a name" {
	corpus
	for args in "" "-o NAME" "--notruncate" "-n" "-o NAME,OWNER,PERMS -s NAME" \
		"--output-all" "-H --time-format full"; do
		# shellcheck disable=SC2086
		within list --posix $args
		python3 "$CHECK" clean <"$out"
		want=$((count + 1))
		[[ $args == -n ]] && want=$count
		[ "$(lines)" -eq "$want" ] || { echo "list --posix $args: $(lines) lines"; return 1; }
	done
	for args in "-r" "-r -n -o NAME" "-e" "--format raw" "--format export"; do
		# shellcheck disable=SC2086
		within list --posix $args
		python3 "$CHECK" clean <"$out"
		[ "$(grep -c . "$out")" -ge "$count" ]
	done
	# with System V segments too
	mkseg 0x7a 4096 0644 >/dev/null
	within list -a
	python3 "$CHECK" clean <"$out"
	[ "$(lines)" -eq $((count + 2)) ]
}

@test "on a terminal every table mode ends at once and prints no control byte" {
	corpus
	for args in "" "-o NAME" "--notruncate" "-n" "-p" "--output-all" "-r" "-e"; do
		# shellcheck disable=SC2086
		on_tty list --posix $args
		python3 "$CHECK" clean --pty <"$out"
	done
	# a locale that is not UTF-8: libsmartcols gets ASCII alone
	LC_ALL=C on_tty list --posix
	python3 "$CHECK" clean --pty <"$out"
	LC_ALL=C python3 "$CHECK" clean --pty <"$out"
	[ "$(tr -d '\n\r\040-\176' <"$out" | wc -c)" -eq 0 ]
}

@test "the table stays aligned by display width with wide and escaped names" {
	corpus
	within list --posix -o NAME,OWNER,PERMS
	python3 "$CHECK" aligned OWNER <"$out"
	on_tty list --posix -o NAME,OWNER --notruncate
	python3 "$CHECK" aligned OWNER <"$out"
}

@test "the notation: \\xHH for the bytes, \\\\ for a backslash, UTF-8 as it is" {
	printf x >"/dev/shm/$(printf 'a\033[2Jb')"
	printf x >'/dev/shm/\x41'
	printf x >/dev/shm/A
	printf x >"/dev/shm/$(printf '\346\227\245\303\251')"
	printf x >"/dev/shm/$(printf 'bad\377')"
	printf x >'/dev/shm/s p'
	within list --posix -r -n -o NAME
	[ "$(cat "$out")" = "$(printf '%s\n' '/A' '/\\x41' '/a\x1b[2Jb' '/bad\xff' '/s\x20p' \
		"/$(printf '\346\227\245\303\251')")" ]
	within list --posix -e -o NAME
	grep -qxF 'NAME="/\x5cx41"' "$out"
	grep -qxF 'NAME="/s p"' "$out"
	# a locale that is not UTF-8 gets every byte outside ASCII escaped
	LC_ALL=C within list --posix -n -o NAME
	grep -qxF '/\xe6\x97\xa5\xc3\xa9' "$out"
}

@test "JSON is valid UTF-8 and name_hex gives every name's exact bytes" {
	corpus
	within list --posix -J
	python3 "$CHECK" json-names <"$out"
	within list --posix -J -o NAME
	python3 "$CHECK" json-names <"$out"
	# an ordinary name has no name_hex
	grep -q '"name":	"/plain"' "$out"
	run python3 -c 'import json,sys; d=json.load(sys.stdin); print([s for s in d["segments"] if s["name"] == "/plain"])' <"$out"
	assert_output "[{'name': '/plain'}]"
}

@test "promtool takes the metrics whatever the names" {
	command -v promtool >/dev/null || skip "promtool is not installed (Debian package prometheus)"
	corpus
	within list -a --format openmetrics
	python3 "$CHECK" clean <"$out"
	run promtool check metrics <"$out"
	assert_success
	# the label value: the rule's text, then OpenMetrics' own escapes
	grep -qF 'name="/\\\\x41"' "$out"
	grep -qF 'name="/a\\xffb"' "$out"
}

# rm_each: rm -- NAME of each name on stdin succeeds, and then /dev/shm is
# empty: each rm removed one object, a different one each time
rm_each() {
	local n
	while IFS= read -r n; do
		timeout 1 "$SHMTOOL" rm -- "$n" || { echo "rm -- $n failed"; return 1; }
	done
	[ -z "$(ls -A /dev/shm)" ] || { echo "left in /dev/shm: $(ls -A /dev/shm)"; return 1; }
}

@test "every name list prints is taken back by attach-dump and rm, none other" {
	corpus
	local n i=0 byte
	# each object holds its index byte: attach-dump must read the right one
	declare -A want
	while read -r i hex; do
		want[$hex]=$i
	done < <(python3 "$CHECK" content "$FIX")
	while IFS= read -r n; do
		byte=$(timeout 1 "$SHMTOOL" attach-dump --format raw --length 1 -- "$n" | od -An -tu1 | tr -d ' ')
		hex=$(python3 "$CHECK" decode "$n")
		[ "$byte" = "${want[${hex#2f}]}" ] || { echo "$n: read $byte, want ${want[${hex#2f}]}"; return 1; }
		timeout 1 "$SHMTOOL" attach-dump --length 1 --posix "$n" >/dev/null
	done < <("$SHMTOOL" list --posix -r -n -o NAME)
	[ "$(ls -A /dev/shm | wc -l)" -ge "$count" ]
	"$SHMTOOL" list --posix -r -n -o NAME | rm_each
}

@test "a name with a literal \\x41 and the name A are two objects" {
	printf x >'/dev/shm/\x41'
	printf x >/dev/shm/A
	run shmtool rm -v '/\\x41'
	assert_success
	assert_output 'removed POSIX object /\\x41'
	[ -f /dev/shm/A ]
	[ ! -e '/dev/shm/\x41' ]
	run shmtool rm -v '/\x41'
	assert_output 'removed POSIX object /A'
	[ ! -e /dev/shm/A ]
}

@test "the JSON and export routes give names back too" {
	corpus
	python3 -c '
import json, sys
for s in json.load(sys.stdin)["segments"]:
    print(s["name"])' < <("$SHMTOOL" list --posix -J -o NAME) | while IFS= read -r n; do
		timeout 1 "$SHMTOOL" attach-dump --length 1 -- "$n" >/dev/null || exit 1
	done
	"$SHMTOOL" list --posix -e -o NAME | while IFS= read -r line; do
		eval "$line"
		printf '%s\n' "$NAME"
	done | rm_each
}

@test "an invalid escape or a NUL byte is a usage error: one line, exit 2, nothing removed" {
	printf x >'/dev/shm/a\q'
	printf x >/dev/shm/ax4
	refused 2 "shmtool: rm: invalid name '/a\q': expected \\\\ or \\xHH after a backslash" rm '/a\q'
	refused 2 "shmtool: rm: invalid name '/a\x4': expected \\\\ or \\xHH after a backslash" rm '/a\x4'
	refused 2 "shmtool: rm: invalid name '/a\xg1': expected \\\\ or \\xHH after a backslash" rm '/a\xg1'
	refused 2 "shmtool: rm: invalid name '/a\': expected \\\\ or \\xHH after a backslash" rm '/a\'
	refused 2 "shmtool: attach-dump: invalid name '/a\x00b': expected no NUL byte (\\x00) in a name" \
		attach-dump '/a\x00b'
	refused 2 "shmtool: write: invalid name 'a\x2fb': expected no slash after the leading one" \
		write --posix 'a\x2fb' --string x
	refused 2 "shmtool: rm: invalid name '/e\x1b\\': expected \\\\ or \\xHH after a backslash" \
		rm "/e$(printf '\033')\\"
	run shmtool rm '/a\\q'
	assert_success
	[ ! -e '/dev/shm/a\q' ]
}

@test "error lines and reports name an object escaped" {
	local name
	name=$(printf 'e\033[2J\377')
	printf 'abcdefgh' >"/dev/shm/$name"
	run --separate-stderr shmtool attach-dump '/e\x1b[2J\xff' --offset 100
	assert_failure 1
	[ "$stderr" = 'shmtool: attach-dump: /e\x1b[2J\xff: offset 100 is beyond the end of the segment (8 bytes)' ]
	run --separate-stderr shmtool rm '/nope\x1b'
	assert_failure 1
	[ "$stderr" = 'shmtool: rm: /nope\x1b: no such object' ]
	run shmtool write '/e\x1b[2J\xff' --string x -v
	assert_success
	assert_output 'wrote 1 byte at offset 0 of /e\x1b[2J\xff'
	run shmtool write '/e\x1b[2J\xff' --string y -J
	python3 -c '
import json, sys
d = json.loads(sys.stdin.buffer.read())
assert d["name"] == "/e\\x1b[2J\\xff" and d["name_hex"] == "2f651b5b324aff", d' <<<"$output"
	run shmtool rm --dry-run '/e\x1b[2J\xff'
	assert_output 'would remove POSIX object /e\x1b[2J\xff'
	run --separate-stderr shmtool rm -J '/e\x1b[2J\xff' '/gone\x07'
	assert_failure 1
	[ "$stderr" = 'shmtool: rm: /gone\x07: no such object' ]
	python3 -c '
import json, sys
d = json.loads(sys.stdin.buffer.read())
assert d["removed"][0]["name"] == "/e\\x1b[2J\\xff", d
assert d["removed"][0]["name_hex"] == "2f651b5b324aff", d
assert d["failed"] == [{"name": "/gone\\x07", "name_hex": "2f676f6e6507", "error": "no such object"}], d' <<<"$output"
	[ -z "$(ls -A /dev/shm)" ]
	run --separate-stderr shmtool list -k "@/nope$(printf '\033')x"
	assert_failure 1
	[ "$stderr" = "shmtool: list: ftok /nope\x1bx: No such file or directory" ]
	run shmtool create --posix '/made\x09\\' 10
	assert_success
	assert_output '/made\x09\\'
	[ -f "/dev/shm/made$(printf '\t')\\" ]
}

# hostile_exec COMM ARGS...: the shm helper run under the process name
# COMM (bytes as hex) in the background, by exec'ing a link of that name.
hostile_exec() {
	local comm link
	comm=$(python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.argv[1]))' "$1")
	shift
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	link=$BATS_TEST_TMPDIR/bin/$comm
	ln -sf "$SHM_HELPER" "$link"
	"$link" "$@" &
	SHM_HOLDERS+=("$!")
	last_holder=$!
}

# mapped_by_at_least FILE N: N processes or more map FILE.
mapped_by_at_least() {
	[ "$(grep -l " $1" /proc/[0-9]*/maps 2>/dev/null | wc -l)" -ge "$2" ]
}

# shmid_of_key KEY (decimal): the segment's shmid, or nothing.
shmid_of_key() {
	awk -v k="$1" 'NR > 1 && $1 == k { print $2 }' /proc/sysvipc/shm
}

key_exists() {
	[ -n "$(shmid_of_key "$1")" ]
}

@test "hostile process names in PIDS: every mode, pipe and terminal" {
	local comms c id i
	comms=$(python3 "$CHECK" comms "$FIX")
	id=$(mkseg 0x5150 4096 0644)
	pmk /mapped 4096 0644
	for c in $comms; do
		hostile_exec "$c" hold "$id"
		hostile_exec "$c" posix-map /mapped
	done
	wait_nattch "$id" 3
	wait_until "three processes map /mapped" mapped_by_at_least /dev/shm/mapped 3
	for args in "-p" "-o SHMID,PIDS" "-p -r" "-p -e" "-a -p --notruncate" "--posix -o NAME,PIDS"; do
		# shellcheck disable=SC2086
		within list $args
		python3 "$CHECK" clean <"$out"
		# shellcheck disable=SC2086
		on_tty list $args
		python3 "$CHECK" clean --pty <"$out"
	done
	within list -p -r -o SHMID,PIDS
	grep -qF 'e\x1b[2Jx\xff' "$out"
	grep -qF '\xe2\x80\xaeevil\\x41' "$out"
	for args in "-p -J" "--posix -J -o NAME,PIDS"; do
		# shellcheck disable=SC2086
		within list $args
		python3 "$CHECK" json-comms "$comms" <"$out"
	done
}

@test "a hostile command line in COMMAND is escaped, not replaced" {
	local id
	bash -c 'exec -a "$(printf "evil\033[2J\377")" "$SHM_HELPER" own 0x5151 4096 0644' &
	SHM_HOLDERS+=("$!")
	wait_until "the segment of key 0x5151 exists" key_exists 20817
	id=$(shmid_of_key 20817)
	within list -r -n -o SHMID,COMMAND
	python3 "$CHECK" clean <"$out"
	grep -qF "$id evil\\x1b[2J\\xff\\x20own\\x200x5151\\x204096\\x200644" "$out"
	on_tty list -o SHMID,COMMAND
	python3 "$CHECK" clean --pty <"$out"
	within list -J -o COMMAND
	python3 -c 'import json,sys; d=json.loads(sys.stdin.buffer.read()); assert d["segments"][0]["command"] == "evil\\x1b[2J\\xff own 0x5151 4096 0644", d' <"$out"
}

@test "a typed argument echoed in an error line shows its control characters escaped" {
	local esc=$'\e[2J' id
	id=$(mkseg 0x77 100 0600)
	says 2 "" 'shmtool: list: invalid user '"'"'a\x1b[2Jb\c'"'"': expected a user name or uid' \
		list -u "a${esc}b\\c"
	says 2 "" 'shmtool: list: unknown column '"'"'\x1b[2J'"'"'; try '"'"'shmtool list --list-columns'"'"'' \
		list -o "$esc"
	says 2 "" 'shmtool: attach-dump: invalid key '"'"'\x1b[2J'"'"': expected a decimal or 0x-hex number, or @PATH[:PROJ]' \
		attach-dump -k "$esc"
	says 2 "" 'shmtool: unknown command '"'"'\x1b[2J'"'"'; try '"'"'shmtool --help'"'"'' "$esc"
	says 2 "" 'shmtool: list: unrecognized option '"'"'--\x1b[2J'"'"'; try '"'"'shmtool list --help'"'"'' \
		list "--$esc"
	says 1 "" 'shmtool: write: /proc/shmtool-missing/\x1b[2J: No such file or directory' \
		write "$id" --file "/proc/shmtool-missing/$esc"
	says 1 "" 'shmtool: attach-dump: /proc/shmtool-missing/\x1b[2J: No such file or directory' \
		attach-dump "$id" --output-file "/proc/shmtool-missing/$esc"
}
