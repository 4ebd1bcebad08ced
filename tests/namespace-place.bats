#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# -N/--namespace before the command and after it (`shmtool list -N PID`).

load common


@test "-N works before the command and after it, in every spelling" {
	mkseg 0x1234 4096 0600 >/dev/null
	start_other_ns
	local args
	for args in "-N $NS_PID list -n -r -o KEY" "list -N $NS_PID -n -r -o KEY" \
		"list -n -r -o KEY -N $NS_PID" "list -n -N$NS_PID -r -o KEY" \
		"list --namespace $NS_PID -n -r -o KEY" "list --namespace=$NS_PID -n -r -o KEY" \
		"list -nrN $NS_PID -o KEY" "list -nrN$NS_PID -o KEY"; do
		run shmtool $args
		assert_success
		assert_output "0x00000abc"
	done
	# without it, ours
	run shmtool list -n -r -o KEY
	assert_success
	assert_output "0x00001234"
}

@test "-N after the command reaches every command: rm removes there, not here" {
	mkseg 0xabc 4096 0600 >/dev/null
	start_other_ns
	run shmtool rm -k 0xabc -N "$NS_PID"
	assert_success
	run shmtool -N "$NS_PID" list -n -r -o KEY
	assert_success
	assert_output ""
	run shmtool list -n -r -o KEY
	assert_output "0x00000abc"
}

@test "the later -N counts; before the command and after it" {
	mkseg 0x1234 4096 0600 >/dev/null
	start_other_ns
	run shmtool -N "$$" list -N "$NS_PID" -n -r -o KEY
	assert_success
	assert_output "0x00000abc"
	run shmtool -N "$NS_PID" list -N "$$" -n -r -o KEY
	assert_success
	assert_output "0x00001234"
}

@test "a value of another option is never taken for -N, nor what follows --" {
	id=$(mkseg 0x1234 16 0600)
	run shmtool write --string -N "$id"
	assert_success
	run shmtool attach-dump --format string "$id"
	assert_success
	assert_output "-N"
	run shmtool write --offset 2 --string=-N -k 0x1234
	assert_success
	run shmtool attach-dump --format string "$id"
	assert_output "-N-N"
	run shmtool list -- -N 1
	assert_failure 2
	assert_output "shmtool: list: unexpected argument '-N'; try 'shmtool list --help'"
}

@test "-N after the command without its value: one usage error, exit 2" {
	run shmtool list -n -N
	assert_failure 2
	assert_output "shmtool: list: option '-N' requires an argument; try 'shmtool list --help'"
	run shmtool rm --namespace
	assert_failure 2
	assert_output "shmtool: rm: option '--namespace' requires an argument; try 'shmtool rm --help'"
	run shmtool list -nN
	assert_failure 2
	assert_output "shmtool: list: option '-N' requires an argument; try 'shmtool list --help'"
	run shmtool list -N 999999999
	assert_failure
	assert_output --regexp '^shmtool: .+'
	[ "${#lines[@]}" -eq 1 ]
}
