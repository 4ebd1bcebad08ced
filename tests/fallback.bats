#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Where the list comes from: /proc/sysvipc/shm, or SHM_INFO + SHM_STAT_ANY
# when it cannot be read (SHMTOOL_PROC_SHM names another file); and the
# /proc reader on hostile files.

load common
load list-set

FIX=$BATS_TEST_DIRNAME/fixtures

file_setup() {
	export LC_ALL=C TZ=UTC
}

# Every column but RSS and SWAP, which shmctl cannot see.
SHMCTL_COLUMNS=KEY,SHMID,OWNER,PERMS,MODE,BYTES,NATTCH,STATUS,CPID,LPID,CUID,CUSER,CGID,CGROUP,UID,USER,GID,GROUP,ATIME,DTIME,CTIME

@test "fallback: the default table equals the one from /proc" {
	make_set
	SHMTOOL_PROC_SHM=/proc/sysvipc/shm run --separate-stderr shmtool list
	assert_success
	from_proc=$output
	SHMTOOL_PROC_SHM=/proc/shmtool-missing run --separate-stderr shmtool list
	assert_success
	[ "$stderr" = "" ]
	assert_output "$from_proc"
	[ "${#lines[@]}" = 9 ]
}

@test "fallback: every column equals /proc's, RSS and SWAP are unknown" {
	make_set
	for mode in -r -J; do
		SHMTOOL_PROC_SHM=/proc/sysvipc/shm run shmtool list $mode -o "$SHMCTL_COLUMNS" --time-format epoch
		assert_success
		from_proc=$output
		SHMTOOL_PROC_SHM=/proc/shmtool-missing run shmtool list $mode -o "$SHMCTL_COLUMNS" --time-format epoch
		assert_success
		assert_output "$from_proc"
	done
	SHMTOOL_PROC_SHM=/proc/shmtool-missing run shmtool list -r -n -o SHMID,RSS,SWAP -i 1 -i 4
	assert_output "1 - -
4 - -"
	SHMTOOL_PROC_SHM=/proc/shmtool-missing run shmtool list -J -o SHMID,RSS,SWAP -i 1
	python3 - "$output" <<'PY'
import json, sys
assert json.loads(sys.argv[1]) == {"segments": [{"shmid": 1, "rss": None, "swap": None}]}
PY
}

@test "fallback: filters, sort and the key lookup work the same" {
	make_set
	export SHMTOOL_PROC_SHM=/proc/shmtool-missing
	run shmtool list -r -n -o SHMID --attached --sort BYTES --reverse
	assert_success
	assert_output "$(printf '%s\n' 5 1 3)"
	run shmtool list -r -n -o SHMID -k 0xabcd -k 0x7fffffff
	assert_success
	assert_output "$(printf '%s\n' 2 4)"
	run --separate-stderr shmtool list -i 99
	assert_failure 1
	[ "$stderr" = "shmtool: list: shmid 99: no such segment" ]
}

@test "fallback as an unprivileged user sees what /proc shows" {
	make_set
	# segment 5 is root's with mode 0400: IPC_STAT would refuse nobody
	run as_nobody env SHMTOOL_PROC_SHM=/proc/sysvipc/shm "$SHMTOOL" list
	assert_success
	from_proc=$output
	run as_nobody env SHMTOOL_PROC_SHM=/proc/shmtool-missing "$SHMTOOL" list
	assert_success
	assert_output "$from_proc"
	[ "${#lines[@]}" = 9 ]
}

@test "a SHMTOOL_PROC_SHM that exists but cannot be used is an error, not a fallback" {
	make_set
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	head -c 70000000 /dev/zero | tr '\0' ' ' >"$BATS_TEST_TMPDIR/huge"
	while read -r f why; do
		SHMTOOL_PROC_SHM=$f run --separate-stderr timeout 10 "$SHMTOOL" list -r
		assert_failure 1
		[ "$output" = "" ]
		[ "$stderr" = "shmtool: list: cannot read the segment list: $why" ]
	done <<EOF_CASES
$BATS_TEST_TMPDIR Is a directory
$FIX/empty.shm Bad message
$FIX/no-shmid.shm Bad message
/dev/zero Invalid argument
$BATS_TEST_TMPDIR/fifo Invalid argument
$BATS_TEST_TMPDIR/huge File too large
EOF_CASES
}

@test "fallback in an empty namespace lists nothing" {
	SHMTOOL_PROC_SHM=/proc/shmtool-missing run --separate-stderr shmtool list -J
	assert_success
	python3 - "$output" <<'PY'
import json, sys
assert json.loads(sys.argv[1]) == {"segments": []}
PY
}

@test "an empty SHMTOOL_PROC_SHM means /proc/sysvipc/shm" {
	make_set
	expected=$(shmtool list --output-all)
	SHMTOOL_PROC_SHM= run shmtool list --output-all
	assert_output "$expected"
	# and RSS is known, unlike the fallback
	run shmtool list -r -n -o RSS -i 1
	assert_output "0"
}

