#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# shmtool rm: what is left in the kernel's table afterwards, read from
# /proc/sysvipc/shm rather than from shmtool.

load common

# "SHMID KEY PERMS NATTCH" of every segment, key as 0x%08x.
seglist() {
	awk 'NR > 1 { k = $1 < 0 ? $1 + 4294967296 : $1
		printf "%s 0x%08x %s %s\n", $2, k, $3, $7 }' /proc/sysvipc/shm | sort -n
}

ids() {
	awk 'NR > 1 { print $2 }' /proc/sysvipc/shm | sort -n | xargs
}

@test "rm ID removes the segment and prints nothing" {
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 100 0600)
	says 0 "" "" rm "$a"
	[ "$(ids)" = "$b" ]
	run ipcs -m
	refute_line --regexp "^0x00000010 "
	assert_line --regexp "^0x00000011 +$b "
}

@test "rm takes several shmids, -i, and -k keys, each once" {
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 100 0600)
	c=$(mkseg 0x12 100 0600)
	d=$(mkseg 0x13 100 0600)
	e=$(mkseg 0x14 100 0600)
	says 0 "removed shmid $a (key 0x00000010)
removed shmid $b (key 0x00000011)
removed shmid $c (key 0x00000012)
removed shmid $d (key 0x00000013)" "" rm "$a" "$b" -k 0x12 --key=19 -i "$a" -v
	[ "$(ids)" = "$e" ]
}

@test "rm -k @PATH:PROJ finds the segment by its ftok key" {
	touch "$BATS_TEST_TMPDIR/app"
	id=$(shmtool create 100 -k "@$BATS_TEST_TMPDIR/app:p")
	other=$(mkseg 0x10 100 0600)
	run shmtool rm -v -k "@$BATS_TEST_TMPDIR/app:p"
	assert_success
	assert_output --regexp "^removed shmid $id \(key 0x70[0-9a-f]{6}\)$"
	[ "$(ids)" = "$other" ]
}

@test "rm goes on past what it cannot find, one line each, and exits 1" {
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 100 0600)
	says 1 "removed shmid $a (key 0x00000010)
removed shmid $b (key 0x00000011)" "shmtool: rm: shmid 9999: no such segment
shmtool: rm: key 0x00004242: no such segment" rm 9999 "$a" -k 0x4242 -k 0x11 -v
	[ "$(ids)" = "" ]
}

@test "rm of an attached segment skips it with the reason and exits 1" {
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 100 0600)
	hold "$a"
	hold "$a"
	says 1 "" "shmtool: rm: shmid $a: skipped: 2 processes attached; --force removes it anyway" rm "$a" "$b"
	[ "$(seglist)" = "$a 0x00000010 600 2" ]
}

@test "rm --force marks an attached segment dest; it stays while held" {
	a=$(mkseg 0x10 100 0600)
	hold "$a"
	says 0 "marked shmid $a (key 0x00000010) for removal; goes when the process attached to it detaches" "" \
		rm -f -v "$a"
	# the kernel keeps it for its user: key IPC_PRIVATE, SHM_DEST in the mode
	[ "$(seglist)" = "$a 0x00000000 1600 1" ]
	run shmtool list -n -o SHMID,STATUS
	assert_output --regexp "^ *$a +dest$"
}

@test "rm --dry-run prints what would go and removes nothing" {
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 100 0600)
	hold "$b"
	before=$(seglist)
	says 1 "would remove shmid $a (key 0x00000010)" "shmtool: rm: shmid 777: no such segment
shmtool: rm: shmid $b: skipped: 1 process attached; --force removes it anyway" rm --dry-run "$a" "$b" 777
	[ "$(seglist)" = "$before" ]
	run --separate-stderr shmtool rm --dry-run --force "$a" "$b"
	assert_success
	assert_output - <<-EOF
		would remove shmid $a (key 0x00000010)
		would remove shmid $b (key 0x00000011)
	EOF
	[ "$(seglist)" = "$before" ]
}

@test "rm --all removes every unattached segment and skips attached ones, exit 0" {
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 100 0600)
	c=$(mkseg 0 100 0644)
	hold "$b"
	says 0 "removed shmid $a (key 0x00000010)
removed shmid $c (key 0x00000000)" "shmtool: rm: shmid $b: skipped: 1 process attached; --force removes it anyway" \
		rm --all -v
	[ "$(seglist)" = "$b 0x00000011 600 1" ]
	says 0 "" "" rm --all --force
	[ "$(seglist)" = "$b 0x00000000 1600 1" ]
}

@test "rm --all with nothing there is success" {
	says 0 "" "" rm --all -v
}

