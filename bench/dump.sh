#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# attach-dump against hexdump -C, xxd and cat on the same bytes, runs
# interleaved round by round, medians. Targets (issues 3 and 14):
# - hex output identical to hexdump -C, at least 1300 MB/s;
# - raw into a pipe at most 0.6x the time of `cat FILE | cat` (tmpfs file);
# - a sparse segment (nothing written) dumps, raw and hex, with its RSS
#   staying 0, no slower than a segment of the same size fully written
#   (zeros: the same output), 10% allowed for noise.
# SIZE_MB (256), RUNS (7), SHMTOOL, SHM_HELPER may be set; SHMTOOL_OLD names
# another build to time beside this one (the one before splice, say);
# REF_MB (SIZE_MB) bounds the bytes hexdump -C and xxd are run on, once
# each (on a busy machine hexdump -C of 256 MiB takes minutes).
# The hex rate is also given per CPU second (user + system, median of
# RUNS): on a machine loaded past its CPUs the wall clock measures the
# queue, not the formatter.
RUNS=${RUNS:-7}
. "$(dirname "$0")/common.sh"

SP=$("$SHM_HELPER" create 0x62656e64 "$SIZE" 0600)
FULL=$("$SHM_HELPER" create 0x62656e65 "$SIZE" 0600)
"$SHMTOOL" write "$FULL" --fill 0 --length "$SIZE"
truncate -s "$SIZE" "$work/zeros"
rss() { awk -v id="$1" 'NR > 1 && $2 == id { print $15 }' /proc/sysvipc/shm; }

# hexdump -C is the reference: run once, output kept
REF=$((${REF_MB:-$SIZE_MB} << 20))
# ns on REF bytes scaled to SIZE, in floating point: ns * SIZE overflows
# bash's 64-bit arithmetic once a run takes half a minute
scaled() { awk -v ns="$1" -v s="$SIZE" -v r="$REF" 'BEGIN { printf "%.0f", ns * s / r }'; }
t0=$(date +%s%N)
hexdump -C -n "$REF" "$work/bytes" >"$work/ref"
hexdump_ns=$(scaled $(($(date +%s%N) - t0)))
t0=$(date +%s%N)
xxd -l "$REF" "$work/bytes" >/dev/null
xxd_ns=$(scaled $(($(date +%s%N) - t0)))
check_same() { # what, command producing it, file it must equal
	if eval "$2" | cmp -s - "$3"; then echo "identical"; else echo "DIFFERENT"; fi
}
same=$(check_same hex "'$SHMTOOL' dump $ID --length $REF" "$work/ref")
rawsame=$(check_same raw "'$SHMTOOL' dump --format raw $ID" "$work/bytes")
hexdump -C "$work/zeros" >"$work/zref"
spsame=$(check_same "sparse hex" "'$SHMTOOL' dump $SP" "$work/zref")
sprawsame=$(check_same "sparse raw" "'$SHMTOOL' dump --format raw $SP" "$work/zeros")

labels=(cat hex hex-v raw raw-o sparse-hex full-hex sparse-raw full-raw)
cmds=(
	"cat '$work/bytes' | cat"
	"'$SHMTOOL' dump $ID"
	"'$SHMTOOL' dump --no-squeezing $ID"
	"'$SHMTOOL' dump --format raw $ID | cat"
	"'$SHMTOOL' dump --format raw $ID --force --output-file '$work/out'"
	"'$SHMTOOL' dump $SP"
	"'$SHMTOOL' dump $FULL"
	"'$SHMTOOL' dump --format raw $SP | cat"
	"'$SHMTOOL' dump --format raw $FULL | cat"
)
if [ -n "${SHMTOOL_OLD:-}" ]; then
	labels+=(old-hex old-raw old-raw-o old-sparse-raw)
	cmds+=("'$SHMTOOL_OLD' dump $ID" "'$SHMTOOL_OLD' dump --format raw $ID | cat"
		"'$SHMTOOL_OLD' dump --format raw $ID --force --output-file '$work/out'"
		"'$SHMTOOL_OLD' dump --format raw $SP | cat")
