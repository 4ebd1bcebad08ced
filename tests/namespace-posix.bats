#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# -N into a container: its own IPC, mount and PID namespaces, its own /proc
# and its own tmpfs on /dev/shm. POSIX holders are counted in our PIDs,
# and where -N did not enter the mount namespace, POSIX objects are refused
# instead of being the caller's objects of the same name.

load common

# The container: a segment 0x99 and a POSIX object /x of 4096 bytes
# (filled with 7), each held by its own helper. Sets CT_INIT (its init),
# CT_HOLD and CT_MAP (the helpers), all in our PID numbering.
start_container() {
	local ready=$BATS_TEST_TMPDIR/ready outer pid i
	# LeakSanitizer reads /proc/self/task at exit, and after -N PID that
	# is the container's /proc: leaks are valgrind.bats' to find.
	export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	unshare --ipc --mount --pid --fork --kill-child --mount-proc sh -c '
		mount -t tmpfs tmpfs /dev/shm || exit 1
		id=$("$1" create 0x99 4096 0600) || exit 1
		"$1" hold "$id" &
		hold=$!
		"$1" posix-create /x 4096 0600 && "$1" posix-fill /x 7 || exit 1
		"$1" posix-map /x &
		map=$!
		# ready: the kernel counts the attachment, /proc shows the mapping
		for i in $(seq 1 500); do
			if grep -q " /dev/shm/x" /proc/$map/maps 2>/dev/null &&
				awk "NR > 1 && \$1 == 153 && \$7 == 1 { f = 1 } END { exit !f }" \
					/proc/sysvipc/shm; then
				echo ready >"$2"
				break
			fi
			sleep 0.01
		done
		wait' sh "$SHM_HELPER" "$ready" &
	outer=$!
	SHM_HOLDERS+=("$outer")
	wait_until "the container came up" test -s "$ready" || return 1
	CT_INIT=$(tr -d ' ' <"/proc/$outer/task/$outer/children")
	# init of a PID namespace dies only of SIGKILL (common.bash's teardown)
	NS_INIT=$CT_INIT
	CT_HOLD= CT_MAP=
	for pid in $(cat "/proc/$CT_INIT/task/$CT_INIT/children"); do
		case "$(tr '\0' ' ' <"/proc/$pid/cmdline")" in
		*posix-map*) CT_MAP=$pid ;;
		*hold*) CT_HOLD=$pid ;;
		esac
	done
	[ -n "$CT_HOLD" ] && [ -n "$CT_MAP" ]
}

# Our own /x, of another size and content than the container's.
make_ours() {
	pmk /x 8192 0644
	"$SHM_HELPER" posix-fill /x 3
	OURS=$(psum /x)
}

ours_unchanged() {
	assert_equal "$(psum /x)" "$OURS"
	assert_equal "$(stat -c %s /dev/shm/x)" 8192
}

@test "-N PID: POSIX holders show our PIDs, as System V holders do" {
	start_container
	make_ours
	run shmtool -N "$CT_INIT" list -a -p -n -r -o TYPE,KEY,NAME,BYTES,PIDS
	assert_success
	# (before: the container's own numbers, such as 4(shm-helper))
	assert_output - <<-EOF
		sysv 0x00000099 - 4096 $CT_HOLD(shm-helper)
		posix - /x 4096 $CT_MAP(shm-helper)
	EOF
	# the same table as JSON
	run shmtool -N "$CT_INIT" list --posix -J -o NAME,PIDS
	assert_success
	assert_output --regexp "\"pid\":[[:space:]]+$CT_MAP,"
	ours_unchanged
}

