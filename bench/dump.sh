#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# attach-dump against hexdump -C and xxd on the same bytes, in the same run.
# Targets (issue 3): hex at least 500 MB/s with output identical to
# hexdump -C; raw into a pipe at least 1.5 GB/s.
# SIZE_MB (256), RUNS (5), SHMTOOL, SHM_HELPER may be set.
. "$(dirname "$0")/common.sh"

# hexdump -C is the reference: run once (it takes minutes), output kept
t0=$(date +%s%N)
hexdump -C "$work/bytes" >"$work/ref"
hexdump_ns=$(($(date +%s%N) - t0))
xxd_ns=$(best_ns "xxd '$work/bytes' >/dev/null")
hex_ns=$(best_ns "'$SHMTOOL' dump $ID >/dev/null")
"$SHMTOOL" dump "$ID" | cmp - "$work/ref" && same=identical || same=DIFFERENT
hexv_ns=$(best_ns "'$SHMTOOL' dump --no-squeezing $ID >/dev/null")

# raw into a pipe, read by cat; the anchor is cat of the same bytes from a
# tmpfs file into the same kind of pipe
cat_ns=$(best_ns "cat '$work/bytes' | cat >/dev/null")
raw_ns=$(best_ns "'$SHMTOOL' dump --format raw $ID | cat >/dev/null")
"$SHMTOOL" dump --format raw "$ID" | cmp - "$work/bytes" && rawsame=identical || rawsame=DIFFERENT

printf '%-34s %10s %9s MB/s\n' "hexdump -C" "$(ms "$hexdump_ns")" "$(mbs "$hexdump_ns")"
printf '%-34s %10s %9s MB/s\n' "xxd" "$(ms "$xxd_ns")" "$(mbs "$xxd_ns")"
printf '%-34s %10s %9s MB/s  (%sx xxd time, %sx hexdump time; output %s to hexdump -C)\n' \
	"shmtool dump (hex)" "$(ms "$hex_ns")" "$(mbs "$hex_ns")" \
	"$(ratio "$hex_ns" "$xxd_ns")" "$(ratio "$hex_ns" "$hexdump_ns")" "$same"
printf '%-34s %10s %9s MB/s\n' "shmtool dump --no-squeezing (hex)" "$(ms "$hexv_ns")" "$(mbs "$hexv_ns")"
printf '%-34s %10s %9s MB/s\n' "cat FILE | cat" "$(ms "$cat_ns")" "$(mbs "$cat_ns")"
printf '%-34s %10s %9s MB/s  (%sx cat time; bytes %s)\n' \
	"shmtool dump --format raw | cat" "$(ms "$raw_ns")" "$(mbs "$raw_ns")" \
	"$(ratio "$raw_ns" "$cat_ns")" "$rawsame"
[ "$same" = identical ] && [ "$rawsame" = identical ]
