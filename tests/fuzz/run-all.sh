#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs every fuzz target built by `make fuzz` for FUZZ_SECONDS (30) each,
# from its seed corpus in tests/fuzz/corpus/TARGET. New inputs go to a
# scratch directory, never into the source tree. Exits 1 on any finding
# (crash, failed invariant, sanitizer report, leak, timeout) and leaves
# the input that caused it in FUZZ_ARTIFACTS (default: a scratch dir).
#
#   tests/fuzz/run-all.sh [BUILDDIR]      BUILDDIR defaults to .
#   FUZZ_ONLY="size key" tests/fuzz/run-all.sh   only these targets
set -u

builddir=${1:-.}
srcdir=$(cd "$(dirname "$0")" && pwd)
seconds=${FUZZ_SECONDS:-30}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/shmtool-fuzz.XXXXXX") || exit 1
artifacts=${FUZZ_ARTIFACTS:-$scratch/artifacts}
mkdir -p "$artifacts" || exit 1
status=0

for name in ${FUZZ_ONLY:-procshm size key mode columns hexdump escape container}; do
	target=fuzz-$name
	bin=$builddir/tests/fuzz/$target
	if [ ! -x "$bin" ]; then
		if [ "$name" = hexdump ] && [ ! -f "$srcdir/../../lib/hexdump.h" ]; then
			echo "$target: skipped: no lib/hexdump.h"
			continue
		fi
		echo "$target: not built: run 'make fuzz' in $builddir" >&2
		status=1
		continue
	fi
	mkdir -p "$scratch/$target"
	log=$scratch/$target.log
	set -- -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$artifacts/$target-"
	[ -f "$srcdir/$target.dict" ] && set -- "$@" -dict="$srcdir/$target.dict"
	"$bin" "$@" "$scratch/$target" "$srcdir/corpus/$target" >"$log" 2>&1
	rc=$?
	# a line of /proc as long as the kernel may print: too big for the corpus
	if [ $rc -eq 0 ] && [ "$name" = procshm ]; then
		long=$scratch/megabyte-line
		{
			head -n 1 "$srcdir/corpus/$target/real-four"
			head -c 1048576 /dev/zero | tr '\0' 7
			printf '\n'
		} >"$long"
		"$bin" "$long" >>"$log" 2>&1
		rc=$?
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	if [ $rc -ne 0 ]; then
		echo "$target: FAILED (exit $rc); the input is in $artifacts:" >&2
		grep -E 'invariant failed|ERROR: |SUMMARY: |Test unit written' "$log" >&2
		status=1
	else
		echo "$target: ok: ${execs:-?} runs in ${seconds}s, ${rate:-?}/s"
	fi
done

if [ $status -eq 0 ]; then
	rm -rf "$scratch"
else
	echo "logs: $scratch" >&2
fi
exit $status
