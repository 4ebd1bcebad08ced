#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Readers racing a writer: tests/race-churn creates and removes 2,000
# segments (and attaches to some) while list and info run 200 times. No
# run may fail, say anything on stderr or print broken JSON: a segment that
# goes away while it is listed is left out without a word. Each test counts
# the runs in which its race happened, and fails if there was none.

load common

: "${RACE_CHURN:=$BATS_TEST_DIRNAME/race-churn}"

file_setup() {
	export LC_ALL=C
	CHURN=
	PCHURN=
}

file_teardown() {
	local pid
	for pid in $CHURN $PCHURN; do
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
}

# race_run I ARGS...: run I, shmtool ARGS, checked by race_ok; a run that
# ended with one of the RACE_LINES adds one to $gone.
race_run() {
	local i=$1 rc=0
	shift
	timeout 20 "$SHMTOOL" "$@" >/dev/null 2>"$BATS_TEST_TMPDIR/err" || rc=$?
	race_ok "$rc" "$BATS_TEST_TMPDIR/err" "run $i, shmtool $*" || return 1
	[ "$rc" = 0 ] || gone=$((gone + 1))
}

# The shmids of the System V segments that exist now.
live_ids() { awk 'NR > 1 { print $2 }' /proc/sysvipc/shm; }
live_ids_any() { [ -n "$(live_ids)" ]; }

# removed_since BEFORE [OTHERS]: succeeds if a shmid listed in file BEFORE
# exists no more and is not listed in OTHERS: the writer removed it since
# BEFORE was taken, just before a run. A race test counts the runs where it
# did, and fails if none did: then the race never happened. (One awk a run,
# so the count costs the runs little.)
removed_since() {
	# 1: was there before, 2: in OTHERS, 4: is there now
	awk 'FILENAME == ARGV[1] { m[$1] += 1; next }
		FILENAME != "/proc/sysvipc/shm" { m[$1] += 2; next }
		FNR > 1 { m[$2] += 4 }
		END { for (id in m) if (m[id] == 1) exit 0; exit 1 }' \
		"$1" "${@:2}" /proc/sysvipc/shm
}

# start_churn HOLD_EVERY: tests/race-churn makes and removes 2,000
# segments, 64 alive at a time, in the background ($CHURN); returns once
# it is under way.
start_churn() {
	"$RACE_CHURN" 2000 64 "$1" >"$BATS_TEST_TMPDIR/churn.out" 2>"$BATS_TEST_TMPDIR/churn.err" &
	CHURN=$!
	wait_until "the writer is under way" live_ids_any
}

# stop_churn: asks the writer to stop and returns its exit status.
stop_churn() {
	local rc=0
	kill -USR1 "$CHURN"
	wait "$CHURN" || rc=$?
	CHURN=
	return "$rc"
}

# The readers, taken in turn.
READERS=(
	"list"
	"list -J"
	"list -o +RSS,SWAP"
	"info"
	"list -J --output-all"
	"info -J"
)

