#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# list --format=openmetrics: the exposition text, checked by promtool and
# served by node_exporter's textfile collector.

load common

file_teardown() {
	if [ -n "${EXPORTER_PID:-}" ]; then
		kill "$EXPORTER_PID" 2>/dev/null || true
		wait "$EXPORTER_PID" 2>/dev/null || true
	fi
}

# A set with every state: held, orphaned, removed-but-attached, another owner.
make_set() {
	HELD=$(mkseg 0x1234 4096 0600)
	hold "$HELD"
	hold "$HELD"
	ORPHAN=$(mkseg 0x5678 8192 0644)
	DEST=$(mkseg 0x9abc 100 0600)
	hold "$DEST"
	"$SHM_HELPER" rmid "$DEST"
	NOBODY=$(as_nobody "$SHM_HELPER" create 0 1000 0600)
}

@test "per-segment gauges with shmid, key, owner and type labels" {
	make_set
	run shmtool list --format=openmetrics
	assert_success
	l() { printf '%s{shmid="%s",key="%s",owner="%s",type="sysv"} %s' "$@"; }
	assert_line "$(l shm_segment_bytes "$HELD" 0x00001234 root 4096)"
	assert_line "$(l shm_segment_bytes "$ORPHAN" 0x00005678 root 8192)"
	assert_line "$(l shm_segment_bytes "$DEST" 0x00000000 root 100)"
	assert_line "$(l shm_segment_bytes "$NOBODY" 0x00000000 nobody 1000)"
	assert_line "$(l shm_segment_attached_processes "$HELD" 0x00001234 root 2)"
	assert_line "$(l shm_segment_attached_processes "$ORPHAN" 0x00005678 root 0)"
	assert_line "$(l shm_segment_orphaned "$HELD" 0x00001234 root 0)"
	assert_line "$(l shm_segment_orphaned "$ORPHAN" 0x00005678 root 1)"
	assert_line "$(l shm_segment_orphaned "$DEST" 0x00000000 root 0)"
	assert_line "$(l shm_segment_orphaned "$NOBODY" 0x00000000 nobody 1)"
	assert_line --regexp "^shm_segment_rss_bytes\\{shmid=\"$HELD\",[^}]*\\} [0-9]+$"
	assert_line --regexp "^shm_segment_swap_bytes\\{shmid=\"$HELD\",[^}]*\\} [0-9]+$"
	assert_line 'shm_segments{type="sysv"} 4'
	assert_line "shm_bytes{type=\"sysv\"} $((4096 + 8192 + 100 + 1000))"
	assert_line "shm_limit_segments $(cat /proc/sys/kernel/shmmni)"
	assert_line "shm_limit_segment_bytes $(cat /proc/sys/kernel/shmmax)"
	assert_line --regexp '^shm_limit_total_bytes [0-9]+$'
	assert_line --index -1 "# EOF"
}

