#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# info: limits and usage, the values ipcs -m -l, ipcs -m -u and lsipc -g
# report, as a table and as typed JSON.

load common

# The limits are per IPC namespace: the tests set them and put back what
# the namespace had.
file_setup() {
	saved_limits=$(cat /proc/sys/kernel/shmmni /proc/sys/kernel/shmall /proc/sys/kernel/shmmax)
}

file_teardown() {
	set -- $saved_limits
	echo "$1" >/proc/sys/kernel/shmmni
	echo "$2" >/proc/sys/kernel/shmall
	echo "$3" >/proc/sys/kernel/shmmax
}

# 400 segments, 2048 pages (8 MiB), 1 GiB per segment; then 4 segments
# of 256 + 254 + 1 + 1 = 512 pages, 254 of them resident.
small_limits_and_segments() {
	[ "$(getconf PAGESIZE)" = 4096 ] || skip "the expected numbers assume 4 KiB pages"
	echo 400 >/proc/sys/kernel/shmmni
	echo 2048 >/proc/sys/kernel/shmall
	echo 1073741824 >/proc/sys/kernel/shmmax
	mkseg 0x1 1048576 0600 >/dev/null
	filled=$(mkseg 0x2 1040384 0600)
	"$SHM_HELPER" fill "$filled" 7
	mkseg 0x3 4096 0600 >/dev/null
	mkseg 0 1 0600 >/dev/null
}

# ipcs_value "LABEL" IPCS-OPTIONS...: the number after LABEL
ipcs_value() {
	local label=$1
	shift
	ipcs -m "$@" | awk -v l="$label" 'index($0, l) == 1 { print $NF }'
}

@test "the table, exactly" {
	small_limits_and_segments
	run --separate-stderr shmtool info
	assert_success
	[ "$stderr" = "" ]
	assert_output - <<'END'
RESOURCE DESCRIPTION                                    LIMIT USED   USE%
SHMMNI   Shared memory segments                           400    4  1.00%
SHMALL   Shared memory pages                             2048  512 25.00%
SHMMAX   Max size of shared memory segment (bytes) 1073741824    -      -
SHMMIN   Min size of shared memory segment (bytes)          1    -      -
RESIDENT Shared memory pages resident                       -  254      -
SWAPPED  Shared memory pages swapped                        -    0      -
POSIX    POSIX shared memory bytes (/dev/shm)       268435456    0  0.00%
END
}

@test "-r, -n and -H" {
	small_limits_and_segments
	run shmtool info -r
	assert_success
	# DESCRIPTION last and as it is: four words, then the rest of the line
	assert_output - <<'END'
RESOURCE LIMIT USED USE% DESCRIPTION
SHMMNI 400 4 1.00% Shared memory segments
SHMALL 2048 512 25.00% Shared memory pages
SHMMAX 1073741824 - - Max size of shared memory segment (bytes)
SHMMIN 1 - - Min size of shared memory segment (bytes)
RESIDENT - 254 - Shared memory pages resident
SWAPPED - 0 - Shared memory pages swapped
POSIX 268435456 0 0.00% POSIX shared memory bytes (/dev/shm)
END
	refute_output --partial '\x20'
	run shmtool info -r -n
	assert_success
	[ "${#lines[@]}" = 7 ]
	assert_line --index 0 "SHMMNI 400 4 1.00% Shared memory segments"
	run shmtool info --noheadings
	assert_success
	assert_line --index 0 --regexp '^SHMMNI +Shared memory segments +400 +4 +1\.00%$'
	# -H: the byte sizes for humans, counts of segments and pages as they are
	run shmtool info -H -r -n
	assert_success
	assert_output - <<'END'
SHMMNI 400 4 1.00% Shared memory segments
SHMALL 2048 512 25.00% Shared memory pages
SHMMAX 1G - - Max size of shared memory segment (bytes)
SHMMIN 1B - - Min size of shared memory segment (bytes)
RESIDENT - 254 - Shared memory pages resident
SWAPPED - 0 - Shared memory pages swapped
POSIX 256M 0B 0.00% POSIX shared memory bytes (/dev/shm)
END
	# the lines read back with read: the description is the rest
	read -r res lim use pct desc < <(shmtool info -r -n | grep '^SHMMAX ')
	[ "$lim|$use|$pct|$desc" = "1073741824|-|-|Max size of shared memory segment (bytes)" ]
}

