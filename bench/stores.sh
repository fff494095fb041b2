#!/usr/bin/env bash
# Image data through the file, rbd and s3 stores: this service (-Xmx256m) and upstream Glance (Debian's
# glance-api, Zed) side by side on one MariaDB database, one RBD pool and one bucket of the Ceph of
# scripts/ceph.sh, measured by bench/stores.py. See bench/README.md ("Stores").
#   bench/stores.sh [--keep] [stores.py options, e.g. --size-mib 1024 --big-mib 4096 --runs 3 --wait-quiet 300]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=bench/lib/side-by-side.sh
source "$HERE/lib/side-by-side.sh"
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
PY=/usr/bin/python3
KEEP=0
[[ ${1:-} == --keep ]] && { KEEP=1; shift; }

for tool in curl jq rbd mariadb setsid ss glance-api nginx; do
    command -v "$tool" >/dev/null || { echo "stores.sh: $tool not found (see bench/README.md)" >&2; exit 2; }
done
"$PY" -c 'import rados, rbd, boto3' 2>/dev/null \
    || { echo "stores.sh: upstream's rbd and s3 drivers need python3-rbd and python3-boto3" >&2; exit 2; }
ceph_env=$("$ROOT/scripts/ceph.sh" env) || { echo "stores.sh: start Ceph first: scripts/ceph.sh start" >&2; exit 2; }
while IFS='=' read -r key value; do
    [[ $key == GLANCE_CEPH_* || $key == GLANCE_S3_* ]] && export "$key=$value"
done <<<"$ceph_env"
bench_prepare stores || exit 2
OURS_PID="" UPSTREAM_PID=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    e2e_stop_group "$OURS_PID"
    e2e_stop_group "$UPSTREAM_PID"
    bench_drop_db
    if ((KEEP)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

OURS_PORT=$(e2e_free_port 22292 300) UPSTREAM_PORT=$(e2e_free_port 22642 300)
mkdir -p "$WORK/file" "$WORK/staging" "$WORK/tasks" "$WORK/lock"
cat >"$WORK/glance-api.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1
enabled_backends = file:file, rbd:rbd, s3:s3

[database]
connection = $DB_URL

[paste_deploy]
flavor =

[glance_store]
default_backend = file

[file]
filesystem_store_datadir = $WORK/file

[rbd]
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

[os_glance_staging_store]
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
    --pid "ours=$JAVA_PID" --pid "upstream=$UPSTREAM_PID" --aux-pid "osd=$("$ROOT/scripts/ceph.sh" pid osd)" \
    --aux-pid "rgw=$("$ROOT/scripts/ceph.sh" pid rgw)" --aux-pid "mariadb=$(pgrep -f "mariadbd.*$MARIADB_PORT" | head -1)" --jstat "$GLANCEJ_JAVA_HOME/bin/jstat" \
    --ceph-conf "$GLANCE_CEPH_CONF" --ceph-user "$GLANCE_CEPH_USER" --ceph-keyring "$GLANCE_CEPH_KEYRING" \
    --ceph-admin-keyring "$GLANCE_CEPH_ADMIN_KEYRING" \
    --rbd-pool "$GLANCE_CEPH_POOL" --s3-endpoint "$GLANCE_S3_ENDPOINT" --s3-access-key "$GLANCE_S3_ACCESS_KEY" \
    --s3-secret-key "$GLANCE_S3_SECRET_KEY" --s3-bucket "$GLANCE_S3_BUCKET" "$@"
