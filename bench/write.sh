#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# write --file against a bare read() of the file into the mapping
# (shm-helper load: fread straight into the attached segment), same run.
# Target (issue 3): write --file at most 1.5x the bare read.
# SIZE_MB (256), RUNS (5), SHMTOOL, SHM_HELPER may be set.
. "$(dirname "$0")/common.sh"

bare_ns=$(best_ns "'$SHM_HELPER' load $ID '$work/bytes' >/dev/null")
file_ns=$(best_ns "'$SHMTOOL' write $ID --file '$work/bytes'")
"$SHM_HELPER" cat "$ID" | cmp - "$work/bytes" && same=identical || same=DIFFERENT
stdin_ns=$(best_ns "'$SHMTOOL' write $ID - <'$work/bytes'")
pipe_ns=$(best_ns "cat '$work/bytes' | '$SHMTOOL' write $ID -")
"$SHM_HELPER" cat "$ID" | cmp - "$work/bytes" && pipesame=identical || pipesame=DIFFERENT
fill_ns=$(best_ns "'$SHMTOOL' write $ID --fill 0 --length $SIZE")

printf '%-34s %10s %9s MB/s\n' "bare read() into the mapping" "$(ms "$bare_ns")" "$(mbs "$bare_ns")"
printf '%-34s %10s %9s MB/s  (%sx the bare read; segment %s)\n' "shmtool write --file" \
	"$(ms "$file_ns")" "$(mbs "$file_ns")" "$(ratio "$file_ns" "$bare_ns")" "$same"
printf '%-34s %10s %9s MB/s  (%sx)\n' "shmtool write - <FILE" "$(ms "$stdin_ns")" "$(mbs "$stdin_ns")" \
	"$(ratio "$stdin_ns" "$bare_ns")"
printf '%-34s %10s %9s MB/s  (%sx; segment %s)\n' "cat FILE | shmtool write -" "$(ms "$pipe_ns")" \
	"$(mbs "$pipe_ns")" "$(ratio "$pipe_ns" "$bare_ns")" "$pipesame"
printf '%-34s %10s %9s MB/s\n' "shmtool write --fill" "$(ms "$fill_ns")" "$(mbs "$fill_ns")"
[ "$same" = identical ] && [ "$pipesame" = identical ]
