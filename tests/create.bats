#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# shmtool create: what the kernel holds afterwards, read from
# /proc/sysvipc/shm and ipcs rather than from shmtool itself.

load common

HUGE2M=/sys/kernel/mm/hugepages/hugepages-2048kB
HUGE1G=/sys/kernel/mm/hugepages/hugepages-1048576kB

file_setup() {
	SAVED_SHMMAX=$(cat /proc/sys/kernel/shmmax)
	SAVED_HUGE2M=$(cat "$HUGE2M/nr_hugepages" 2>/dev/null || true)
	SAVED_HUGE1G=$(cat "$HUGE1G/nr_hugepages" 2>/dev/null || true)
}

file_teardown() {
	# the segments go first, so that the huge pages they hold are free
	shm_clean
	echo "$SAVED_SHMMAX" >/proc/sys/kernel/shmmax
	if [ -n "$SAVED_HUGE2M" ]; then echo "$SAVED_HUGE2M" >"$HUGE2M/nr_hugepages"; fi
	if [ -n "$SAVED_HUGE1G" ]; then echo "$SAVED_HUGE1G" >"$HUGE1G/nr_hugepages"; fi
}

# "KEY SHMID PERMS SIZE UID CUID" of a segment, from the kernel's own table
# (key as 0x%08x: /proc prints it as a signed decimal).
kseg() {
	awk -v id="$1" 'NR > 1 && $2 == id {
		k = $1 < 0 ? $1 + 4294967296 : $1
		printf "0x%08x %s %s %s %s %s\n", k, $2, $3, $4, $8, $10 }' /proc/sysvipc/shm
}

# Every segment, for "nothing changed".
seglist() {
	awk 'NR > 1 { print $1, $2, $3, $4, $7, $8, $9 }' /proc/sysvipc/shm
}

# ftok(3) computed from stat(1), not by the code under test.
ftok() {
	local dev ino
	read -r dev ino < <(stat -c '%d %i' "$1")
	printf '0x%08x' $(((($2 & 0xff) << 24) | ((dev & 0xff) << 16) | (ino & 0xffff)))
}

@test "create SIZE prints the shmid alone, of a private 0600 segment owned by root" {
	id=$(shmtool create 1M)
	[[ $id =~ ^[0-9]+$ ]]
	[ "$(kseg "$id")" = "0x00000000 $id 600 1048576 0 0" ]
	run shmtool create 4096
	assert_success
	assert_output --regexp '^[0-9]+$'
	[ "$(kseg "$output")" = "0x00000000 $output 600 4096 0 0" ]
}

@test "ipcs sees the segment create made" {
	id=$(shmtool create 8K -k 0x5eed -m 640)
	run ipcs -m
	assert_success
	assert_line --regexp "^0x00005eed $id +root +640 +8192 +0 *$"
}

@test "create -k takes decimal and 0x-hex keys" {
	id=$(shmtool create 100 -k 4660)
	[ "$(kseg "$id")" = "0x00001234 $id 600 100 0 0" ]
	id=$(shmtool create 100 --key 0xdeadbeef)
	[ "$(kseg "$id")" = "0xdeadbeef $id 600 100 0 0" ]
	id=$(shmtool create 100 --key=0x7fffffff)
	[ "$(kseg "$id")" = "0x7fffffff $id 600 100 0 0" ]
}

@test "create -k @PATH:PROJ is ftok(PATH, PROJ), PROJ 1 by default" {
	touch "$BATS_TEST_TMPDIR/app.conf"
	id=$(shmtool create 100 -k "@$BATS_TEST_TMPDIR/app.conf")
	[ "$(kseg "$id")" = "$(ftok "$BATS_TEST_TMPDIR/app.conf" 1) $id 600 100 0 0" ]
	id=$(shmtool create 100 -k "@$BATS_TEST_TMPDIR/app.conf:7")
	[ "$(kseg "$id")" = "$(ftok "$BATS_TEST_TMPDIR/app.conf" 7) $id 600 100 0 0" ]
	id=$(shmtool create 100 -k "@$BATS_TEST_TMPDIR/app.conf:x")
	[ "$(kseg "$id")" = "$(ftok "$BATS_TEST_TMPDIR/app.conf" 120) $id 600 100 0 0" ]
}

