#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# POSIX shared memory beside System V: list --posix and -a, create --posix,
# rm /NAME, info's /dev/shm row. Objects are made and mapped by the helper
# with shm_open, as applications make them, in the private tmpfs that
# tests/run-bats mounts on /dev/shm.

load common

# What /dev/shm holds, for "nothing changed": name, mode, owner, size, sum.
shm_state() {
	local f
	for f in /dev/shm/*; do
		[ -e "$f" ] || continue
		printf '%s %s %s ' "$f" "$(stat -c '%a %U %s' "$f")" "$(psum "/${f##*/}")"
		echo
	done
}

short_ctime() {
	date -d "@$(stat -c %Z "/dev/shm$1")" +%H:%M
}

@test "the tests' /dev/shm is a private tmpfs, not the machine's" {
	# the top mount on /dev/shm is the one tests/run-bats made
	[ "$(stat -f -c %T /dev/shm)" = tmpfs ]
	[ "$(df --output=source /dev/shm | tail -1)" = shmtool-test ]
	[ "$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/1/ns/mnt)" ]
	[ "$(stat -c %d /dev/shm)" != "$(stat -c %d /proc/1/root/dev/shm)" ]
	# what a test makes is not in the machine's /dev/shm
	pmk /shmtool-guard-probe 1 0600
	[ -e /dev/shm/shmtool-guard-probe ]
	[ ! -e /proc/1/root/dev/shm/shmtool-guard-probe ]
}

@test "list --posix: the objects with owner, perms, size and ctime" {
	pmk /app 8192 0640
	as_nobody "$SHM_HELPER" posix-create /theirs 100 0604
	pmk /big 1048576 0600
	# not shared memory objects: a semaphore, a directory, a symlink
	touch /dev/shm/sem.lock
	mkdir /dev/shm/dir
	ln -s app /dev/shm/link
	run --separate-stderr shmtool list --posix
	assert_success
	[ "$stderr" = "" ]
	assert_output - <<-END
		NAME    OWNER    PERMS   BYTES CTIME
		/app    root     640      8192 $(short_ctime /app)
		/big    root     600   1048576 $(short_ctime /big)
		/theirs nobody   604       100 $(short_ctime /theirs)
	END
}

@test "list --posix: -r, -e, -o, --output-all, -H and epoch times" {
	pmk /app 8192 0640
	"$SHM_HELPER" posix-fill /app 1
	ct=$(stat -c %Z /dev/shm/app)
	run shmtool list --posix -r --time-format epoch -o +MODE,UID,GID,GROUP,RSS,TYPE
	assert_success
	assert_output - <<-END
		NAME OWNER PERMS BYTES CTIME MODE UID GID GROUP RSS TYPE
		/app root 640 8192 $ct rw-r----- 0 0 root 8192 posix
	END
	run shmtool list --posix -e -o NAME,BYTES,KEY,NATTCH -H
	assert_success
	assert_output 'NAME="/app" BYTES="8K" KEY="" NATTCH=""'
	# System V columns are empty for an object
	run shmtool list --posix -r -n --output-all --time-format epoch
	assert_success
	# IPCNS: the namespace shmtool works in; CONTAINER only with -A
	assert_output "- - root 640 rw-r----- 8192 - - - - - - - - 0 root 0 root - - $ct 8192 - - - - posix /app $(stat -Lc %i /proc/self/ns/ipc) -"
}

