#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# list's output modes and columns: -r -e -n --notruncate -H --time-format,
# -o LIST / +LIST / --output-all / --list-columns, --sort and --reverse.

load common
load list-set

file_setup() {
	export LC_ALL=C TZ=UTC
}

# The columns issue 2 owns, in the SPEC's order.
SPEC_COLUMNS="KEY SHMID OWNER PERMS MODE BYTES NATTCH STATUS CPID LPID CUID CUSER CGID CGROUP UID USER GID GROUP ATIME DTIME CTIME RSS SWAP"

@test "-r: raw lines, one per segment, empty cells kept" {
	make_set
	run --separate-stderr shmtool list -r
	assert_success
	assert_output "$(marked <<'END'
KEY SHMID OWNER PERMS BYTES NATTCH STATUS|
0x00001234 0 root 644 1 0 -|
0x00000000 1 root 600 4096 1 -|
0x0000abcd 2 nobody 640 1572864 0 -|
0x00000000 3 root 600 512 1 dest|
0x7fffffff 4 root 666 1073741824 0 locked|
0x00000000 5 root 400 65536 1 dest,locked|
0x00000042 6 4242 0 100 0 -|
0x00000000 1234567 root 600 2 0 -|
END
)"
}

@test "-e: KEY=\"value\" pairs" {
	mkseg_at 0 0x1234 1 0644
	mkseg_at 5 0xffffffff 65536 0400
	hold 5
	"$SHM_HELPER" lock 5
	"$SHM_HELPER" rmid 5
	run --separate-stderr shmtool list -e
	assert_success
	assert_output - <<'END'
KEY="0x00001234" SHMID="0" OWNER="root" PERMS="644" BYTES="1" NATTCH="0" STATUS=""
KEY="0x00000000" SHMID="5" OWNER="root" PERMS="400" BYTES="65536" NATTCH="1" STATUS="dest,locked"
END
	run shmtool list -e -o SHMID,MODE
	assert_output 'SHMID="0" MODE="rw-r--r--"
SHMID="5" MODE="r--------"'
}

@test "-n drops the header in table, raw and export modes" {
	make_set
	for mode in "" -r -e; do
		run shmtool list $mode
		with=$output
		run shmtool list -n $mode
		assert_success
		[ "$output" = "$(tail -n +2 <<<"$with")" ] || [ "$mode" = -e ]
		[ "${#lines[@]}" = 8 ]
		refute_line --partial SHMID=\"SHMID\"
		refute_line --regexp '^KEY '
	done
	run shmtool list --noheadings -r -o SHMID
	assert_output "$(printf '%s\n' 0 1 2 3 4 5 6 1234567)"
}

@test "--notruncate and a long user name: never cut" {
	cp /etc/passwd "$BATS_TEST_TMPDIR/passwd"
	echo "averyveryverylongusername:x:4343:4343::/:/usr/sbin/nologin" >>"$BATS_TEST_TMPDIR/passwd"
	mount --bind "$BATS_TEST_TMPDIR/passwd" /etc/passwd
	mkseg_at 0 0x99 100 0600 as_uid 4343
	run shmtool list
	umount /etc/passwd
	assert_success
	expected=$(marked <<'END'
KEY        SHMID OWNER                     PERMS BYTES NATTCH STATUS|
0x00000099     0 averyveryverylongusername 600     100      0|
END
)
	assert_output "$expected"
	mount --bind "$BATS_TEST_TMPDIR/passwd" /etc/passwd
	run shmtool list --notruncate
	umount /etc/passwd
	assert_success
	assert_output "$expected"
}

@test "-H: sizes for humans in the table, plain numbers in JSON" {
	make_set
	run shmtool list -H -r -n -o SHMID,BYTES
	assert_success
	assert_output - <<'END'
0 1B
1 4K
2 1.5M
3 512B
4 1G
5 64K
6 100B
1234567 2B
END
	run shmtool list --human -J -o BYTES -i 4
	assert_success
	[ "$(python3 -c 'import json, sys; print(json.load(sys.stdin)["segments"][0]["bytes"])' <<<"$output")" = 1073741824 ]
}