@test "list, list -J, list -o +RSS,SWAP and info while 2,000 segments come and go" {
	local dir=$BATS_TEST_TMPDIR runs=200 i args rc seen raced=0
	# the readers start once the writer is under way
	start_churn 10
	for i in $(seq 1 "$runs"); do
		args=${READERS[i % ${#READERS[@]}]}
		rc=0
		live_ids >"$dir/before"
		# shellcheck disable=SC2086
		timeout 20 "$SHMTOOL" $args >"$dir/out.$i" 2>"$dir/err.$i" || rc=$?
		if removed_since "$dir/before"; then raced=$((raced + 1)); fi
		if [ "$rc" != 0 ] || [ -s "$dir/err.$i" ]; then
			echo "run $i, shmtool $args: exit $rc, stderr:"
			cat "$dir/err.$i"
			return 1
		fi
		case $args in *-J*) echo "$dir/out.$i" >>"$dir/json" ;; esac
	done
	# the writer ran all along: it stops only when asked
	kill -0 "$CHURN"
	stop_churn || { echo "race-churn: exit $?"; cat "$dir/churn.err"; return 1; }
	[ "$(cat "$dir/churn.out")" -ge 2000 ]
	echo "# made $(cat "$dir/churn.out") segments during $runs runs; $raced runs saw some removed" >&3
	[ "$raced" -gt 0 ]
	[ ! -s "$dir/churn.err" ]
	python3 - "$dir/json" <<'PY'
import json, sys
paths = open(sys.argv[1]).read().split()
assert len(paths) >= 60, len(paths)
for p in paths:
    with open(p) as f:
        doc = json.load(f)
    if "segments" in doc:
        for s in doc["segments"]:
            assert isinstance(s["shmid"], int) and isinstance(s["bytes"], int), (p, s)
    else:
        assert isinstance(doc["usage"]["segments"], int), (p, doc)
PY
	# the lists saw the world move
	seen=$(for i in $(seq 1 "$runs"); do [ "${READERS[i % ${#READERS[@]}]}" = list ] && md5sum <"$dir/out.$i"; done | sort -u | wc -l)
	[ "$seen" -gt 1 ]
	# and the writer cleaned up behind itself
	[ "$(awk 'NR > 1' /proc/sysvipc/shm | wc -l)" = 0 ]
}

@test "rm --all racing the writer removes what it can and never fails on what went away" {
	local dir=$BATS_TEST_TMPDIR i rc raced=0
	start_churn 10
	for i in $(seq 1 20); do
		rc=0
		live_ids >"$dir/before"
		# -v names what rm removed: the rest of what went away, the writer did
		timeout 20 "$SHMTOOL" rm --all -v >"$dir/out" 2>"$dir/err" || rc=$?
		sed -n 's/^removed shmid \([0-9]*\) .*/\1/p' "$dir/out" >"$dir/removed"
		if removed_since "$dir/before" "$dir/removed"; then raced=$((raced + 1)); fi
		# a segment the writer attached is skipped with its reason, exit 0
		# (a child forked while its parent is attached holds it too)
		if [ "$rc" != 0 ] || grep -Ev ': skipped: [0-9]+ process(es)? attached; --force removes it anyway$' "$dir/err"; then
			echo "rm --all, run $i: exit $rc"
			cat "$dir/err"
			return 1
		fi
	done
	stop_churn || true
	echo "# in $raced of 20 runs the writer removed segments while rm ran" >&3
	[ "$raced" -gt 0 ]
}

# race_ok RC ERRFILE WHAT: the run ended with exit 0 and nothing on stderr,
# or with exit 1 and one line, one of the lines in $RACE_LINES (regexps);
# never a signal, a hang (timeout says 124) or a second line.
race_ok() {
	local rc=$1 err=$2 what=$3 re
	if [ "$rc" = 0 ] && [ ! -s "$err" ]; then
		return 0
	fi
	if [ "$rc" = 1 ] && [ "$(wc -l <"$err")" = 1 ]; then
		for re in "${RACE_LINES[@]}"; do
			grep -Eqx "$re" "$err" && return 0
		done
	fi
	echo "$what: exit $rc, stderr:"
	cat "$err"
	return 1
}

# race_runs PICK CASE...: 200 race_runs, run i with CASE number i modulo
# their count, in which @ stands for what `PICK i` prints (a run is left
# out where it prints nothing)
race_runs() {
	local pick=$1 i target args
	shift
	local -a cases=("$@")
	for i in $(seq 1 200); do
		target=$("$pick" "$i")
		[ -n "$target" ] || continue
		args=${cases[i % ${#cases[@]}]}
		# shellcheck disable=SC2086 # a case is words on purpose
		race_run "$i" ${args//@/$target}
	done
}

newest_id() { live_ids | tail -n 1; }

# the oldest object, about to go, in even runs; the newest, likely to stay,
# in odd ones
oldest_or_newest() {
	find /dev/shm -name 'r*' -printf '%f\n' 2>/dev/null | sort -V |
		if [ $(($1 % 2)) = 0 ]; then head -n 1; else tail -n 1; fi
}

@test "attach-dump and write of segments that vanish under them: exit 0 or 1 and one line" {
	local dir=$BATS_TEST_TMPDIR gone=0
	RACE_LINES=('shmtool: (attach-dump|write): shmid [0-9]+: no such segment')
	start_churn 5
	race_runs newest_id "dump @ --no-squeezing" "dump @ --format raw" \
		"dump @ --format string --offset 1" "write @ --fill 0x5a --length 4096" \
		"write @ --string racing --nul -J"
	stop_churn
	echo "# $gone of 200 runs found their segment gone" >&3
	[ "$gone" -gt 0 ]
}

@test "attach-dump and write of POSIX objects that vanish under them: exit 0 or 1 and one line" {
	local dir=$BATS_TEST_TMPDIR gone=0
	RACE_LINES=('shmtool: (attach-dump|write): /r[0-9]+: no such object')
	# objects made and unlinked without pause, eight alive at a time
	(
		n=0
		while [ ! -e "$dir/stop" ] && [ "$n" -lt 100000 ]; do
			"$SHM_HELPER" posix-create "/r$n" 8192 0600
			rm -f "/dev/shm/r$((n - 8))"
			n=$((n + 1))
		done
	) &
	PCHURN=$!
	race_runs oldest_or_newest "dump /@ --no-squeezing" "dump --posix @ --format raw" \
		"write /@ --fill 1 --length 8192" "write --posix @ --string racing -v"
	touch "$dir/stop"
	wait "$PCHURN"
	PCHURN=
	echo "# $gone of 200 runs found their object gone" >&3
	[ "$gone" -gt 0 ]
}

# mapped_or_ended PID TEXT: the command timeout PID runs has a mapping
# whose line holds TEXT (then $mapped is yes), or timeout has ended.
mapped_or_ended() {
	mapped=no
	if first_child "$1" && grep -qsF "$2" "/proc/$child/maps"; then
		mapped=yes
		return 0
	fi
	[ ! -e "/proc/$1" ] || [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" = Z ]
}

@test "a segment removed or an object unlinked during a long dump or write: the run completes" {
	local dir=$BATS_TEST_TMPDIR id rc raced=0 fifo
	id=$(mkseg 0x51 $((64 << 20)) 0600)
	"$SHM_HELPER" fill "$id" 7
	pmk /long $((64 << 20)) 0600
	for args in "dump $id --format raw" "dump $id --no-squeezing" "write $id --fill 1 --length 64M" \
		"dump /long --format raw" "write /long --fill 2 --length 64M"; do
		case $args in
		*--no-squeezing*)
			# the hex goes into a pipe no one reads yet: shmtool blocks
			# with the segment attached, so this run always races, loaded
			# machine or not; the others race when they are slow enough
			rm -f "$dir/fifo"
			mkfifo "$dir/fifo"
			timeout 20 "$SHMTOOL" $args >"$dir/fifo" 2>"$dir/err" &
			exec {fifo}<"$dir/fifo" ;;
		*) timeout 20 "$SHMTOOL" $args >"$dir/out" 2>"$dir/err" & ;;
		esac
		# removed once it is mapped: the race proved, not hoped for
		case $args in
		*/long*) wait_until "shmtool maps /long" mapped_or_ended $! /dev/shm/long
			rm -f /dev/shm/long ;;
		*) wait_until "shmtool attaches $id" mapped_or_ended $! /SYSV00000051
			"$SHM_HELPER" rmid "$id" ;;
		esac
		case $args in
		*--no-squeezing*) cat <&"$fifo" >/dev/null
			exec {fifo}<&- ;;
		esac
		rc=0
		wait $! || rc=$?
		# it was attached or mapped before the removal (exit 0), or it
		# came too late to find it (exit 1, no such segment or object)
		RACE_LINES=('shmtool: (attach-dump|write): (shmid [0-9]+: no such segment|/long: no such object)')
		race_ok "$rc" "$dir/err" "shmtool $args"
		# removed while mapped, it must complete
		if [ "$mapped" = yes ]; then
			raced=$((raced + 1))
			[ "$rc" = 0 ] || { echo "shmtool $args: removed while mapped, exit $rc"; return 1; }
		fi
		case $args in
		*"--format raw"*) [ "$rc" != 0 ] || [ "$(stat -c %s "$dir/out")" = $((64 << 20)) ] ;;
		esac
		case $args in
		*/long*) pmk /long $((64 << 20)) 0600 ;;
		*) id=$(mkseg 0x51 $((64 << 20)) 0600) ;;
		esac
	done
	echo "# $raced of 5 runs had it removed while mapped" >&3
	[ "$raced" -gt 0 ]
}