@test "rm --all removes only what list's filters select" {
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 8192 0600)
	c=$(mkseg 0 100 0600)
	d=$(mkseg 0 100 0600)
	e=$(as_nobody "$SHM_HELPER" create 0x12 100 0600)
	hold "$d"
	run shmtool rm --all --larger-than 4K -v
	assert_output "removed shmid $b (key 0x00000011)"
	[ "$(ids)" = "$a $c $d $e" ]
	# key 0 names no one segment, but as a filter it selects the private ones
	says 0 "removed shmid $c (key 0x00000000)" "" rm --all -k 0 -v --unattached
	[ "$(ids)" = "$a $d $e" ]
	run shmtool rm --all -u nobody -v
	assert_output "removed shmid $e (key 0x00000012)"
	[ "$(ids)" = "$a $d" ]
	run shmtool rm --all --attached --force -v
	assert_output "marked shmid $d (key 0x00000000) for removal; goes when the process attached to it detaches"
	run shmtool rm --all -i "$a" -v
	assert_output "removed shmid $a (key 0x00000010)"
}

@test "rm --all with an --id or --key that names nothing fails for it, removes the rest" {
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 100 0600)
	says 1 "removed shmid $a (key 0x00000010)" "shmtool: rm: shmid 9999: no such segment" rm --all -i "$a" -i 9999 -v
	run --separate-stderr shmtool rm --all -k 0x99
	assert_failure 1
	[ "$stderr" = "shmtool: rm: key 0x00000099: no such segment" ]
	[ "$(ids)" = "$b" ]
}

@test "rm -J reports removed, skipped and failed, typed" {
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 4096 0640)
	hold "$b"
	run --separate-stderr shmtool rm -J "$a" "$b" 9999 -k 0x77
	assert_failure 1
	run jq -c . <<<"$output"
	assert_output "{\"dry_run\":false,\"removed\":[{\"key\":\"0x00000010\",\"shmid\":$a,\"owner\":\"root\",\"perms\":\"600\",\"bytes\":100,\"nattch\":0,\"status\":[]}],\"marked\":[],\"skipped\":[{\"key\":\"0x00000011\",\"shmid\":$b,\"owner\":\"root\",\"perms\":\"640\",\"bytes\":4096,\"nattch\":1,\"status\":[],\"reason\":\"attached\"}],\"failed\":[{\"shmid\":9999,\"key\":null,\"error\":\"no such segment\"},{\"shmid\":null,\"key\":\"0x00000077\",\"error\":\"no such segment\"}],\"denied\":0}"
	[ "$(ids)" = "$b" ]
}

@test "rm -J --dry-run and an empty --all are JSON too" {
	a=$(mkseg 0x10 100 0600)
	run --separate-stderr shmtool rm -J --dry-run --all
	assert_success
	run jq -c '[.dry_run, [.removed[].shmid], .skipped, .failed]' <<<"$output"
	assert_output "[true,[$a],[],[]]"
	[ "$(ids)" = "$a" ]
	shmtool rm "$a"
	run shmtool rm --all --json
	assert_success
	run jq -c . <<<"$output"
	assert_output '{"dry_run":false,"removed":[],"marked":[],"skipped":[],"failed":[],"denied":0}'
}

@test "rm as nobody of root's 0600 segment: Operation not permitted, exit 1, kept" {
	local why="Operation not permitted (only its owner or creator, or CAP_SYS_ADMIN, may remove it)"
	a=$(mkseg 0x10 100 0600)
	b=$(mkseg 0x11 100 0666)
	RUN_AS=(as_nobody)
	# IPC_RMID asks for the owner or creator: the mode does not matter
	refused 1 "shmtool: rm: shmid $a: $why
shmtool: rm: shmid $b: $why" rm "$a" "$b"
	refused 1 "shmtool: rm: shmid $a: $why" rm -k 0x10
	refused 1 "shmtool: rm: shmid $a: $why" rm --dry-run "$a"
}

@test "rm as nobody of a segment nobody owns works" {
	a=$(mkseg 0x10 100 0600)
	b=$(as_nobody "$SHM_HELPER" create 0x11 100 0600)
	run --separate-stderr as_nobody "$SHMTOOL" rm -v "$b"
	assert_success
	assert_output "removed shmid $b (key 0x00000011)"
	[ "$(ids)" = "$a" ]
}

