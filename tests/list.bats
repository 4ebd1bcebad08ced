#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# list: the default table, exactly, and the same values ipcs -m shows; the
# output ends quietly in a closed pipe and fails on a full disk.

load common
load list-set

@test "the default table of the constructed set, exactly" {
	make_set
	run --separate-stderr shmtool list
	assert_success
	[ "$stderr" = "" ]
	assert_output "$(marked <<'END'
KEY          SHMID OWNER    PERMS      BYTES NATTCH STATUS|
0x00001234       0 root     644            1      0|
0x00000000       1 root     600         4096      1|
0x0000abcd       2 nobody   640      1572864      0|
0x00000000       3 root     600          512      1 dest|
0x7fffffff       4 root     666   1073741824      0 locked|
0x00000000       5 root     400        65536      1 dest,locked|
0x00000042       6 4242     0            100      0|
0x00000000 1234567 root     600            2      0|
END
)"
}

@test "the seven default fields are what ipcs -m prints" {
	make_set
	# ipcs: three title lines, then key shmid owner perms bytes nattch status...
	ipcs_rows=$(ipcs -m | awk 'NF >= 6 && $1 ~ /^0x/ {
		s = ""; for (i = 7; i <= NF; i++) s = s (s == "" ? "" : ",") $i
		print $1, $2, $3, $4, $5, $6 (s == "" ? "" : " " s) }')
	ours=$(shmtool list -r -n | sed 's/ -$//')
	[ "$(wc -l <<<"$ipcs_rows")" = 8 ]
	diff -u <(echo "$ipcs_rows") <(echo "$ours")
}

@test "an empty namespace prints the header alone, as ipcs does; -n and -e nothing" {
	run --separate-stderr shmtool list
	assert_success
	assert_output "KEY SHMID OWNER PERMS BYTES NATTCH STATUS"
	[ "$stderr" = "" ]
	run shmtool list -r
	assert_success
	assert_output "KEY SHMID OWNER PERMS BYTES NATTCH STATUS"
	run shmtool list -o SHMID,COMMAND,BYTES -H
	assert_success
	assert_output "SHMID COMMAND BYTES"
	run shmtool list -n
	assert_success
	assert_output ""
	run shmtool list -r -n
	assert_success
	assert_output ""
	run shmtool list -e
	assert_success
	assert_output ""
	run shmtool list --all-types
	assert_success
	assert_output "TYPE KEY SHMID NAME OWNER PERMS BYTES NATTCH STATUS"
	run shmtool list -J
	assert_success
	[ "$(python3 -c 'import json, sys; print(json.load(sys.stdin))' <<<"$output")" = "{'segments': []}" ]
	# a filter that keeps nothing is an empty table too
	mkseg 0x5 100 0600 >/dev/null
	run shmtool list --larger-than 1M
	assert_success
	assert_output "KEY SHMID OWNER PERMS BYTES NATTCH STATUS"
}

@test "an id with no name: its number in table, raw and export, null in JSON" {
	mkseg_at 0 0x42 100 0600 as_uid 4242
	run shmtool list -r -n -o OWNER,USER,CUSER,UID,CUID,GROUP,CGROUP,GID,CGID
	assert_success
	assert_output "4242 4242 4242 4242 4242 4242 4242 4242 4242"
	run shmtool list -n -o OWNER,USER,CUSER,GROUP,CGROUP
	assert_success
	assert_output --regexp '^4242 +4242 +4242 +4242 +4242$'
	run shmtool list -e -o OWNER,USER,CUSER,GROUP,CGROUP
	assert_success
	assert_output 'OWNER="4242" USER="4242" CUSER="4242" GROUP="4242" CGROUP="4242"'
	run shmtool list -J -o OWNER,USER,CUSER,GROUP,CGROUP,UID,CUID,GID,CGID
	assert_success
	python3 - "$output" <<'PY'
import json, sys
seg, = json.loads(sys.argv[1])["segments"]
assert seg == {"owner": None, "user": None, "cuser": None, "group": None, "cgroup": None,
               "uid": 4242, "cuid": 4242, "gid": 4242, "cgid": 4242}, seg
PY
	# a POSIX object follows the same rule
	as_uid 4242 "$SHM_HELPER" posix-create /nameless 10 0600
	run shmtool list --posix -J -o NAME,OWNER,GROUP,UID
	assert_success
	assert_output '{
	"segments":	[{
			"name":	"/nameless",
			"owner":	null,
			"group":	null,
			"uid":	4242
		}]
}'
	run shmtool list --posix -r -n -o NAME,OWNER,GROUP,UID
	assert_output "/nameless 4242 4242 4242"
}