@test "a POSIX object shrunk during a dump or a write: exit 0 or 1 and one line, never SIGBUS" {
	local dir=$BATS_TEST_TMPDIR i args rc shrunk=0
	RACE_LINES=(
		'shmtool: attach-dump: /big: it shrank while it was dumped; the dump is incomplete'
		'shmtool: write: /big: it shrank while it was written; it may be partly written'
		'shmtool: write: /big: the input does not fit in the [0-9]+ bytes after offset 0; nothing written'
	)
	head -c $((32 << 20)) /dev/zero >"$dir/src"
	pmk /big $((32 << 20)) 0600
	for i in $(seq 1 24); do
		case $((i % 6)) in
		0) args="dump /big --no-squeezing --output-file $dir/out" ;;
		1) args="dump /big --format raw" ;;
		2) args="dump /big --format string" ;;
		3) args="write /big --fill 1 --length 32M" ;;
		4) args="write /big --file $dir/src" ;;
		5) args="write /big -" ;;
		esac
		truncate -s $((32 << 20)) /dev/shm/big
		"$SHM_HELPER" posix-fill /big 1
		# shellcheck disable=SC2086
		timeout 20 "$SHMTOOL" $args <"$dir/src" >/dev/null 2>"$dir/err" &
		# shrunk once it is mapped, while the bytes go through
		wait_until "shmtool maps /big" mapped_or_ended $! /dev/shm/big
		truncate -s 4096 /dev/shm/big
		rc=0
		wait $! || rc=$?
		race_ok "$rc" "$dir/err" "run $i, shmtool $args"
		[ "$rc" = 0 ] || shrunk=$((shrunk + 1))
		# a failed -o leaves no half file
		[ "$rc" = 0 ] || [ ! -e "$dir/out" ]
		rm -f "$dir/out"
	done
	echo "# $shrunk of 24 runs saw the object shrink" >&3
	[ "$shrunk" -gt 0 ]
}
