#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The habits of ipcs and lsipc users, and a newcomer's first hour (issue 13):
# lsipc's column names, --list-columns, long-option abbreviations, --help
# COMMAND, and the small ones (singular bytes, the SHMALL total, create -m
# g+r, names list hides, the man page's promises).

load common
load hardening
load complete

# lsipc -m's column names, as this machine's lsipc --help lists them: the
# generic ones and the shared-memory ones.
lsipc_m_columns() {
	lsipc --help | awk '
		/^Generic columns:/ || /^Shared-memory columns/ { on = 1; next }
		/^$/ || /columns/ { on = 0 }
		on && NF >= 2 { print $1 }'
}

@test "-o and -s take lsipc -m's column names; the header keeps ours" {
	mkseg 0x1234 100 0600 >/dev/null
	mkseg 0x5678 300 0644 >/dev/null
	run --separate-stderr shmtool list -r -o ID,SIZE,ATTACH,DETACH
	assert_success
	[ "$stderr" = "" ]
	assert_line --index 0 "SHMID BYTES ATIME DTIME"
	run shmtool list -r -n -o key,size -s SIZE --reverse
	assert_success
	assert_output "0x00005678 300
0x00001234 100"
	run shmtool list -r -o +Id
	assert_line --index 0 "KEY SHMID OWNER PERMS BYTES NATTCH STATUS SHMID"
	run shmtool list -J -o ID,SIZE
	assert_success
	[ "$(jq -c '.segments[0] | keys_unsorted' <<<"$output")" = '["shmid","bytes"]' ]
	# an alias is not a prefix: a longer or shorter name is unknown
	local hint="; try 'shmtool list --list-columns'"
	refused 2 "shmtool: list: unknown column 'SIZES'$hint" list -o ID,SIZES
	refused 2 "shmtool: list: unknown column 'IDS'$hint" list -s IDS
	refused 2 "shmtool: list: unknown column 'ATTACHED'$hint" list -o ATTACHED
}

@test "every lsipc -m column works with -o, with lsipc's values" {
	command -v lsipc >/dev/null || skip "lsipc is not installed (util-linux)"
	local cols
	cols=$(lsipc_m_columns | tr '\n' ' ')
	# the names this test expects lsipc to have, so that a parse that
	# finds nothing cannot pass
	for c in KEY ID OWNER SIZE NATTCH ATTACH DETACH COMMAND CPID LPID; do
		[[ " $cols" == *" $c "* ]] || fail "lsipc --help lists no column $c: $cols"
	done
	mkseg 0x1234 100 0600 >/dev/null
	as_nobody "$SHM_HELPER" create 0x99 5000 0640 >/dev/null
	for c in $cols; do
		run --separate-stderr shmtool list -r -n -o "$c"
		[ "$status" = 0 ] || fail "-o $c: exit $status: $stderr"
	done
	# the columns whose text both print the same way
	local same=KEY,ID,OWNER,CUID,CUSER,CGID,CGROUP,UID,USER,GID,GROUP,SIZE,NATTCH,CPID,LPID
	run shmtool list -r -n -o "$same" -s ID
	assert_success
	[ "${#lines[@]}" = 2 ]
	[ "$output" = "$(lsipc -m -b -r --noheadings -o "$same" | sort -n -k2)" ]
}

@test "--list-columns: [default] after the defaults of each kind of list" {
	run --separate-stderr shmtool list --list-columns
	assert_success
	[ "$stderr" = "" ]
	[ "$(grep -c ' \[default\]$' <<<"$output")" = 7 ]
	[ "$(awk '/ \[default\]$/ { printf "%s ", $1 }' <<<"$output")" = \
		"KEY SHMID OWNER PERMS BYTES NATTCH STATUS " ]
	assert_line "KEY      segment key (0x-hex) [default]"
	assert_line "MODE     permissions as rwx"
	run shmtool list --posix --list-columns
	[ "$(awk '/ \[default\]$/ { printf "%s ", $1 }' <<<"$output")" = "OWNER PERMS BYTES CTIME NAME " ]
	run shmtool list --all-types --list-columns
	[ "$(awk '/ \[default\]$/ { printf "%s ", $1 }' <<<"$output")" = \
		"KEY SHMID OWNER PERMS BYTES NATTCH STATUS TYPE NAME " ]
	# each default is what list prints without -o
	mkseg 0x1 100 0600 >/dev/null
	run shmtool list -r
	[ "$(head -1 <<<"$output" | tr ' ' '\n' | sort | tr '\n' ' ')" = \
		"$(shmtool list --list-columns | awk '/ \[default\]$/ { print $1 }' | sort | tr '\n' ' ')" ]
}

