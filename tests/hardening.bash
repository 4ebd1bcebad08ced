# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers of the hardening tests (bad input, privileges): segments and
# objects filled with a known byte, for snapshot (common.bash) to check.

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
