#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Times `shmtool list -A` over NS namespaces of PER segments each against one
# `shmtool list` of the same NS*PER segments in one namespace, and the cost
# of entering NS namespaces that hold nothing (the setns round trips and the
# scan of /proc). Target: list -A at most 2x the single list, plus the cost
# of the NS setns round trips.
#
#   bench/namespaces.sh            from the top of a built tree, as root
#   NS=50 PER=100 RUNS=7 bench/namespaces.sh
#
# list -A covers the whole host: the namespaces other programs keep are in
# every -A figure alike (the "host" line times them alone).
# Exit status: 0 the target met, 1 missed, 2 cannot run.
set -euo pipefail

NS=${NS:-50}
PER=${PER:-100}
RUNS=${RUNS:-7}
die() { echo "namespaces.sh: $*" >&2; exit 2; }

if [ -z "${SHMTOOL_BENCH_INNER:-}" ]; then
	[ "$(id -u)" = 0 ] || die "needs root (unshare --ipc, setns)"
	shmtool=$(realpath "${SHMTOOL:-./src/shmtool}")
	helper=$(realpath "${SHM_HELPER:-./tests/shm-helper}")
	[ -x "$shmtool" ] || die "$shmtool: not built (see the README), or set SHMTOOL"
	[ -x "$helper" ] || die "$helper: not built (make check builds it), or set SHM_HELPER"
	SHMTOOL_BENCH_INNER=1 SHMTOOL=$shmtool SHM_HELPER=$helper \
		exec unshare --ipc --mount --propagation private "$0" "$@"
fi

pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap cleanup EXIT

# n namespaces of per segments each, every one kept by a sleeping process.
make_namespaces() {
	local n=$1 per=$2 i ready
	ready=$(mktemp -d)
	for i in $(seq 1 "$n"); do
		unshare --ipc sh -c '"$1" many "$2" && : >"$3/$4" && exec sleep 3600' sh \
			"$SHM_HELPER" "$per" "$ready" "$i" &
		pids+=("$!")
	done
	for _ in $(seq 1 3000); do
		[ "$(find "$ready" -type f | wc -l)" -ge "$n" ] && break
		sleep 0.01
	done
	rm -rf "$ready"
}

stop_namespaces() {
	cleanup
	pids=()
}

# median_ms CMD: the median wall time of $RUNS runs, in milliseconds.
median_ms() {
	local i t0 t1
	for i in $(seq 1 "$RUNS"); do
		t0=$(date +%s%N)
		sh -c "$1" >/dev/null
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}

total=$((NS * PER))
echo "load before: $(cat /proc/loadavg)"

# one namespace (this one) with all the segments: shmmni is per namespace
sysctl -q -w kernel.shmmni=$((total + 100))
"$SHM_HELPER" many "$total"
single=$(median_ms "$SHMTOOL list -r")
single_p=$(median_ms "$SHMTOOL list -r -p")
ipcrm --all=shm

host=$(median_ms "$SHMTOOL list -A -r 2>/dev/null")
make_namespaces "$NS" 0
empty=$(median_ms "$SHMTOOL list -A -r 2>/dev/null")
stop_namespaces
make_namespaces "$NS" "$PER"
rows=$("$SHMTOOL" list -A -r -n -o IPCNS 2>/dev/null | wc -l)
all=$(median_ms "$SHMTOOL list -A -r 2>/dev/null")
all_p=$(median_ms "$SHMTOOL list -A -r -p 2>/dev/null")
stop_namespaces

setns=$(awk -v e="$empty" -v h="$host" 'BEGIN { printf "%.1f", e - h }')
target=$(awk -v s="$single" -v x="$setns" 'BEGIN { printf "%.1f", 2 * s + (x > 0 ? x : 0) }')
target_p=$(awk -v s="$single_p" -v x="$setns" 'BEGIN { printf "%.1f", 2 * s + (x > 0 ? x : 0) }')
cat <<EOF
$NS namespaces x $PER segments = $total; list -A saw $rows rows (the host's own included)
median of $RUNS runs, ms:
  list -r, $total segments in one namespace        $single
  list -r -p (PIDS: the maps of every process)      $single_p
  list -A -r, the host alone                       $host
  list -A -r, the host + $NS empty namespaces        $empty   (=> $NS setns round trips + scan: $setns ms)
  list -A -r, the host + $NS x $PER segments        $all   (target <= $target)
  list -A -r -p                                     $all_p   (target <= $target_p)
load after: $(cat /proc/loadavg)
EOF
awk -v a="$all" -v t="$target" -v ap="$all_p" -v tp="$target_p" \
	'BEGIN { exit !(a <= t && ap <= tp) }' || { echo "target missed"; exit 1; }
echo "target met"