@test "list -a: System V and POSIX in one table, TYPE and NAME" {
	id=$(mkseg 0x1234 4096 0644)
	pmk /app 100 0600
	run --separate-stderr shmtool list -a
	assert_success
	assert_output - <<-END
		TYPE  KEY        SHMID NAME OWNER PERMS BYTES NATTCH STATUS
		sysv  0x00001234 $(printf '%5s' "$id")      root  644    4096      0
		posix                  /app root  600     100
	END
	[ "$(shmtool list --all-types -r -n -o TYPE,NAME,SHMID)" = "sysv - $id
posix /app -" ]
	# list alone is System V only
	[ "$(shmtool list -r -n -o SHMID)" = "$id" ]
	[ "$(shmtool list -r -n -o TYPE)" = "sysv" ]
}

@test "list -a: sort and filters serve both types" {
	mkseg 0x1 300 0600 >/dev/null
	pmk /b 200 0600
	pmk /a 400 0600
	as_nobody "$SHM_HELPER" posix-create /n 50 0600
	run shmtool list -a -r -n -o NAME,BYTES -s BYTES
	assert_output - <<-END
		/n 50
		/b 200
		- 300
		/a 400
	END
	run shmtool list -a -r -n -o NAME -s NAME --reverse
	assert_output - <<-END
		/n
		/b
		/a
		-
	END
	run shmtool list -a -r -n -o TYPE,NAME --larger-than 250
	assert_output - <<-END
		sysv -
		posix /a
	END
	run shmtool list --posix -r -n -o NAME -u nobody
	assert_output "/n"
	# System V selectors select no object
	run shmtool list --posix -r -n -o NAME --unattached
	assert_output ""
	run --separate-stderr shmtool list --posix -k 0
	assert_failure 1
	[ "$stderr" = "shmtool: list: key 0x00000000: no such segment" ]
}

@test "list -J: \"type\" and \"name\", System V columns null for objects and NAME for segments" {
	id=$(mkseg 0x1234 4096 0644)
	pmk /app 100 0640
	run --separate-stderr shmtool list -a -J
	assert_success
	[ "$stderr" = "" ]
	run jq -c '.segments[]' <<<"$output"
	assert_output - <<-END
		{"type":"sysv","key":"0x00001234","shmid":$id,"name":null,"owner":"root","perms":"644","bytes":4096,"nattch":0,"status":[]}
		{"type":"posix","key":null,"shmid":null,"name":"/app","owner":"root","perms":"640","bytes":100,"nattch":null,"status":null}
	END
	run shmtool list --posix -J
	assert_success
	run jq -c '.segments[] | [.name, .owner, .perms, .bytes, (.ctime | type)]' <<<"$output"
	assert_output '["/app","root","640",100,"string"]'
	run shmtool list --posix -J --output-all
	run jq -c '.segments[0] | with_entries(select(.value != null)) | del(.ctime)' <<<"$output"
	assert_output '{"owner":"root","perms":"640","mode":"rw-r-----","bytes":100,"uid":0,"user":"root","gid":0,"group":"root","rss":0,"pids":[],"type":"posix","name":"/app","ipcns":'"$(stat -Lc %i /proc/self/ns/ipc)"'}'
	run shmtool list -J --output-all
	run jq -c '.segments[0] | [.type, .name]' <<<"$output"
	assert_output '["sysv",null]'
}

@test "list --posix with no object: the header alone, or an empty JSON list" {
	run --separate-stderr shmtool list --posix
	assert_success
	assert_output "NAME OWNER PERMS BYTES CTIME"
	[ "$stderr" = "" ]
	run shmtool list --posix -n
	assert_success
	assert_output ""
	run shmtool list --posix -J
	assert_success
	[ "$(jq -c . <<<"$output")" = '{"segments":[]}' ]
}

@test "--posix and --all-types are mutually exclusive" {
	refused 2 "shmtool: list: --posix and --all-types are mutually exclusive" list --posix -a
	refused 2 "shmtool: list: --posix and --all-types are mutually exclusive" list --all-types --posix
}

# in_mount_ns SETUP CMD...: runs CMD in a mount namespace of its own after
# the shell commands SETUP, so the test's /dev/shm stays as it is.
in_mount_ns() {
	local setup=$1
	shift
	unshare --mount --propagation private sh -c "$setup"' && exec "$@"' sh "$@"
}

@test "a /dev/shm that is not a tmpfs, or is missing: one error line, exit 1" {
	id=$(mkseg 0x1234 4096 0644)
	notmpfs="shmtool: %s: /dev/shm: not a tmpfs file system, so not POSIX shared memory"
	for setup in "mount -t ramfs none /dev/shm" "mount -t tmpfs none /dev"; do
		if [[ $setup == *ramfs* ]]; then why=$notmpfs; else why="shmtool: %s: /dev/shm: No such file or directory"; fi
		run --separate-stderr in_mount_ns "$setup" "$SHMTOOL" list --posix
		assert_failure 1
		assert_output ""
		[ "$stderr" = "$(printf "$why" list)" ]
		# -a still lists the System V segments
		run --separate-stderr in_mount_ns "$setup" "$SHMTOOL" list -a -r -n -o TYPE,SHMID
		assert_failure 1
		assert_output "sysv $id"
		[ "$stderr" = "$(printf "$why" list)" ]
		run --separate-stderr in_mount_ns "$setup" "$SHMTOOL" create --posix x 1
		assert_failure 1
		[ "$stderr" = "$(printf "$why" create)" ]
		run --separate-stderr in_mount_ns "$setup" "$SHMTOOL" rm /x
		assert_failure 1
		[ "$stderr" = "$(printf "$why" rm)" ]
		# info shows the System V rows without the POSIX one
		run --separate-stderr in_mount_ns "$setup" "$SHMTOOL" info -r -n
		assert_failure 1
		[ "$stderr" = "$(printf "$why" info)" ]
		[ "${#lines[@]}" = 6 ]
		refute_line --partial POSIX
		run --separate-stderr in_mount_ns "$setup" "$SHMTOOL" info -J
		assert_failure 1
		[ "$(jq -c '[.limits.posix_bytes, .usage.posix_bytes, .usage.posix_percent]' <<<"$output")" = "[null,null,null]" ]
	done
	# the test's own /dev/shm is untouched
	[ "$(df --output=source /dev/shm | tail -1)" = shmtool-test ]
	[ "$(shmtool list --posix -r -n -o NAME)" = "" ]
}

@test "create --posix: prints the name; mode exactly, despite the umask; size" {
	run --separate-stderr bash -c 'umask 077; "$SHMTOOL" create --posix app 8K -m 0664'
	assert_success
	assert_output "/app"
	[ "$stderr" = "" ]
	[ "$(stat -c '%a %U %G %s %F' /dev/shm/app)" = "664 root root 8192 regular file" ]
	run shmtool create --posix /other 1M
	assert_output "/other"
	[ "$(stat -c '%a %s' /dev/shm/other)" = "600 1048576" ]
	run shmtool create --posix sym 100 -m u=rw,g=r
	[ "$(stat -c '%a %s' /dev/shm/sym)" = "640 100" ]
	# an unprivileged user makes an object of their own
	run as_nobody "$SHMTOOL" create --posix mine 4K
	assert_success
	[ "$(stat -c '%a %U %G %s' /dev/shm/mine)" = "600 nobody nogroup 4096" ]
}

@test "create --posix -J prints the object as list -J --all-types --output-all" {
	run shmtool create --posix app 4096 -m 640 -J
	assert_success
	created=$(jq -c . <<<"$output")
	listed=$(shmtool list -J --all-types --output-all | jq -c '.segments[] | select(.name == "/app")')
	[ "$created" = "$listed" ]
	run jq -c '[.type, .name, .perms, .mode, .bytes, .owner, .key, .shmid, .nattch, .status]' <<<"$created"
	assert_output '["posix","/app","640","rw-r-----",4096,"root",null,null,null,null]'
}

@test "create --posix: an existing name is exit 1 and the object keeps its bytes" {
	pmk /app 100 0644
	"$SHM_HELPER" posix-fill /app 7
	before=$(shm_state)
	refused 1 "shmtool: create: /app: already exists" create --posix app 4096
	refused 1 "shmtool: create: /app: already exists" create --posix /app 100 -m 600
	[ "$(shm_state)" = "$before" ]
}

@test "create --posix: bad names, sizes and options are exit 2, nothing created" {
	long=$(printf 'x%.0s' $(seq 1 256))
	refused 2 "shmtool: create: invalid name '/a/b': expected no slash after the leading one" create --posix /a/b 1
	refused 2 "shmtool: create: invalid name 'a/b': expected no slash after the leading one" create --posix a/b 1
	refused 2 "shmtool: create: invalid name '': expected a name after the slash" create --posix '' 1
	refused 2 "shmtool: create: invalid name '/': expected a name after the slash" create --posix / 1
	refused 2 "shmtool: create: invalid name '..': expected a name other than '.' and '..'" create --posix .. 1
	refused 2 "shmtool: create: invalid name '/.': expected a name other than '.' and '..'" create --posix /. 1
	refused 2 "shmtool: create: invalid name '$long': expected at most 255 bytes after the slash (NAME_MAX)" create --posix "$long" 1
	refused 2 "shmtool: create: invalid size '0': expected a size above 0" create --posix app 0
	refused 2 "shmtool: create: invalid size '1Q': expected a number with an optional K, M, G or T suffix" create --posix app 1Q
	refused 2 "shmtool: create: invalid size '-5': size must not be negative" create --posix app -5
	refused 2 "shmtool: create: missing size; try 'shmtool create --help'" create --posix app
	refused 2 "shmtool: create: unexpected argument '2'; try 'shmtool create --help'" create --posix app 1 2
	refused 2 "shmtool: create: option '--posix' requires an argument; try 'shmtool create --help'" create 1 --posix
	for opt in "--key 5" --private --hugetlb --noreserve; do
		refused 2 "shmtool: create: --posix and ${opt% *} are mutually exclusive" create --posix app 1 $opt
	done
	refused 2 "shmtool: create: invalid mode '9': expected an octal mode up to 777 or a symbolic mode like u=rw,g=r" create --posix app 1 -m 9
	[ "$(ls -A /dev/shm)" = "" ]
	# 255 bytes is the longest name
	run shmtool create --posix "${long:1}" 1
	assert_success
	assert_output "/${long:1}"
}

@test "rm /NAME and rm --posix NAME remove objects; -v says which" {
	for n in a b c d; do pmk "/$n" 100 0600; done
	run --separate-stderr shmtool rm /a
	assert_success
	assert_output ""
	[ "$stderr" = "" ]
	run --separate-stderr shmtool rm -v --posix b --posix /c
	assert_success
	assert_output - <<-END
		removed POSIX object /b
		removed POSIX object /c
	END
	[ "$(ls -A /dev/shm)" = "d" ]
}

@test "rm: System V and POSIX in one call; an object named twice goes once" {
	id=$(mkseg 0x10 100 0600)
	pmk /app 100 0600
	run --separate-stderr shmtool rm -v "$id" /app --posix app
	assert_success
	assert_output - <<-END
		removed shmid $id (key 0x00000010)
		removed POSIX object /app
	END
	[ "$(ls -A /dev/shm)" = "" ]
	[ "$(shmtool list -n)" = "" ]
}

@test "rm --dry-run removes nothing and says what would go" {
	pmk /a 100 0600
	pmk /b 100 0600
	before=$(shm_state)
	run --separate-stderr shmtool rm --dry-run /a /b
	assert_success
	assert_output - <<-END
		would remove POSIX object /a
		would remove POSIX object /b
	END
	[ "$(shm_state)" = "$before" ]
	run shmtool rm --dry-run -J /a
	assert_success
	[ "$(jq -c '[.dry_run, [.removed[].name], .skipped, .failed]' <<<"$output")" = '[true,["/a"],[],[]]' ]
	[ "$(shm_state)" = "$before" ]
}

@test "rm: a name that does not exist is exit 1; the others still go" {
	pmk /a 100 0600
	refused 1 "shmtool: rm: /nope: no such object" rm /nope
	run --separate-stderr shmtool rm -v /nope /a
	assert_failure 1
	assert_output "removed POSIX object /a"
	[ "$stderr" = "shmtool: rm: /nope: no such object" ]
	# a directory or symlink in /dev/shm is no object shm_open would open
	mkdir /dev/shm/dir
	refused 1 "shmtool: rm: /dir: no such object" rm /dir
	[ -d /dev/shm/dir ]
}

@test "rm: bad names are exit 2 before anything is removed" {
	pmk /a 100 0600
	id=$(mkseg 0x10 100 0600)
	before=$(shm_state)
	refused 2 "shmtool: rm: invalid name '/x/y': expected no slash after the leading one" rm /a "$id" /x/y
	refused 2 "shmtool: rm: invalid name '/': expected a name after the slash" rm /a /
	refused 2 "shmtool: rm: invalid name '..': expected a name other than '.' and '..'" rm --posix .. /a
	refused 2 "shmtool: rm: option '--posix' requires an argument; try 'shmtool rm --help'" rm /a --posix
	refused 2 "shmtool: rm: --all removes System V segments only; name POSIX objects without it" rm --all --posix a
	refused 2 "shmtool: rm: unexpected argument '/a'; try 'shmtool rm --help'" rm --all /a
	[ "$(shm_state)" = "$before" ]
	[ "$(shmtool list -n -o SHMID | tr -d ' ')" = "$id" ]
}

@test "rm: an object a process maps is skipped with who maps it, unless --force" {
	pmk /app 4096 0600
	pmk /free 4096 0600
	pmap /app
	a=$last_holder
	pmap /app
	b=$last_holder
	run --separate-stderr shmtool rm -v /app /free
	assert_failure 1
	assert_output "removed POSIX object /free"
	first=$(printf '%s\n' "$a" "$b" | sort -n | head -1)
	second=$(printf '%s\n' "$a" "$b" | sort -n | tail -1)
	[ "$stderr" = "shmtool: rm: /app: skipped: mapped by 2 processes: $first (shm-helper), $second (shm-helper); --force removes it anyway" ]
	[ -e /dev/shm/app ]
	run --separate-stderr shmtool rm -J /app
	assert_failure 1
	[ "$(jq -c '[.removed, [.skipped[] | [.name, .reason]], .failed]' <<<"$output")" = '[[],[["/app","mapped"]],[]]' ]
	# a dry run predicts the skip too
	run shmtool rm --dry-run /app
	assert_failure 1
	[ -e /dev/shm/app ]
	run --separate-stderr shmtool rm -v --force /app
	assert_success
	assert_output "removed POSIX object /app"
	[ ! -e /dev/shm/app ]
	# the mappers keep their memory: only the name is gone
	kill -0 "$a" "$b"
}

@test "rm: an unprivileged user cannot remove root's object in the sticky /dev/shm" {
	pmk /app 100 0644
	"$SHM_HELPER" posix-fill /app 9
	before=$(shm_state)
	run --separate-stderr as_nobody "$SHMTOOL" rm /app
	assert_failure 1
	[ "$stderr" = "shmtool: rm: /app: Operation not permitted (/dev/shm is sticky: only the object's owner, the directory's owner or CAP_FOWNER may remove it)" ]
	[ "$(shm_state)" = "$before" ]
	# the dry run predicts it
	run --separate-stderr as_nobody "$SHMTOOL" rm --dry-run /app
	assert_failure 1
	assert_output ""
	[ "$stderr" = "shmtool: rm: /app: Operation not permitted (/dev/shm is sticky: only the object's owner, the directory's owner or CAP_FOWNER may remove it)" ]
	run --separate-stderr as_nobody "$SHMTOOL" rm -J /app
	assert_failure 1
	[ "$(jq -c .failed <<<"$output")" = "[{\"name\":\"/app\",\"error\":\"Operation not permitted (/dev/shm is sticky: only the object's owner, the directory's owner or CAP_FOWNER may remove it)\"}]" ]
	[ "$(shm_state)" = "$before" ]
	# their own object they may remove
	as_nobody "$SHM_HELPER" posix-create /theirs 100 0600
	run as_nobody "$SHMTOOL" rm /theirs
	assert_success
	[ ! -e /dev/shm/theirs ]
}

@test "info: the size and use of /dev/shm, as df reports them" {
	pmk /app 1048576 0600
	"$SHM_HELPER" posix-fill /app 1
	run --separate-stderr shmtool info -r -n
	assert_success
	[ "$stderr" = "" ]
	assert_line --index 6 "POSIX 268435456 1048576 0.39% POSIX shared memory bytes (/dev/shm)"
	read -r size used < <(df -B1 --output=size,used /dev/shm | tail -1)
	[ "$size $used" = "268435456 1048576" ]
	run shmtool info -H -r -n
	assert_line --index 6 "POSIX 256M 1M 0.39% POSIX shared memory bytes (/dev/shm)"
	run shmtool info -J
	assert_success
	[ "$(jq -c '[.limits.posix_bytes, .usage.posix_bytes, .usage.posix_percent]' <<<"$output")" = "[268435456,1048576,0.390625]" ]
	# RSS of the object: the memory its file holds
	[ "$(shmtool list --posix -r -n -o NAME,RSS)" = "/app 1048576" ]
}

@test "--help of list, create and rm names the POSIX options" {
	run shmtool list --help
	assert_line "     --posix              POSIX objects (the files of /dev/shm) only"
	assert_line " -a, --all-types          System V segments and POSIX objects"
	assert_line "with --posix: NAME OWNER PERMS BYTES CTIME;"
	run shmtool create --help
	assert_line "     --posix <name>       create the POSIX object /<name> (shm_open)"
	run shmtool rm --help
	assert_line "     --posix <name>       the POSIX object /<name> (repeatable)"
	run shmtool list --list-columns
	assert_line "TYPE     sysv or posix"
	assert_line "NAME     name of a POSIX object (/NAME)"
}
