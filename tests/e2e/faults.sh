#!/usr/bin/env bash
# Faults during uploads, against the built service with its own SQLite database, file store and port:
# kill -9 of the service's JVM at 10/50/99/100% of an upload, delete in every status, SIGTERM (finished within
# the grace period, and cut off at its end), a full file store (tmpfs), a database failure at activation, and
# glance-manage's orphan sweep. After each: no image left saving, no data that no image owns, re-upload works,
# active images match their checksums. Prints a table and exits non-zero on any failure. See README.md.
set -uo pipefail

usage() {
    echo "usage: $0 [--keep]   (run as root: the disk-full case mounts a small tmpfs)"
}
KEEP=false
for arg in "$@"; do
    case $arg in
        --keep) KEEP=true ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
PY=/usr/bin/python3
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$ROOT/tests/e2e/lib/service.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/glancej-faults.XXXXXX")
STORE=$WORK/images
SMALL=$WORK/small-store
DB=$WORK/glance.sqlite
LOG=$WORK/glance-api.log
SIZE_MIB=${GLANCE_FAULTS_SIZE_MIB:-256}
DATA=$WORK/data.raw
SERVICE_PID=""
URL=""
RESULTS=()
FAILED=0

say() { printf '%s\n' "$*"; }

cleanup() {
    stop_service TERM
    mountpoint -q "$SMALL" 2>/dev/null && umount "$SMALL"
    if $KEEP || ((FAILED > 0)); then
        say "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

# record CASE RESULT [DETAIL]: one row of the final table
record() {
    local case=$1 result=$2 detail=${3:-}
    RESULTS+=("$(printf '%-46s %-5s %s' "$case" "$result" "$detail")")
    [[ $result == PASS ]] || FAILED=$((FAILED + 1))
    say "== $case: $result $detail"
}

PORT=$(e2e_free_port 19292 700)
# shellcheck source=tests/e2e/lib/faults-helpers.sh
source "$ROOT/tests/e2e/lib/faults-helpers.sh"

# ---------------------------------------------------------------------------------------------
# Cases

# send.py PORT PATH FILE STOP: PUT FILE, sending only its first STOP bytes, then wait (for the kill)
cat >"$WORK/send.py" <<'EOF'
import socket, sys, os
port, path, name, stop = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
total = os.path.getsize(name)
s = socket.create_connection(("127.0.0.1", port))
s.sendall(("PUT %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
           "Content-Length: %d\r\n\r\n" % (path, total)).encode())
sent = 0
with open(name, "rb") as f:
    while sent < stop:
        chunk = f.read(min(1 << 20, stop - sent))
        s.sendall(chunk)
        sent += len(chunk)
try:
    s.recv(4096)  # the answer, or the end of the connection when the service is killed
except OSError:
    pass
EOF

say "work directory $WORK; building and starting the service"
head -c "$((SIZE_MIB << 20))" /dev/urandom >"$DATA"
SMALL_DATA=$WORK/small.raw
head -c $((1 << 20)) /dev/urandom >"$SMALL_DATA"
TOTAL=$(stat -c %s "$DATA")
start_service

# kill -9 at a share of a throttled upload, restart, expect queued + no data, then a re-upload that checks out
kill_during_upload() {
    local percent=$1 id detail="" ok=true curl_pid
    id=$(create_image "kill-$percent")
    local stop_at=$((TOTAL * percent / 100))
    "$PY" "$WORK/send.py" "$PORT" "/v2/images/$id/file" "$DATA" "$stop_at" &
    curl_pid=$!
    # the store writes in chunks: wait until all but the last chunk's worth has reached the file
    if ! wait_file_size "$STORE/$id" $((stop_at > (1 << 20) ? stop_at - (1 << 20) : stop_at)) 30; then
        detail="upload did not reach $percent%"; ok=false
    fi
    kill -9 "$SERVICE_PID"
    wait "$SERVICE_PID" 2>/dev/null
    SERVICE_PID=""
    wait "$curl_pid" 2>/dev/null
    local before
    before=$( [[ -e $STORE/$id ]] && stat -c %s "$STORE/$id" || echo none)
    start_service
    local t0=$SECONDS
    while [[ $(status_of "$id") == saving ]] && ((SECONDS - t0 < 15)); do sleep 0.2; done
    # at 100% the data may have been complete and activated before the kill
    if [[ $(status_of "$id") != queued ]] && ! { ((percent == 100)) && [[ $(status_of "$id") == active ]]; }; then
        detail+=" status $(status_of "$id") after restart"; ok=false
    fi
    local recovered=$((SECONDS - t0)) state
    state=$(status_of "$id")
    if [[ $state == queued && -e $STORE/$id ]]; then
        detail+=" partial file left"; ok=false
    fi
    # a re-upload works (a small one: the full size is checked by the SIGTERM case)
    local again=$DATA
    if [[ $state == queued ]]; then
        again=$SMALL_DATA
        [[ $(upload "$id" "$again") == 204 ]] || { detail+=" re-upload failed"; ok=false; }
    fi
    checks_out "$id" "$again" || { detail+=" checksum mismatch"; ok=false; }
    no_markers "$id" || { detail+=" markers shown"; ok=false; }
    $ok && record "kill -9 at ${percent}% of ${SIZE_MIB} MiB" PASS "(file at kill: $before, $state after ${recovered}s$([[ $state == queued ]] && echo ", re-uploaded"))" \
        || record "kill -9 at ${percent}% of ${SIZE_MIB} MiB" FAIL "$detail"
    KEEP_IDS+=("$id" "$again")
}
KEEP_IDS=()
for p in 10 50 99 100; do
    kill_during_upload "$p"
done

# delete in every status, the upload in flight included
delete_case() {
    local state=$1 id ok=true detail="" curl_pid=""
    id=$(create_image "delete-$state")
    case $state in
        queued) ;;
        saving)
            # a quarter sent, then the client waits: the upload is in flight when the DELETE comes
            "$PY" "$WORK/send.py" "$PORT" "/v2/images/$id/file" "$DATA" $((TOTAL / 4)) &
            curl_pid=$!
            wait_file_size "$STORE/$id" $((TOTAL / 8)) 30 || { detail="upload did not start"; ok=false; } ;;
        active) [[ $(upload "$id" "$SMALL_DATA") == 204 ]] || { detail="upload failed"; ok=false; } ;;
        deactivated)
            [[ $(upload "$id" "$SMALL_DATA") == 204 ]] || { detail="upload failed"; ok=false; }
            api -X POST "$URL/v2/images/$id/actions/deactivate" >/dev/null ;;
    esac
    [[ $(status_of "$id") == "$state" ]] || { detail+=" status $(status_of "$id") before delete"; ok=false; }
    local code
    code=$(api -o /dev/null -w '%{http_code}' -X DELETE "$URL/v2/images/$id")
    [[ $code == 204 ]] || { detail+=" DELETE $code"; ok=false; }
    # removed with the image, not only when the upload fails later
    [[ ! -e $STORE/$id ]] || { detail+=" file left after DELETE"; ok=false; }
    if [[ -n $curl_pid ]]; then
        kill "$curl_pid" 2>/dev/null
        wait "$curl_pid" 2>/dev/null
    fi
    local t0=$SECONDS
    while [[ -e $STORE/$id ]] && ((SECONDS - t0 < 10)); do sleep 0.1; done
    [[ ! -e $STORE/$id ]] || { detail+=" file left"; ok=false; }
    $ok && record "delete while $state" PASS || record "delete while $state" FAIL "$detail"
}
for s in queued saving active deactivated; do
    delete_case "$s"
