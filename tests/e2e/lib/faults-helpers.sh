# Sourced by faults.sh: its service (started and stopped as many times as the cases need, its own SQLite
# database and file store), the API requests and the checks of the state after a fault. Reads WORK, ROOT,
# PORT, DB, LOG and STORE; sets URL and SERVICE_PID.

# start_service [GRACE_SECONDS] [STORE_DIR]
start_service() {
    local grace=${1:-30} dir=${2:-$STORE} conf=$WORK/glance-api.conf
    mkdir -p "$dir"
    cat >"$conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $PORT

[database]
connection = sqlite:///$DB

[glance_store]
stores = file,http
default_store = file
filesystem_store_datadir = $dir

[paste_deploy]
flavor =

[upload_recovery]
heartbeat_interval = 1
owner_timeout = 3
recovery_interval = 1
shutdown_grace_period = $grace
EOF
    URL="http://127.0.0.1:$PORT"
    # bin/glance-api execs the JVM: this pid is the service's JVM
    setsid "$ROOT/bin/glance-api" --config-file "$conf" >>"$LOG" 2>&1 &
    SERVICE_PID=$!
    local started=0
    e2e_wait_answering "$URL" "$SERVICE_PID" "${GLANCE_E2E_START_TIMEOUT:-240}" || started=$?
    case $started in
        1) say "the service exited during startup; log tail:"; tail -n 30 "$LOG"; exit 1 ;;
        2) say "the service did not start; log tail:"; tail -n 30 "$LOG"; exit 1 ;;
    esac
}

# stop_service [SIGNAL]: signal the JVM and wait for it to exit
stop_service() {
    local signal=${1:-TERM}
    [[ -n $SERVICE_PID ]] || return 0
    kill -"$signal" "$SERVICE_PID" 2>/dev/null
    while kill -0 "$SERVICE_PID" 2>/dev/null; do sleep 0.05; done
    wait "$SERVICE_PID" 2>/dev/null
    SERVICE_PID=""
}

api() { curl -s -H 'Content-Type: application/json' "$@"; }

create_image() {
    api -X POST "$URL/v2/images" -d "{\"name\":\"${1:-fault}\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}" \
        | jq -r .id
}

status_of() { api "$URL/v2/images/$1" | jq -r '.status // "gone"'; }

# upload ID FILE [RATE]: PUT the file, printing the HTTP status (000 when the connection broke)
upload() {
    local rate=()
    [[ -n ${3:-} ]] && rate=(--limit-rate "$3")
    curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/octet-stream' "${rate[@]}" \
        -T "$2" "$URL/v2/images/$1/file"
}

# wait_file_size PATH BYTES TIMEOUT: until the file holds at least BYTES
wait_file_size() {
    local t0=$SECONDS
    while (( $(stat -c %s "$1" 2>/dev/null || echo 0) < $2 )); do
        ((SECONDS - t0 > $3)) && return 1
        sleep 0.02
    done
}

# wait_status ID STATUS TIMEOUT
wait_status() {
    local t0=$SECONDS
    while [[ $(status_of "$1") != "$2" ]]; do
        ((SECONDS - t0 > $3)) && return 1
        sleep 0.2
    done
}

declare -A MD5
md5_of() {
    [[ -n ${MD5[$1]:-} ]] || MD5[$1]=$(md5sum <"$1" | cut -d' ' -f1)
    echo "${MD5[$1]}"
}

# checks_out ID FILE: the image is active and its checksum and size are the file's, as are the stored bytes
checks_out() {
    local doc sum
    sum=$(md5_of "$2")
    doc=$(api "$URL/v2/images/$1")
    [[ $(jq -r .status <<<"$doc") == active && $(jq -r .checksum <<<"$doc") == "$sum" \
        && $(jq -r .size <<<"$doc") == "$(stat -c %s "$2")" ]] || return 1
    [[ $(md5sum <"$STORE/$1" | cut -d' ' -f1) == "$sum" ]]
}

# no internal upload markers in what clients see
no_markers() { ! api "$URL/v2/images/$1" | grep -q os_glance_upload; }

saving_count() {
    "$PY" - "$DB" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
print(c.execute("SELECT count(*) FROM images WHERE status = 'saving' AND deleted = 0").fetchone()[0])
EOF
}

# files in the store that no live location accounts for
orphan_count() {
    "$PY" - "$DB" "$STORE" <<'EOF'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
live = {r[0] for r in c.execute("SELECT value FROM image_locations WHERE deleted = 0")}
print(sum(1 for f in os.listdir(sys.argv[2]) if "file://" + os.path.join(sys.argv[2], f) not in live))
EOF
}

manage() { "$ROOT/bin/glance-manage" --config-file "$WORK/glance-api.conf" "$@" 2>>"$WORK/manage.err"; }