@test "create -k of a path that does not exist is exit 1 with ftok's reason" {
	refused 1 "shmtool: create: ftok $BATS_TEST_TMPDIR/nope: No such file or directory" create \
		100 -k "@$BATS_TEST_TMPDIR/nope"
}

@test "create --private and -k 0 both make an IPC_PRIVATE segment" {
	a=$(shmtool create 100 --private)
	b=$(shmtool create 100 -k 0)
	[ "$a" != "$b" ]
	[ "$(kseg "$a")" = "0x00000000 $a 600 100 0 0" ]
	[ "$(kseg "$b")" = "0x00000000 $b 600 100 0 0" ]
}

@test "create sizes: K/M/G/T are powers of 1024, KB/MB of 1000, fractions allowed" {
	for pair in 1K:1024 2KiB:2048 1KB:1000 3MB:3000000 1.5M:1572864 1M:1048576 \
		    0x1000:4096 1:1 4097:4097; do
		id=$(shmtool create "${pair%%:*}")
		[ "$(kseg "$id" | cut -d' ' -f4)" = "${pair#*:}" ] || { echo "$pair"; return 1; }
	done
}

@test "create -m takes octal and symbolic modes, relative to the default 600" {
	for pair in 640:640 0644:644 0:0 777:777 u=rw,g=r:640 a=r:444 u=rwx,go=rx:755 \
		    ug=rw,o=r:664 +r:644 u+w:600 g+r:640 u-w:400 a-rw:0; do
		id=$(shmtool create 100 -m "${pair%%:*}")
		[ "$(kseg "$id" | cut -d' ' -f3)" = "${pair#*:}" ] || { echo "$pair"; return 1; }
	done
	id=$(shmtool create 100 --mode=600)
	[ "$(kseg "$id" | cut -d' ' -f3)" = 600 ]
}

@test "create as nobody makes a segment nobody owns" {
	run as_nobody "$SHMTOOL" create 4K -k 0x42
	assert_success
	[ "$(kseg "$output")" = "0x00000042 $output 600 4096 65534 65534" ]
}

@test "create -J prints the segment with the keys and values of list -J --output-all" {
	run shmtool create -J 4096 -k 0x1234 -m 640
	assert_success
	id=$(jq .shmid <<<"$output")
	[ "$(kseg "$id")" = "0x00001234 $id 640 4096 0 0" ]
	# COMMAND is the creator's command line while it runs: create's own
	# while it prints, nothing once it has exited
	[ "$(jq -r .command <<<"$output")" = "$SHMTOOL create -J 4096 -k 0x1234 -m 640" ]
	created=$(jq -c 'del(.command)' <<<"$output")
	listed=$(shmtool list -J --output-all -i "$id" | jq -c '.segments[0]')
	[ "$(jq -r .command <<<"$listed")" = null ]
	listed=$(jq -c 'del(.command)' <<<"$listed")
	[ "$created" = "$listed" ]
	run jq -c '[.key, .perms, .mode, .bytes, .nattch, .status, .owner, .uid, .atime]' <<<"$created"
	assert_output '["0x00001234","640","rw-r-----",4096,0,[],"root",0,null]'
}

@test "an existing key is exit 1 naming the shmid that holds it" {
	id=$(mkseg 0x1234 100 0644)
	refused 1 "shmtool: create: key 0x00001234: already used by shmid $id" create 4096 -k 0x1234
	[ "$(kseg "$id")" = "0x00001234 $id 644 100 0 0" ]
	refused 1 "shmtool: create: key 0x00001234: already used by shmid $id" create 100 -k 4660 -m 600
}

@test "create without SIZE, or with two, is a usage error" {
	refused 2 "shmtool: create: missing size; try 'shmtool create --help'" create
	refused 2 "shmtool: create: missing size; try 'shmtool create --help'" create -k 0x10
	refused 2 "shmtool: create: unexpected argument '2M'; try 'shmtool create --help'" create 1M 2M
}

