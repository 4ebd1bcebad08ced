#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Times `shmtool list` against two floors, the kernel's text (cat
# /proc/sysvipc/shm) and the bare IPC_INFO + SHM_STAT_ANY loop (statloop.c),
# and against ipcs and lsipc, on N segments in a private IPC namespace; prints
# the peak RSS of list and the cost of holes in the id space; checks the
# targets.
#
#   bench/list.sh [--quick]       from the top of a built tree, as root
#   SHMTOOL=/path/to/shmtool bench/list.sh
#
# Exit status: 0 every target met, 1 a target missed, 2 cannot run.
set -euo pipefail
. "$(dirname "$0")/rounds.sh"

usage() {
	cat <<EOF
Usage: $0 [--quick]

Makes N segments (N = 100, 1000, 4096, 32768) in a private IPC namespace and
times, in the same run: cat /proc/sysvipc/shm (the floor), the bare
SHM_STAT_ANY loop after IPC_INFO (bench/statloop.c, the loop floor, as
shmtool runs it) and after SHM_INFO (which first sums every segment's RSS
and swap), shmtool list, shmtool
list -r, shmtool list -J, ipcs -m, lsipc -m, lsipc -m --json; first with
segments owned by root, then by uids and gids with no passwd entry. Prints
the median of several runs and the ratios to both floors, the peak RSS of
list at the largest N beside the size of /proc/sysvipc/shm's text, and the
loop over an id space with holes; then checks the targets.
--quick: N = 100 and 32768 only, fewer runs.
SHMTOOL names the binary (default ./src/shmtool).
EOF
}

quick=0
case "${1:-}" in
'') ;;
--quick) quick=1 ;;
-h | --help) usage; exit 0 ;;
*) usage >&2; exit 2 ;;
esac

die() { echo "list.sh: $*" >&2; exit 2; }

if [ -z "${SHMTOOL_BENCH_INNER:-}" ]; then
	[ "$(id -u)" = 0 ] || die "needs root (unshare --ipc, kernel.shmmni)"
	shmtool=${SHMTOOL:-./src/shmtool}
	[ -x "$shmtool" ] || die "$shmtool: not built (see the README), or set SHMTOOL"
	for c in cc unshare ipcs lsipc /usr/bin/time; do
		command -v "$c" >/dev/null || die "$c: not found (apt-get install build-essential util-linux)"
	done
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cc -O2 -Wall -o "$tmp/mksegs" "$(dirname "$0")/mksegs.c" || die "cannot build mksegs"
	cc -O2 -Wall -o "$tmp/statloop" "$(dirname "$0")/statloop.c" || die "cannot build statloop"
	# not exec: the trap removes the helpers afterwards
	SHMTOOL_BENCH_INNER=1 SHMTOOL=$(realpath "$shmtool") MKSEGS=$tmp/mksegs \
		STATLOOP=$tmp/statloop \
		unshare --ipc -- "$0" "$@"
	exit
fi

# ---- inside the private IPC namespace ----

if [ "$quick" = 1 ]; then
	sizes=(100 32768)
else
	sizes=(100 1000 4096 32768)
fi

# More runs where a run is short (ipcs and lsipc are slow on owners with no
# passwd entry); an odd count has a true median.
runs_for() {
	local n=$1 variant=$2
	if [ "$n" -le 1000 ]; then
		if [ "$quick" = 1 ]; then echo 31; else echo 61; fi
	elif [ "$quick" = 1 ]; then
		if [ "$variant" = root ]; then echo 5; else echo 3; fi
	elif [ "$n" -le 4096 ]; then
		if [ "$variant" = root ]; then echo 15; else echo 9; fi
	else
		if [ "$variant" = root ]; then echo 11; else echo 5; fi
	fi
}

