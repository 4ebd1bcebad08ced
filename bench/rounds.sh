# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by bench/common.sh and bench/list.sh: the one timing loop.
# bench/list.sh cannot source common.sh, which makes a 256 MiB segment.

# rounds RUNS: runs each command of the array cmds (through eval, output to
# /dev/null) RUNS times, round-robin, so that a burst of load from
# elsewhere hits every command alike. samples[i] gets the wall time of
# each run of cmds[i] in microseconds, as words.
# shellcheck disable=SC2154 # cmds is the caller's
rounds() {
	local runs=$1 r i t0 t1
	for ((i = 0; i < ${#cmds[@]}; i++)); do samples[i]=""; done
	for ((r = 0; r < runs; r++)); do
		for ((i = 0; i < ${#cmds[@]}; i++)); do
			t0=${EPOCHREALTIME//[!0-9]/}
			eval "${cmds[i]}" >/dev/null
			t1=${EPOCHREALTIME//[!0-9]/}
			samples[i]+=" $((10#$t1 - 10#$t0))"
		done
	done
}

# median_min NUMBER...: "MEDIAN MINIMUM" of the numbers
median_min() {
	printf '%s\n' "$@" | LC_ALL=C sort -n |
		LC_ALL=C awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], v[1] }'
}
