#!/usr/bin/env bash
# Bad input and faults of the Ceph-backed stores, against the built service over HTTP: the OSD and radosgw
# stopped (SIGSTOP by pid) mid-upload, the pool over its quota, uploads to the read-only and to an unknown
# store, deleting an RBD image with a clone or the last location, locations with forbidden schemes or
# internal hosts, and no credential in the log or any response. Uses the cluster `scripts/ceph.sh env`
# answers for and gives back whatever it stopped or changed, also on failure. Prints PASS/FAIL per check
# and exits non-zero on any failure. See README.md.
set -uo pipefail

usage() {
    echo "usage: $0 [--keep]"
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
CEPH_SH=$ROOT/scripts/ceph.sh
# shellcheck source=tests/e2e/lib/service.sh
source "$ROOT/tests/e2e/lib/service.sh"

say() { printf '%s\n' "$*"; }

if ! CEPH_ENV=$("$CEPH_SH" env 2>/dev/null); then
    if [[ ${GLANCE_TEST_REQUIRE_CEPH:-0} == 1 ]]; then
        say "FAIL Ceph is required (GLANCE_TEST_REQUIRE_CEPH=1) but scripts/ceph.sh env does not answer"
        exit 1
    fi
    say "SKIP store-faults: Ceph is not running (scripts/ceph.sh start)"
    exit 0
fi
ceph_var() { sed -n "s/^$1=//p" <<<"$CEPH_ENV"; }
CEPH_CONF=$(ceph_var GLANCE_CEPH_CONF)
POOL=$(ceph_var GLANCE_CEPH_POOL)
CEPH_USER=$(ceph_var GLANCE_CEPH_USER)
CEPH_KEYRING=$(ceph_var GLANCE_CEPH_KEYRING)
S3_ENDPOINT=$(ceph_var GLANCE_S3_ENDPOINT)
S3_ACCESS_KEY=$(ceph_var GLANCE_S3_ACCESS_KEY)
S3_SECRET_KEY=$(ceph_var GLANCE_S3_SECRET_KEY)
S3_BUCKET=$(ceph_var GLANCE_S3_BUCKET)
CEPHX_KEY=$(sed -n 's/^[[:space:]]*key = //p' "$CEPH_KEYRING")
# the admin tools (ceph, rbd) find client.admin's keyring through this configuration
export CEPH_CONF
# The S3 store is in this build when its sources are: without it the S3 case is skipped, not failed.
S3_BUILT=false
[[ -d $ROOT/src/main/java/org/glancej/store/s3 ]] && S3_BUILT=true

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glancej-store-faults.XXXXXX")
RESPONSES=$WORK/responses
LOG=$WORK/glance-api.log
DB=$WORK/glance.sqlite
mkdir -p "$RESPONSES" "$WORK/local" "$WORK/staging" "$WORK/tasks" "$WORK/web"
SERVICE_PID=""
SENDER=""
WEB_PID=""
URL=""
PASSED=0
FAILED=0
FAILURES=()
# what the script changed on the cluster, given back by restore_cluster
STOPPED_PIDS=()
QUOTA_SET=false
RBD_LEFT=()

# check NAME OK [DETAIL]: one PASS/FAIL line
check() {
    if [[ $2 == true ]]; then
        PASSED=$((PASSED + 1))
        say "PASS $1${3:+ ($3)}"
    else
        FAILED=$((FAILED + 1))
        FAILURES+=("$1${3:+: $3}")
        say "FAIL $1${3:+: $3}"
    fi
}
skip() { say "SKIP $1"; }
is() { [[ $1 == "$2" ]] && echo true || echo false; }

# shellcheck source=tests/e2e/lib/store-faults-helpers.sh
source "$ROOT/tests/e2e/lib/store-faults-helpers.sh"

cleanup() {
    [[ -z $SENDER ]] || kill "$SENDER" 2>/dev/null
    restore_cluster
    e2e_stop_group "$SERVICE_PID"
    SERVICE_PID=""
    # an interrupted run leaves what the stopped service had no time to remove: the RBD images of its uploads
    local id
    for id in $(cat "$WORK/ids" 2>/dev/null); do
        rbd_has "$id" && admin_rbd rm --no-progress "$POOL/$id" >/dev/null 2>&1
    done
    if [[ -n $WEB_PID ]]; then kill "$WEB_PID" 2>/dev/null; wait "$WEB_PID" 2>/dev/null; fi
    if $KEEP || ((FAILED > 0)); then
        say "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# A web server for the http store's allowed location, and the service

head -c $((1 << 20)) /dev/urandom >"$WORK/web/allowed.img"
WEB_PORT=$(e2e_free_port 21292 700)
(cd "$WORK/web" && exec "$PY" -m http.server --bind 127.0.0.1 "$WEB_PORT" >"$WORK/web.log" 2>&1) &
WEB_PID=$!
PORT=$(e2e_free_port 22292 700)
URL="http://127.0.0.1:$PORT"
BACKENDS="ceph:rbd, local:file, web:http"
S3_SECTION=""
if $S3_BUILT; then
    BACKENDS="ceph:rbd, s3:s3, local:file, web:http"
    S3_SECTION="[s3]
s3_store_host = $S3_ENDPOINT
s3_store_access_key = $S3_ACCESS_KEY
s3_store_secret_key = $S3_SECRET_KEY
s3_store_bucket = $S3_BUCKET
"
fi
cat >"$WORK/glance-api.conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $PORT
enabled_backends = $BACKENDS
show_multiple_locations = true

[database]
connection = sqlite:///$DB

[glance_store]
default_backend = ceph

[ceph]
rbd_store_pool = $POOL
rbd_store_user = $CEPH_USER
rbd_store_ceph_conf = $CEPH_CONF
rados_connect_timeout = 10

$S3_SECTION
[local]
filesystem_store_datadir = $WORK/local

[web]

[os_glance_staging_store]
filesystem_store_datadir = $WORK/staging

[os_glance_tasks_store]
filesystem_store_datadir = $WORK/tasks

[import_filtering_opts]
allowed_hosts = 127.0.0.1
allowed_ports = $WEB_PORT

[paste_deploy]
flavor =

[upload_recovery]
heartbeat_interval = 1
owner_timeout = 3
recovery_interval = 1
EOF

say "work directory $WORK; starting the service on $URL (stores: $BACKENDS)"
setsid "$ROOT/bin/glance-api" --config-file "$WORK/glance-api.conf" >>"$LOG" 2>&1 &
SERVICE_PID=$!
started=0
e2e_wait_answering "$URL" "$SERVICE_PID" "${GLANCE_E2E_START_TIMEOUT:-240}" "$PORT" || started=$?
if ((started != 0)); then
    say "FAIL the service did not start (e2e_wait_answering: $started); log tail:"
    tail -n 30 "$LOG"
    FAILED=1
    exit 1
fi
T_START=$SECONDS

SMALL=$WORK/small.raw
head -c $((5 << 20)) /dev/urandom >"$SMALL"
SMALL_MD5=$(md5sum <"$SMALL" | cut -d' ' -f1)

# ---------------------------------------------------------------------------------------------
# 1. RBD: the OSD stopped mid-upload

say "== 1. RBD: the OSD stopped (SIGSTOP) mid-upload"
ID=$(create_image osd-stopped)
slow_upload "$ID" 200 "$WORK/osd.answer"
SENDER=$!
if poll 30 rbd_has "$ID"; then
    sleep 2
    stop_daemon osd
    T_STOP=$(date +%s.%N)
    wait "$SENDER"
    SENDER=""
    read -r CODE T_ANSWER <"$WORK/osd.answer"
    ELAPSED=$(seconds_between "$T_STOP" "${T_ANSWER:-0}")
    say "time from stopping the OSD to the answer: ${ELAPSED}s (rados_connect_timeout = 10)"
    BODY=$(cat "$RESPONSES/osd.answer.body")
    check "rbd, OSD stopped: 503" "$(is "$CODE" 503)" "got $CODE after ${ELAPSED}s: $BODY"
    check "rbd, OSD stopped: the message names the store" \
        "$(grep -q 'ceph' <<<"$BODY" && echo true || echo false)" "$BODY"
    check "rbd, OSD stopped: answered within 10 s + 15 s" \
        "$("$PY" -c 'import sys; print(str(0 < float(sys.argv[1]) <= 25).lower())' "$ELAPSED")" "${ELAPSED}s"
    STATUS=$(status_of "$ID")
    check "rbd, OSD stopped: the image is back to queued" "$(is "$STATUS" queued)" "$STATUS"
    declare -F resume_daemons >/dev/null && resume_daemons
    poll 60 healthy || say "note: the cluster is not HEALTH_OK 60 s after the OSD was restarted"
    check "rbd, OSD stopped: nothing of the image left in the pool (polled up to 60 s)" \
        "$(poll 60 rbd_gone "$ID" && echo true || echo false)" "$(admin_rbd ls "$POOL" | grep -F "$ID")"
    next_upload_works ceph rbd_has
else
    kill "$SENDER" 2>/dev/null
    SENDER=""
    check "rbd, OSD stopped: the upload reached the pool" false "no RBD image $ID after 30 s"
fi
req DELETE "/v2/images/$ID" >/dev/null

# ---------------------------------------------------------------------------------------------
# 2. RBD: the pool over its quota

say "== 2. RBD: the pool over its quota"
quota_full() {
    admin_ceph osd pool ls detail -f json | jq -e --arg p "$POOL" \
        '.[] | select(.pool_name == $p) | .flags_names | split(",") | index("full_quota")' >/dev/null
}
quota_lifted() { ! quota_full; }
# the quota counts what the pool holds: a ballast image puts it over 1 MiB whatever else is there
BALLAST=store-faults-ballast-$$
head -c $((8 << 20)) /dev/urandom >"$WORK/ballast.raw"
RBD_LEFT+=("$BALLAST")
admin_rbd import --no-progress "$WORK/ballast.raw" "$POOL/$BALLAST" >/dev/null
QUOTA_SET=true
admin_ceph osd pool set-quota "$POOL" max_bytes $((1 << 20)) >/dev/null
if poll 60 quota_full; then
    ID=$(create_image quota)
    CODE=$(upload "$ID" "$SMALL")
    check "rbd, pool over quota: 413" "$(is "$CODE" 413)" "got $CODE: $(last)"
    STATUS=$(status_of "$ID")
    check "rbd, pool over quota: the image stays queued" "$(is "$STATUS" queued)" "$STATUS"
    ID2=$(create_image quota-chunked)
    CODE=$(upload "$ID2" "$SMALL" -H 'Transfer-Encoding: chunked')
    check "rbd, pool over quota, chunked upload: 413" "$(is "$CODE" 413)" "got $CODE: $(last)"
    admin_ceph osd pool set-quota "$POOL" max_bytes 0 >/dev/null
    QUOTA_SET=false
    restore_cluster
    poll 60 quota_lifted || say "note: the pool still has full_quota 60 s after the quota was lifted"
    check "rbd, pool over quota: nothing left in the pool after the quota is lifted (polled up to 60 s)" \
        "$(poll 60 rbd_gone "$ID" && poll 60 rbd_gone "$ID2" && echo true || echo false)"
    next_upload_works ceph rbd_has
    req DELETE "/v2/images/$ID" >/dev/null
    req DELETE "/v2/images/$ID2" >/dev/null
else
    check "rbd, pool over quota: the pool reports full_quota" false "not within 60 s"
fi
restore_cluster

# ---------------------------------------------------------------------------------------------
# 3. S3: radosgw stopped mid-upload

say "== 3. S3: radosgw stopped (SIGSTOP) mid-upload"
if ! $S3_BUILT; then
    skip "s3 cases: this build has no S3 store (src/main/java/org/glancej/store/s3); the service runs without it"
else
    ID=$(create_image rgw-stopped)
    slow_upload "$ID" 200 "$WORK/rgw.answer" "X-Image-Meta-Store: s3"
    SENDER=$!
    has_multipart() { [[ $(s3_multipart_of "$1") =~ ^[1-9] ]]; }
    if poll 30 has_multipart "$ID"; then
        sleep 1
        stop_daemon rgw
        T_STOP=$(date +%s.%N)
        wait "$SENDER"
        SENDER=""
        read -r CODE T_ANSWER <"$WORK/rgw.answer"
        ELAPSED=$(seconds_between "$T_STOP" "${T_ANSWER:-0}")
        say "time from stopping radosgw to the answer: ${ELAPSED}s (the S3 store's read timeout is 30 s)"
        BODY=$(cat "$RESPONSES/rgw.answer.body")
        check "s3, radosgw stopped: 503" "$(is "$CODE" 503)" "got $CODE after ${ELAPSED}s: $BODY"
        check "s3, radosgw stopped: the message names the store" \
            "$(grep -q 's3' <<<"$BODY" && echo true || echo false)" "$BODY"
        check "s3, radosgw stopped: answered within 30 s + 15 s" \
            "$("$PY" -c 'import sys; print(str(0 < float(sys.argv[1]) <= 45).lower())' "$ELAPSED")" "${ELAPSED}s"
        STATUS=$(status_of "$ID")
        check "s3, radosgw stopped: the image is back to queued" "$(is "$STATUS" queued)" "$STATUS"
        resume_daemons
        poll 30 s3_answers || say "note: radosgw does not answer 30 s after it was resumed"
        check "s3, radosgw stopped: no multipart upload left in the bucket (polled up to 60 s)" \
            "$(poll 60 s3_no_multipart "$ID" && echo true || echo false)"
        OBJECT=$(s3_object_status "$ID")
        check "s3, radosgw stopped: no object left" "$(is "$OBJECT" 404)" "HEAD answered $OBJECT"
        s3_present() { [[ $(s3_object_status "$1") == 200 ]]; }
        next_upload_works s3 s3_present
    else
        kill "$SENDER" 2>/dev/null
        SENDER=""
        check "s3, radosgw stopped: the upload reached the bucket" false "no multipart upload of $ID after 30 s"
    fi
    req DELETE "/v2/images/$ID" >/dev/null
fi

# ---------------------------------------------------------------------------------------------
# 4. Read-only and unknown stores, deleting an image with a clone, deleting the last location

say "== 4. Read-only and unknown stores, clones, the last location"
ID=$(create_image read-only)
CODE=$(upload "$ID" "$SMALL" -H 'X-Image-Meta-Store: web')
check "upload to the read-only store (web): 410" "$(is "$CODE" 410)" "got $CODE: $(last)"
CODE=$(upload "$ID" "$SMALL" -H 'X-Image-Meta-Store: nowhere')
check "upload to an unknown store id: 400" "$(is "$CODE" 400)" "got $CODE: $(last)"
STATUS=$(status_of "$ID")
check "the refused uploads leave the image queued" "$(is "$STATUS" queued)" "$STATUS"
req DELETE "/v2/images/$ID" >/dev/null

ID=$(create_image cloned)
CODE=$(upload "$ID" "$SMALL")
if [[ $CODE == 204 ]] && rbd_has "$ID"; then
    CLONE=$ID-clone
    RBD_LEFT+=("$CLONE")
    admin_rbd clone "$POOL/$ID@snap" "$POOL/$CLONE"
    CODE=$(req DELETE "/v2/stores/ceph/$ID")
    check "DELETE /v2/stores/ceph/<id> of the only location: 403" "$(is "$CODE" 403)" "got $CODE: $(last)"
    CODE=$(req DELETE "/v2/images/$ID")
    check "deleting an image whose snapshot has a clone: 409" "$(is "$CODE" 409)" "got $CODE: $(last)"
    STATUS=$(status_of "$ID")
    check "the cloned image stays active" "$(is "$STATUS" active)" "$STATUS"
    req GET "/v2/images/$ID/file" >/dev/null
    GOT=$(md5sum <"$WORK/last" | cut -d' ' -f1)
    check "the cloned image is still downloadable" "$(is "$GOT" "$SMALL_MD5")"
    admin_rbd rm --no-progress "$POOL/$CLONE" >/dev/null
    RBD_LEFT=()
    CODE=$(req DELETE "/v2/images/$ID")
    check "after the clone is removed, delete: 204" "$(is "$CODE" 204)" "got $CODE: $(last)"
    check "the RBD image is gone" "$(poll 10 rbd_gone "$ID" && echo true || echo false)"
else
    check "an upload to the rbd store works" false "got $CODE: $(last)"
fi

# ---------------------------------------------------------------------------------------------
# 5. Locations with forbidden schemes or internal hosts

say "== 5. Locations with forbidden schemes or internal hosts"
REFUSED_URLS=("file:///etc/passwd" "filesystem:///etc/shadow" "swift+config://ref1/glance/$(uuidgen 2>/dev/null || echo x)"
    "http://169.254.169.254/latest/meta-data/" "http://127.0.0.1:$((WEB_PORT + 1))/allowed.img"
    "http://[::ffff:127.0.0.1]:$WEB_PORT/allowed.img" "http://2130706433:$WEB_PORT/allowed.img")
ID=$(create_image locations)
for url in "${REFUSED_URLS[@]}"; do
    patch=$(jq -nc --arg u "$url" '[{op: "add", path: "/locations/-", value: {url: $u, metadata: {}}}]')
    CODE=$(req PATCH "/v2/images/$ID" -H 'Content-Type: application/openstack-images-v2.1-json-patch' -d "$patch")
    check "PATCH add location $url: 400/403" "$( [[ $CODE == 400 || $CODE == 403 ]] && echo true || echo false)" \
        "got $CODE: $(last)"
    CODE=$(req POST "/v2/images/$ID/locations" -H 'Content-Type: application/json' \
        -d "$(jq -nc --arg u "$url" '{url: $u}')")
    check "POST /locations $url: 400/403" "$( [[ $CODE == 400 || $CODE == 403 ]] && echo true || echo false)" \
        "got $CODE: $(last)"
done
DOC=$(show "$ID")
check "the image stays queued without locations" \
    "$( [[ $(jq -r .status <<<"$DOC") == queued && $(jq -r '.locations | length' <<<"$DOC") == 0 ]] && echo true || echo false)" \
    "$(jq -c '{status, locations}' <<<"$DOC")"
# the control: the allowed web server's URL is taken, so the refusals above are about their URLs
ALLOWED="http://127.0.0.1:$WEB_PORT/allowed.img"
CODE=$(req POST "/v2/images/$ID/locations" -H 'Content-Type: application/json' \
    -d "$(jq -nc --arg u "$ALLOWED" '{url: $u}')")
check "POST /locations of the allowed http URL is taken" "$( [[ $CODE == 20? ]] && echo true || echo false)" \
    "got $CODE: $(last)"
req DELETE "/v2/images/$ID" >/dev/null

# ---------------------------------------------------------------------------------------------
# 6. No credential in the log or in any response

say "== 6. Secrets"
for secret in "S3 secret key:$S3_SECRET_KEY" "cephx key of client.$CEPH_USER:$CEPHX_KEY"; do
    name=${secret%%:*}
    value=${secret#*:}
    if [[ -z $value ]]; then
        check "the $name is known" false "empty"
        continue
    fi
    found=$(grep -rlF -- "$value" "$LOG" "$RESPONSES" 2>/dev/null | head -n 3)
    check "the $name appears in neither the log nor the $(ls "$RESPONSES" | wc -l) responses" \
        "$( [[ -z $found ]] && echo true || echo false)" "found in $found"
done

say ""
say "$PASSED passed, $FAILED failed in $((SECONDS - T_START))s (service start excluded)"
for failure in "${FAILURES[@]}"; do say "  FAIL $failure"; done
if ((FAILED > 0)); then
    say "service log tail:"
    tail -n 30 "$LOG"
    exit 1
fi
