#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks of tests/untrusted.bats on shmtool's output, written apart from
shmtool's own code: the corpus maker, the "no control byte" check, the
reference decoder of the escaping rule, the JSON and alignment checks.

  untrusted.py make FIXTURES          the hostile objects in /dev/shm
  untrusted.py clean [--pty] <out     valid UTF-8, no control character
  untrusted.py json-names <out        JSON names give the files' bytes back
  untrusted.py json-comms COMMS <out  JSON comms give the comms back
  untrusted.py aligned COL <out       column COL starts at one display column
  untrusted.py comms FIXTURES         the comms, one a line, as hex
  untrusted.py content FIXTURES       each object's index byte and name in hex
  untrusted.py decode TEXT            the bytes of a text, as hex
"""
import codecs
import json
import os
import re
import sys
import unicodedata

SHM = b"/dev/shm"
HIDDEN = set(range(0x80, 0xa0)) | {0x61C, 0xFEFF} | set(range(0x200B, 0x2010)) \
    | set(range(0x2028, 0x202F)) | set(range(0x2060, 0x206A))


def fail(msg):
    sys.stderr.write("untrusted.py: %s\n" % msg)
    sys.exit(1)


def fixture(path):
    out = []
    for line in open(path, "rb").read().split(b"\n"):
        if line and not line.startswith(b"#"):
            out.append(codecs.escape_decode(line)[0])
    return out


def corpus(fixtures):
    names = fixture(os.path.join(fixtures, "names"))
    # the longest names: 255 bytes, invalid and wide
    names += [b"\xff" * 255, "\u65e5".encode() * 85, b"\x1b" * 255]
    return names


def unescape(text):
    """The rule's decoder: \\\\ is a backslash, \\xHH a byte."""
    out, i, b = bytearray(), 0, text.encode("utf-8")
    while i < len(b):
        if b[i:i + 1] != b"\\":
            out.append(b[i])
            i += 1
        elif b[i + 1:i + 2] == b"\\":
            out.append(0x5C)
            i += 2
        elif re.fullmatch(rb"x[0-9a-fA-F]{2}", b[i + 1:i + 4]):
            out.append(int(b[i + 2:i + 4], 16))
            i += 4
        else:
            fail("invalid escape in %r" % text)
    return bytes(out)


def clean(data, pty):
    try:
        text = data.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        fail("not valid UTF-8: %s" % e)
    if pty:
        text = text.replace("\r\n", "\n")
    for ch in text:
        cp = ord(ch)
        if ch != "\n" and (cp < 0x20 or cp == 0x7F or cp in HIDDEN):
            fail("control or hidden character U+%04X in %r" % (cp, text[:2000]))
    if 0xD800 <= max((ord(c) for c in text), default=0) <= 0xDFFF:
        fail("surrogate")


def json_names(data):
    doc = json.loads(data)  # the raw bytes: strict UTF-8
    files = set(os.listdir(SHM))
    seen = set()
    for seg in doc["segments"]:
        name = seg["name"]
        exact = bytes.fromhex(seg["name_hex"]) if "name_hex" in seg else name.encode()
        if unescape(name) != exact:
            fail("name %r does not decode to its name_hex" % name)
        if ("name_hex" in seg) != (name.encode() != exact):
            fail("name_hex of %r present exactly when the name was escaped" % name)
        if not exact.startswith(b"/") or exact[1:] not in files:
            fail("no object %r" % exact)
        seen.add(exact[1:])
    if seen != files:
        fail("listed %d of %d objects" % (len(seen), len(files)))


def json_comms(want_hex, data):
    want = set(bytes.fromhex(h) for h in want_hex.split())
    got = set()
    for seg in json.loads(data)["segments"]:
        for p in seg.get("pids") or []:
            exact = bytes.fromhex(p["comm_hex"]) if "comm_hex" in p else p["comm"].encode()
            if unescape(p["comm"]) != exact:
                fail("comm %r does not decode to its comm_hex" % p["comm"])
            got.add(exact)
    if not want <= got:
        fail("comms %r not all in %r" % (want, got))


def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def aligned(col, data):
    lines = data.decode("utf-8").replace("\r\n", "\n").rstrip("\n").split("\n")
    head = lines[0]
    start = width(head[:head.index(col)])
    for line in lines[1:]:
        # the cell of col is the first word at or after that display column
        w, i = 0, 0
        while w < start and i < len(line):
            w += width(line[i])
            i += 1
        if w != start or line[i - 1] != " " or line[i] == " ":
            fail("column %s not at display column %d in %r" % (col, start, line))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "make":
        for i, name in enumerate(corpus(args[0])):
            fd = os.open(SHM + b"/" + name, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
            os.write(fd, bytes([i]) * 16)
            os.close(fd)
        print(len(corpus(args[0])))
    elif cmd == "content":
        # the index byte each object was made with, by its exact name
        for i, name in enumerate(corpus(args[0])):
            print(i, name.hex())
    elif cmd == "clean":
        clean(sys.stdin.buffer.read(), args[:1] == ["--pty"])
    elif cmd == "json-names":
        json_names(sys.stdin.buffer.read())
    elif cmd == "json-comms":
        json_comms(args[0], sys.stdin.buffer.read())
    elif cmd == "aligned":
        aligned(args[0], sys.stdin.buffer.read())
    elif cmd == "decode":
        print(unescape(args[0]).hex())
    elif cmd == "comms":
        print(" ".join(c.hex() for c in fixture(os.path.join(args[0], "comms"))))
    else:
        fail("unknown command " + cmd)


main()