done

# an upload of an upstream node (saving, no owner) is left alone; deleting it removes its data too
upstream_saving() {
    local id ok=true detail=""
    id=$(create_image upstream-saving)
    "$PY" - "$DB" "$id" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
c.execute("UPDATE images SET status = 'saving' WHERE id = ?", (sys.argv[2],))
c.commit()
EOF
    head -c 4096 /dev/urandom >"$STORE/$id"
    sleep 3
    [[ $(status_of "$id") == saving ]] || { detail="reset although not older than saving_without_owner_timeout"; ok=false; }
    [[ $(api -o /dev/null -w '%{http_code}' -X DELETE "$URL/v2/images/$id") == 204 ]] || { detail+=" DELETE failed"; ok=false; }
    [[ ! -e $STORE/$id ]] || { detail+=" file left"; ok=false; }
    $ok && record "saving without owner: kept, then deleted" PASS || record "saving without owner: kept, then deleted" FAIL "$detail"
}
upstream_saving

# SIGTERM: an upload in flight finishes within the grace period
sigterm_finishes() {
    local id code_file=$WORK/sigterm.code ok=true detail="" t0
    id=$(create_image sigterm-finish)
    (upload "$id" "$DATA" 96M >"$code_file") &
    local curl_pid=$!
    wait_file_size "$STORE/$id" $((TOTAL / 4)) 30 || { detail="upload did not start"; ok=false; }
    t0=$SECONDS
    kill -TERM "$SERVICE_PID"
    sleep 0.3
    local during
    during=$(curl -s -o /dev/null -w '%{http_code}' "$URL/v2/images" || true)
    wait "$curl_pid"
    stop_service TERM
    local took=$((SECONDS - t0))
    [[ $(cat "$code_file") == 204 ]] || { detail+=" upload answered $(cat "$code_file")"; ok=false; }
    [[ $during == 503 || $during == 000 ]] || { detail+=" new request during shutdown answered $during"; ok=false; }
    # the next case wants a 2 s grace period
    start_service 2
    checks_out "$id" "$DATA" || { detail+=" not active with its checksum"; ok=false; }
    $ok && record "SIGTERM during upload, finishes in grace" PASS "(stopped after ${took}s, new requests $during)" \
        || record "SIGTERM during upload, finishes in grace" FAIL "$detail"
    KEEP_IDS+=("$id" "$DATA")
}
sigterm_finishes

