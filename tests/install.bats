#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# `make install DESTDIR=...` from the build tree puts the binary, the man
# page and the three completions where the system looks for them.

load common

file_setup() {
	BUILDDIR=$(cd "$TESTS_BUILDDIR/.." 2>/dev/null && pwd) || true
	[ -f "$BUILDDIR/Makefile" ] || skip "no build tree (TESTS_BUILDDIR unset); run through make check"
	command -v make >/dev/null || skip "make is not installed"
	DEST=$BATS_TEST_TMPDIR/dest
}

# make in the build tree, not as a part of the make that runs the tests
bmake() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$BUILDDIR" "$@"
}

# The value of a Makefile variable, expanded.
makevar() {
	printf 'shmtool-print-var:\n\t@echo $(%s)\n' "$1" >"$BATS_TEST_TMPDIR/print.mk"
	bmake -f Makefile -f "$BATS_TEST_TMPDIR/print.mk" shmtool-print-var
}

@test "make install DESTDIR puts every file where it belongs" {
	run bmake install DESTDIR="$DEST"
	assert_success

	bindir=$(makevar bindir)
	man1dir=$(makevar man1dir)
	bashdir=$(makevar bashcompletiondir)
	zshdir=$(makevar zshcompletiondir)
	fishdir=$(makevar fishcompletiondir)
	srcdir=$(cd "$BATS_TEST_DIRNAME/.." && pwd)

	assert_file_executable "$DEST$bindir/shmtool"
	run "$DEST$bindir/shmtool" --version
	assert_success
	assert_output --regexp '^shmtool [0-9.]+$'
	cmp "$srcdir/man/shmtool.1" "$DEST$man1dir/shmtool.1"
	cmp "$srcdir/completions/shmtool" "$DEST$bashdir/shmtool"
	cmp "$srcdir/completions/_shmtool" "$DEST$zshdir/_shmtool"
	cmp "$srcdir/completions/shmtool.fish" "$DEST$fishdir/shmtool.fish"
	for f in "$DEST$man1dir/shmtool.1" "$DEST$bashdir/shmtool" "$DEST$zshdir/_shmtool" "$DEST$fishdir/shmtool.fish"; do
		[ "$(stat -c %a "$f")" = 644 ] || fail "$f has mode $(stat -c %a "$f")"
	done

	# those five files and nothing else
	run bash -c "cd '$DEST' && find . -type f | sort"
	assert_output "$(printf '.%s\n' "$bindir/shmtool" "$man1dir/shmtool.1" "$bashdir/shmtool" \
		"$zshdir/_shmtool" "$fishdir/shmtool.fish" | sort)"
}

@test "the completion directories are under the prefix by default" {
	grep -q -- "--with-[a-z]*completiondir" "$BUILDDIR/config.status" && skip "configured with its own completion directories"
	prefix=$(makevar prefix)
	for d in bashcompletiondir zshcompletiondir fishcompletiondir; do
		v=$(makevar "$d")
		[[ $v == "$prefix"/* ]] || fail "$d=$v is outside prefix $prefix"
	done
}

@test "make uninstall DESTDIR removes every installed file" {
	bmake install DESTDIR="$DEST"
	run bmake uninstall DESTDIR="$DEST"
	assert_success
	run find "$DEST" -type f
	assert_output ""
}