@test "a kernel's file read from elsewhere" {
	SHMTOOL_PROC_SHM=$FIX/kernel.shm run --separate-stderr shmtool list
	assert_success
	[ "$stderr" = "" ]
	expected=$(marked <<'END'
KEY        SHMID OWNER    PERMS  BYTES NATTCH STATUS|
0x00001234     0 root     644        1      0|
0x00000000     1 root     600     4096      1 dest|
0xffffffff     2 nobody   400    65536      1 dest,locked|
END
)
	assert_output "$expected"
	SHMTOOL_PROC_SHM=$FIX/kernel.shm run shmtool list -r -n --time-format epoch \
		-o SHMID,CPID,LPID,UID,GID,ATIME,DTIME,CTIME,RSS,SWAP
	assert_output "0 1200 0 0 0 - - 1700000000 0 0
1 1201 1300 0 0 1700000100 - 1700000200 4096 0
2 1202 1301 65534 65534 1700000100 1700000300 1700000400 0 65536"
}

@test "a header in another order" {
	SHMTOOL_PROC_SHM=$FIX/reordered.shm run --separate-stderr shmtool list
	assert_success
	[ "$stderr" = "" ]
	assert_output "$(SHMTOOL_PROC_SHM=$FIX/kernel.shm shmtool list)"
	SHMTOOL_PROC_SHM=$FIX/reordered.shm run shmtool list -r -o SHMID,CPID,RSS
	assert_output "SHMID CPID RSS
0 - -
1 - -
2 - -"
}

@test "columns this version does not know are ignored" {
	SHMTOOL_PROC_SHM=$FIX/extra-columns.shm run --separate-stderr shmtool list --output-all
	assert_success
	[ "$stderr" = "" ]
	assert_output "$(SHMTOOL_PROC_SHM=$FIX/kernel.shm shmtool list --output-all)"
}

@test "missing optional columns print empty, and null in JSON" {
	SHMTOOL_PROC_SHM=$FIX/minimal.shm run --separate-stderr shmtool list
	assert_success
	[ "$stderr" = "" ]
	assert_output "$(marked <<'END'
KEY        SHMID OWNER PERMS  BYTES NATTCH STATUS|
0x00001234     0       644        1|
0x00000000     1       600     4096        dest|
0xffffffff     2       400    65536        dest,locked|
END
)"
	SHMTOOL_PROC_SHM=$FIX/minimal.shm run shmtool list -J
	python3 - "$output" <<'PY'
import json, sys
segs = json.loads(sys.argv[1])["segments"]
assert [s["owner"] for s in segs] == [None] * 3, segs
assert [s["nattch"] for s in segs] == [None] * 3, segs
assert [s["status"] for s in segs] == [[], ["dest"]   , ["dest", "locked"]], segs
PY
	# a filter on an unknown value matches nothing
	SHMTOOL_PROC_SHM=$FIX/minimal.shm run shmtool list -r -n -o SHMID --unattached
	assert_success
	assert_output ""
}

@test "malformed lines are skipped with one warning, exit 1" {
	SHMTOOL_PROC_SHM=$FIX/malformed.shm run --separate-stderr shmtool list
	assert_failure 1
	[ "$stderr" = "shmtool: list: $FIX/malformed.shm: skipped 5 malformed lines" ]
	assert_output "$(SHMTOOL_PROC_SHM=$FIX/kernel.shm shmtool list)"
	SHMTOOL_PROC_SHM=$FIX/malformed.shm run --separate-stderr shmtool list -J -o SHMID
	assert_failure 1
	[ "$stderr" = "shmtool: list: $FIX/malformed.shm: skipped 5 malformed lines" ]
	python3 - "$output" <<'PY'
import json, sys
assert json.loads(sys.argv[1]) == {"segments": [{"shmid": 0}, {"shmid": 1}, {"shmid": 2}]}
PY
	SHMTOOL_PROC_SHM=$FIX/one-malformed.shm run --separate-stderr shmtool list -r -n -o SHMID
	assert_failure 1
	[ "$stderr" = "shmtool: list: $FIX/one-malformed.shm: skipped 1 malformed line" ]
	assert_output "0"
}

@test "rm --all reads /proc as list does: a malformed line is a warning and exit 1" {
	# rm's own copy of the collection skipped malformed lines without a word
	SHMTOOL_PROC_SHM=$FIX/one-malformed.shm run --separate-stderr shmtool rm --all --dry-run
	assert_failure 1
	[ "$stderr" = "shmtool: rm: $FIX/one-malformed.shm: skipped 1 malformed line" ]
	assert_output "would remove shmid 0 (key 0x00001234)"
}

@test "a last line without a newline, and a header alone" {
	SHMTOOL_PROC_SHM=$FIX/no-final-newline.shm run --separate-stderr shmtool list -r -n -o SHMID,BYTES
	assert_success
	[ "$stderr" = "" ]
	assert_output "0 1
1 4096"
	SHMTOOL_PROC_SHM=$FIX/header-only.shm run --separate-stderr shmtool list -J
	assert_success
	[ "$stderr" = "" ]
	python3 - "$output" <<'PY'
import json, sys
assert json.loads(sys.argv[1]) == {"segments": []}
PY
}

@test "a file of random bytes does not crash the reader" {
	for seed in 1 2 3 4 5; do
		{ echo "key shmid perms size nattch uid"; head -c 20000 /dev/urandom; } >"$BATS_TEST_TMPDIR/junk"
		SHMTOOL_PROC_SHM=$BATS_TEST_TMPDIR/junk run --separate-stderr shmtool list -J
		[ "$status" -le 1 ] || { echo "exit $status: $stderr"; return 1; }
		python3 -c 'import json, sys; json.loads(sys.argv[1])' "$output"
	done
}
