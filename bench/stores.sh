#!/usr/bin/env bash
# Image data through the file, rbd, s3 and swift stores: this service (-Xmx256m) and upstream Glance (Debian's
# glance-api, Zed) side by side on one MariaDB database, one RBD pool and one bucket of the Ceph of
# scripts/ceph.sh and one container of the Swift of scripts/swift.sh, measured by bench/stores.py.
# See bench/README.md ("Stores").
#   bench/stores.sh [--keep] [stores.py options, e.g. --size-mib 1024 --big-mib 4096 --runs 3 --wait-quiet 300]
#   bench/stores.sh --backends swift --phases upload,download   # only some backends (default file,rbd,s3)
# Ceph is needed only for rbd and s3, Swift only for swift.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=bench/lib/side-by-side.sh
source "$HERE/lib/side-by-side.sh"
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
PY=/usr/bin/python3
KEEP=0
[[ ${1:-} == --keep ]] && { KEEP=1; shift; }

BACKENDS=file,rbd,s3
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case ${args[i]} in
        --backends) BACKENDS=${args[i + 1]:-} ;;
        --backends=*) BACKENDS=${args[i]#--backends=} ;;
    esac
done
uses() { [[ ,$BACKENDS, == *,$1,* ]]; }
NEED_CEPH=0 NEED_SWIFT=0
{ uses rbd || uses s3; } && NEED_CEPH=1
uses swift && NEED_SWIFT=1
tools=(curl jq mariadb setsid ss glance-api nginx)
((NEED_CEPH)) && tools+=(rbd)
for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null || { echo "stores.sh: $tool not found (see bench/README.md)" >&2; exit 2; }
done
STORE_ARGS=()
if ((NEED_CEPH)); then
    "$PY" -c 'import rados, rbd, boto3' 2>/dev/null \
        || { echo "stores.sh: upstream's rbd and s3 drivers need python3-rbd and python3-boto3" >&2; exit 2; }
    ceph_env=$("$ROOT/scripts/ceph.sh" env) || { echo "stores.sh: start Ceph first: scripts/ceph.sh start" >&2; exit 2; }
    while IFS='=' read -r key value; do
        [[ $key == GLANCE_CEPH_* || $key == GLANCE_S3_* ]] && export "$key=$value"
    done <<<"$ceph_env"
    STORE_ARGS+=(--aux-pid "osd=$("$ROOT/scripts/ceph.sh" pid osd)" --aux-pid "rgw=$("$ROOT/scripts/ceph.sh" pid rgw)"
        --ceph-conf "$GLANCE_CEPH_CONF" --ceph-user "$GLANCE_CEPH_USER" --ceph-keyring "$GLANCE_CEPH_KEYRING"
        --ceph-admin-keyring "$GLANCE_CEPH_ADMIN_KEYRING" --rbd-pool "$GLANCE_CEPH_POOL"
        --s3-endpoint "$GLANCE_S3_ENDPOINT" --s3-access-key "$GLANCE_S3_ACCESS_KEY"
        --s3-secret-key "$GLANCE_S3_SECRET_KEY" --s3-bucket "$GLANCE_S3_BUCKET")
fi
SWIFT_CONTAINER=""
if ((NEED_SWIFT)); then
    "$PY" -c 'import swiftclient' 2>/dev/null \
        || { echo "stores.sh: upstream's swift driver needs python3-swiftclient" >&2; exit 2; }
    swift_env=$("$ROOT/scripts/swift.sh" env) || { echo "stores.sh: start Swift first: scripts/swift.sh start" >&2; exit 2; }
    while IFS='=' read -r key value; do
        [[ $key == GLANCE_SWIFT_* ]] && export "$key=$value"
    done <<<"$swift_env"
    [[ $GLANCE_SWIFT_AUTH_VERSION == 1 ]] || { echo "stores.sh: the Swift of scripts/swift.sh runs without tempauth" >&2; exit 2; }
    # a container of this run's own: both services write into it, the end removes it with what it holds
    SWIFT_CONTAINER=glance-bench-$$
    STORE_ARGS+=(--aux-pid "swift-proxy=$("$ROOT/scripts/swift.sh" pid proxy)"
        --aux-pid "swift-object=$("$ROOT/scripts/swift.sh" pid object)"
        --swift-auth-address "$GLANCE_SWIFT_AUTH_ADDRESS" --swift-user "$GLANCE_SWIFT_USER"
        --swift-key "$GLANCE_SWIFT_KEY" --swift-container "$SWIFT_CONTAINER")
fi
bench_prepare stores || exit 2
OURS_PID="" UPSTREAM_PID=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    e2e_stop_group "$OURS_PID"
    e2e_stop_group "$UPSTREAM_PID"
    [[ -z $SWIFT_CONTAINER ]] || "$PY" "$HERE/storebaselines.py" remove-swift-container "$GLANCE_SWIFT_AUTH_ADDRESS" \
        "$GLANCE_SWIFT_USER" "$GLANCE_SWIFT_KEY" "$SWIFT_CONTAINER" || echo "stores.sh: Swift container $SWIFT_CONTAINER left behind" >&2
    bench_drop_db
    if ((KEEP)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

OURS_PORT=$(e2e_free_port 22292 300) UPSTREAM_PORT=$(e2e_free_port 22642 300)
mkdir -p "$WORK/file" "$WORK/staging" "$WORK/tasks" "$WORK/lock"
ENABLED="file:file" CEPH_SECTIONS="" SWIFT_SECTION=""
if ((NEED_CEPH)); then
    ENABLED+=", rbd:rbd, s3:s3"
    CEPH_SECTIONS="[rbd]
rbd_store_pool = $GLANCE_CEPH_POOL
rbd_store_user = $GLANCE_CEPH_USER
rbd_store_ceph_conf = $GLANCE_CEPH_CONF
rbd_store_chunk_size = 8

[s3]
s3_store_host = $GLANCE_S3_ENDPOINT
s3_store_access_key = $GLANCE_S3_ACCESS_KEY
s3_store_secret_key = $GLANCE_S3_SECRET_KEY
s3_store_bucket = $GLANCE_S3_BUCKET
s3_store_create_bucket_on_put = true
s3_store_bucket_url_format = path

"
fi
if ((NEED_SWIFT)); then
    ENABLED+=", swift:swift"
    printf '[ref1]\nauth_address = %s\nauth_version = 1\nuser = %s\nkey = %s\n' "$GLANCE_SWIFT_AUTH_ADDRESS" \
        "$GLANCE_SWIFT_USER" "$GLANCE_SWIFT_KEY" >"$WORK/glance-swift.conf"
    chmod 600 "$WORK/glance-swift.conf"
    # upstream's defaults (5 GiB, 200 MiB segments) would keep a 1 GiB image one object: 512 MiB makes it
    # a large object of 200 MiB segments on both sides (and every chunked upload is one anyway)
    SWIFT_SECTION="[swift]
swift_store_config_file = $WORK/glance-swift.conf
default_swift_reference = ref1
swift_store_container = $SWIFT_CONTAINER
swift_store_create_container_on_put = true
swift_store_large_object_size = ${BENCH_SWIFT_LARGE_OBJECT_MIB:-512}
swift_store_large_object_chunk_size = ${BENCH_SWIFT_CHUNK_MIB:-200}

"
fi
cat >"$WORK/glance-api.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1
enabled_backends = $ENABLED

[database]
connection = $DB_URL

[paste_deploy]
flavor =

[glance_store]
default_backend = file

[file]
filesystem_store_datadir = $WORK/file

$CEPH_SECTIONS$SWIFT_SECTION[os_glance_staging_store]
filesystem_store_datadir = $WORK/staging

[os_glance_tasks_store]
filesystem_store_datadir = $WORK/tasks
EOF_CONF
printf '[DEFAULT]\nbind_port = %s\n' "$OURS_PORT" >"$WORK/ours.conf"
# two workers on two cores, as upstream's default of one per core would give
printf '[DEFAULT]\nbind_port = %s\nworkers = 2\nlog_file = %s\n\n[oslo_concurrency]\nlock_path = %s\n' \
    "$UPSTREAM_PORT" "$WORK/upstream.log" "$WORK/lock" >"$WORK/upstream.conf"
cp /etc/glance/glance-api-paste.ini "$WORK/glance-api-paste.ini"

"$ROOT/bin/glance-manage" --config-file "$WORK/glance-api.conf" db_sync >"$WORK/db_sync.log" 2>&1 \
    || { tail -20 "$WORK/db_sync.log" >&2; exit 1; }
setsid glance-api --config-file "$WORK/upstream.conf" --config-file "$WORK/glance-api.conf" >"$WORK/upstream.out" 2>&1 &
UPSTREAM_PID=$!
GLANCEJ_JAVA_OPTS=-Xmx256m setsid "$ROOT/bin/glance-api" --config-file "$WORK/ours.conf" \
    --config-file "$WORK/glance-api.conf" >"$WORK/ours.log" 2>&1 &
OURS_PID=$!
for side in OURS UPSTREAM; do
    pid_var=${side}_PID port_var=${side}_PORT
    e2e_wait_answering "http://127.0.0.1:${!port_var}" "${!pid_var}" 120 "${!port_var}" \
        || { echo "stores.sh: ${side,,} did not start" >&2; tail -20 "$WORK/${side,,}.log" "$WORK/${side,,}.out" 2>/dev/null >&2; exit 1; }
done
# the JVM itself, not the launcher script: its heap is what jstat reads
JAVA_PID=$(pgrep -g "$OURS_PID" -f org.glancej.app.GlanceApiMain | head -1)
echo "ours (-Xmx256m) pid $JAVA_PID on :$OURS_PORT; upstream $(dpkg-query -W -f='${Version}' glance-api) pid $UPSTREAM_PID on :$UPSTREAM_PORT"

"$PY" "$HERE/stores.py" --endpoint "ours=http://127.0.0.1:$OURS_PORT" --endpoint "upstream=http://127.0.0.1:$UPSTREAM_PORT" \
    --pid "ours=$JAVA_PID" --pid "upstream=$UPSTREAM_PID" \
    --aux-pid "mariadb=$(pgrep -f "mariadbd.*$MARIADB_PORT" | head -1)" --jstat "$GLANCEJ_JAVA_HOME/bin/jstat" \
    "${STORE_ARGS[@]}" "$@"
