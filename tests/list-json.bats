#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# list -J: the SPEC's schema, every key and its type, values equal to the
# kernel's.

load common
load list-set

file_setup() {
	# a POSIX TZ string: no tzdata needed, and an offset that is not whole hours
	export LC_ALL=C TZ=IST-5:30
}

# check_json JSON: python3 reads the document from $1 and /proc/sysvipc/shm,
# and runs the assertions of stdin with `doc`, `segs` and `proc` defined.
check_json() {
	python3 -c '
import datetime, json, re, sys
doc = json.loads(sys.argv[1])
segs = doc["segments"]
lines = open("/proc/sysvipc/shm").read().split("\n")
head = lines[0].split()
proc = {}
for l in lines[1:]:
    if l.strip():
        row = dict(zip(head, map(int, l.split())))
        proc[row["shmid"]] = row
def is_int(v):
    return type(v) is int
def iso(v):
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", v), v
    return int(datetime.datetime.fromisoformat(v).timestamp())
exec(sys.stdin.read())
' "$1"
}

@test "-J without -o: the default columns, typed" {
	make_set
	run --separate-stderr shmtool list -J
	assert_success
	[ "$stderr" = "" ]
	check_json "$output" <<'PY'
assert list(doc) == ["segments"], doc
assert len(segs) == 8
for s in segs:
    assert list(s) == ["key", "shmid", "owner", "perms", "bytes", "nattch", "status"], list(s)
by = {s["shmid"]: s for s in segs}
assert by[0] == {"key": "0x00001234", "shmid": 0, "owner": "root", "perms": "644",
                 "bytes": 1, "nattch": 0, "status": []}, by[0]
assert by[1]["key"] == "0x00000000" and by[1]["nattch"] == 1
assert by[2]["owner"] == "nobody" and by[2]["perms"] == "640" and by[2]["bytes"] == 1572864
assert by[3]["status"] == ["dest"], by[3]
assert by[4] == {"key": "0x7fffffff", "shmid": 4, "owner": "root", "perms": "666",
                 "bytes": 1073741824, "nattch": 0, "status": ["locked"]}, by[4]
assert by[5]["status"] == ["dest", "locked"] and by[5]["perms"] == "400", by[5]
# uid 4242 has no name: null, the number being in uid (the table shows it)
assert by[6]["owner"] is None and by[6]["perms"] == "0", by[6]
assert by[1234567]["shmid"] == 1234567 and by[1234567]["bytes"] == 2
PY
}

@test "-J --output-all: every column of --list-columns, with its type" {
	make_set
	names=$(shmtool list --list-columns | awk '{ print tolower($1) }' | tr '\n' ' ')
	run --separate-stderr shmtool list -J --output-all
	assert_success
	NAMES=$names check_json "$output" <<'PY'
import os
names = os.environ["NAMES"].split()
numbers = {"shmid", "bytes", "nattch", "cpid", "lpid", "cuid", "cgid", "uid", "gid", "rss", "swap"}
texts = {"owner", "cuser", "cgroup", "user", "group"}
times = {"atime", "dtime", "ctime"}
for s in segs:
    assert list(s) == names, (list(s), names)
    p = proc[s["shmid"]]
    for k, v in s.items():
        if k in numbers:
            assert is_int(v), (k, v)
        elif k in texts:
            # null only for an id without a name (shmid 6's uid 4242)
            assert (type(v) is str and v) or (v is None and s["shmid"] == 6), (k, v)
        elif k in times:
            assert v is None or type(v) is str, (k, v)
        elif k == "key":
            assert re.fullmatch(r"0x[0-9a-f]{8}", v), v
        elif k == "perms":
            assert re.fullmatch(r"[0-7]{1,3}", v), v
        elif k == "mode":
            assert re.fullmatch(r"[r-][w-][x-][r-][w-][x-][r-][w-][x-]", v), v
        elif k == "status":
            assert v in ([], ["dest"], ["locked"], ["dest", "locked"]), v
        else:
            # a column of a later issue: it must at least be typed JSON
            pass
    # the values are the kernel's
    assert int(s["key"], 16) == p["key"] & 0xffffffff, (s, p)
    perms = int(str(p["perms"]), 8)
    assert s["perms"] == "%o" % (perms & 0o777)
    assert s["mode"] == "".join(c if perms & (0o400 >> i) else "-" for i, c in enumerate("rwxrwxrwx"))
    assert s["status"] == [f for f, bit in (("dest", 0o1000), ("locked", 0o2000)) if perms & bit]
    for k, pk in (("bytes", "size"), ("nattch", "nattch"), ("cpid", "cpid"), ("lpid", "lpid"),
                  ("uid", "uid"), ("gid", "gid"), ("cuid", "cuid"), ("cgid", "cgid"),
                  ("rss", "rss"), ("swap", "swap")):
        assert s[k] == p[pk], (k, s[k], p[pk])
    for k in times:
        if p[k] == 0:
            assert s[k] is None, (k, s[k])
        else:
            assert iso(s[k]) == p[k], (k, s[k], p[k])
            assert s[k].endswith("+05:30"), s[k]
by = {s["shmid"]: s for s in segs}
assert by[6]["user"] is None and by[6]["uid"] == 4242 and by[6]["cuser"] is None
assert by[6]["group"] is None and by[6]["gid"] == 4242 and by[6]["cgroup"] is None
assert by[2]["user"] == "nobody" and by[2]["group"] == "nogroup" and by[2]["gid"] == 65534
assert by[0]["atime"] is None and by[1]["atime"] is not None
assert by[3]["mode"] == "rw-------" and by[6]["mode"] == "---------"
PY
}