@test "malformed, zero, negative and overflowing sizes are exit 2 with the reason" {
	local why="expected a number with an optional K, M, G or T suffix"
	refused 2 "shmtool: create: invalid size '1Q': $why" create 1Q
	refused 2 "shmtool: create: invalid size '': $why" create ''
	refused 2 "shmtool: create: invalid size 'M': $why" create M
	refused 2 "shmtool: create: invalid size '1.5': a fraction needs a K, M, G or T suffix" create 1.5
	refused 2 "shmtool: create: invalid size '0': expected a size above 0" create 0
	refused 2 "shmtool: create: invalid size '0K': expected a size above 0" create 0K
	refused 2 "shmtool: create: invalid size '-5': size must not be negative" create -5
	refused 2 "shmtool: create: invalid size '-1M': size must not be negative" create -k 0x99 -1M
	refused 2 "shmtool: create: invalid size '99999999999999999999': size too large" create \
		99999999999999999999
	refused 2 "shmtool: create: invalid size '16E': size too large" create 16E
}

@test "a size above SHMMAX is exit 1 naming the limit" {
	echo 1048576 >/proc/sys/kernel/shmmax
	refused 1 "shmtool: create: size '2M' (2097152 bytes) is above the largest segment allowed, 1048576 bytes (kernel.shmmax)" create 2M
	refused 1 "shmtool: create: size '1048577' (1048577 bytes) is above the largest segment allowed, 1048576 bytes (kernel.shmmax)" create 1048577 -k 0x10
	id=$(shmtool create 1M)
	[ "$(kseg "$id")" = "0x00000000 $id 600 1048576 0 0" ]
}

@test "malformed keys and modes are exit 2 with the reason" {
	refused 2 "shmtool: create: invalid key '0xZZ': expected a decimal or 0x-hex number, or @PATH[:PROJ]" create 1M -k 0xZZ
	refused 2 "shmtool: create: invalid key 'abc': expected a decimal or 0x-hex number, or @PATH[:PROJ]" create 1M -k abc
	refused 2 "shmtool: create: invalid key '0x100000000': key out of range: keys are 32 bits" create 1M -k 0x100000000
	refused 2 "shmtool: create: invalid key '@': expected a path after '@'" create 1M -k @
	refused 2 "shmtool: create: invalid key '@/tmp:0': expected PROJ to be a number from 1 to 255 or one character" create 1M -k @/tmp:0
	local why="expected an octal mode up to 777 or a symbolic mode like u=rw,g=r"
	refused 2 "shmtool: create: invalid mode '888': $why" create 1M -m 888
	refused 2 "shmtool: create: invalid mode '1777': $why" create 1M -m 1777
	refused 2 "shmtool: create: invalid mode 'u=q': $why" create 1M -m u=q
	refused 2 "shmtool: create: invalid mode '': $why" create 1M -m ''
}

@test "-k with --private, unknown options and missing arguments are exit 2" {
	refused 2 "shmtool: create: --key and --private are mutually exclusive" create 1M -k 0x10 --private
	refused 2 "shmtool: create: unrecognized option '--frob'; try 'shmtool create --help'" create 1M --frob
	refused 2 "shmtool: create: option '--noreserve' doesn't allow an argument; try 'shmtool create --help'" create 1M --noreserve=yes
	refused 2 "shmtool: create: option '-k' requires an argument; try 'shmtool create --help'" create 1M -k
	refused 2 "shmtool: create: option '--mode' requires an argument; try 'shmtool create --help'" create 1M --mode
}

@test "create -h prints the usage on stdout" {
	run --separate-stderr shmtool create -h
	assert_success
	assert_line --index 0 "Usage:"
	assert_line --index 1 " shmtool create <size> [options]"
	[ "$stderr" = "" ]
	[ "$(seglist)" = "" ]
}

@test "--noreserve creates what the kernel would refuse to account for" {
	[ "$(cat /proc/sys/vm/overcommit_memory)" = 0 ] || skip "needs vm.overcommit_memory 0"
	# more than RAM and swap together: the heuristic refuses it unless not reserved
	local kb size
	kb=$(awk '/^(MemTotal|SwapTotal):/ { t += $2 } END { print t }' /proc/meminfo)
	size=$((kb * 1024 * 2))
	refused 1 "shmtool: create: cannot create a segment of $size bytes: Cannot allocate memory" create "$size"
	run shmtool create "$size" --noreserve
	assert_success
	[ "$(kseg "$output")" = "0x00000000 $output 600 $size 0 0" ]
}

