#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Readers racing a writer: tests/race-churn creates and removes 2,000
# segments (and attaches to some) while list and info run 200 times. No
# run may fail, say anything on stderr or print broken JSON: a segment that
# goes away while it is listed is left out without a word.

load common

: "${RACE_CHURN:=$BATS_TEST_DIRNAME/race-churn}"

file_setup() {
	export LC_ALL=C
	CHURN=
}

file_teardown() {
	if [ -n "$CHURN" ]; then
		kill -KILL "$CHURN" 2>/dev/null || true
		wait "$CHURN" 2>/dev/null || true
	fi
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
	local dir=$BATS_TEST_TMPDIR runs=200 i args rc seen
	"$RACE_CHURN" 2000 64 10 >"$dir/churn.out" 2>"$dir/churn.err" &
	CHURN=$!
	# the readers start once the writer is under way
	for i in $(seq 1 500); do
		[ "$(awk 'NR > 1' /proc/sysvipc/shm | wc -l)" -gt 0 ] && break
		sleep 0.01
	done
	for i in $(seq 1 "$runs"); do
		args=${READERS[i % ${#READERS[@]}]}
		rc=0
		# shellcheck disable=SC2086
		timeout 20 "$SHMTOOL" $args >"$dir/out.$i" 2>"$dir/err.$i" || rc=$?
		if [ "$rc" != 0 ] || [ -s "$dir/err.$i" ]; then
			echo "run $i, shmtool $args: exit $rc, stderr:"
			cat "$dir/err.$i"
			return 1
		fi
		case $args in *-J*) echo "$dir/out.$i" >>"$dir/json" ;; esac
	done
	# the writer ran all along: it stops only when asked
	kill -0 "$CHURN"
	kill -USR1 "$CHURN"
	rc=0
	wait "$CHURN" || rc=$?
	CHURN=
	[ "$rc" = 0 ] || { echo "race-churn: exit $rc"; cat "$dir/churn.err"; return 1; }
	[ "$(cat "$dir/churn.out")" -ge 2000 ]
	echo "# made $(cat "$dir/churn.out") segments during $runs runs" >&3
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
	local dir=$BATS_TEST_TMPDIR i rc
	"$RACE_CHURN" 2000 64 10 >"$dir/churn.out" 2>"$dir/churn.err" &
	CHURN=$!
	for i in $(seq 1 20); do
		rc=0
		timeout 20 "$SHMTOOL" rm --all >"$dir/out" 2>"$dir/err" || rc=$?
		# a segment the writer attached is skipped with its reason, exit 0
		# (a child forked while its parent is attached holds it too)
		if [ "$rc" != 0 ] || grep -Ev ': skipped: [0-9]+ process(es)? attached; --force removes it anyway$' "$dir/err"; then
			echo "rm --all, run $i: exit $rc"
			cat "$dir/err"
			return 1
		fi
	done
	kill -USR1 "$CHURN"
	wait "$CHURN" || true
	CHURN=
}
