#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Representative invocations of every command under memcheck: no errors,
# nothing definitely or indirectly lost.

load common

file_setup() {
	[ "${SHMTOOL_SANITIZED:-no}" != yes ] || skip "valgrind cannot run a sanitizer build"
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	# the waits of common.bash allow for the slower runs
	export SHMTOOL_VALGRIND=yes
}

# memcheck ARGS...: runs shmtool under valgrind; fails on any error or leak.
memcheck() {
	run valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect "$SHMTOOL" "$@"
	[ "$status" -ne 99 ] || { echo "$output"; return 1; }
}

@test "list under valgrind: every mode and option" {
	mkseg 0x1234 4096 0644
	id=$(mkseg 0x5678 1 0600)
	hold "$id"
	for args in "" "-J" "-r" "-e" "--output-all" "--output-all -J" "-H -s bytes --reverse" \
		"-i $id" "-k 0x1234" "-u root --attached" "--time-format iso -o +CTIME"; do
		# shellcheck disable=SC2086
		memcheck list $args
		assert_success
	done
	SHMTOOL_PROC_SHM=/proc/shmtool-missing memcheck list --output-all -J
	assert_success
}

@test "list errors under valgrind" {
	memcheck list -o NOPE
	assert_failure 2
	memcheck list -i 42
	assert_failure 1
}

@test "info under valgrind" {
	memcheck info
	assert_success
	memcheck info -J
	assert_success
}

@test "create under valgrind" {
	memcheck create 4K -k 0x4242 -m 640
	assert_success
	memcheck create 1M -J
	assert_success
	memcheck create 4K -k 0x4242
	assert_failure 1
	memcheck create 1Q
	assert_failure 2
}

@test "rm under valgrind" {
	a=$(mkseg 0x100 4096 0600)
	b=$(mkseg 0x200 4096 0600)
	c=$(mkseg 0x300 4096 0600)
	hold "$c"
	memcheck rm -v "$a"
	assert_success
	memcheck rm -J -k 0x200 4242
	assert_failure 1
	memcheck rm --all --dry-run -J
	assert_success
	memcheck rm --all --force -v
	assert_success
}

@test "POSIX objects under valgrind: list, create, rm, info" {
	mkseg 0x1234 4096 0644
	memcheck create --posix app 4096 -J
	assert_success
	pmk /held 4096 0600
	pmap /held
	for args in "--posix" "-a" "-a -J --output-all" "--posix -s NAME --reverse -r"; do
		# shellcheck disable=SC2086
		memcheck list $args
		assert_success
	done
	memcheck rm -v /held /app /nope
	assert_failure 1
	memcheck rm -J --force /held
	assert_success
	memcheck create --posix /a/b 1
	assert_failure 2
}

@test "attach-dump under valgrind: every format, ranges, -o, errors" {
	local T=$BATS_TEST_TMPDIR
	id=$(mkseg 0x5eed 70000 0600)
	head -c 70000 /dev/urandom >"$T/bytes"
	"$SHM_HELPER" load "$id" "$T/bytes" >/dev/null
	pmk /app 4096 0600
	for args in "$id" "$id -v" "$id --format raw" "$id --format string" "-k 0x5eed --offset 5 --length 1000" \
		"$id --offset 69999" "$id --length 0" "/app" "--posix app --format raw --offset 4000" \
		"$id -o $T/out" "/app -o $T/out --force --format raw"; do
		# shellcheck disable=SC2086
		memcheck dump $args
		assert_success
	done
	cmp "$T/out" /dev/shm/app
	for args in "$id --offset 70001" "$id --offset 1 --length 0xffffffffffffffff" "/nope" "-k 0x11" "$id -o $T/out"; do
		# shellcheck disable=SC2086
		memcheck dump $args
		assert_failure 1
	done
	for args in "$id --format octal" "/a/b" "$id --dry-run"; do
		# shellcheck disable=SC2086
		memcheck dump $args
		assert_failure 2
	done
	run bash -c 'valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		"$1" dump "$2" --no-squeezing >/dev/full' _ "$SHMTOOL" "$id"
	assert_failure 1
}

@test "write under valgrind: string, file, stdin, fill, truncate, errors" {
	local T=$BATS_TEST_TMPDIR
	id=$(mkseg 0x3a7e 100 0600)
	pmk /app 64 0600
	head -c 150 /dev/urandom >"$T/long"
	head -c 20 /dev/urandom >"$T/short"
	for args in "$id --string hello --nul -v" "$id --offset 10 --file $T/short -J" "/app --file $T/short" \
		"$id --fill 0x41 --length 100" "--posix app --fill A --length 64 -v" "$id --file $T/long --truncate -J" \
		"/app --offset 60 --string abcdef --truncate"; do
		# shellcheck disable=SC2086
		memcheck write $args
		assert_success
	done
	run valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect "$SHMTOOL" write -k 0x3a7e --offset 5 - <"$T/short"
	assert_success
	run bash -c 'head -c 70001 /dev/zero | valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect "$1" write "$2" - --truncate' _ "$SHMTOOL" "$id"
	assert_success
	run bash -c 'yes | valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect "$1" write "$2" -' _ "$SHMTOOL" "$id"
	assert_failure 1
	for args in "$id --file $T/long" "$id --file $T" "$id --file $T/none" "/nope --string x" "$id --offset 101 --string x"; do
		# shellcheck disable=SC2086
		memcheck write $args
		assert_failure 1
	done
	for args in "$id --fill 256 --length 1" "$id --string x -v -J" "$id" "/a/b --string x"; do
		# shellcheck disable=SC2086
		memcheck write $args
		assert_failure 2
	done
}

@test "-N into a container's namespaces under valgrind" {
	unshare --ipc --pid --fork --kill-child --mount-proc sh -c \
		'id=$("$1" create 0x88 4096 0600) && exec "$1" hold "$id"' sh "$SHM_HELPER" &
	outer=$!
	SHM_HOLDERS+=("$outer")
	wait_until "the container's init runs" first_child "$outer"
	holder=$child
	NS_INIT=$holder
	wait_until "the holder is attached" ns_nattch_is "$holder" 1
	memcheck -N "$holder" list -p --output-all -J
	assert_success
	memcheck -N "$holder" list -a
	assert_success
	memcheck -N 999999999 list
	assert_failure
}