@test "OWNER and USER have descriptions of their own" {
	owner=$(shmtool list --list-columns | awk '$1 == "OWNER"' | cut -c10-)
	user=$(shmtool list --list-columns | awk '$1 == "USER"' | cut -c10-)
	[ -n "$owner" ] && [ -n "$user" ]
	[ "$owner" = "owner's user name, as ipcs shows it [default]" ]
	[ "$user" = "the user name of UID (same as OWNER)" ]
	# no two columns share a description
	[ "$(shmtool list --list-columns | cut -c10- | sed 's/ \[default\]$//' | sort | uniq -d)" = "" ]
}

@test "--list-columns -J: an array of name, description, default, type" {
	run --separate-stderr shmtool list --list-columns -J
	assert_success
	[ "$stderr" = "" ]
	[ "$(jq -c '.[0]' <<<"$output")" = \
		'{"name":"KEY","description":"segment key (0x-hex)","default":true,"type":"string"}' ]
	[ "$(jq -c '[.[] | keys_unsorted] | unique' <<<"$output")" = '[["name","description","default","type"]]' ]
	# the same columns and defaults as the text
	[ "$(jq -r '.[] | .name + " " + .description + (if .default then " [default]" else "" end)' <<<"$output")" = \
		"$(shmtool list --list-columns | sed -E 's/^([A-Z]+) +/\1 /')" ]
	# -J anywhere on the line; --posix's defaults
	run shmtool list -J --posix --list-columns
	[ "$(jq -r '[.[] | select(.default) | .name] | join(" ")' <<<"$output")" = "OWNER PERMS BYTES CTIME NAME" ]
	run shmtool list --list-columns --format=json
	[ "$(jq length <<<"$output")" = "$(shmtool list --list-columns | wc -l)" ]
}

@test "--list-columns -J: each type is the type list -J gives the value" {
	mkseg 0x1234 100 0600 >/dev/null
	id=$(mkseg 0x99 4096 0600)
	hold "$id"
	pmk /obj 10 0600
	types=$(shmtool list --list-columns -J)
	run shmtool list -a -J --output-all
	assert_success
	python3 - "$types" "$output" <<'PY'
import json, sys
types = {c["name"].lower(): c["type"] for c in json.loads(sys.argv[1])}
segs = json.loads(sys.argv[2])["segments"]
want = {"string": str, "number": int, "array": list}
assert len(segs) == 3, segs
seen = set()
for s in segs:
    assert set(s) == set(types), (set(s) ^ set(types))
    for k, v in s.items():
        if v is not None:
            assert type(v) is want[types[k]], (k, v, types[k])
            seen.add(k)
# every type was checked against at least one value
assert {types[k] for k in seen} == {"string", "number", "array"}, seen
PY
}

# The rule for the parser (option tables, helper opts): a long option is
# its exact name, never an abbreviation of it. `--time` must not become
# --time-format, `--rev` not --reverse.
@test "a long option abbreviated is refused, naming what was typed" {
	refused 2 "shmtool: list: unrecognized option '--time'; try 'shmtool list --help'" list --time
	refused 2 "shmtool: list: unrecognized option '--time=iso'; try 'shmtool list --help'" list --time=iso
	refused 2 "shmtool: list: unrecognized option '--rev'; try 'shmtool list --help'" list --rev
	refused 2 "shmtool: info: unrecognized option '--js'; try 'shmtool info --help'" info --js
	refused 2 "shmtool: unrecognized option '--vers'; try 'shmtool --help'" --vers
	refused 2 "shmtool: unrecognized option '--names'; try 'shmtool --help'" --names 1 list
}