@test "every metric family has HELP and TYPE gauge lines before its samples" {
	make_set
	run shmtool list --format=openmetrics
	assert_success
	run awk '
		/^# HELP / { help[$3] = 1; next }
		/^# TYPE / { if (!help[$3] || $4 != "gauge") bad = bad " " $3; type[$3] = 1; next }
		/^# EOF$/ { next }
		{ name = $1; sub(/\{.*/, "", name); if (!type[name]) bad = bad " " name }
		END { print bad ? "bad:" bad : "ok" }' <<<"$output"
	assert_output "ok"
}

@test "the filters choose the segments and the totals" {
	make_set
	run shmtool list --format=openmetrics -u nobody
	assert_success
	assert_line 'shm_segments{type="sysv"} 1'
	assert_line 'shm_bytes{type="sysv"} 1000'
	refute_line --partial 'owner="root"'
	run shmtool list --format=openmetrics --orphans
	assert_success
	assert_line 'shm_segments{type="sysv"} 2'
}

@test "no segments: the families, zero totals, # EOF" {
	run shmtool list --format=openmetrics
	assert_success
	assert_line 'shm_segments{type="sysv"} 0'
	assert_line 'shm_bytes{type="sysv"} 0'
	refute_line --regexp '^shm_segment_bytes\{'
	assert_line --index -1 "# EOF"
}

@test "--format is checked, and exclusive with --json" {
	run --separate-stderr shmtool list --format=prometheus
	assert_failure 2
	assert_equal "$stderr" "shmtool: list: invalid format 'prometheus': expected table, raw, export, json or openmetrics"
	run --separate-stderr shmtool list --format=openmetrics -J
	assert_failure 2
	assert_equal "$stderr" "shmtool: list: --format=openmetrics and --json are mutually exclusive"
	run shmtool list --format=json -o KEY
	assert_success
	assert_output "$(shmtool list -J -o KEY)"
}

@test "promtool check metrics accepts the output" {
	command -v promtool >/dev/null || skip "promtool is not installed (Debian package prometheus)"
	make_set
	shmtool list --format=openmetrics >"$BATS_TEST_TMPDIR/shm.prom"
	run promtool check metrics <"$BATS_TEST_TMPDIR/shm.prom"
	assert_success
	assert_output ""
}

# The TCP port a process listens on, from /proc: no ss or netstat needed.
listen_port() {
	local pid=$1 fd inode hex
	for fd in /proc/"$pid"/fd/*; do
		inode=$(readlink "$fd") || continue
		[[ $inode =~ ^socket:\[([0-9]+)\]$ ]] || continue
		hex=$(awk -v ino="${BASH_REMATCH[1]}" '$4 == "0A" && $10 == ino {
			split($2, a, ":"); print a[2] }' /proc/net/tcp)
		[ -n "$hex" ] && echo $((16#$hex)) && return 0
	done
	return 0
}

listens() {
	[ -n "$(listen_port "$1")" ]
}

@test "node_exporter's textfile collector serves the metrics" {
	local exporter port i
	exporter=$(command -v prometheus-node-exporter || command -v node_exporter) ||
		skip "node_exporter is not installed (Debian package prometheus-node-exporter)"
	command -v curl >/dev/null || skip "curl is not installed"
	make_set
	mkdir "$BATS_TEST_TMPDIR/textfile"
	shmtool list --format=openmetrics >"$BATS_TEST_TMPDIR/textfile/shmtool.prom"
	"$exporter" --web.listen-address=127.0.0.1:0 --collector.disable-defaults \
		--collector.textfile --collector.textfile.directory="$BATS_TEST_TMPDIR/textfile" \
		>"$BATS_TEST_TMPDIR/exporter.log" 2>&1 &
	EXPORTER_PID=$!
	wait_until "node_exporter listens" listens "$EXPORTER_PID" ||
		{ cat "$BATS_TEST_TMPDIR/exporter.log" >&2; false; }
	port=$(listen_port "$EXPORTER_PID")
	run curl -sf "http://127.0.0.1:$port/metrics"
	assert_success
	assert_line 'node_textfile_scrape_error 0'
	assert_line "shm_segment_bytes{key=\"0x00001234\",owner=\"root\",shmid=\"$HELD\",type=\"sysv\"} 4096"
	assert_line "shm_segment_orphaned{key=\"0x00005678\",owner=\"root\",shmid=\"$ORPHAN\",type=\"sysv\"} 1"
	assert_line 'shm_segments{type="sysv"} 4'
}

@test "with --all-types, POSIX objects are series of their own, named, typed posix" {
	make_set
	pmk /app 4096 0640
	run shmtool list -a --format=openmetrics
	assert_success
	assert_line 'shm_segment_bytes{shmid="",key="",name="/app",owner="root",type="posix"} 4096'
	assert_line "shm_segment_bytes{shmid=\"$HELD\",key=\"0x00001234\",owner=\"root\",type=\"sysv\"} 4096"
	assert_line 'shm_segments{type="sysv"} 4'
	assert_line 'shm_segments{type="posix"} 1'
	assert_line 'shm_bytes{type="posix"} 4096'
	refute_line --partial 'shm_segment_orphaned{shmid="",key="",name="/app"'
	if command -v promtool >/dev/null; then
		shmtool list -a --format=openmetrics | promtool check metrics
	fi
}