@test "rm --all as nobody removes what nobody may remove and says how many it left" {
	a=$(mkseg 0x10 100 0600)
	b=$(as_nobody "$SHM_HELPER" create 0x11 100 0600)
	c=$(as_nobody "$SHM_HELPER" create 0x12 100 0600)
	RUN_AS=(as_nobody)
	says 0 "removed shmid $b (key 0x00000011)
removed shmid $c (key 0x00000012)" \
		"shmtool: rm: left 1 selected segment: only the owner or creator, or CAP_SYS_ADMIN, may remove it" rm --all -v
	[ "$(ids)" = "$a" ]
	d=$(mkseg 0x13 100 0666)
	refused 0 "shmtool: rm: left 2 selected segments: only the owner or creator, or CAP_SYS_ADMIN, may remove them" rm --all
	refused 0 "shmtool: rm: left 2 selected segments: only the owner or creator, or CAP_SYS_ADMIN, may remove them" rm --all --dry-run
	# what the filters leave out is not counted
	refused 0 "shmtool: rm: left 1 selected segment: only the owner or creator, or CAP_SYS_ADMIN, may remove it" rm --all -k 0x13
	# and -J counts them too
	run --separate-stderr as_nobody "$SHMTOOL" rm --all --dry-run -J
	assert_success
	[ "$stderr" = "shmtool: rm: left 2 selected segments: only the owner or creator, or CAP_SYS_ADMIN, may remove them" ]
	[ "$(jq -c . <<<"$output")" = '{"dry_run":true,"removed":[],"marked":[],"skipped":[],"failed":[],"denied":2}' ]
	[ "$(ids)" = "$a $d" ]
}

@test "rm with nothing to remove is a usage error" {
	mkseg 0x10 100 0600
	refused 2 "shmtool: rm: nothing to remove: give shmids, --key, /NAME or --all; try 'shmtool rm --help'" rm
	refused 2 "shmtool: rm: nothing to remove: give shmids, --key, /NAME or --all; try 'shmtool rm --help'" rm -v -f
}

@test "rm --all takes no operands: no optional-argument trap" {
	mkseg 0x10 100 0600
	refused 2 "shmtool: rm: unexpected argument 'shm'; try 'shmtool rm --help'" rm --all shm
	refused 2 "shmtool: rm: unexpected argument 'shm'; try 'shmtool rm --help'" rm --all shm
	refused 2 "shmtool: rm: option '--all' doesn't allow an argument; try 'shmtool rm --help'" rm --all=shm
}

@test "malformed shmids and keys are exit 2 before anything is removed" {
	a=$(mkseg 0x10 100 0600)
	refused 2 "shmtool: rm: invalid shmid 'abc': expected a non-negative decimal number" rm "$a" abc
	refused 2 "shmtool: rm: invalid shmid '99999999999': number out of range" rm "$a" 99999999999
	refused 2 "shmtool: rm: invalid shmid '': expected a non-negative decimal number" rm "$a" ''
	refused 2 "shmtool: rm: invalid shmid 'x': expected a non-negative decimal number" rm -i x "$a"
	refused 2 "shmtool: rm: invalid key '0xZZ': expected a decimal or 0x-hex number, or @PATH[:PROJ]" rm "$a" -k 0xZZ
	refused 2 "shmtool: rm: invalid key '0x100000000': key out of range: keys are 32 bits" rm -k 0x100000000 "$a"
}

@test "rm -k 0 names no one segment: exit 2, nothing removed" {
	mkseg 0 100 0600
	mkseg 0 100 0600
	refused 2 "shmtool: rm: key 0x00000000 is IPC_PRIVATE, which every private segment shares; select the segment by its shmid" rm -k 0
	refused 2 "shmtool: rm: key 0x00000000 is IPC_PRIVATE, which every private segment shares; select the segment by its shmid" rm -k 0x10 -k 0x0
}

@test "rm option errors are exit 2 and remove nothing" {
	a=$(mkseg 0x10 100 0600)
	refused 2 "shmtool: rm: filters other than --id and --key select among --all; add --all" rm -u root
	refused 2 "shmtool: rm: filters other than --id and --key select among --all; add --all" rm "$a" --unattached
	refused 2 "shmtool: rm: --attached and --unattached are mutually exclusive" rm --all --attached --unattached
	refused 2 "shmtool: rm: --verbose and --json are mutually exclusive" rm "$a" -v -J
	refused 2 "shmtool: rm: unrecognized option '--orphanz'; try 'shmtool rm --help'" rm --all --orphanz
	refused 2 "shmtool: rm: option '-k' requires an argument; try 'shmtool rm --help'" rm -k
	refused 2 "shmtool: rm: invalid size '1Q': expected a number with an optional K, M, G or T suffix" rm --all --larger-than 1Q
	refused 2 "shmtool: rm: invalid user 'no-such-user': expected a user name or uid" rm --all -u no-such-user
}

@test "rm -h prints the usage on stdout" {
	mkseg 0x10 100 0600
	before=$(seglist)
	run --separate-stderr shmtool rm --help
	assert_success
	assert_line --index 0 "Usage:"
	assert_line --index 1 " shmtool rm <shmid>... [options]"
	[ "$(seglist)" = "$before" ]
}
