#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Representative invocations of every command under memcheck: no errors,
# nothing definitely or indirectly lost.

load common

file_setup() {
	[ "${SHMTOOL_SANITIZED:-no}" != yes ] || skip "valgrind cannot run a sanitizer build"
	command -v valgrind >/dev/null || skip "valgrind is not installed"
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
	SHMTOOL_PROC_SHM=/nonexistent memcheck list --output-all -J
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