@test "-H rounds to one decimal as util-linux does" {
	# sizes written into a fixture: 1023, 1025, 1536, 1600 (1.56K), 10485760, 1 TiB + 1
	cat >"$BATS_TEST_TMPDIR/shm" <<'END'
key shmid perms size nattch uid
1 0 600 1023 0 0
2 1 600 1025 0 0
3 2 600 1536 0 0
4 3 600 1600 0 0
5 4 600 1996 0 0
6 5 600 10485760 0 0
7 6 600 1099511627777 0 0
END
	SHMTOOL_PROC_SHM=$BATS_TEST_TMPDIR/shm run shmtool list -H -r -n -o BYTES
	assert_success
	assert_output - <<'END'
1023B
1K
1.5K
1.6K
1.9K
10M
1T
END
}

@test "--time-format: short, full, iso and epoch of the kernel's times" {
	id=$(mkseg 0x1234 100 0600)
	hold "$id"
	read -r atime ctime < <(awk -v id="$id" 'NR > 1 && $2 == id { print $12, $14 }' /proc/sysvipc/shm)
	[ "$atime" != 0 ]
	for tz in UTC0 IST-5:30 NST3:30; do
		export TZ=$tz
		run shmtool list -r -n -o ATIME,DTIME,CTIME --time-format epoch
		assert_success
		assert_output "$atime - $ctime"
		run shmtool list -r -n -o CTIME --time-format iso
		assert_output "$(date -d "@$ctime" +%Y-%m-%dT%H:%M:%S%:z)"
		run shmtool list -n -o CTIME --time-format full
		assert_output "$(date -d "@$ctime" '+%a %b %e %H:%M:%S %Y')"
		# raw output encodes the blanks of a cell, as lsipc -r does
		run shmtool list -r -n -o CTIME --time-format full
		assert_output "$(date -d "@$ctime" '+%a\x20%b\x20%e\x20%H:%M:%S\x20%Y' | sed 's/\\x20 /\\x20\\x20/')"
		run shmtool list -r -n -o CTIME --time-format short
		assert_output "$(date -d "@$ctime" +%H:%M)"
		run shmtool list -r -n -o CTIME
		assert_output "$(date -d "@$ctime" +%H:%M)"
	done
}

@test "--time-format short: a time of another day or year shows the date" {
	year=$(date +%Y)
	[ "$(date +%m%d)" != 0101 ] || skip "today is the first of January"
	jan1=$(date -d "$year-01-01 12:00" +%s)
	old=$(date -d "2023-11-14 22:13:20" +%s)
	cat >"$BATS_TEST_TMPDIR/shm" <<END
key shmid perms size atime dtime ctime
1 0 600 1 $jan1 0 $old
END
	SHMTOOL_PROC_SHM=$BATS_TEST_TMPDIR/shm run shmtool list -r -n -o ATIME,DTIME,CTIME
	assert_success
	assert_output "Jan01 - 2023-Nov14"
	SHMTOOL_PROC_SHM=$BATS_TEST_TMPDIR/shm run shmtool list -J -o ATIME,DTIME,CTIME
	assert_success
	python3 - "$output" <<'PY'
import json, sys
seg, = json.loads(sys.argv[1])["segments"]
assert seg["dtime"] is None, seg
assert seg["ctime"] == "2023-11-14T22:13:20+00:00", seg
PY
}

@test "-o LIST chooses and orders columns, names in any case" {
	make_set
	run shmtool list -r -o bytes,Key,SHMID -i 4
	assert_success
	assert_output "BYTES KEY SHMID
1073741824 0x7fffffff 4"
	run shmtool list -r --output=perms,MODE -i 2
	assert_output "PERMS MODE
640 rw-r-----"
	# a column named twice shows twice
	run shmtool list -r -o shmid,shmid -i 2
	assert_output "SHMID SHMID
2 2"
}

@test "-o +LIST appends to the default columns" {
	make_set
	run shmtool list -r -o +mode,CPID -i 3
	assert_success
	cpid=$(awk 'NR > 1 && $2 == 3 { print $5 }' /proc/sysvipc/shm)
	assert_output "KEY SHMID OWNER PERMS BYTES NATTCH STATUS MODE CPID
0x00000000 3 root 600 512 1 dest rw------- $cpid"
}

