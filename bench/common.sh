# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by bench/*.sh: a private IPC namespace and a tmpfs to work in, a
# 256 MiB segment of random bytes, and timers (best_ns here, the
# round-robin loop of rounds.sh).
# Timing: plain `date +%s%N` around each command, best of $RUNS runs, wall
# clock (the machine's other load shows in it: run on a quiet machine).

set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/rounds.sh"
SHMTOOL=${SHMTOOL:-$top/src/shmtool}
SHM_HELPER=${SHM_HELPER:-$top/tests/shm-helper}
SIZE_MB=${SIZE_MB:-256}
RUNS=${RUNS:-5}
SIZE=$((SIZE_MB << 20))

if [ "${BENCH_INSIDE:-}" != 1 ]; then
	[ "$(id -u)" = 0 ] || { echo "$0: needs root (unshare --ipc --mount)" >&2; exit 77; }
	[ -x "$SHMTOOL" ] && [ -x "$SHM_HELPER" ] || { echo "$0: build first (make check builds tests/shm-helper)" >&2; exit 1; }
	BENCH_INSIDE=1 exec unshare --ipc --mount --propagation private "$0" "$@"
fi

work=$(mktemp -d)
mount -t tmpfs -o size=$((SIZE_MB * 8 + 512))m bench "$work"
trap 'umount "$work"; rmdir "$work"' EXIT

head -c "$SIZE" /dev/urandom >"$work/bytes"
ID=$("$SHM_HELPER" create 0x62656e63 "$SIZE" 0600)
"$SHM_HELPER" load "$ID" "$work/bytes" >/dev/null

# best_ns CMD...: the fastest of $RUNS runs of sh -c CMD, in nanoseconds
best_ns() {
	local best=0 i t0 t1
	for i in $(seq 1 "$RUNS"); do
		t0=$(date +%s%N)
		sh -c "$1"
		t1=$(date +%s%N)
		if [ "$best" = 0 ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
	done
	echo "$best"
}

# mbs NS: MB/s (10^6 bytes) of the segment's size in NS nanoseconds
mbs() {
	awk -v b="$SIZE" -v ns="$1" 'BEGIN { printf "%.0f", b / (ns / 1e9) / 1e6 }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'
}

ms() {
	awk -v ns="$1" 'BEGIN { printf "%.0f ms", ns / 1e6 }'
}

echo "segment: $SIZE_MB MiB of random bytes, shmid $ID; best of $RUNS runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
