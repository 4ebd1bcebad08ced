# SPDX-License-Identifier: GPL-2.0-or-later
# Loaded by every bats file: the binary under test, the namespace guard and
# helpers that make and clean up real segments.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert
bats_load_library bats-file

: "${SHMTOOL:=$BATS_TEST_DIRNAME/../src/shmtool}"
: "${SHM_HELPER:=$BATS_TEST_DIRNAME/shm-helper}"
export SHMTOOL SHM_HELPER

# Never run against the machine's own segments: the IPC namespace must be a
# private one (tests/run-bats makes it).
shm_guard() {
	if [ "$(readlink /proc/self/ns/ipc)" = "$(readlink /proc/1/ns/ipc)" ]; then
		echo "refusing to run outside a private IPC namespace; use tests/run-bats" >&2
		return 1
	fi
	# shm_clean empties /dev/shm: it must be the private tmpfs of run-bats
	if [ "$(readlink /proc/self/ns/mnt)" = "$(readlink /proc/1/ns/mnt)" ] ||
		[ "$(stat -c %d /dev/shm)" = "$(stat -c %d /proc/1/root/dev/shm 2>/dev/null)" ]; then
		echo "refusing to run with the machine's /dev/shm; use tests/run-bats" >&2
		return 1
	fi
}

# Removes every segment and POSIX object of this private namespace and stops
# the holders a test started.
shm_clean() {
	local pid
	for pid in "${SHM_HOLDERS[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	SHM_HOLDERS=()
	ipcrm --all=shm 2>/dev/null || true
	find /dev/shm -mindepth 1 -delete 2>/dev/null || true
}

setup() {
	shm_guard
	SHM_HOLDERS=()
	shm_clean
	if declare -F file_setup >/dev/null; then file_setup; fi
}

teardown() {
	if declare -F file_teardown >/dev/null; then file_teardown; fi
	# init of a PID namespace a test made dies only of SIGKILL, and the
	# unshare waiting for it (a holder) only with it
	if [ -n "${NS_INIT:-}" ]; then
		kill -KILL "$NS_INIT" 2>/dev/null || true
	fi
	shm_clean
}

shmtool() {
	"$SHMTOOL" "$@"
}

# wait_until WHAT CMD ARGS...: runs CMD every 10 ms until it succeeds. After
# 5 s it fails saying what never happened; a sanitizer build and valgrind
# run about ten times slower, so there it waits ten times longer.
wait_until() {
	local what=$1 tries=500
	shift
	if [ "${SHMTOOL_SANITIZED:-no}" = yes ] || [ -n "${SHMTOOL_VALGRIND:-}" ]; then
		tries=5000
	fi
	until "$@"; do
		tries=$((tries - 1))
		if [ "$tries" -le 0 ]; then
			echo "timed out waiting until $what" >&2
			return 1
		fi
		sleep 0.01
	done
}

# mkseg KEY SIZE MODE: a segment with an exact key; prints its shmid.
mkseg() {
	"$SHM_HELPER" create "$@"
}

# hold SHMID...: for each SHMID a process that stays attached until the
# test ends; waits until the kernel counts it. HOLD_PIDS lists their PIDs.
hold() {
	local id before
	HOLD_PIDS=()
	for id in "$@"; do
		before=$(nattch "$id")
		"$SHM_HELPER" hold "$id" &
		SHM_HOLDERS+=("$!")
		HOLD_PIDS+=("$!")
		wait_nattch "$id" $((before + 1))
	done
}

nattch() {
	awk -v id="$1" 'NR > 1 && $2 == id { print $7 }' /proc/sysvipc/shm
}

# nattch_is SHMID N: the kernel counts N attachments.
nattch_is() {
	[ "$(nattch "$1")" = "$2" ]
}

wait_nattch() {
	wait_until "segment $1 has nattch $2" nattch_is "$1" "$2"
}

# ns_nattch_is PID N: in the IPC namespace of PID (shmtool -N), the one
# segment has N attachments.
ns_nattch_is() {
	[ "$(shmtool -N "$1" list -n -o NATTCH 2>/dev/null | tr -d ' ')" = "$2" ]
}

# runs PID PROGRAM: PID has exec'd PROGRAM.
runs() {
	[ "$(readlink "/proc/$1/exe")" = "$(readlink -f "$2")" ]
}

# first_child PID: PID has a child; its PID goes into $child.
first_child() {
	child=$(cat "/proc/$1/task/$1/children" 2>/dev/null | tr -d ' ')
	[ -n "$child" ]
}