@test "--list-columns: one 'NAME description' per line, every column" {
	run --separate-stderr shmtool list --list-columns
	assert_success
	[ "$stderr" = "" ]
	for line in "${lines[@]}"; do
		[[ $line =~ ^[A-Z]+\ +[a-z\(].+$ ]] || { echo "bad line: $line"; return 1; }
	done
	names=$(awk '{ print $1 }' <<<"$output" | tr '\n' ' ')
	# every column of the SPEC that list has, in the SPEC's order
	in_spec=$(for c in $names; do [[ " $SPEC_COLUMNS " == *" $c "* ]] && echo "$c"; done | tr '\n' ' ')
	[ "$in_spec" = "$SPEC_COLUMNS " ]
	# the names are unique
	[ "$(awk '{ print $1 }' <<<"$output" | sort | uniq -d)" = "" ]
}

@test "--output-all shows every column of --list-columns, in that order" {
	mkseg 0x1234 100 0600
	names=$(shmtool list --list-columns | awk '{ print $1 }' | tr '\n' ' ')
	run shmtool list --output-all -r
	assert_success
	assert_line --index 0 "${names% }"
	# every name works with -o, alone
	for c in $names; do
		run shmtool list -r -o "$c"
		assert_success
		assert_line --index 0 "$c"
	done
}

@test "every column's value in a table equals the kernel's" {
	make_set
	# /proc: key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime rss swap
	# perms in /proc are octal with the status bits: take the low 9 bits
	awk 'NR > 1 { p = 0; s = $3; for (i = 1; i <= length(s); i++) p = p * 8 + substr(s, i, 1)
		printf "0x%08x %d %o %d %d %d %d %d %d %d %d %d %d %d %d %d\n",
		($1 < 0 ? $1 + 4294967296 : $1), $2, p % 512, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16 }' \
		/proc/sysvipc/shm >"$BATS_TEST_TMPDIR/proc"
	# never-set times are empty cells, '-' in raw output: the kernel says 0
	shmtool list -r -n --time-format epoch \
		-o KEY,SHMID,PERMS,BYTES,CPID,LPID,NATTCH,UID,GID,CUID,CGID,ATIME,DTIME,CTIME,RSS,SWAP |
		sed -e 's/ - / 0 /g' -e 's/ - / 0 /g' >"$BATS_TEST_TMPDIR/ours"
	diff -u "$BATS_TEST_TMPDIR/proc" "$BATS_TEST_TMPDIR/ours"
}

@test "--sort: numeric columns by value, text columns by text" {
	make_set
	run shmtool list -r -n -o SHMID --sort BYTES
	assert_success
	# 1, 2, 100, 512, 4096, 65536, 1572864, 1073741824
	assert_output "$(printf '%s\n' 0 1234567 6 3 1 5 2 4)"
	run shmtool list -r -n -o SHMID --sort bytes --reverse
	assert_output "$(printf '%s\n' 4 2 5 1 3 6 1234567 0)"
	# keys compare as unsigned 32-bit numbers; ties keep shmid order
	run shmtool list -r -n -o KEY,SHMID --sort KEY
	assert_output "$(printf '%s\n' "0x00000000 1" "0x00000000 3" "0x00000000 5" "0x00000000 1234567" \
		"0x00000042 6" "0x00001234 0" "0x0000abcd 2" "0x7fffffff 4")"
	run shmtool list -r -n -o SHMID --sort SHMID
	assert_output "$(printf '%s\n' 0 1 2 3 4 5 6 1234567)"
	run shmtool list -r -n -o SHMID --sort NATTCH
	assert_output "$(printf '%s\n' 0 2 4 6 1234567 1 3 5)"
	run shmtool list -r -n -o SHMID --sort PERMS
	assert_output "$(printf '%s\n' 6 5 1 3 1234567 2 0 4)"
	# text: "4242" < "nobody" < "root"
	run shmtool list -r -n -o OWNER,SHMID --sort OWNER
	assert_output "$(printf '%s\n' "4242 6" "nobody 2" "root 0" "root 1" "root 3" "root 4" "root 5" "root 1234567")"
	run shmtool list -r -n -o SHMID --sort STATUS
	assert_output "$(printf '%s\n' 0 1 2 6 1234567 3 5 4)"
	# the sort column need not be shown
	run shmtool list -r -n -o SHMID --sort UID
	assert_output "$(printf '%s\n' 0 1 3 4 5 1234567 6 2)"
}

@test "--reverse alone reverses the kernel's order" {
	make_set
	run shmtool list -r -n -o SHMID --reverse
	assert_success
	assert_output "$(printf '%s\n' 1234567 6 5 4 3 2 1 0)"
}

@test "-H prints sizes as lsipc -m does" {
	for size in 1 512 1023 1024 1025 1536 1600 1996 2000 4096 65535 1048064 1572864 10485760 1073741823 1073741824; do
		mkseg 0 "$size" 0600 >/dev/null
	done
	run shmtool list -H -r -n -o SHMID,BYTES
	assert_success
	assert_output "$(lsipc -m -r --noheadings -o ID,SIZE)"
}
