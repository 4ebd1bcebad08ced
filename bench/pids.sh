#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The cost of `list -p`: with N processes each holding a segment, list -p
# should take at most 1.3 times `list` plus `cat /proc/[0-9]*/maps` (the
# floor of any scan of the mappings). Runs in a private IPC namespace as
# root. Usage: bench/pids.sh [N] [ROUNDS]   (after `make check` built
# tests/shm-helper; SHMTOOL and SHM_HELPER name other binaries).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
ROUNDS=${2:-30}
SHMTOOL=${SHMTOOL:-$PWD/src/shmtool}
SHM_HELPER=${SHM_HELPER:-$PWD/tests/shm-helper}
export SHMTOOL SHM_HELPER

if [ "${PIDS_BENCH_INNER:-}" != 1 ]; then
	[ "$(id -u)" = 0 ] || { echo "pids.sh: needs root for a private IPC namespace" >&2; exit 77; }
	[ -x "$SHM_HELPER" ] || { echo "pids.sh: build $SHM_HELPER first (make check)" >&2; exit 1; }
	PIDS_BENCH_INNER=1 exec unshare --ipc -- "$0" "$N" "$ROUNDS"
fi

holders=()
cleanup() {
	kill "${holders[@]}" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap cleanup EXIT

for i in $(seq 1 "$N"); do
	id=$("$SHM_HELPER" create "$((0x10000 + i))" 4096 0600)
	"$SHM_HELPER" hold "$id" &
	holders+=("$!")
done
# until every holder is attached
while [ "$(awk 'NR > 1 && $7 == 1' /proc/sysvipc/shm | wc -l)" -lt "$N" ]; do
	sleep 0.05
done

# microseconds of one run of "$@"
t() {
	local s=$EPOCHREALTIME e
	"$@" >/dev/null
	e=$EPOCHREALTIME
	echo $(( (${e/./} - ${s/./}) ))
}
# processes that end meanwhile or hide their maps are not an error here
cat_maps() { cat /proc/[0-9]*/maps 2>/dev/null || true; }

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: >/tmp/pids-bench.$$.list; : >/tmp/pids-bench.$$.listp; : >/tmp/pids-bench.$$.cat
for r in $(seq 1 "$ROUNDS"); do
	t "$SHMTOOL" list >>/tmp/pids-bench.$$.list
	t "$SHMTOOL" list -p >>/tmp/pids-bench.$$.listp
	t cat_maps >>/tmp/pids-bench.$$.cat
done
list=$(median </tmp/pids-bench.$$.list)
listp=$(median </tmp/pids-bench.$$.listp)
cm=$(median </tmp/pids-bench.$$.cat)
rm -f /tmp/pids-bench.$$.*
procs=$(ls -d /proc/[0-9]* | wc -l)
# check the output while we are here: every holder is found
found=$("$SHMTOOL" list -n -r -o PIDS | grep -c '(shm-helper)$' || true)

awk -v n="$N" -v p="$procs" -v l="$list" -v lp="$listp" -v c="$cm" -v f="$found" 'BEGIN {
	floor = l + c
	printf "%d segments, %d holders, %d processes; medians of the rounds\n", n, n, p
	printf "  list                      %8.2f ms\n", l / 1000
	printf "  cat /proc/[0-9]*/maps     %8.2f ms  (%.1f us a process)\n", c / 1000, c / p
	printf "  list -p                   %8.2f ms  (%.1f us a process)\n", lp / 1000, (lp - l) / p
	printf "  list -p / (list + cat)    %8.2f     (target <= 1.30)\n", lp / floor
	printf "  segments with their holder found: %d of %d\n", f, n
	exit !(lp / floor <= 1.3 && f == n)
}'
