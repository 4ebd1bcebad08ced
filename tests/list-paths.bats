#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The two paths of `list`: IPC_INFO + SHM_STAT_ANY when no requested column
# needs /proc/sysvipc/shm, /proc when RSS or SWAP is shown, sorted on or
# exported (OpenMetrics). Both print the same bytes; strace tells which
# path ran; a segment removed during the shmctl loop is left out; holes in
# the id space cost one call per index, no more.

load common
load list-set

file_setup() {
	export LC_ALL=C TZ=UTC
	# these tests run shmtool under strace, where LeakSanitizer cannot run
	export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	REMOVER=
}

file_teardown() {
	if [ -n "$REMOVER" ]; then
		kill "$REMOVER" 2>/dev/null || true
		wait "$REMOVER" 2>/dev/null || true
	fi
}

need_strace() {
	command -v strace >/dev/null || skip "strace is not installed"
}

# make_set, and more owners and times: a uid and gid with no passwd or group
# entry, owners other than the creator, a segment attached and detached
# again (atime and dtime), and private segments.
make_paths_set() {
	local id holder
	make_set
	getent passwd 4244 >/dev/null && skip "uid 4244 has a passwd entry"
	getent group 5555 >/dev/null && skip "gid 5555 has a group entry"
	setpriv --reuid=4244 --regid=5555 --clear-groups "$SHM_HELPER" create 0x51 4096 0660 >/dev/null
	id=$(mkseg 0x52 8192 0600)
	"$SHM_HELPER" chown "$id" 4245 5556
	id=$(mkseg 0x53 10 0604)
	"$SHM_HELPER" chown "$id" 65534 65534
	id=$(mkseg 0x54 100 0600)
	hold "$id"
	holder=${SHM_HOLDERS[-1]}
	sleep 1.1 # a dtime that differs from the atime
	kill "$holder"
	wait "$holder" 2>/dev/null || true
	wait_nattch "$id" 0
	"$SHM_HELPER" many 20
}

# both ARGS...: runs shmtool list ARGS by both paths (SHMTOOL_PROC_SHM
# naming /proc/sysvipc/shm forces the /proc one) and fails unless the
# outputs, stderr and exit statuses are the same.
both() {
	local d=$BATS_TEST_TMPDIR rc1=0 rc2=0
	"$SHMTOOL" list "$@" >"$d/fast" 2>"$d/fast.err" || rc1=$?
	SHMTOOL_PROC_SHM=/proc/sysvipc/shm "$SHMTOOL" list "$@" >"$d/proc" 2>"$d/proc.err" || rc2=$?
	if [ "$rc1" != "$rc2" ] || ! cmp -s "$d/fast" "$d/proc" || ! cmp -s "$d/fast.err" "$d/proc.err"; then
		echo "list $*: shmctl exit $rc1, /proc exit $rc2"
		diff "$d/proc" "$d/fast" || true
		diff "$d/proc.err" "$d/fast.err" || true
		return 1
	fi
}

# Every column but RSS and SWAP.
shmctl_columns() {
	"$SHMTOOL" list --list-columns | awk '$1 != "RSS" && $1 != "SWAP" { print $1 }' | paste -sd,
}

@test "paths: the table, -r, -e and -J are the same bytes from shmctl and from /proc" {
	make_paths_set
	local cols n
	cols=$(shmctl_columns)
	n=$(($(awk 'NR > 1' /proc/sysvipc/shm | wc -l)))
	[ "$n" = 32 ]
	for mode in "" -r -e -J "--format=table" -n -H --notruncate; do
		# shellcheck disable=SC2086
		both $mode
		# shellcheck disable=SC2086
		both $mode -o "$cols"
		for tf in short full iso epoch; do
			# shellcheck disable=SC2086
			both $mode -o "$cols" --time-format $tf
		done
	done
	# the comparison saw every segment
	run shmtool list -r -n -o "$cols"
	[ "${#lines[@]}" = "$n" ]
	run shmtool list -r -n -o UID,USER,GID,GROUP,CUID,CGID -k 0x51
	assert_output "4244 4244 5555 5555 4244 5555"
	run shmtool list -r -n -o UID,USER,GID,GROUP,CUID,CGID -k 0x52
	assert_output "4245 4245 5556 5556 0 0"
	run shmtool list -r -n --time-format epoch -o ATIME,DTIME -k 0x54
	[[ $output =~ ^([0-9]+)\ ([0-9]+)$ ]]
	[ "${BASH_REMATCH[2]}" -gt "${BASH_REMATCH[1]}" ]
}