# Every segment's key, shmid, perms, size, nattch, uid and gid, and a
# checksum of its bytes, one line each, then every POSIX object's name, owner, mode and size, and a
# checksum of its bytes: two equal snapshots mean nothing was created,
# removed or changed.
snapshot() {
	local seg id f
	while read -r seg; do
		id=${seg#* }
		printf '%s %s\n' "$seg" "$(shmsum "${id%% *}")"
	done < <(awk 'NR > 1 { print $1, $2, $3, $4, $7, $8, $9 }' /proc/sysvipc/shm | sort -n -k2)
	for f in /dev/shm/*; do
		[ -f "$f" ] || continue
		printf '/%s %s %s\n' "${f##*/}" "$(stat -c '%u %a %s' "$f")" "$(psum "/${f##*/}")"
	done
}

# Prefix for the command under test, such as (as_nobody): empty runs it as
# the test's own user.
RUN_AS=()

# says STATUS STDOUT STDERR ARGS...: shmtool ARGS exits STATUS and prints
# exactly STDOUT on stdout and STDERR on stderr (left in $output and
# $stderr). RUN_AS runs it as another user.
says() {
	local want_status=$1 want_out=$2 want_err=$3
	shift 3
	run --separate-stderr "${RUN_AS[@]}" "$SHMTOOL" "$@"
	local what="shmtool $*"
	if [ "$status" != "$want_status" ]; then
		printf '%s\n  exit %s, want %s\n  stderr: %s\n' "$what" "$status" "$want_status" "$stderr"
		return 1
	fi
	if [ "$stderr" != "$want_err" ]; then
		printf '%s\n   got: %s\n  want: %s\n' "$what" "$stderr" "$want_err"
		return 1
	fi
	if [ "$output" != "$want_out" ]; then
		printf '%s\n  stdout: %s\n  want: %s\n' "$what" "$output" "$want_out"
		return 1
	fi
}

# refused STATUS ERROR ARGS...: shmtool ARGS exits STATUS with ERROR as its
# only line on stderr, prints nothing on stdout, and leaves every segment
# and object as it was (snapshot). A case of a bad-input catalogue is one
# line. RUN_AS runs it as another user.
refused() {
	local want_status=$1 want=$2 before after
	shift 2
	before=$(snapshot)
	says "$want_status" "" "$want" "$@" || return 1
	after=$(snapshot)
	if [ "$before" != "$after" ]; then
		printf 'shmtool %s\n  segments before:\n%s\n  after:\n%s\n' "$*" "$before" "$after"
		return 1
	fi
}

# A checksum of a segment's bytes, read with the helper (not shmtool).
shmsum() {
	"$SHM_HELPER" sum "$1"
}

as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

# pmk /NAME SIZE MODE: a POSIX object made with shm_open, as an application
# makes it.
pmk() {
	"$SHM_HELPER" posix-create "$@"
}

# pmap /NAME: a process that maps the object until the test ends; waits
# until /proc shows the mapping. Its pid is in $last_holder.
pmap() {
	"$SHM_HELPER" posix-map "$1" &
	last_holder=$!
	SHM_HOLDERS+=("$last_holder")
	wait_until "$1 is mapped" grep -qsF " /dev/shm$1" "/proc/$last_holder/maps"
}

# A checksum of a POSIX object's bytes, read with the helper.
psum() {
	"$SHM_HELPER" posix-sum "$1"
}

# start_other_ns [posix]: a process in its own IPC namespace that made one
# segment (key 0xabc) and sleeps; its PID goes into NS_PID. With "posix" it
# also has its own /dev/shm holding the object /theirs.
start_other_ns() {
	if [ "${1:-}" = posix ]; then
		unshare --ipc --mount --propagation private sh -c \
			'mount -t tmpfs tmpfs /dev/shm && "$1" create 0xabc 4096 0600 >/dev/null &&
			 "$1" posix-create /theirs 16 0600 && exec sleep 100' sh "$SHM_HELPER" &
	else
		unshare --ipc sh -c '"$1" create 0xabc 4096 0600 >/dev/null && exec sleep 100' sh \
			"$SHM_HELPER" &
	fi
	NS_PID=$!
	SHM_HOLDERS+=("$NS_PID")
	wait_until "the other namespace is up" other_ns_up
}

# NS_PID is in another IPC namespace and its segment is made (it runs sleep).
other_ns_up() {
	[ "$(readlink "/proc/$NS_PID/ns/ipc")" != "$(readlink /proc/self/ns/ipc)" ] &&
		runs "$NS_PID" "$(command -v sleep)"
}