fi

declare -A med # [label] = median, nanoseconds
declare -a samples
load0=$(cut -d' ' -f1-3 /proc/loadavg)
rounds "$RUNS"
load1=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 0; i < ${#cmds[@]}; i++)); do
	# shellcheck disable=SC2086 # the samples are words on purpose
	read -r m _ < <(median_min ${samples[i]})
	med[${labels[i]}]=$((m * 1000))
done
sprss=$(rss "$SP")
# hex per CPU second: user + system time of the process, median
cpu=$(for ((r = 0; r < RUNS; r++)); do
	/usr/bin/time -f '%U %S' "$SHMTOOL" dump "$ID" 2>&1 >/dev/null
done | awk '{ print ($1 + $2) * 1e9 }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')

echo "medians of $RUNS interleaved runs; load before: $load0, after: $load1"
row() { printf '%-36s %10s %9s MB/s  %s\n' "$1" "$(ms "$2")" "$(mbs "$2")" "${3:-}"; }
row "hexdump -C (one run, scaled)" "$hexdump_ns"
row "xxd (one run, scaled)" "$xxd_ns"
row "shmtool dump (hex)" "${med[hex]}" "($(ratio "${med[hex]}" "$xxd_ns")x xxd; output $same to hexdump -C)"
row "shmtool dump (hex), CPU time" "$cpu"
row "shmtool dump --no-squeezing (hex)" "${med[hex-v]}"
row "cat FILE | cat" "${med[cat]}"
row "shmtool dump --format raw | cat" "${med[raw]}" "($(ratio "${med[raw]}" "${med[cat]}")x cat; bytes $rawsame)"
row "shmtool dump --format raw --output-file FILE" "${med[raw-o]}"
row "sparse: dump (hex)" "${med[sparse-hex]}" "($(ratio "${med[sparse-hex]}" "${med[full-hex]}")x written; output $spsame)"
row "written zeros: dump (hex)" "${med[full-hex]}"
row "sparse: dump --format raw | cat" "${med[sparse-raw]}" "($(ratio "${med[sparse-raw]}" "${med[full-raw]}")x written; bytes $sprawsame)"
row "written zeros: dump --format raw | cat" "${med[full-raw]}"
if [ -n "${SHMTOOL_OLD:-}" ]; then
	row "old: dump (hex)" "${med[old-hex]}"
	row "old: dump --format raw | cat" "${med[old-raw]}" "($(ratio "${med[old-raw]}" "${med[cat]}")x cat)"
	row "old: dump --format raw --output-file FILE" "${med[old-raw-o]}"
	row "old: sparse raw | cat" "${med[old-sparse-raw]}"
fi
echo "sparse segment's RSS after every dump: $sprss bytes"

fail=0
target() { # description, condition
	if awk "BEGIN { exit !($2) }"; then echo "ok      $1"; else echo "MISSED  $1"; fail=1; fi
}
target "hex identical to hexdump -C, sparse too" "$([ "$same$spsame" = identicalidentical ] && echo 1 || echo 0)"
target "raw bytes identical, sparse too" "$([ "$rawsame$sprawsame" = identicalidentical ] && echo 1 || echo 0)"
target "hex at least 1300 MB/s ($(mbs "${med[hex]}") wall, $(mbs "$cpu") per CPU second)" \
	"$(mbs "${med[hex]}") >= 1300"
target "raw | cat at most 0.6x cat | cat ($(ratio "${med[raw]}" "${med[cat]}"))" "${med[raw]} <= 0.6 * ${med[cat]}"
target "sparse RSS stays 0 ($sprss)" "$sprss == 0"
target "sparse hex no slower than written (+10%)" "${med[sparse-hex]} <= 1.1 * ${med[full-hex]}"
target "sparse raw no slower than written (+10%)" "${med[sparse-raw]} <= 1.1 * ${med[full-raw]}"
exit $fail