@test "paths: every sort, reversed or not, and the filters agree" {
	make_paths_set
	local cols c
	cols=$(shmctl_columns)
	for c in ${cols//,/ }; do
		both -r -o "$cols" --sort "$c"
		both -J -o "$cols" --sort "$c" --reverse
	done
	both --reverse
	both -r --attached
	both -r --unattached
	both -r --dest
	both -r --locked
	both -e --larger-than 4096
	both -r -u 4244
	both -r -u nobody
	both -r -k 0x52 -i 1 -i 4
	both -J --orphans
	both -r -a
	both -r -i 99
}

# path_of ARGS...: "proc" when shmtool list ARGS opened /proc/sysvipc/shm
# and made no SHM_STAT_ANY call, "shmctl" when it did the reverse after
# IPC_INFO, "both" or "neither" otherwise.
path_of() {
	local t=$BATS_TEST_TMPDIR/trace proc=0 stat=0
	strace -f -qq -o "$t" -e trace=openat,shmctl "$SHMTOOL" "$@" >/dev/null 2>&1 || true
	grep -q 'openat(.*"/proc/sysvipc/shm"' "$t" && proc=1
	grep -q 'IPC_INFO' "$t" && grep -q 'SHM_STAT_ANY' "$t" && stat=1
	case $proc$stat in
	10) echo proc ;;
	01) echo shmctl ;;
	11) echo both ;;
	*) echo neither ;;
	esac
}

@test "paths: shmctl unless RSS or SWAP is shown, sorted on or exported" {
	need_strace
	make_set
	local a
	for a in "" "-r" "-e" "-J" "-o KEY,SHMID,CTIME" "--sort bytes" "-p" "-a" \
		"--attached -u root" "-o +COMMAND,ORIGKEY"; do
		# shellcheck disable=SC2086
		run path_of list $a
		assert_output shmctl
	done
	for a in "-o +RSS" "-o SWAP" "-r -o SHMID --sort rss" "-J --sort swap" \
		"--output-all" "--format openmetrics" "-a -o +RSS"; do
		# shellcheck disable=SC2086
		run path_of list $a
		assert_output proc
	done
	run path_of rm --all --dry-run
	assert_output shmctl
}

@test "paths: SHMTOOL_PROC_SHM naming a file forces it; a missing one, the fallback" {
	need_strace
	make_set
	run path_of list
	assert_output shmctl
	SHMTOOL_PROC_SHM=/proc/sysvipc/shm run path_of list
	assert_output proc
	SHMTOOL_PROC_SHM=$BATS_TEST_DIRNAME/fixtures/kernel.shm run path_of list -J
	assert_output neither
	SHMTOOL_PROC_SHM=$BATS_TEST_DIRNAME/fixtures/kernel.shm run shmtool list -r -n -o SHMID
	assert_output "$(printf '%s\n' 0 1 2)"
	SHMTOOL_PROC_SHM=/proc/shmtool-missing run path_of list
	assert_output shmctl
	SHMTOOL_PROC_SHM=/proc/shmtool-missing run shmtool list -r -n -o SHMID
	assert_output "$(printf '%s\n' 0 1 2 3 4 5 6 1234567)"
}

