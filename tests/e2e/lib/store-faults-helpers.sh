# Sourced by store-faults.sh before it starts anything: the Ceph admin tools and giving the cluster back, API
# requests (every response body is kept in $RESPONSES for the secrets check), the chunked slow upload,
# stopping and resuming Ceph daemons, S3 queries on radosgw. Reads URL, PORT, WORK, RESPONSES, PY, ROOT,
# CEPH_SH, POOL, S3_* and STOPPED_PIDS; QUOTA_SET and RBD_LEFT (restore_cluster); SMALL, SMALL_MD5 and the
# script's check (next_upload_works).

admin_ceph() { timeout 60 ceph --connect-timeout 20 "$@"; }
admin_rbd() { timeout 60 rbd "$@"; }
rbd_has() { admin_rbd ls "$POOL" 2>/dev/null | grep -qxF "$1"; }

# restore_cluster: gives back what the script changed on the cluster (stopped daemons, a quota, RBD images)
restore_cluster() {
    local name
    resume_daemons
    if $QUOTA_SET; then
        admin_ceph osd pool set-quota "$POOL" max_bytes 0 >/dev/null 2>&1
        QUOTA_SET=false
    fi
    for name in "${RBD_LEFT[@]}"; do admin_rbd rm --no-progress "$POOL/$name" >/dev/null 2>&1; done
    RBD_LEFT=()
}

# req METHOD PATH [CURL ARGS...]: prints the status; the body goes to $WORK/last and $RESPONSES
req() {
    local method=$1 path=$2 body
    shift 2
    body=$(mktemp "$RESPONSES/XXXXXX")
    curl -s --max-time 120 -o "$body" -w '%{http_code}' -H 'Accept: application/json' -X "$method" "$@" "$URL$path"
    cp "$body" "$WORK/last"
}
last() { cat "$WORK/last"; }

create_image() {
    req POST /v2/images -H 'Content-Type: application/json' \
        -d "{\"name\":\"store-faults-$1\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}" >/dev/null
    jq -r .id "$WORK/last" | tee -a "$WORK/ids"
}
show() { req GET "/v2/images/$1" >/dev/null; last; }
status_of() { show "$1" | jq -r '.status // "gone"'; }

# upload ID FILE [CURL ARGS...]: PUT with Content-Length, prints the status
upload() {
    local id=$1 file=$2
    shift 2
    req PUT "/v2/images/$id/file" -H 'Content-Type: application/octet-stream' --data-binary "@$file" "$@"
}

# poll SECONDS COMMAND...: until COMMAND succeeds
poll() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS >= deadline)) && return 1
        sleep 0.5
    done
}
rbd_gone() { ! rbd_has "$1"; }


# slow_upload ID MIB OUT [HEADER...]: starts a chunked upload of MIB MiB at 4 MiB/s in the background; its
# "<status> <answer time>" line goes to OUT, the answer's body to $RESPONSES/<OUT's name>.body
slow_upload() {
    local id=$1 mib=$2 out=$3
    shift 3
    "$PY" "$ROOT/tests/e2e/slow_upload.py" "$PORT" "/v2/images/$id/file" $((mib << 20)) $((4 << 20)) \
        "$RESPONSES/$(basename "$out").body" "$@" >"$out" 2>>"$WORK/slow-upload.err" &
}

# stop_daemon NAME: SIGSTOP to the daemon's pid (it keeps its sockets but answers nothing)
stop_daemon() {
    local pid
    pid=$("$CEPH_SH" pid "$1") || return 1
    STOPPED_PIDS+=("$1:$pid")
    kill -STOP "$pid"
}
# resume_daemons: gives back every daemon stop_daemon stopped. radosgw goes on where it stopped; an OSD is
# restarted instead (scripts/ceph.sh start waits for HEALTH_OK): resumed after a stop of some seconds, its
# placement groups can stay "waiting for readable" (their read lease ran out) and every operation hangs.
resume_daemons() {
    local entry name pid restart=false
    for entry in "${STOPPED_PIDS[@]}"; do
        name=${entry%%:*}
        pid=${entry#*:}
        if [[ $name == osd ]]; then
            kill -TERM "$pid" 2>/dev/null
            restart=true
        fi
        kill -CONT "$pid" 2>/dev/null
        if [[ $name == osd ]]; then
            for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null
        fi
    done
    STOPPED_PIDS=()
    if $restart; then
        "$CEPH_SH" start >/dev/null 2>"$WORK/ceph-restart.err" || { say "restarting the OSD failed:"; cat "$WORK/ceph-restart.err"; }
    fi
}
healthy() { [[ $(timeout 10 ceph --connect-timeout 5 health 2>/dev/null) == HEALTH_OK* ]]; }

s3() {
    curl -s --max-time 30 --aws-sigv4 "aws:amz:us-east-1:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
        -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$@"
}
# curl signs the query as written: its parameters sorted, each with "="
s3_answers() { [[ $(s3 -o /dev/null -w '%{http_code}' "$S3_ENDPOINT/$S3_BUCKET?uploads=") == 200 ]]; }
# s3_multipart_of KEY: how many multipart uploads of KEY the bucket lists ("error" when it lists nothing)
s3_multipart_of() {
    local xml
    xml=$(s3 "$S3_ENDPOINT/$S3_BUCKET?prefix=$1&uploads=")
    if grep -q "<ListMultipartUploadsResult" <<<"$xml"; then grep -o "<Key>$1</Key>" <<<"$xml" | wc -l; else echo error; fi
}
s3_no_multipart() { [[ $(s3_multipart_of "$1") == 0 ]]; }
s3_object_status() { s3 -o /dev/null -w '%{http_code}' -I "$S3_ENDPOINT/$S3_BUCKET/$1"; }

seconds_between() { "$PY" -c 'import sys; print("%.1f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$1" "$2"; }

# next_upload_works STORE_ID CHECK_PRESENT: a fresh upload to the store is active with the right checksum
next_upload_works() {
    local store=$1 present=$2 id code
    id=$(create_image "next-$store")
    code=$(upload "$id" "$SMALL" -H "X-Image-Meta-Store: $store")
    local doc
    doc=$(show "$id")
    check "$store: the next upload works without a restart" \
        "$( [[ $code == 204 && $(jq -r .status <<<"$doc") == active && $(jq -r .checksum <<<"$doc") == "$SMALL_MD5" \
            && $(jq -r .stores <<<"$doc") == "$store" ]] && $present "$id" && echo true || echo false)" \
        "upload $code, $(jq -c '{status, checksum, stores}' <<<"$doc")"
    req DELETE "/v2/images/$id" >/dev/null
}