@test "-N PID: rm names the holder by our PID; --force removes the container's object only" {
	start_container
	make_ours
	run --separate-stderr shmtool -N "$CT_INIT" rm /x
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" \
		"shmtool: rm: /x: skipped: mapped by 1 process: $CT_MAP (shm-helper); --force removes it anyway"
	run shmtool -N "$CT_INIT" list --posix -n -r -o NAME,BYTES
	assert_success
	assert_output "/x 4096"
	ours_unchanged
	# --force removes the container's, never ours
	run shmtool -N "$CT_INIT" rm --force -v /x
	assert_success
	assert_output "removed POSIX object /x"
	run shmtool -N "$CT_INIT" list --posix -n -r -o NAME
	assert_success
	assert_output ""
	ours_unchanged
}

@test "-N PID: the container's object is read, not ours" {
	start_container
	make_ours
	run shmtool -N "$CT_INIT" attach-dump /x --format raw --length 4
	assert_success
	assert_output $'\a\a\a\a'
}

# The one line every POSIX refusal of -N FILE prints for command cmd.
refusal_line() {
	echo "shmtool: $1: /dev/shm: POSIX objects are not reachable: the mount namespace of -N $2 was not entered (give -N a PID)"
}

@test "-N FILE: rm, attach-dump, write and list --posix refuse; ours is untouched" {
	start_container
	make_ours
	ns=/proc/$CT_MAP/ns/ipc
	run --separate-stderr shmtool -N "$ns" rm /x
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "$(refusal_line rm "$ns")"
	run --separate-stderr shmtool -N "$ns" rm --posix x -v
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "$(refusal_line rm "$ns")"
	run --separate-stderr shmtool -N "$ns" attach-dump /x
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "$(refusal_line attach-dump "$ns")"
	run --separate-stderr shmtool -N "$ns" write /x --string overwritten
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "$(refusal_line write "$ns")"
	run --separate-stderr shmtool -N "$ns" list --posix
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "$(refusal_line list "$ns")"
	run --separate-stderr shmtool -N "$ns" create --posix y 4096
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "$(refusal_line create "$ns")"
	assert_not_exists /dev/shm/y
	ours_unchanged
}

@test "-N FILE: list -a lists the System V part with one warning line" {
	start_container
	make_ours
	ns=/proc/$CT_MAP/ns/ipc
	run --separate-stderr shmtool -N "$ns" list -a -n -r -o TYPE,KEY,NAME
	assert_failure 1
	assert_output "sysv 0x00000099 -"
	assert_equal "$stderr" "$(refusal_line list "$ns")"
	# info: the System V rows, no POSIX row, the same warning
	run --separate-stderr shmtool -N "$ns" info -n -r
	assert_failure 1
	assert_line --regexp '^SHMMNI .* 1 '
	refute_line --regexp '^POSIX '
	assert_equal "$stderr" "$(refusal_line info "$ns")"
	ours_unchanged
}

@test "-N FILE of our own IPC namespace: our /dev/shm is its own, POSIX works" {
	make_ours
	run shmtool -N /proc/self/ns/ipc list --posix -n -r -o NAME,BYTES
	assert_success
	assert_output "/x 8192"
}

@test "-N PID without the right to enter its mount namespace: POSIX refused, why said" {
	start_container
	make_ours
	# setns into a mount namespace needs CAP_SYS_CHROOT; the IPC one does not
	nochroot() { setpriv --inh-caps=-sys_chroot --bounding-set=-sys_chroot "$@"; }
	line="shmtool: rm: /dev/shm: POSIX objects are not reachable: the mount namespace of -N $CT_INIT could not be entered: Operation not permitted"
	run --separate-stderr nochroot "$SHMTOOL" -N "$CT_INIT" rm /x
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "$line"
	run --separate-stderr nochroot "$SHMTOOL" -N "$CT_INIT" attach-dump /x
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "${line/ rm: / attach-dump: }"
	run --separate-stderr nochroot "$SHMTOOL" -N "$CT_INIT" list -a -n -r -o TYPE,KEY,NAME
	assert_failure 1
	assert_output "sysv 0x00000099 -"
	assert_equal "$stderr" "${line/ rm: / list: }"
	ours_unchanged
}
