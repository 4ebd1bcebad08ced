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

# POSIX objects of the same modes, /p0600 ... /p0666 and /pown, nobody's;
# made only by the tests that need them, so the counts above stay.
posix_set() {
	local m byte=11
	for m in $MODES; do
		pmkfilled "/p$m" 4096 "$m" "$byte"
		byte=$((byte + 1))
	done
	as_nobody "$SHM_HELPER" posix-create /pown 4096 0600
	as_nobody "$SHM_HELPER" posix-fill /pown 98
}

# The selector and the error label of segment WHO: System V (sysv) or POSIX.
sel_of() {
	case $1 in
	sysv) echo "${SEG[$2]}" ;;
	posix) echo "/p$2" ;;
	esac
}
label_of() {
	case $1 in
	sysv) echo "shmid ${SEG[$2]}" ;;
	posix) echo "/p$2" ;;
	esac
}

# The bytes of a segment or object, read as root without shmtool.
bytes_of() {
	case $1 in
	/*) cat "/dev/shm${1}" ;;
	*) "$SHM_HELPER" cat "$1" ;;
	esac
}

all_ids() {
	awk 'NR > 1 { print $2 }' /proc/sysvipc/shm | sort -n | xargs
}

# allowed VERB WHO: what the kernel lets nobody do to segment WHO (a mode,
# or "own"), System V or POSIX alike. rm is for the owner, the creator or
# CAP_SYS_ADMIN; attach-dump needs read permission (0644, 0666, own: nobody
# is not in root's group, so 0640 is no more than 0600), write needs write
# permission (0666, own).
allowed() {
	case $1:$2 in
	rm:own) return 0 ;;
	rm:*) return 1 ;;
	attach-dump:0644 | attach-dump:0666 | attach-dump:own) return 0 ;;
	attach-dump:*) return 1 ;;
	write:0666 | write:own) return 0 ;;
	write:*) return 1 ;;
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
	for src in "" /proc/shmtool-missing; do
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
	assert_line --regexp '^SHMMNI [0-9]+ 5 [0-9.]+% Shared memory segments$'
}

@test "the matrix: rm by shmid, by key and --dry-run, as the kernel allows" {
	local verb who args before
	for verb in rm rm-key rm-dry; do
		for who in 0600 0640 0644 0666; do
			args=$(verb_args "$verb" "${SEG[$who]}")
			RUN_AS=(as_nobody)
			# shellcheck disable=SC2086
			refused 1 "shmtool: rm: shmid ${SEG[$who]}: Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)" $args
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
			refused 1 "shmtool: rm: shmid $id: Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)" rm "$id"
		fi
	done
}

@test "nobody's rm of several: its own goes, each other one is its own error line" {
	run --separate-stderr as_nobody "$SHMTOOL" rm "${SEG[0600]}" "${SEG[own]}" "${SEG[0666]}"
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: rm: shmid ${SEG[0600]}: Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)
shmtool: rm: shmid ${SEG[0666]}: Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)" ]
	[ "$(all_ids)" = "${SEG[0600]} ${SEG[0640]} ${SEG[0644]} ${SEG[0666]}" ]
}

@test "nobody's rm -J names each refusal" {
	run --separate-stderr as_nobody "$SHMTOOL" rm -J "${SEG[0644]}"
	assert_failure 1
	[ "$stderr" = "shmtool: rm: shmid ${SEG[0644]}: Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)" ]
	python3 - "$output" "${SEG[0644]}" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
assert doc["removed"] == [] and doc["skipped"] == [], doc
assert doc["failed"] == [{"shmid": int(sys.argv[2]), "key": "0x00000644",
                          "error": "Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)"}], doc
PY
	[ "$(all_ids | wc -w)" = 5 ]
}

@test "nobody's rm --force of root's attached segment is still refused" {
	hold "${SEG[0666]}"
	RUN_AS=(as_nobody)
	refused 1 "shmtool: rm: shmid ${SEG[0666]}: Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)" rm --force "${SEG[0666]}"
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

@test "the matrix: attach-dump as the kernel allows, System V and POSIX" {
	local type who sel label fmt
	posix_set
	for type in sysv posix; do
		for who in 0600 0640 0644 0666 own; do
			sel=$(sel_of "$type" "$who")
			label=$(label_of "$type" "$who")
			if allowed attach-dump "$who"; then
				for fmt in hex raw string; do
					run --separate-stderr as_nobody "$SHMTOOL" dump "$sel" --format "$fmt"
					assert_success
					[ "$stderr" = "" ]
				done
				as_nobody "$SHMTOOL" dump "$sel" --format raw | cmp - <(bytes_of "$sel")
				as_nobody "$SHMTOOL" attach-dump "$sel" | cmp - <(bytes_of "$sel" | hexdump -C)
			else
				RUN_AS=(as_nobody)
				refused 1 "shmtool: attach-dump: $label: Permission denied" dump "$sel"
				refused 1 "shmtool: attach-dump: $label: Permission denied" attach-dump "$sel" --format raw --offset 1 --length 1
				# the refusal comes before -o makes a file
				refused 1 "shmtool: attach-dump: $label: Permission denied" dump "$sel" --output-file /tmp/never
				[ ! -e /tmp/never ]
				RUN_AS=()
			fi
		done
	done
	# by key, as the kernel says too
	RUN_AS=(as_nobody)
	refused 1 "shmtool: attach-dump: shmid ${SEG[0640]}: Permission denied" dump -k 0x0640
	run --separate-stderr as_nobody "$SHMTOOL" dump -k 0x0644 --format raw --length 4
	assert_success
	[ "$output" = $'\x03\x03\x03\x03' ]
}

@test "the matrix: write as the kernel allows, System V and POSIX, a refusal changes nothing" {
	local type who sel label before
	posix_set
	head -c 4096 /dev/zero | tr '\0' '\253' >"$BATS_TEST_TMPDIR/ab"
	chmod 0644 "$BATS_TEST_TMPDIR/ab"
	chmod 0755 "$BATS_TEST_TMPDIR"
	for type in sysv posix; do
		for who in 0600 0640 0644 0666 own; do
			sel=$(sel_of "$type" "$who")
			label=$(label_of "$type" "$who")
			if allowed write "$who"; then
				before=$(bytes_of "$sel" | md5sum)
				run --separate-stderr as_nobody "$SHMTOOL" write "$sel" --fill 0xab --length 4096 -v
				assert_success
				[ "$stderr" = "" ]
				assert_output "wrote 4096 bytes at offset 0 of $label"
				bytes_of "$sel" | cmp - "$BATS_TEST_TMPDIR/ab"
				[ "$(bytes_of "$sel" | md5sum)" != "$before" ]
				run --separate-stderr as_nobody "$SHMTOOL" write "$sel" --string hi --nul --offset 4093
				assert_success
				[ "$(bytes_of "$sel" | tail -c 3 | od -An -tx1 | xargs)" = '68 69 00' ]
			else
				RUN_AS=(as_nobody)
				refused 1 "shmtool: write: $label: Permission denied" write "$sel" --string x
				refused 1 "shmtool: write: $label: Permission denied" write "$sel" --fill 0 --length 4096
				refused 1 "shmtool: write: $label: Permission denied" write "$sel" --file "$BATS_TEST_TMPDIR/ab"
				refused 1 "shmtool: write: $label: Permission denied" write "$sel" --offset 5000 --string x --truncate
				RUN_AS=()
				# and what nobody may read stays readable
				if allowed attach-dump "$who"; then
					as_nobody "$SHMTOOL" dump "$sel" --format raw | cmp - <(bytes_of "$sel")
				fi
			fi
		done
	done
	RUN_AS=(as_nobody)
	refused 1 "shmtool: write: shmid ${SEG[0644]}: Permission denied" write -k 0x0644 - </dev/null
}
