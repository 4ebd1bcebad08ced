#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# shmtool against a C program of the kind its users write (tests/interop.c:
# shmget by key, shmat, printf("%s") / strcpy).

load common

: "${INTEROP:=${TESTS_BUILDDIR:-$BATS_TEST_DIRNAME}/interop}"

@test "what write --string --nul puts there, a C program prints" {
	id=$(mkseg 0x1e7 4096 0600)
	"$SHM_HELPER" fill "$id" 0x78 # no NUL anywhere to help
	shmtool write "$id" --string "hello from shmtool" --nul
	run "$INTEROP" 0x1e7 get
	assert_success
	assert_output "hello from shmtool"
}

@test "what a C program strcpy's there, dump --format string prints" {
	id=$(mkseg 0x1e8 4096 0600)
	"$SHM_HELPER" fill "$id" 0x78
	"$INTEROP" 0x1e8 put "written in C, read by shmtool"
	run shmtool attach-dump "$id" --format string
	assert_success
	assert_output "written in C, read by shmtool"
	run shmtool dump -k 0x1e8 --format string --offset 14
	assert_output "read by shmtool"
}

@test "a shorter string over a longer one: --nul is what makes C see the end" {
	id=$(mkseg 0x1e9 64 0600)
	"$INTEROP" 0x1e9 put "a long string already there"
	shmtool write "$id" --string short
	run "$INTEROP" 0x1e9 get
	assert_output "shortg string already there"
	shmtool write "$id" --string short --nul
	run "$INTEROP" 0x1e9 get
	assert_output "short"
}