# race_list M DELAY_US MIN_THREADS: M segments, removed one by one from the
# highest index down while list, slowed by DELAY_US after each shmctl, goes
# up; retried until segments went away during the loop. The rows must be
# exactly what the loop found, once each, in index order; a try counts when
# the calls came from at least MIN_THREADS threads.
race_list() {
	local m=$1 delay=$2 min_threads=$3 d=$BATS_TEST_TMPDIR try used found removed threads
	for try in 1 2 3 4 5; do
		"$SHM_HELPER" many "$m"
		(for id in $(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm | tac); do
			ipcrm -m "$id" 2>/dev/null || true
		done) &
		REMOVER=$!
		while [ "$(awk 'NR > 1' /proc/sysvipc/shm | wc -l)" -ge "$m" ]; do sleep 0.005; done
		rc=0
		rm -f "$d"/trace.*
		# -ff: a file per thread, so no call is split across lines
		strace -ff -qq -o "$d/trace" -e trace=shmctl -e inject=shmctl:delay_exit="$delay" \
			"$SHMTOOL" list -r -n -o SHMID >"$d/out" 2>"$d/err" || rc=$?
		wait "$REMOVER"
		REMOVER=
		[ "$rc" = 0 ] && [ ! -s "$d/err" ] || { echo "exit $rc"; cat "$d/err"; return 1; }
		# the segments fill indexes 0..M-1 and go from the top down, so
		# those that existed when the loop began are indexes 0..H, H being
		# what IPC_INFO returned then; nothing creates any meanwhile, so
		# every one the loop did not find was removed during it
		used=$(($(cat "$d"/trace.* | grep -m1 'IPC_INFO' | sed 's/.*= \([0-9]*\).*/\1/') + 1))
		cat "$d"/trace.* | grep 'SHM_STAT_ANY.*= [0-9]' | sed 's/.*= \([0-9]*\).*/\1/' |
			sort -n >"$d/found"
		found=$(wc -l <"$d/found")
		removed=$((used - found))
		# the rows are exactly the ids the loop found, once each, in index order
		sort -n "$d/out" | diff "$d/found" - >"$d/diff" || { head -20 "$d/diff"; return 1; }
		[ "$(sort -u "$d/out" | wc -l)" = "$found" ]
		awk '{ i = $1 % 32768; if (NR > 1 && i <= last) exit 1; last = i }' "$d/out"
		threads=$(grep -l SHM_STAT_ANY "$d"/trace.* | wc -l)
		echo "# try $try: $used segments when the loop began, $found listed, $removed removed during it, $threads thread(s)" >&3
		if [ "$removed" -gt 0 ] && [ "$found" -gt 0 ] && [ "$threads" -ge "$min_threads" ]; then
			return 0
		fi
		ipcrm --all=shm
	done
	echo "no segment went away during the loop on $min_threads thread(s) in 5 tries"
	return 1
}

@test "paths: a segment removed during the shmctl loop is left out" {
	need_strace
	race_list 300 1000 1
}

@test "paths: holes in the id space cost one shmctl per index up to the highest" {
	need_strace
	[ -w /proc/sys/kernel/shm_next_id ] ||
		skip "the kernel has no kernel.shm_next_id (CONFIG_CHECKPOINT_RESTORE)"
	local t=$BATS_TEST_TMPDIR/trace calls
	# 2000 segments at indexes 0..1999, all but every 100th removed: holes
	# everywhere
	"$SHM_HELPER" many 2000
	awk 'NR > 1 && ($2 % 32768) % 100 != 0 { print "-m", $2 }' /proc/sysvipc/shm | xargs -n 2000 ipcrm
	# and one at index 30000
	mkseg_at 30000 0x3000 1 0600
	run shmtool list -r -n -o SHMID
	assert_output "$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)"
	run shmtool list -r -n -o SHMID
	[ "${#lines[@]}" = 21 ]
	[ "$(awk 'NR > 1 { print $2 % 32768 }' /proc/sysvipc/shm | paste -sd' ')" = \
		"0 100 200 300 400 500 600 700 800 900 1000 1100 1200 1300 1400 1500 1600 1700 1800 1900 30000" ]
	strace -f -qq -c -o "$t" -e trace=shmctl "$SHMTOOL" list >/dev/null
	calls=$(awk '$NF == "shmctl" { print $4 }' "$t")
	# IPC_INFO, and one call for each index 0..30000
	[ "$calls" = 30002 ] || { cat "$t"; return 1; }
	# with the last one gone, the loop stops at index 1900
	ipcrm -m 30000
	strace -f -qq -c -o "$t" -e trace=shmctl "$SHMTOOL" list >/dev/null
	calls=$(awk '$NF == "shmctl" { print $4 }' "$t")
	[ "$calls" = 1902 ] || { cat "$t"; return 1; }
}
