# SPDX-License-Identifier: GPL-2.0-or-later
# Loaded by the list tests after common: segments with exact shmids, and the
# constructed set the exact-output tests compare against.

# mkseg_at SHMID KEY SIZE MODE [CMD...]: a segment with an exact shmid (the
# kernel's shm_next_id), made by CMD (e.g. as_nobody) when given.
mkseg_at() {
	local want=$1 id
	shift 1
	if [ ! -w /proc/sys/kernel/shm_next_id ]; then
		skip "the kernel has no kernel.shm_next_id (CONFIG_CHECKPOINT_RESTORE)"
	fi
	echo "$want" >/proc/sys/kernel/shm_next_id
	if [ $# -gt 3 ]; then
		local key=$1 size=$2 mode=$3
		shift 3
		id=$("$@" "$SHM_HELPER" create "$key" "$size" "$mode")
	else
		id=$(mkseg "$@")
	fi
	if [ "$id" != "$want" ]; then
		echo "wanted shmid $want, got '$id'" >&2
		return 1
	fi
}

as_uid() {
	setpriv --reuid="$1" --regid="$1" --clear-groups "${@:2}"
}

# One of each kind the default table shows, in shmid order:
#   0 explicit key, 1 byte, unattached
#   1 IPC_PRIVATE, attached by a live process
#   2 owned by nobody
#   3 dest (attached, then removed: the kernel shows its key as 0)
#   4 locked, 1 GiB, largest positive key
#   5 dest and locked, key 0xffffffff
#   6 owned by a uid with no passwd entry, mode 0
#   1234567 a wide shmid
make_set() {
	mkseg_at 0 0x1234 1 0644
	mkseg_at 1 0 4096 0600
	hold 1
	mkseg_at 2 0xabcd 1572864 0640 as_nobody
	mkseg_at 3 0xd00 512 0600
	hold 3
	"$SHM_HELPER" rmid 3
	mkseg_at 4 0x7fffffff 1073741824 0666
	"$SHM_HELPER" lock 4
	mkseg_at 5 0xffffffff 65536 0400
	hold 5
	"$SHM_HELPER" lock 5
	"$SHM_HELPER" rmid 5
	mkseg_at 6 0x42 100 0 as_uid 4242
	mkseg_at 1234567 0 2 0600
}

# Expected text with a '|' marking the end of each line, so trailing
# blanks are visible in the test: prints it without the markers.
marked() {
	sed 's/|$//'
}