q=$(printf %q "$SHMTOOL")
labels=(floor loop loop-si list list-r list-J ipcs lsipc lsipc-json)
cmds=(
	"cat /proc/sysvipc/shm"
	"$(printf %q "$STATLOOP")"
	"$(printf %q "$STATLOOP") --shm-info"
	"$q list"
	"$q list -r"
	"$q list -J"
	"ipcs -m"
	"lsipc -m"
	"lsipc -m --json"
)
names=(
	"cat /proc/sysvipc/shm"
	"SHM_STAT_ANY loop"
	"  ...after SHM_INFO"
	"shmtool list"
	"shmtool list -r"
	"shmtool list -J"
	"ipcs -m"
	"lsipc -m"
	"lsipc -m --json"
)

declare -A med low # [N,variant,label] = median, minimum (microseconds)

# bench N VARIANT RUNS: med and low of each command, after a warm-up run
bench() {
	local n=$1 variant=$2 runs=$3 i
	local -a samples
	for ((i = 0; i < ${#cmds[@]}; i++)); do
		eval "${cmds[i]}" >/dev/null # warm-up: page cache, nss
	done
	rounds "$runs"
	for ((i = 0; i < ${#cmds[@]}; i++)); do
		# shellcheck disable=SC2086 # the samples are words on purpose
		read -r "med[$n,$variant,${labels[i]}]" "low[$n,$variant,${labels[i]}]" \
			< <(median_min ${samples[i]})
	done
}

ms() { LC_ALL=C awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
ratio() { LC_ALL=C awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "shmtool: $SHMTOOL ($("$SHMTOOL" --version 2>/dev/null | head -1))"
echo "kernel $(uname -r), $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg), $(ipcs -V | head -1)"
# shmtool does not depend on the locale; ipcs and lsipc do: say which one they ran in
echo "locale: LC_CTYPE=$(locale 2>/dev/null | sed -n 's/^LC_CTYPE=//p' | tr -d '"')"
echo

row() { printf '%-6s %-8s %-22s %10s %8s %8s %8s\n' "$@"; }
row N owners command "median ms" "min ms" "x floor" "x loop"
row ------ -------- ---------------------- ---------- -------- -------- --------
start=$SECONDS
for n in "${sizes[@]}"; do
	if [ "$(cat /proc/sys/kernel/shmmni)" -lt "$n" ]; then
		echo "$n" >/proc/sys/kernel/shmmni || die "cannot raise kernel.shmmni to $n"
	fi
	"$MKSEGS" "$n" || die "cannot make $n segments"
	for variant in root nopasswd; do
		if [ $variant = nopasswd ]; then
			getent passwd 40000 >/dev/null && die "uid 40000 has a passwd entry: pick another base"
			"$MKSEGS" --owners 40000 50
		else
			"$MKSEGS" --owners 0 1
		fi
		bench "$n" $variant "$(runs_for "$n" $variant)"
		floor=${med[$n,$variant,floor]}
		loop=${med[$n,$variant,loop]}
		for ((i = 0; i < ${#labels[@]}; i++)); do
			m=${med[$n,$variant,${labels[i]}]}
			row "$n" $variant "${names[i]}" "$(ms "$m")" "$(ms "${low[$n,$variant,${labels[i]}]}")" \
				"$(ratio "$m" "$floor")" "$(ratio "$m" "$loop")"
		done
		echo "       (load $(cut -d' ' -f1-3 /proc/loadavg))"
	done
done
echo
echo "(medians of interleaved runs, output to /dev/null; $((SECONDS - start)) s)"

# ---- memory: peak RSS of list at the largest N, beside /proc's text ----
big=${sizes[-1]}
proc_kib=$(($(cat /proc/sysvipc/shm | wc -c) / 1024))
declare -A rss # [label] = peak RSS in KiB, the largest of 3 runs
echo
echo "N=$big: /proc/sysvipc/shm is $proc_kib KiB of text"
for l in list list-r list-J; do
	case $l in list) a= ;; list-r) a=-r ;; list-J) a=-J ;; esac
	rss[$l]=0
	for r in 1 2 3; do
		k=$(/usr/bin/time -f %M "$SHMTOOL" list $a 2>&1 >/dev/null)
		[ "$k" -gt "${rss[$l]}" ] && rss[$l]=$k
	done
	echo "N=$big: peak RSS of shmtool $l: ${rss[$l]} KiB ($(ratio "${rss[$l]}" "$proc_kib")x the text)"
done

# ---- holes: the loop goes to the highest index IPC_INFO gives, no further ----
# Every segment but each 64th removed, the highest kept: the loop makes as
# many calls as on the full set, and finds 64 times fewer segments.
maxidx=$(awk 'NR > 1 { i = $2 % 32768; if (i > m) m = i } END { print m + 0 }' /proc/sysvipc/shm)
awk -v max="$maxidx" 'NR > 1 && ($2 % 32768) % 64 != 0 && ($2 % 32768) != max { print "-m", $2 }' \
	/proc/sysvipc/shm | xargs -n 2000 ipcrm
left=$(($(wc -l </proc/sysvipc/shm) - 1))
cmds=("$(printf %q "$STATLOOP")" "$q list")
labels=(holes-loop holes-list)
bench holes "$variant" 11
echo
echo "holes: $left segments left of $big, highest index $maxidx (load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "holes: SHM_STAT_ANY loop $(ms "${med[holes,$variant,holes-loop]}") ms" \
	"(full set $(ms "${med[$big,$variant,loop]}") ms)," \
	"shmtool list $(ms "${med[holes,$variant,holes-list]}") ms (full set $(ms "${med[$big,$variant,list]}") ms)"

# ---- the targets ----
echo
missed=0
check() { # description, value, limit
	local verdict=ok
	if LC_ALL=C awk -v v="$2" -v l="$3" 'BEGIN { exit !(v > l) }'; then
		verdict=MISSED
		missed=$((missed + 1))
	fi
	printf '%-7s %s\n' "$verdict" "$1"
}
small=100
for variant in root nopasswd; do
	f=${med[$big,$variant,floor]:-}
	lp=${med[$big,$variant,loop]:-}
	if [ "$big" = 32768 ]; then
		for t in "list 0.45 1.5" "list-r 0.45 1.5" "list-J 0.7 2.0"; do
			read -r l lim lim2 <<<"$t"
			m=${med[$big,$variant,$l]}
			check "N=$big $variant: shmtool $l is $(ratio "$m" "$f")x cat /proc/sysvipc/shm (target <= ${lim}x)" \
				"$(ratio "$m" "$f")" "$lim"
			check "N=$big $variant: shmtool $l is $(ratio "$m" "$lp")x the SHM_STAT_ANY loop (target <= ${lim2}x)" \
				"$(ratio "$m" "$lp")" "$lim2"
		done
	fi
	ip=${med[$small,$variant,ipcs]}
	for l in list list-r list-J; do
		m=${med[$small,$variant,$l]}
		check "N=$small $variant: shmtool $l $(ms "$m") ms is $(ratio "$m" "$ip")x ipcs -m $(ms "$ip") ms (target <= 0.8x)" \
			"$(ratio "$m" "$ip")" 0.8
	done
done
for l in list list-r list-J; do
	check "N=$big: peak RSS of shmtool $l ${rss[$l]} KiB is $(ratio "${rss[$l]}" "$proc_kib")x /proc's text (target <= 2x)" \
		"$(ratio "${rss[$l]}" "$proc_kib")" 2
done
# holes cost no more than the full set: 10% for noise
check "holes: shmtool list $(ms "${med[holes,$variant,holes-list]}") ms, full set $(ms "${med[$big,$variant,list]}") ms (target: no slower)" \
	"$(ratio "${med[holes,$variant,holes-list]}" "${med[$big,$variant,list]}")" 1.1
if [ $missed -gt 0 ]; then
	echo "$missed target(s) missed"
	exit 1
fi
echo "every target met"