@test "-J -o: the chosen keys in order, lower case" {
	mkseg_at 0 0x1234 100 0644
	run shmtool list -J -o BYTES,mode,Key
	assert_success
	check_json "$output" <<'PY'
assert segs == [{"bytes": 100, "mode": "rw-r--r--", "key": "0x00001234"}], segs
PY
	run shmtool list -J -o +RSS
	check_json "$output" <<'PY'
assert list(segs[0]) == ["key", "shmid", "owner", "perms", "bytes", "nattch", "status", "rss"]
PY
}

@test "-J ignores -H and --time-format: numbers stay numbers, times ISO" {
	id=$(mkseg 0x1234 1572864 0600)
	hold "$id"
	run shmtool list -J -H --time-format epoch -o BYTES,ATIME,CTIME,RSS
	assert_success
	check_json "$output" <<'PY'
s, = segs
assert s["bytes"] == 1572864 and is_int(s["rss"])
assert iso(s["atime"]) > 0 and iso(s["ctime"]) > 0
PY
}

@test "-J: big numbers are exact" {
	cat >"$BATS_TEST_TMPDIR/shm" <<'END'
key shmid perms size nattch rss swap
-1 2147483647 3777 18446744073709551615 18446744073709551615 9007199254740993 0
END
	SHMTOOL_PROC_SHM=$BATS_TEST_TMPDIR/shm run shmtool list -J -o KEY,SHMID,BYTES,NATTCH,RSS,STATUS,PERMS
	assert_success
	check_json "$output" <<'PY'
assert segs == [{"key": "0xffffffff", "shmid": 2147483647, "bytes": 18446744073709551615,
                 "nattch": 18446744073709551615, "rss": 9007199254740993,
                 "status": ["dest", "locked"], "perms": "777"}], segs
PY
}

@test "-J: a value that cannot be known is null" {
	# a kernel without uid, cpid, times, rss or swap
	cat >"$BATS_TEST_TMPDIR/shm" <<'END'
key shmid perms size
4660 7 644 100
END
	SHMTOOL_PROC_SHM=$BATS_TEST_TMPDIR/shm run shmtool list -J --output-all
	assert_success
	check_json "$output" <<'PY'
s, = segs
# ORIGKEY of a segment not marked for removal is its key
known = {"key": "0x00001234", "shmid": 7, "perms": "644", "mode": "rw-r--r--", "bytes": 100,
         "status": [], "type": "sysv", "origkey": "0x00001234"}
for k, v in s.items():
    if k in known:
        assert v == known[k], (k, v)
    elif k in ("pids",):
        pass
    elif k == "ipcns":
        # the namespace shmtool read it in: known whatever the kernel says
        assert isinstance(v, int) and v > 0, (k, v)
    else:
        assert v is None, (k, v)
PY
	SHMTOOL_PROC_SHM=$BATS_TEST_TMPDIR/shm run shmtool list -r -o SHMID,OWNER,NATTCH,CPID,RSS,KEY
	assert_output "SHMID OWNER NATTCH CPID RSS KEY
7 - - - - 0x00001234"
}