# SIGTERM with a 2 s grace period: the upload is cut off, its image back to queued without data
sigterm_cut_off() {
    local id code_file=$WORK/cutoff.code ok=true detail="" t0
    id=$(create_image sigterm-cut-off)
    (upload "$id" "$DATA" 16M >"$code_file") &
    local curl_pid=$!
    wait_file_size "$STORE/$id" $((TOTAL / 10)) 30 || { detail="upload did not start"; ok=false; }
    t0=$SECONDS
    stop_service TERM
    local took=$((SECONDS - t0))
    wait "$curl_pid"
    [[ -e $STORE/$id ]] && { detail+=" file left at shutdown"; ok=false; }
    ((took <= 15)) || { detail+=" took ${took}s to stop"; ok=false; }
    start_service
    [[ $(status_of "$id") == queued ]] || { detail+=" status $(status_of "$id")"; ok=false; }
    [[ $(upload "$id" "$SMALL_DATA") == 204 ]] || { detail+=" re-upload failed"; ok=false; }
    $ok && record "SIGTERM, upload cut off after 2 s grace" PASS "(stopped after ${took}s, client got $(cat "$code_file"))" \
        || record "SIGTERM, upload cut off after 2 s grace" FAIL "$detail"
}
sigterm_cut_off

# a full file store: a 64 MiB tmpfs for a bigger upload
disk_full() {
    local ok=true detail="" id code
    mkdir -p "$SMALL"
    if ! mount -t tmpfs -o size=64m tmpfs "$SMALL" 2>/dev/null; then
        record "disk full (64 MiB tmpfs store)" FAIL "cannot mount a tmpfs (not root?)"
        return
    fi
    stop_service TERM
    start_service 30 "$SMALL"
    id=$(create_image disk-full)
    code=$(upload "$id" "$DATA")
    [[ $code == 413 ]] || { detail="upload answered $code"; ok=false; }
    [[ $(status_of "$id") == queued ]] || { detail+=" status $(status_of "$id")"; ok=false; }
    [[ -z $(ls -A "$SMALL") ]] || { detail+=" files left: $(ls "$SMALL")"; ok=false; }
    [[ $(upload "$id" "$SMALL_DATA") == 204 ]] || { detail+=" small upload failed"; ok=false; }
    [[ $(api -o /dev/null -w '%{http_code}' -X DELETE "$URL/v2/images/$id") == 204 ]] || { detail+=" delete failed"; ok=false; }
    [[ -z $(ls -A "$SMALL") ]] || { detail+=" file left after delete"; ok=false; }
    stop_service TERM
    umount "$SMALL"
    start_service
    $ok && record "disk full (64 MiB tmpfs store)" PASS "(413, queued, no file)" || record "disk full (64 MiB tmpfs store)" FAIL "$detail"
}
disk_full