@test "names of known users and groups" {
	mkseg_at 0 0x42 100 0600 as_nobody
	run shmtool list -r -n -o OWNER,USER,CUSER,UID,GROUP,CGROUP,GID
	assert_success
	assert_output "nobody nobody nobody 65534 nogroup nogroup 65534"
}

# More output than a pipe holds, so the writer is still writing when the
# reader goes: a fixture is cheaper than thousands of segments.
big_fixture() {
	awk 'BEGIN {
		print "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap"
		for (i = 0; i < 5000; i++)
			printf "%10d %10d %5o %21d %5d %5d %6d %5d %5d %5d %5d %10d %10d %10d %21d %21d\n", i + 1, i, 420, 4096, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1700000000, 0, 0
	}' >"$BATS_TEST_TMPDIR/big.shm"
	echo "$BATS_TEST_TMPDIR/big.shm"
}

@test "list | head -1 ends quietly in every output mode" {
	export SHMTOOL_PROC_SHM
	SHMTOOL_PROC_SHM=$(big_fixture)
	for mode in "" -r -e -J; do
		run --separate-stderr bash -c 'env --default-signal=PIPE "$SHMTOOL" list $1 | head -1' _ "$mode"
		assert_success
		[ "$stderr" = "" ]
		[ "${#lines[@]}" = 1 ]
	done
	mkseg 0x1234 100 0600
	unset SHMTOOL_PROC_SHM
	run --separate-stderr bash -c 'env --default-signal=PIPE "$SHMTOOL" list | head -1'
	assert_success
	[ "$stderr" = "" ]
	assert_output "KEY        SHMID OWNER PERMS BYTES NATTCH STATUS"
}

@test "list to a full disk is exit 1 with one error line" {
	mkseg 0x1234 100 0600
	for mode in "" -r -e -J; do
		run --separate-stderr bash -c '"$SHMTOOL" list $1 >/dev/full' _ "$mode"
		assert_failure 1
		[ "$stderr" = "shmtool: write error: No space left on device" ]
	done
	# and when the buffer fills while the list is still being written
	SHMTOOL_PROC_SHM=$(big_fixture) run --separate-stderr bash -c '"$SHMTOOL" list >/dev/full'
	assert_failure 1
	[ "$stderr" = "shmtool: write error: No space left on device" ]
}

@test "list with SIGPIPE ignored reports the broken pipe" {
	# SPEC: a closed pipe other than by SIGPIPE is a write error
	SHMTOOL_PROC_SHM=$(big_fixture) run --separate-stderr bash -c \
		'trap "" PIPE; "$SHMTOOL" list | head -1 >/dev/null; exit ${PIPESTATUS[0]}'
	assert_failure 1
	[ "$stderr" = "shmtool: write error: Broken pipe" ]
}

@test "a segment removed by another process leaves nothing behind" {
	# a removed, unattached segment is gone from the list at once
	id=$(mkseg 0x1234 100 0600)
	keep=$(mkseg 0x5678 100 0600)
	"$SHM_HELPER" rmid "$id"
	run shmtool list -r -n -o SHMID
	assert_success
	assert_output "$keep"
}
