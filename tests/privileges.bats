#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# nobody against root's segments of modes 0600, 0640, 0644 and 0666, and
# one nobody owns: each command succeeds or fails exactly as the kernel's
# permissions say, and a refusal changes nothing.

load common
load hardening

MODES="0600 0640 0644 0666"

file_setup() {
	export LC_ALL=C
	declare -gA SEG
	local m byte=1
	for m in $MODES; do
		SEG[$m]=$(mkfilled "0x$m" 4096 "$m" "$byte")
		byte=$((byte + 1))
	done
	SEG[own]=$(as_nobody "$SHM_HELPER" create 0x9999 4096 0600)
	as_nobody "$SHM_HELPER" fill "${SEG[own]}" 99
}

all_ids() {
	awk 'NR > 1 { print $2 }' /proc/sysvipc/shm | sort -n | xargs
}

# allowed VERB WHO: what the kernel lets nobody do to segment WHO (a mode,
# or "own"). rm is for the owner, the creator or CAP_SYS_ADMIN; the rows of
# attach-dump (read permission: 0644, 0666, own) and write (write
# permission: 0666, own) go here as those commands land.
allowed() {
	case $1:$2 in
	rm:own) return 0 ;;
	rm:*) return 1 ;;
	esac
	echo "no row for $1 $2" >&2
	return 2
}

# The arguments of VERB on segment ID, in each way of naming it.
verb_args() {
	case $1 in
	rm) echo "rm $2" ;;
	rm-key) echo "rm -k $(awk -v id="$2" 'NR > 1 && $2 == id { printf "0x%08x", $1 }' /proc/sysvipc/shm)" ;;
	rm-dry) echo "rm --dry-run $2" ;;
	esac
}

@test "nobody lists every segment, whatever its mode, from /proc and from shmctl" {
	want=$(all_ids)
	[ "$(echo "$want" | wc -w)" = 5 ]
	for src in "" /nonexistent; do
		run --separate-stderr as_nobody env SHMTOOL_PROC_SHM="$src" "$SHMTOOL" list -r -n -o SHMID,PERMS,OWNER
		assert_success
		[ "$stderr" = "" ]
		[ "$(echo "$output" | awk '{ print $1 }' | xargs)" = "$want" ]
		assert_line "${SEG[0600]} 600 root"
		assert_line "${SEG[0640]} 640 root"
		assert_line "${SEG[0644]} 644 root"
		assert_line "${SEG[0666]} 666 root"
		assert_line "${SEG[own]} 600 nobody"
		run --separate-stderr as_nobody env SHMTOOL_PROC_SHM="$src" "$SHMTOOL" list -J --output-all
		assert_success
		[ "$stderr" = "" ]
		python3 -c 'import json, sys; assert len(json.loads(sys.argv[1])["segments"]) == 5' "$output"
	done
}

@test "nobody selects each segment with -i and -k, whatever its mode" {
	for who in 0600 0640 0644 0666 own; do
		run --separate-stderr as_nobody "$SHMTOOL" list -r -n -o SHMID -i "${SEG[$who]}"
		assert_success
		[ "$stderr" = "" ]
		assert_output "${SEG[$who]}"
	done
	run --separate-stderr as_nobody "$SHMTOOL" list -r -n -o SHMID -k 0x0600
	assert_success
	assert_output "${SEG[0600]}"
}

@test "nobody reads the limits and the usage of every segment" {
	run --separate-stderr as_nobody "$SHMTOOL" info -J
	assert_success
	[ "$stderr" = "" ]
	python3 -c 'import json, sys; assert json.loads(sys.argv[1])["usage"]["segments"] == 5' "$output"
	run --separate-stderr as_nobody "$SHMTOOL" info -r -n
	assert_success
	[ "$stderr" = "" ]
	assert_line --regexp '^SHMMNI Shared.x20memory.x20segments [0-9]+ 5 '
}