# the database refuses writes when the upload activates (the database file made immutable meanwhile)
db_failure_at_activation() {
    local ok=true detail="" id code_file=$WORK/dbfail.code
    if ! chattr -i "$DB" 2>/dev/null; then
        record "database failure at activation" FAIL "chattr unavailable on $(df --output=fstype "$WORK" | tail -1)"
        return
    fi
    id=$(create_image db-failure)
    (upload "$id" "$DATA" 128M >"$code_file") &
    local curl_pid=$!
    wait_file_size "$STORE/$id" $((TOTAL / 2)) 30 || { detail="upload did not start"; ok=false; }
    chattr +i "$DB" "$DB-wal" "$DB-shm" 2>/dev/null
    wait "$curl_pid"
    local code
    code=$(cat "$code_file")
    sleep 1
    chattr -i "$DB" "$DB-wal" "$DB-shm" 2>/dev/null
    # the service finds its own upload ended without activation and resets it
    wait_status "$id" queued 20 || { detail+=" status $(status_of "$id") (upload answered $code)"; ok=false; }
    local t0=$SECONDS
    while [[ -e $STORE/$id ]] && ((SECONDS - t0 < 10)); do sleep 0.2; done
    [[ ! -e $STORE/$id ]] || { detail+=" file left"; ok=false; }
    [[ $(upload "$id" "$SMALL_DATA") == 204 ]] || { detail+=" re-upload failed"; ok=false; }
    if [[ $code == 204 ]]; then
        record "database failure at activation" FAIL "the write did not fail (upload answered 204)"
    else
        $ok && record "database failure at activation" PASS "(PUT $code, then queued, no file)" \
            || record "database failure at activation" FAIL "$detail"
    fi
}
db_failure_at_activation

# the orphan sweep: dry run lists, --delete removes, live data is kept
orphan_sweep() {
    local ok=true detail="" stray=$STORE/stray-$RANDOM out
    head -c 8192 /dev/urandom >"$stray"
    out=$(manage store orphans)
    grep -q "$stray" <<<"$out" || { detail="dry run did not list the stray file"; ok=false; }
    [[ -e $stray ]] || { detail+=" dry run removed it"; ok=false; }
    grep -q "^1 orphan file(s)" <<<"$out" || { detail+=" dry run counted: $(tail -1 <<<"$out")"; ok=false; }
    out=$(manage store orphans --delete)
    [[ ! -e $stray ]] || { detail+=" --delete kept it"; ok=false; }
    local i
    for ((i = 0; i < ${#KEEP_IDS[@]}; i += 2)); do
        checks_out "${KEEP_IDS[i]}" "${KEEP_IDS[i + 1]}" || { detail+=" ${KEEP_IDS[i]} damaged"; ok=false; }
    done
    out=$(manage store orphans)
    grep -q "^0 orphan file(s)" <<<"$out" || { detail+=" after removal: $(tail -1 <<<"$out")"; ok=false; }
    $ok && record "glance-manage store orphans (dry run, --delete)" PASS || record "glance-manage store orphans (dry run, --delete)" FAIL "$detail"
}
orphan_sweep

# ---------------------------------------------------------------------------------------------
# Summary

ORPHANS=$(orphan_count)
SAVING=$(saving_count)
say ""
printf '%-46s %-5s %s\n' CASE RESULT DETAIL
printf '%s\n' "${RESULTS[@]}"
say ""
say "orphan files in the store: $ORPHANS"
say "images left saving: $SAVING"
((ORPHANS == 0)) || FAILED=$((FAILED + 1))
((SAVING == 0)) || FAILED=$((FAILED + 1))
if ((FAILED > 0)); then
    say "FAILED: $FAILED; service log: $LOG"
    grep -E 'ERROR|WARN' "$LOG" | tail -n 20
    exit 1
fi
say "all ${#RESULTS[@]} cases passed in ${SECONDS}s"
