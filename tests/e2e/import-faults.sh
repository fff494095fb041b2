#!/usr/bin/env bash
# kill -9 of the service in each phase of an import, against the built service (lib/import-service.sh: SQLite,
# file stores a and b, a staging store) with the image_conversion plugin on: mid stage (PUT /stage), mid
# web-download from a slow source, while qemu-img converts, mid copy-image, and mid glance-direct to two stores.
# After a restart: no image is left importing or uploading, the task says failure with a message, the lock is
# gone, the stores not finished are listed in os_glance_failed_import, partial data in the stores and in staging
# is removed (no converted leftovers, no qemu-img still writing), and the import runs to active with the data's
# checksum when retried. Prints a table and exits non-zero on any failure. See README.md.
set -uo pipefail

KEEP=false
[[ ${1:-} == --keep ]] && KEEP=true

export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
PY=/usr/bin/python3
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
# shellcheck source=tests/e2e/lib/import-service.sh
source "$HERE/lib/import-service.sh"
e2e_need_tools import-faults.sh curl jq qemu-img setsid ss md5sum pgrep
WORK=$(mktemp -d "${TMPDIR:-/tmp}/glancej-import-faults.XXXXXX")
SIZE_MIB=${GLANCE_IMPORT_FAULTS_SIZE_MIB:-768}
DATA=$WORK/web/data.raw
QCOW2=$WORK/data.qcow2
WEB_PID=""
RESULTS=()
FAILED=0

say() { printf '%s\n' "$*"; }