@test "no prefix of any long option of any command is taken for it" {
	local c opt n prefix cmd
	for c in "" $(shmtool --list-commands); do
		for opt in $(help_long_options $c); do
			for ((n = 3; n < ${#opt}; n++)); do
				prefix=${opt:0:n}
				# a prefix that is itself an option of the command is that option
				help_long_options $c | grep -qx -- "$prefix" && continue
				run --separate-stderr shmtool ${c:+$c} "$prefix"
				[ "$status" = 2 ] || fail "shmtool $c $prefix: exit $status, not 2"
				[ "$stderr" = "shmtool: ${c:+$c: }unrecognized option '$prefix'; try 'shmtool ${c:+$c }--help'" ] ||
					fail "shmtool $c $prefix: $stderr"
			done
		done
	done
}

@test "exact long option names still work, with = and with a separate value" {
	mkseg 0x1 100 0600 >/dev/null
	run shmtool list --time-format iso -r -n -o CTIME
	assert_success
	assert_output --regexp '^[0-9]{4}-[0-9]{2}-[0-9]{2}T'
	run shmtool list --time-format=epoch -r -n -o CTIME
	assert_output --regexp '^[0-9]+$'
	run shmtool list --reverse --noheadings -r -o KEY
	assert_output "0x00000001"
}

@test "--help COMMAND prints what COMMAND --help prints, aliases too" {
	for c in $(shmtool --list-commands) ls dump; do
		run --separate-stderr shmtool --help "$c"
		assert_success
		[ "$stderr" = "" ]
		[ "$output" = "$(shmtool "$c" --help)" ] || fail "--help $c differs from $c --help"
		assert_line --index 0 "Usage:"
		run shmtool -h "$c"
		[ "$output" = "$(shmtool "$c" --help)" ] || fail "-h $c differs from $c --help"
	done
	refused 2 "shmtool: unknown command 'frob'; try 'shmtool --help'" --help frob
	refused 2 "shmtool: help: unexpected argument 'x'; try 'shmtool --help'" --help list x
}

@test "--help names the ls and dump aliases beside their commands" {
	run shmtool --help
	assert_success
	assert_line "  list, ls           list segments (the default command)"
	assert_line --regexp '^  attach-dump, dump  print the bytes of a segment'
	assert_line --regexp '^  info               show limits and usage$'
	assert_line --regexp "^'shmtool <command> --help' for a command's options.$"
	assert_line --regexp "--help <command>"
}

@test "write -v: 1 byte, 0 bytes, 2 bytes" {
	id=$(mkseg 0x1 16 0600)
	run --separate-stderr shmtool write "$id" --string x -v
	assert_success
	assert_output "wrote 1 byte at offset 0 of shmid $id"
	run shmtool write "$id" --string "" -v --offset 3
	assert_output "wrote 0 bytes at offset 3 of shmid $id"
	run shmtool write "$id" --string xy -v
	assert_output "wrote 2 bytes at offset 0 of shmid $id"
	run shmtool write "$id" --fill 1 --length 1 -v
	assert_output "wrote 1 byte at offset 0 of shmid $id"
	pmk /p 4 0600
	run shmtool write /p --string z -v
	assert_output "wrote 1 byte at offset 0 of /p"
}

@test "write has no default input, and the man page says so" {
	id=$(mkseg 0x1 16 0600)
	refused 2 "shmtool: write: no input: give one of --string, --file, - or --fill" write "$id" </dev/null
	section=$(man_command_section write)
	! grep -q 'the default)' <<<"$section"
	grep -q 'there is no default input' <<<"$section"
	# - reads standard input
	printf 'ab' | shmtool write "$id" -
	[ "$("$SHM_HELPER" cat "$id" | head -c 2)" = ab ]
}

@test "the man page's list -J example is the real output" {
	example=$(awk '/^\$ shmtool list \\-J$/ { on = 1; next } on && /^\.EE$/ { exit } on' "$MANPAGE")
	[ -n "$example" ]
	# the example's segment, made as the page shows, as the first of a
	# fresh namespace (shmid 0)
	[ -w /proc/sys/kernel/shm_next_id ] || skip "the kernel has no kernel.shm_next_id"
	echo 0 >/proc/sys/kernel/shm_next_id
	run shmtool create 64K -k 0x1e240 -m 640
	assert_success
	assert_output 0
	run shmtool list -J
	assert_success
	[ "$output" = "$example" ] || fail "man page:
$example
real:
$output"
	# the page shows the create line before it, with its output
	grep -qx '\$ shmtool create 64K \\-k 0x1e240 \\-m 640' "$MANPAGE"
}

# shmall_agree: info -J's total_bytes, OpenMetrics' shm_limit_total_bytes
# and SHMALL pages times the page size are one number.
shmall_agree() {
	local json metrics want
	json=$(shmtool info -J | python3 -c 'import json, sys; print(json.load(sys.stdin)["limits"]["total_bytes"])')
	metrics=$(shmtool list --format=openmetrics | awk '$1 == "shm_limit_total_bytes" { print $2 }')
	want=$(python3 -c 'import sys; print(int(sys.argv[1]) * int(sys.argv[2]))' \
		"$(cat /proc/sys/kernel/shmall)" "$(getconf PAGESIZE)")
	[ "$json" = "$want" ] || fail "info -J: $json, pages times page size: $want"
	[ "$metrics" = "$want" ] || fail "openmetrics: $metrics, pages times page size: $want"
}

@test "info -J and OpenMetrics give the same SHMALL byte total" {
	local old
	old=$(cat /proc/sys/kernel/shmall)
	# the kernel's default: past 64 bits
	echo 18446744073692774399 >/proc/sys/kernel/shmall
	shmall_agree
	[ "$(python3 -c 'import sys; print(int(sys.argv[1]) > 2**64)' "$(shmtool info -J | jq -r .limits.pages)")" = False ]
	echo 2048 >/proc/sys/kernel/shmall
	shmall_agree
	[ "$(shmtool info -J | jq .limits.total_bytes)" = $((2048 * $(getconf PAGESIZE))) ]
	# the last page count whose bytes fit 64 bits, and the first that does not
	page=$(getconf PAGESIZE)
	python3 -c 'import sys; print((2**64 - 1) // int(sys.argv[1]))' "$page" >/proc/sys/kernel/shmall
	shmall_agree
	python3 -c 'import sys; print((2**64 - 1) // int(sys.argv[1]) + 1)' "$page" >/proc/sys/kernel/shmall
	shmall_agree
	echo "$old" >/proc/sys/kernel/shmall
}

@test "create -m with a symbolic mode starts from the default 600" {
	id=$(shmtool create 4K -m g+r)
	[ "$(awk -v id="$id" 'NR > 1 && $2 == id { print $3 }' /proc/sysvipc/shm)" = 640 ]
	id=$(shmtool create 4K -m go+r)
	[ "$(awk -v id="$id" 'NR > 1 && $2 == id { print $3 }' /proc/sysvipc/shm)" = 644 ]
	id=$(shmtool create 4K -m u-w)
	[ "$(awk -v id="$id" 'NR > 1 && $2 == id { print $3 }' /proc/sysvipc/shm)" = 400 ]
	# an octal mode is the mode itself
	id=$(shmtool create 4K -m 040)
	[ "$(awk -v id="$id" 'NR > 1 && $2 == id { print $3 }' /proc/sysvipc/shm)" = 40 ]
	run shmtool create --posix app 10 -m g+r
	assert_success
	[ "$(stat -c %a /dev/shm/app)" = 640 ]
}

# sem_open through libc, as a program makes a POSIX semaphore.
mksem() {
	python3 -c '
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.sem_open.restype = ctypes.c_void_p
if not libc.sem_open(sys.argv[1].encode(), os.O_CREAT | os.O_EXCL, 0o600, 1):
    sys.exit("sem_open: " + os.strerror(ctypes.get_errno()))' "$1"
}

@test "a name list hides is refused by every command: a semaphore survives rm" {
	mksem /x
	[ -f /dev/shm/sem.x ]
	run shmtool list --posix -r -n -o NAME
	assert_output ""
	local why="sem.NAME is a POSIX semaphore, not shared memory"
	refused 2 "shmtool: rm: invalid name '/sem.x': $why" rm /sem.x
	refused 2 "shmtool: rm: invalid name 'sem.x': $why" rm --posix sem.x
	refused 2 "shmtool: rm: invalid name '/sem.x': $why" rm --posix /sem.x --force
	refused 2 "shmtool: attach-dump: invalid name '/sem.x': $why" dump /sem.x
	refused 2 "shmtool: write: invalid name '/sem.x': $why" write /sem.x --string a
	refused 2 "shmtool: create: invalid name 'sem.y': $why" create --posix sem.y 10
	[ -f /dev/shm/sem.x ]
	[ ! -e /dev/shm/sem.y ]
	# a dot file, which list skips too
	pmk /.hidden 10 0600
	why="expected a name not starting with '.' (list hides those)"
	refused 2 "shmtool: rm: invalid name '/.hidden': $why" rm /.hidden
	[ -f /dev/shm/.hidden ]
	# a name that only starts like one is shared memory
	pmk /semx 10 0600
	run shmtool rm /semx
	assert_success
	[ ! -e /dev/shm/semx ]
}

@test "P, E and 0x sizes work and are documented" {
	mkseg 0x1 4096 0600 >/dev/null
	run shmtool list --larger-than 0xfff -r -n -o BYTES
	assert_output 4096
	run shmtool list --larger-than 0x1000 -r -n -o BYTES
	assert_output ""
	run shmtool list --larger-than 1P -r -n
	assert_success
	assert_output ""
	run shmtool list --larger-than 15E -r -n
	assert_success
	run shmtool list --larger-than 1.5EiB -r -n
	assert_success
	id=$(shmtool create 0x2000)
	[ "$(awk -v id="$id" 'NR > 1 && $2 == id { print $4 }' /proc/sysvipc/shm)" = 8192 ]
	run shmtool create --help
	assert_line "<size> is bytes, decimal or 0x-hex, or a decimal with a suffix: K, M, G,"
	assert_line "T, P, E (and KiB ... EiB, powers of 1024) or KB ... EB (powers of 1000);"
	section=$(man_command_section create)
	for s in P E PiB EiB PB EB 0x; do
		grep -qE "^\.BR? $s( |,|$)|^\.BR $s -hex" <<<"$section" || fail "create's man section lacks $s"
	done
}
