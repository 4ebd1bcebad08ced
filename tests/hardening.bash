# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers of the hardening tests (bad input, privileges, output errors):
# a snapshot of every segment, and one table-driven check of a refusal.

# Every segment's key, shmid, perms and size, and a checksum of its bytes,
# one line each, then every POSIX object's name, owner, mode and size, and a
# checksum of its bytes: two equal snapshots mean nothing was created,
# removed or changed.
snapshot() {
	local key id perms size f
	while read -r key id perms size; do
		printf '%s %s %s %s %s\n' "$key" "$id" "$perms" "$size" "$(shmsum "$id")"
	done < <(awk 'NR > 1 { print $1, $2, $3, $4 }' /proc/sysvipc/shm | sort -n -k2)
	for f in /dev/shm/*; do
		[ -f "$f" ] || continue
		printf '/%s %s %s\n' "${f##*/}" "$(stat -c '%u %a %s' "$f")" "$(psum "/${f##*/}")"
	done
}

# Prefix for the command under test, such as (as_nobody): empty runs it as
# the test's own user.
RUN_AS=()

# refused STATUS ERROR ARGS...: shmtool ARGS exits STATUS with ERROR as its
# only line on stderr, prints nothing on stdout, and leaves every segment
# as it was. A case of the catalogue is one line.
refused() {
	local want_status=$1 want=$2 before after
	shift 2
	before=$(snapshot)
	run --separate-stderr "${RUN_AS[@]}" "$SHMTOOL" "$@"
	after=$(snapshot)
	local what="shmtool $*"
	if [ "$status" != "$want_status" ]; then
		printf '%s\n  exit %s, want %s\n  stderr: %s\n' "$what" "$status" "$want_status" "$stderr"
		return 1
	fi
	if [ "$stderr" != "$want" ]; then
		printf '%s\n   got: %s\n  want: %s\n' "$what" "$stderr" "$want"
		return 1
	fi
	if [ -n "$output" ]; then
		printf '%s\n  stdout: %s\n' "$what" "$output"
		return 1
	fi
	if [ "$before" != "$after" ]; then
		printf '%s\n  segments before:\n%s\n  after:\n%s\n' "$what" "$before" "$after"
		return 1
	fi
}

# A segment with an exact key, mode and size, filled with BYTE so a
# checksum sees a write; prints its shmid.
mkfilled() {
	local id
	id=$(mkseg "$1" "$2" "$3")
	"$SHM_HELPER" fill "$id" "$4"
	echo "$id"
}

# A POSIX object with a name, mode and size, filled with BYTE.
pmkfilled() {
	pmk "$1" "$2" "$3"
	"$SHM_HELPER" posix-fill "$1" "$4"
}
