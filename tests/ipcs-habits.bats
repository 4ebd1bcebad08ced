#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The habits of ipcs, ipcrm, ipcmk and lsipc users: the views of ipcs -m -c,
# -t and -p, and the man page's table of each habit and its shmtool form,
# every form of which must run.

load common

MANPAGE=$(cd "$BATS_TEST_DIRNAME/.." && pwd)/man/shmtool.1

# ipcs's rows of a view, its headers and title left out, blanks squeezed.
ipcs_rows() {
	ipcs -m "$@" | awk 'NF && !/^-/ && $1 != "shmid" { $1 = $1; print }' | sort -n
}

@test "--view creators and pids give ipcs -m -c's and -p's columns and values" {
	command -v ipcs >/dev/null || skip "ipcs is not installed (util-linux)"
	mkseg 0x1234 100 0640 >/dev/null
	b=$(as_nobody "$SHM_HELPER" create 0x99 5000 0604)
	hold "$b"
	run shmtool list --view creators
	assert_success
	assert_line --index 0 --regexp '^SHMID +PERMS +CUSER +CGROUP +USER +GROUP$'
	[ "$(shmtool list --view creators -r -n -s SHMID)" = "$(ipcs_rows -c)" ]
	run shmtool list --view pids
	assert_line --index 0 --regexp '^SHMID +OWNER +CPID +LPID$'
	[ "$(shmtool list --view pids -r -n -s SHMID)" = "$(ipcs_rows -p)" ]
	[ "$(wc -l <<<"$(ipcs_rows -p)")" = 2 ]
}

@test "--view times: the attach, detach and change times; -o + adds to a view" {
	a=$(mkseg 0x1234 100 0640)
	run shmtool list --view times
	assert_success
	assert_line --index 0 --regexp '^SHMID +OWNER +ATIME +DTIME +CTIME$'
	run shmtool list --view times -r -n --time-format epoch
	assert_output --regexp "^$a root - - [0-9]+$"
	hold "$a"
	run shmtool list --view times -r -n --time-format epoch
	assert_output --regexp "^$a root [0-9]+ - [0-9]+$"
	run shmtool list --view pids -o +COMMAND,NATTCH -r
	assert_line --index 0 "SHMID OWNER CPID LPID COMMAND NATTCH"
	# -o without + replaces the view, as it replaces the defaults
	run shmtool list --view pids -o KEY -r -n
	assert_output "0x00001234"
	run shmtool list --view pids -J
	assert_success
	[ "$(jq -c '.segments[0] | keys_unsorted' <<<"$output")" = '["shmid","owner","cpid","lpid"]' ]
}

@test "--view that is not one: one error line, exit 2" {
	for v in creator Times "" all; do
		refused 2 "shmtool: list: invalid view '$v': expected creators, times or pids" list --view "$v" ||
			return 1
	done
	refused 2 "shmtool: list: unrecognized option '--vie'; try 'shmtool list --help'" list --vie pids
}

# The shmtool forms of the man page's table, placeholders in italics.
table_forms() {
	sed -n '/^\.SH "FOR IPCS, IPCRM, IPCMK AND LSIPC USERS"/,/^\.SH /p' "$MANPAGE" |
		sed -n '/^\.TS/,/^\.TE/p' | grep '@' | grep -v '^tab(' | tail -n +2 | cut -d@ -f2 | sed 's/\\-/-/g'
}

@test "every shmtool form in the man page's ipcs and lsipc table runs" {
	local form cmd n=0
	while read -r form; do
		# a segment for the forms that name or remove one
		key=$((0x5000 + n))
		id=$(mkseg $key 4096 0600)
		cmd=${form//\\fIid\\fP/$id}
		cmd=${cmd//\\fIkey\\fP/$key}
		cmd=${cmd//\\fIsize\\fP/4096}
		cmd=${cmd//\\fImode\\fP/640}
		[[ $cmd != *\\* ]] || fail "an escape left in '$cmd'"
		[[ $cmd == "shmtool "* ]] || fail "not a shmtool form: '$cmd'"
		run --separate-stderr $cmd
		[ "$status" = 0 ] || fail "$cmd (from '$form'): exit $status: $stderr"
		n=$((n + 1))
	done < <(table_forms)
	[ "$n" -ge 16 ] || fail "only $n forms in the table"
	# the rows name what they stand for
	for habit in 'ipcs \\-m \\-i' 'ipcs \\-m \\-l' 'ipcs \\-m \\-u' 'ipcs \\-m \\-c' 'ipcs \\-m \\-t' \
		'ipcs \\-m \\-p' 'ipcrm \\-m' 'ipcrm \\-M' 'ipcrm \\-a shm' 'ipcrm \\-\\-all=shm' 'ipcmk \\-M' \
		'lsipc \\-m@' 'lsipc \\-m \\-o' 'lsipc \\-g \\-m' 'lsipc \\-m \\-i'; do
		grep -qF -- "${habit//\\\\/\\}" "$MANPAGE" || fail "no row for $habit"
	done
}