# reserve N huge pages of the size in DIR, or skip saying why
reserve_huge() {
	local dir=$1 n=$2
	[ -d "$dir" ] || skip "no huge pages of $(basename "$dir")"
	echo "$n" >"$dir/nr_hugepages" 2>/dev/null || skip "cannot set $dir/nr_hugepages"
	[ "$(cat "$dir/free_hugepages")" -ge "$n" ] ||
		skip "the kernel could not give $n huge pages of $(basename "$dir")"
}

# huge_create DIR PAGES KEY SIZE ARGS...: shmtool create ARGS makes a
# segment with KEY, mode 600 and SIZE bytes, and the kernel reserves PAGES
# more huge pages of the size in DIR for it
huge_create() {
	local dir=$1 pages=$2 key=$3 size=$4 resv id
	shift 4
	resv=$(cat "$dir/resv_hugepages")
	id=$(shmtool create "$@")
	[ "$(kseg "$id")" = "$key $id 600 $size 0 0" ] || fail "create $*: $(kseg "$id")"
	[ "$(cat "$dir/resv_hugepages")" = $((resv + pages)) ] ||
		fail "create $*: $(cat "$dir/resv_hugepages") huge pages reserved, $resv before, want $pages more"
}

@test "--hugetlb=2M reserves huge pages for the segment" {
	reserve_huge "$HUGE2M" 3
	huge_create "$HUGE2M" 2 0x00000000 3145728 3M --hugetlb=2M
	# --noreserve takes none
	huge_create "$HUGE2M" 0 0x00000002 2097152 2M -k 0x2 --hugetlb=2MiB --noreserve
	huge_create "$HUGE2M" 1 0x00000003 2097152 2M -k 0x3 --hugetlb=2MiB
}

@test "--hugetlb without a size uses the default huge page size" {
	local dir kb
	kb=$(awk '/^Hugepagesize:/ { print $2 }' /proc/meminfo)
	dir=/sys/kernel/mm/hugepages/hugepages-${kb}kB
	reserve_huge "$dir" 1
	huge_create "$dir" 1 0x00000077 1 1 --hugetlb -k 0x77
}

@test "--hugetlb=1G where the kernel can give a 1G page" {
	reserve_huge "$HUGE1G" 1
	huge_create "$HUGE1G" 1 0x00000000 1073741824 1G --hugetlb=1G
}

@test "--hugetlb where no huge pages are free is a clear error, exit 1" {
	[ -d "$HUGE2M" ] || skip "no 2M huge pages on this system"
	[ "$(cat "$HUGE2M/nr_overcommit_hugepages")" = 0 ] || skip "2M huge pages overcommit"
	echo 0 >"$HUGE2M/nr_hugepages"
	refused 1 "shmtool: create: not enough free huge pages of 2M: 2 needed, 0 free (raise $HUGE2M/nr_hugepages)" create 4M --hugetlb=2M
}

@test "bad --hugetlb sizes are exit 2; sizes the system lacks are exit 1" {
	refused 2 "shmtool: create: invalid huge page size '3M': expected a huge page size such as 2M or 1G" create 1M --hugetlb=3M
	refused 2 "shmtool: create: invalid huge page size 'big': expected a number with an optional K, M, G or T suffix" create 1M --hugetlb=big
	[ ! -d /sys/kernel/mm/hugepages/hugepages-8192kB ] || skip "this system has 8M huge pages"
	refused 1 "shmtool: create: this system has no huge pages of 8M (see /sys/kernel/mm/hugepages)" create 1M --hugetlb=8M
}

@test "--hugetlb for a user the kernel does not let lock memory: EPERM with what is needed" {
	[ -d "$HUGE2M" ] || skip "no 2M huge pages on this system"
	[ "$(cat /proc/sys/vm/hugetlb_shm_group)" != 65534 ] || skip "nogroup may use huge pages"
	before=$(seglist)
	run --separate-stderr as_nobody prlimit --memlock=0 "$SHMTOOL" create 2M --hugetlb=2M
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: create: huge pages: Operation not permitted (needs CAP_IPC_LOCK, vm.hugetlb_shm_group or a large enough RLIMIT_MEMLOCK)" ]
	[ "$(seglist)" = "$before" ]
}