# info_check: the table's values against ipcs -m -l (bytes and kbytes) and -u
info_check() {
	local page total_kb
	page=$(getconf PAGESIZE)
	run shmtool info -r -n
	assert_success
	declare -A limit used
	while read -r res lim use pct desc; do
		limit[$res]=$lim
		used[$res]=$use
	done <<<"$output"
	[ "${limit[SHMMNI]}" = "$(ipcs_value "max number of segments" -l)" ]
	[ "${limit[SHMMAX]}" = "$(ipcs_value "max seg size (bytes)" -l -b)" ]
	[ "$(python3 -c 'import sys; print(int(sys.argv[1]) // 1024)' "${limit[SHMMAX]}")" = \
		"$(ipcs_value "max seg size (kbytes)" -l)" ]
	[ "${limit[SHMMIN]}" = "$(ipcs_value "min seg size (bytes)" -l)" ]
	# ipcs shows SHMALL as bytes and kbytes of pages
	total=$(python3 -c 'import sys; p, n = map(int, sys.argv[1:]); t = p * n
print(t if t < 2**64 else 2**64 - 1 - (2**64 - 1) % p)' "$page" "${limit[SHMALL]}")
	[ "$total" = "$(ipcs_value "max total shared memory (bytes)" -l -b)" ]
	[ "${used[SHMMNI]}" = "$(ipcs_value "segments allocated" -u)" ]
	[ "${used[SHMALL]}" = "$(ipcs_value "pages allocated" -u)" ]
	[ "${used[RESIDENT]}" = "$(ipcs_value "pages resident" -u)" ]
	[ "${used[SWAPPED]}" = "$(ipcs_value "pages swapped" -u)" ]
	# lsipc -g: the same limits and used counts
	while read -r res desc lim use pct; do
		[ "${limit[$res]}" = "$lim" ] || { echo "$res limit: ${limit[$res]} vs lsipc $lim"; return 1; }
		[ "${used[$res]}" = "$use" ] || { echo "$res used: ${used[$res]} vs lsipc $use"; return 1; }
		[ "$use" = - ] || [ "$(shmtool info -r -n | awk -v r="$res" '$1 == r { print $4 }')" = "$pct" ]
	done < <(lsipc -g -m -b -r -n -o RESOURCE,DESCRIPTION,LIMIT,USED,USE%)
}

@test "values equal ipcs -m -l, ipcs -m -u and lsipc -g: the namespace's own limits" {
	mkseg 0x1 100 0600
	info_check
}

@test "values equal ipcs -m -l, ipcs -m -u and lsipc -g: small limits, resident pages" {
	small_limits_and_segments
	info_check
	[ "$(ipcs_value "max total shared memory (kbytes)" -l)" = 8192 ]
}

@test "-J: the keys and their types" {
	small_limits_and_segments
	run --separate-stderr shmtool info -J
	assert_success
	[ "$stderr" = "" ]
	python3 - "$output" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
assert list(doc) == ["limits", "usage"], doc
assert doc["limits"] == {"segments": 400, "pages": 2048, "total_bytes": 8388608,
                         "segment_bytes_max": 1073741824, "segment_bytes_min": 1,
                         "page_size": 4096, "posix_bytes": 268435456}, doc["limits"]
u = doc["usage"]
assert list(u) == ["segments", "pages", "pages_resident", "pages_swapped", "swap_attempts",
                   "swap_successes", "segments_percent", "pages_percent", "posix_bytes",
                   "posix_percent"], list(u)
for k in list(u)[:6]:
    assert type(u[k]) is int, (k, u[k])
for k in list(doc["limits"]):
    assert type(doc["limits"][k]) is int, k
assert (u["segments"], u["pages"], u["pages_resident"], u["pages_swapped"]) == (4, 512, 254, 0), u
assert u["segments_percent"] == 1 and u["pages_percent"] == 25, u
assert u["posix_bytes"] == 0 and u["posix_percent"] == 0, u
PY
}

@test "-J: values equal ipcs with the namespace's own limits" {
	mkseg 0x1 100 0600
	run shmtool info -J
	assert_success
	python3 - "$output" "$(ipcs_value "max number of segments" -l)" \
		"$(ipcs_value "max seg size (bytes)" -l -b)" \
		"$(ipcs_value "max total shared memory (bytes)" -l -b)" \
		"$(ipcs_value "min seg size (bytes)" -l)" \
		"$(ipcs_value "segments allocated" -u)" "$(ipcs_value "pages allocated" -u)" \
		"$(cat /proc/sys/kernel/shmall)" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
mni, mmax, total, mmin, segs, pages, shmall = map(int, sys.argv[2:])
l, u = doc["limits"], doc["usage"]
assert l["segments"] == mni and l["segment_bytes_max"] == mmax, l
assert l["segment_bytes_min"] == mmin and l["pages"] == shmall, l
# the total in bytes is SHMALL pages times the page size, exactly: past 64
# bits with the kernel's default, where ipcs clamps to 64 bits
assert l["total_bytes"] == shmall * l["page_size"], (l["total_bytes"], shmall)
assert l["total_bytes"] == total or (l["total_bytes"] >= 2**64 and total < 2**64), (l, total)
assert u["segments"] == segs and u["pages"] == pages, u
assert type(u["segments_percent"]) in (int, float) and type(u["pages_percent"]) in (int, float)
PY
}

@test "info works for an unprivileged user" {
	mkseg 0x1 100 0600
	expected=$(shmtool info -r)
	run --separate-stderr as_nobody "$SHMTOOL" info -r
	assert_success
	[ "$stderr" = "" ]
	assert_output "$expected"
}

@test "bad options: one line, exit 2, no output" {
	for args in "-J -r" "-r --json"; do
		run --separate-stderr shmtool info $args
		assert_failure 2
		assert_output ""
		[ "$stderr" = "shmtool: info: --json and --raw are mutually exclusive" ]
	done
	run --separate-stderr shmtool info --bogus
	assert_failure 2
	assert_output ""
	[ "$stderr" = "shmtool: info: unrecognized option '--bogus'; try 'shmtool info --help'" ]
	run --separate-stderr shmtool info -o KEY
	assert_failure 2
	[ "$stderr" = "shmtool: info: unrecognized option '-o'; try 'shmtool info --help'" ]
	run --separate-stderr shmtool info extra
	assert_failure 2
	[ "$stderr" = "shmtool: info: unexpected argument 'extra'; try 'shmtool info --help'" ]
	run --separate-stderr shmtool info --json=1
	assert_failure 2
	[ "$stderr" = "shmtool: info: option '--json' doesn't allow an argument; try 'shmtool info --help'" ]
}

@test "info to a full disk is exit 1 with one error line" {
	for args in "" -r -J; do
		run --separate-stderr bash -c '"$SHMTOOL" info $1 >/dev/full' _ "$args"
		assert_failure 1
		[ "$stderr" = "shmtool: write error: No space left on device" ]
	done
}