@test "the matrix: rm by shmid, by key and --dry-run, as the kernel allows" {
	local verb who args before
	for verb in rm rm-key rm-dry; do
		for who in 0600 0640 0644 0666; do
			args=$(verb_args "$verb" "${SEG[$who]}")
			RUN_AS=(as_nobody)
			# shellcheck disable=SC2086
			refused 1 "shmtool: rm: shmid ${SEG[$who]}: Operation not permitted" $args
			[ "$(nattch "${SEG[$who]}")" = 0 ]
		done
	done
	allowed rm own
	RUN_AS=(as_nobody)
	run --separate-stderr "${RUN_AS[@]}" "$SHMTOOL" rm --dry-run -v "${SEG[own]}"
	assert_success
	[ "$stderr" = "" ]
	assert_output "would remove shmid ${SEG[own]} (key 0x00009999)"
	before=$(all_ids)
	run --separate-stderr "${RUN_AS[@]}" "$SHMTOOL" rm -v "${SEG[own]}"
	assert_success
	[ "$stderr" = "" ]
	assert_output "removed shmid ${SEG[own]} (key 0x00009999)"
	[ "$(all_ids)" = "$(echo "$before" | tr ' ' '\n' | grep -vx "${SEG[own]}" | xargs)" ]
}

@test "the matrix row by row: allowed() says who may, the kernel agrees" {
	local who id
	for who in 0600 0640 0644 0666 own; do
		id=${SEG[$who]}
		if allowed rm "$who"; then
			run --separate-stderr as_nobody "$SHMTOOL" rm "$id"
			assert_success
			[ "$stderr" = "" ]
			[ -z "$(awk -v id="$id" 'NR > 1 && $2 == id' /proc/sysvipc/shm)" ]
		else
			RUN_AS=(as_nobody)
			refused 1 "shmtool: rm: shmid $id: Operation not permitted" rm "$id"
		fi
	done
}

@test "nobody's rm of several: its own goes, each other one is its own error line" {
	run --separate-stderr as_nobody "$SHMTOOL" rm "${SEG[0600]}" "${SEG[own]}" "${SEG[0666]}"
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: rm: shmid ${SEG[0600]}: Operation not permitted
shmtool: rm: shmid ${SEG[0666]}: Operation not permitted" ]
	[ "$(all_ids)" = "${SEG[0600]} ${SEG[0640]} ${SEG[0644]} ${SEG[0666]}" ]
}

@test "nobody's rm -J names each refusal" {
	run --separate-stderr as_nobody "$SHMTOOL" rm -J "${SEG[0644]}"
	assert_failure 1
	[ "$stderr" = "shmtool: rm: shmid ${SEG[0644]}: Operation not permitted" ]
	python3 - "$output" "${SEG[0644]}" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
assert doc["removed"] == [] and doc["skipped"] == [], doc
assert doc["failed"] == [{"shmid": int(sys.argv[2]), "key": "0x00000644",
                          "error": "Operation not permitted"}], doc
PY
	[ "$(all_ids | wc -w)" = 5 ]
}

@test "nobody's rm --force of root's attached segment is still refused" {
	hold "${SEG[0666]}"
	RUN_AS=(as_nobody)
	refused 1 "shmtool: rm: shmid ${SEG[0666]}: Operation not permitted" rm --force "${SEG[0666]}"
	[ "$(nattch "${SEG[0666]}")" = 1 ]
}

@test "nobody's create is nobody's; root's key is refused by name" {
	RUN_AS=(as_nobody)
	refused 1 "shmtool: create: key 0x00000600: already used by shmid ${SEG[0600]}" create 4096 -k 0x600
	run --separate-stderr as_nobody "$SHMTOOL" create 4096 -k 0x77 -m 0640
	assert_success
	[ "$stderr" = "" ]
	[ "$(awk -v id="$output" 'NR > 1 && $2 == id { print $3, $8, $10 }' /proc/sysvipc/shm)" = "640 65534 65534" ]
}