cleanup() {
    import_service_stop
    [[ -z $WEB_PID ]] || { kill "$WEB_PID" 2>/dev/null; wait "$WEB_PID" 2>/dev/null; }
    if $KEEP || ((FAILED > 0)); then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

record() {
    local case=$1 result=$2 detail=${3:-}
    RESULTS+=("$(printf '%-52s %-5s %s' "$case" "$result" "$detail")")
    [[ $result == PASS ]] || FAILED=$((FAILED + 1))
    say "== $case: $result $detail"
}

# ---- a web server for web-download: /NAME at full speed, /slow/NAME at 16 MiB/s
mkdir -p "$WORK/web"
cat >"$WORK/web.py" <<'EOF'
import http.server, os, sys, time
root, port = sys.argv[1], int(sys.argv[2])
BLOCK, RATE = 256 * 1024, 16 << 20

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = os.path.join(root, os.path.basename(self.path))
        if not os.path.isfile(path):
            self.send_error(404)
            return
        slow = self.path.startswith("/slow/")
        self.send_response(200)
        self.send_header("Content-Length", str(os.path.getsize(path)))
        self.end_headers()
        with open(path, "rb") as f:
            while block := f.read(BLOCK):
                try:
                    self.wfile.write(block)
                except OSError:
                    return
                if slow:
                    time.sleep(BLOCK / RATE)

    def log_message(self, *args):
        pass

http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
EOF
WEB_PORT=$(e2e_free_port 24100 300)
"$PY" "$WORK/web.py" "$WORK/web" "$WEB_PORT" >"$WORK/web.log" 2>&1 &
WEB_PID=$!

import_service_configure "$WORK" "$(e2e_free_port 19392 600)" "[import_filtering_opts]
allowed_hosts = 127.0.0.1
allowed_ports = $WEB_PORT

[upload_recovery]
heartbeat_interval = 1
owner_timeout = 3
recovery_interval = 1"
# upstream reads the plugins' options from glance-image-import.conf beside glance-api.conf
cat >"$WORK/glance-image-import.conf" <<'EOF'
[image_import_opts]
image_import_plugins = ['image_conversion']

[image_conversion]
output_format = raw
EOF
URL=$IMPORT_SERVICE_URL

api() { curl -s -H 'Content-Type: application/json' "$@"; }
create_image() { # create_image DISK_FORMAT
    api -X POST "$URL/v2/images" -d "{\"name\":\"import-fault\",\"disk_format\":\"$1\",\"container_format\":\"bare\"}" \
        | jq -r .id
}
show() { api "$URL/v2/images/$1"; }
field() { show "$1" | jq -r "$2"; }
task_of() { api "$URL/v2/images/$1/tasks" | jq -c '[.tasks[] | select(.status == "failure")][0] // .tasks[0] // {}'; }
import() { curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    "$URL/v2/images/$1/import" -d "$2"; }
stage() { # stage ID FILE [CURL-OPTION...]: the HTTP status of PUT /stage
    local id=$1 file=$2
    shift 2
    curl -s -o /dev/null -w '%{http_code}' "$@" -X PUT -H 'Content-Type: application/octet-stream' -T "$file" \
        "$URL/v2/images/$id/stage"
}
files_of() { # files_of ID DIR...: the files in those directories named after the image (data, scratch files)
    local id=$1 dir
    shift
    for dir in "$@"; do find "$WORK/$dir" -maxdepth 1 -name "$id*" -printf "$dir/%f "; done
}
wait_until() {
    local t0=$SECONDS timeout=$1
    shift
    until "$@"; do
        ((SECONDS - t0 > timeout)) && return 1
        sleep 0.2
    done
}
has_status() { [[ $(field "$1" .status) == "$2" ]]; }
no_files_of() { [[ -z $(files_of "$@") ]]; }
# qemu_img_writing ID: qemu-img runs on the image's staged file and has written some of its output
qemu_img_writing() {
    pgrep -f -- "[q]emu-img convert .*$WORK/staging/$1" >/dev/null \
        && (($(du -k "$WORK/staging/$1.converted.part" 2>/dev/null | cut -f1 || echo 0) > 0))
}
# no_qemu_img_on ID: no qemu-img runs on the image's staged file ([q] keeps pgrep from matching callers' lines)
no_qemu_img_on() { ! pgrep -f -- "[q]emu-img .*$WORK/staging/$1" >/dev/null; }

# kill_when_growing FILE [TOTAL]: kill -9 the service once FILE holds some, but not all, of TOTAL bytes
kill_when_growing() {
    local t0=$SECONDS total=${2:-0} size
    while true; do
        size=$(stat -c %s "$1" 2>/dev/null || echo 0)
        if ((size > 0 && (total == 0 || size < total))); then
            import_service_kill
            say "   killed with $size bytes in $(basename "$(dirname "$1")")/$(basename "$1")"
            return 0
        fi
        ((SECONDS - t0 > 120)) && return 1
        sleep 0.01
    done
}

# undone ID STATUS FAILED [STORE-DIR...]: after the restart the import's task has failed with a message, the
# image is STATUS with FAILED in os_glance_failed_import, no store importing and no lock, and nothing of it is
# left in staging or in STORE-DIRs. Sets DETAIL.
undone() {
    local id=$1 status=$2 failed=$3 doc task
    shift 3
    DETAIL=""
    wait_until 60 bash -c "[[ \$(curl -s $URL/v2/images/$id/tasks | jq -r '.tasks[0].status') == failure ]]"
    task=$(task_of "$id")
    doc=$(show "$id")
    if [[ $(jq -r .status <<<"$task") != failure || -z $(jq -r '.message // ""' <<<"$task") ]]; then
        DETAIL="task: $task"
    elif [[ $(jq -r .status <<<"$doc") != "$status" || $(jq -r .os_glance_failed_import <<<"$doc") != "$failed" \
            || -n $(jq -r '.os_glance_importing_to_stores // ""' <<<"$doc") \
            || $(jq -r 'has("os_glance_import_task")' <<<"$doc") != false ]]; then
        DETAIL="image: $(jq -c '{status, os_glance_failed_import, os_glance_importing_to_stores, os_glance_import_task}' <<<"$doc")"
    elif ! wait_until 20 no_files_of "$id" staging "$@"; then
        DETAIL="left: $(files_of "$id" staging "$@")"
    else
        DETAIL=$(jq -r .message <<<"$task")
        return 0
    fi
    return 1
}

# retried CASE ID IMPORT-BODY STORES [FILE]: (stages FILE again if given,) imports, and the image must end active,
# raw (a qcow2 converted), in STORES with the data's checksum, nothing left staged; then the image is deleted
retried() {
    local case=$1 id=$2 body=$3 stores=$4 file=${5:-} code=""
    [[ -z $file ]] || code="stage $(stage "$id" "$file"), "
    code+="import $(import "$id" "$body")"
    if wait_until 180 bash -c "[[ \$(curl -s $URL/v2/images/$id | jq -r '[.status, .stores, .disk_format] | join(\" \")') \
            == 'active $stores raw' ]]" \
            && [[ $(field "$id" .checksum) == "$SUM" ]] && no_files_of "$id" staging; then
        record "$case retried" PASS
    else
        record "$case retried" FAIL "$code, $(show "$id" | jq -c '{status, stores, disk_format, checksum, os_glance_failed_import}')"
    fi
    curl -s -o /dev/null -X DELETE "$URL/v2/images/$id"
}

say "making $SIZE_MIB MiB of data, and a qcow2 of it"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$DATA"
SUM=$(md5sum <"$DATA" | cut -d' ' -f1)
qemu-img convert -f raw -O qcow2 "$DATA" "$QCOW2"
import_service_start || exit 1

# ---- staging: PUT /stage killed mid-body
ID=$(create_image raw)
stage "$ID" "$DATA" --limit-rate 32M >/dev/null &
CURL_PID=$!
if kill_when_growing "$WORK/staging/$ID" "$(stat -c %s "$DATA")"; then
    wait "$CURL_PID"
    import_service_start || exit 1
    if wait_until 30 has_status "$ID" queued && wait_until 20 no_files_of "$ID" staging; then
        record "stage killed: queued, nothing staged" PASS
    else
        record "stage killed: queued, nothing staged" FAIL "$(field "$ID" .status); $(files_of "$ID" staging)"
    fi
    retried "stage killed:" "$ID" '{"method": {"name": "glance-direct"}}' a "$DATA"
else
    record "stage killed: queued, nothing staged" FAIL "the stage was not caught mid-body"
fi

# ---- web-download killed mid-download from a slow source, to two stores
ID=$(create_image raw)
code=$(import "$ID" "{\"method\": {\"name\": \"web-download\", \"uri\": \"http://127.0.0.1:$WEB_PORT/slow/data.raw\"},
    \"stores\": [\"a\", \"b\"]}")
if [[ $code == 202 ]] && kill_when_growing "$WORK/staging/$ID"; then
    import_service_start || exit 1
    undone "$ID" queued a,b a b && record "web-download killed: failed, queued, cleaned" PASS "$DETAIL" \
        || record "web-download killed: failed, queued, cleaned" FAIL "$DETAIL"
    retried "web-download killed:" "$ID" "{\"method\": {\"name\": \"web-download\",
        \"uri\": \"http://127.0.0.1:$WEB_PORT/data.raw\"}, \"stores\": [\"a\", \"b\"]}" a,b
else
    record "web-download killed: failed, queued, cleaned" FAIL "import answered $code or not caught mid-download"
fi

# ---- conversion (image_conversion, qcow2 to raw) killed while qemu-img writes
ID=$(create_image qcow2)
code="stage $(stage "$ID" "$QCOW2"), import $(import "$ID" '{"method": {"name": "glance-direct"}}')"
if [[ $code == "stage 204, import 202" ]] && wait_until 120 qemu_img_writing "$ID"; then
    import_service_kill
    say "   killed while qemu-img wrote $(du -k "$WORK/staging/$ID.converted.part" | cut -f1) KiB"
    if wait_until 5 no_qemu_img_on "$ID"; then
        record "conversion killed: qemu-img ends with the service" PASS
    else
        record "conversion killed: qemu-img ends with the service" FAIL "$(pgrep -af -- "[q]emu-img .*$ID")"
    fi
    import_service_start || exit 1
    if undone "$ID" queued a a && sleep 3 && no_files_of "$ID" staging; then
        record "conversion killed: failed, queued, no leftovers" PASS "$DETAIL"
    else
        record "conversion killed: failed, queued, no leftovers" FAIL "$DETAIL $(files_of "$ID" staging)"
    fi
    retried "conversion killed:" "$ID" '{"method": {"name": "glance-direct"}}' a "$QCOW2"
else
    record "conversion killed: failed, queued, no leftovers" FAIL "$code, or qemu-img not caught writing"
fi

# ---- copy-image killed mid-copy
ID=$(create_image raw)
curl -s -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' -H 'X-Image-Meta-Store: a' \
    -T "$DATA" "$URL/v2/images/$ID/file"
code=$(import "$ID" '{"method": {"name": "copy-image"}, "stores": ["b"]}')
if [[ $code == 202 ]] && kill_when_growing "$WORK/b/$ID" "$(stat -c %s "$DATA")"; then
    import_service_start || exit 1
    if undone "$ID" active b b && [[ $(field "$ID" .stores) == a && -e $WORK/a/$ID ]]; then
        record "copy-image killed: failed, active in a, b cleaned" PASS "$DETAIL"
    else
        record "copy-image killed: failed, active in a, b cleaned" FAIL "$DETAIL; stores $(field "$ID" .stores)"
    fi
    retried "copy-image killed:" "$ID" '{"method": {"name": "copy-image"}, "stores": ["b"]}' a,b
else
    record "copy-image killed: failed, active in a, b cleaned" FAIL "import answered $code or not caught mid-write"
fi

# ---- glance-direct killed mid-import, two stores
ID=$(create_image raw)
code="stage $(stage "$ID" "$DATA"), import $(import "$ID" '{"method": {"name": "glance-direct"}, "stores": ["a", "b"]}')"
if [[ $code == "stage 204, import 202" ]] && kill_when_growing "$WORK/a/$ID" "$(stat -c %s "$DATA")"; then
    import_service_start || exit 1
    undone "$ID" queued a,b a b && record "glance-direct killed: failed, queued, cleaned" PASS "$DETAIL" \
        || record "glance-direct killed: failed, queued, cleaned" FAIL "$DETAIL"
    retried "glance-direct killed:" "$ID" '{"method": {"name": "glance-direct"}, "stores": ["a", "b"]}' a,b "$DATA"
else
    record "glance-direct killed: failed, queued, cleaned" FAIL "$code, or not caught mid-write"
fi

stuck=$("$PY" - "$WORK/glance.sqlite" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
print(c.execute("SELECT count(*) FROM images WHERE status IN ('importing', 'uploading', 'saving') AND deleted = 0")
      .fetchone()[0])
EOF
)
[[ $stuck == 0 ]] && record "no image left importing, uploading or saving" PASS \
    || record "no image left importing, uploading or saving" FAIL "$stuck"
no_data() { [[ -z $(find "$WORK/a" "$WORK/b" "$WORK/staging" -type f) ]]; }
wait_until 20 no_data && record "no data left once the images are deleted" PASS \
    || record "no data left once the images are deleted" FAIL "$(find "$WORK/a" "$WORK/b" "$WORK/staging" -type f)"

# the kills are the machine's doing, not the service's: recovery says what it did without errors or stack traces
errors=$(grep -cE ' ERROR |SEVERE|^[[:space:]]+at [a-z]' "$WORK/glance-api.log")
[[ $errors == 0 ]] && record "the service logged no error or stack trace" PASS \
    || record "the service logged no error or stack trace" FAIL "$errors lines; $(grep -m3 -E ' ERROR |SEVERE' "$WORK/glance-api.log")"

say ""
printf '%s\n' "${RESULTS[@]}"
say "import-faults: $(( ${#RESULTS[@]} - FAILED )) passed, $FAILED failed"
((FAILED == 0))
