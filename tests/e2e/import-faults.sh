#!/usr/bin/env bash
# kill -9 of the service during an import, against the built service with its own SQLite database, two file
# stores (a, b) and a staging store: mid copy-image, and mid glance-direct to two stores. After a restart: the
# task says failure with a message, the lock is gone, no image is left importing, the partial data in the store
# and the staged data are removed, the stores not finished are listed in os_glance_failed_import, and the
# import runs to the end when retried. Prints a table and exits non-zero on any failure. See README.md.
set -uo pipefail

KEEP=false
[[ ${1:-} == --keep ]] && KEEP=true

export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
PY=/usr/bin/python3
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$ROOT/tests/e2e/lib/service.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/glancej-import-faults.XXXXXX")
DB=$WORK/glance.sqlite
LOG=$WORK/glance-api.log
SIZE_MIB=${GLANCE_IMPORT_FAULTS_SIZE_MIB:-768}
DATA=$WORK/data.raw
SERVICE_PID=""
URL=""
RESULTS=()
FAILED=0

say() { printf '%s\n' "$*"; }

cleanup() {
    stop_service TERM
    if $KEEP || ((FAILED > 0)); then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

record() {
    local case=$1 result=$2 detail=${3:-}
    RESULTS+=("$(printf '%-52s %-5s %s' "$case" "$result" "$detail")")
    [[ $result == PASS ]] || FAILED=$((FAILED + 1))
    say "== $case: $result $detail"
}

PORT=$(e2e_free_port 19392 600)

start_service() {
    local conf=$WORK/glance-api.conf
    mkdir -p "$WORK/a" "$WORK/b" "$WORK/staging" "$WORK/tasks"
    cat >"$conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $PORT
enabled_backends = a:file, b:file

[database]
connection = sqlite:///$DB

[glance_store]
default_backend = a

[a]
filesystem_store_datadir = $WORK/a

[b]
filesystem_store_datadir = $WORK/b

[os_glance_staging_store]
filesystem_store_datadir = $WORK/staging

[os_glance_tasks_store]
filesystem_store_datadir = $WORK/tasks

[paste_deploy]
flavor =

[upload_recovery]
heartbeat_interval = 1
owner_timeout = 3
recovery_interval = 1
EOF
    URL="http://127.0.0.1:$PORT"
    setsid "$ROOT/bin/glance-api" --config-file "$conf" >>"$LOG" 2>&1 &
    SERVICE_PID=$!
    local started=0
    e2e_wait_answering "$URL" "$SERVICE_PID" "${GLANCE_E2E_START_TIMEOUT:-240}" || started=$?
    if ((started != 0)); then
        say "the service did not start; log tail:"; tail -n 30 "$LOG"; exit 1
    fi
}

stop_service() {
    local signal=${1:-TERM}
    [[ -n $SERVICE_PID ]] || return 0
    kill -"$signal" "$SERVICE_PID" 2>/dev/null
    while kill -0 "$SERVICE_PID" 2>/dev/null; do sleep 0.05; done
    wait "$SERVICE_PID" 2>/dev/null
    SERVICE_PID=""
    return 0
}

api() { curl -s -H 'Content-Type: application/json' "$@"; }
create_image() {
    api -X POST "$URL/v2/images" -d '{"name":"import-fault","disk_format":"raw","container_format":"bare"}' | jq -r .id
}
show() { api "$URL/v2/images/$1"; }
field() { show "$1" | jq -r "$2"; }
task_of() { api "$URL/v2/images/$1/tasks" | jq -c '.tasks[-1] // {}'; }
import() { curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    "$URL/v2/images/$1/import" -d "$2"; }

# stage ID: puts the data where the stage call puts it and marks the image uploading, as staging does
stage() {
    cp "$DATA" "$WORK/staging/$1"
    "$PY" - "$DB" "$1" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
c.execute("UPDATE images SET status = 'uploading' WHERE id = ?", (sys.argv[2],))
c.commit()
EOF
}

# kill_when_writing FILE: kill -9 the service once FILE holds some, but not all, of the data
kill_when_writing() {
    local t0=$SECONDS total
    total=$(stat -c %s "$DATA")
    while true; do
        local size
        size=$(stat -c %s "$1" 2>/dev/null || echo 0)
        if ((size > 0 && size < total)); then
            stop_service KILL
            say "   killed with $size of $total bytes written to $(basename "$(dirname "$1")")/"
            return 0
        fi
        ((SECONDS - t0 > 120)) && return 1
        sleep 0.01
    done
}

# wait_task ID STATUS TIMEOUT
wait_task() {
    local t0=$SECONDS
    while [[ $(task_of "$1" | jq -r '.status // ""') != "$2" ]]; do
        ((SECONDS - t0 > $3)) && return 1
        sleep 0.2
    done
}

wait_until() {
    local t0=$SECONDS timeout=$1
    shift
    until "$@"; do
        ((SECONDS - t0 > timeout)) && return 1
        sleep 0.2
    done
}

say "making $SIZE_MIB MiB of data"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$DATA"
SUM=$(md5sum <"$DATA" | cut -d' ' -f1)

start_service

# ---- copy-image killed mid-copy
ID=$(create_image)
curl -s -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' -H 'X-Image-Meta-Store: a' \
    -T "$DATA" "$URL/v2/images/$ID/file"
code=$(import "$ID" '{"method": {"name": "copy-image"}, "stores": ["b"]}')
if [[ $code == 202 ]] && kill_when_writing "$WORK/b/$ID"; then
    start_service
    if wait_task "$ID" failure 60; then
        doc=$(show "$ID")
        msg=$(task_of "$ID" | jq -r .message)
        if [[ $(jq -r .status <<<"$doc") == active && $(jq -r .stores <<<"$doc") == a \
                && $(jq -r .os_glance_failed_import <<<"$doc") == b \
                && $(jq -r '.os_glance_importing_to_stores' <<<"$doc") == "" \
                && $(jq -r 'has("os_glance_import_task")' <<<"$doc") == false && -n $msg ]] \
                && wait_until 20 test ! -e "$WORK/b/$ID"; then
            record "copy-image killed: failed, undone" PASS "$msg"
        else
            record "copy-image killed: failed, undone" FAIL "$doc; b/ has $(ls "$WORK/b")"
        fi
        code=$(import "$ID" '{"method": {"name": "copy-image"}, "stores": ["b"]}')
        if [[ $code == 202 ]] && wait_until 120 bash -c "[[ \$(curl -s $URL/v2/images/$ID | jq -r .stores) == a,b ]]" \
                && [[ $(md5sum <"$WORK/b/$ID" | cut -d' ' -f1) == "$SUM" ]]; then
            record "copy-image retried after the kill" PASS
        else
            record "copy-image retried after the kill" FAIL "import $code, $(show "$ID" | jq -c '{stores, os_glance_failed_import}')"
        fi
    else
        record "copy-image killed: failed, undone" FAIL "task: $(task_of "$ID")"
    fi
else
    record "copy-image killed: failed, undone" FAIL "import answered $code or the copy was not caught mid-write"
fi

# ---- glance-direct killed mid-import, two stores
[[ -n $SERVICE_PID ]] || start_service
ID=$(create_image)
stage "$ID"
code=$(import "$ID" '{"method": {"name": "glance-direct"}, "stores": ["a", "b"]}')
if [[ $code == 202 ]] && kill_when_writing "$WORK/a/$ID"; then
    start_service
    if wait_task "$ID" failure 60; then
        doc=$(show "$ID")
        if [[ $(jq -r .status <<<"$doc") == queued && $(jq -r .os_glance_failed_import <<<"$doc") == a,b \
                && $(jq -r 'has("os_glance_import_task")' <<<"$doc") == false ]] \
                && wait_until 20 test ! -e "$WORK/a/$ID" && [[ ! -e $WORK/staging/$ID && ! -e $WORK/b/$ID ]]; then
            record "glance-direct killed: failed, queued, cleaned" PASS
        else
            record "glance-direct killed: failed, queued, cleaned" FAIL "$doc; a/ $(ls "$WORK/a"); staging/ $(ls "$WORK/staging")"
        fi
        stage "$ID"
        code=$(import "$ID" '{"method": {"name": "glance-direct"}, "stores": ["a", "b"]}')
        if [[ $code == 202 ]] && wait_until 120 bash -c "[[ \$(curl -s $URL/v2/images/$ID | jq -r .status) == active ]]" \
                && [[ $(field "$ID" .checksum) == "$SUM" && $(field "$ID" .stores) == a,b ]]; then
            record "glance-direct retried after the kill" PASS
        else
            record "glance-direct retried after the kill" FAIL "import $code, $(show "$ID" | jq -c '{status, stores}')"
        fi
    else
        record "glance-direct killed: failed, queued, cleaned" FAIL "task: $(task_of "$ID")"
    fi
else
    record "glance-direct killed: failed, queued, cleaned" FAIL "import answered $code or not caught mid-write"
fi

stuck=$("$PY" - "$DB" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
print(c.execute("SELECT count(*) FROM images WHERE status IN ('importing', 'uploading', 'saving') AND deleted = 0")
      .fetchone()[0])
EOF
)
[[ $stuck == 0 ]] && record "no image left importing, uploading or saving" PASS \
    || record "no image left importing, uploading or saving" FAIL "$stuck"

say ""
printf '%s\n' "${RESULTS[@]}"
say "import-faults: $(( ${#RESULTS[@]} - FAILED )) passed, $FAILED failed"
((FAILED == 0))
