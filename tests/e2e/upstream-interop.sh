#!/usr/bin/env bash
# This service and upstream Glance (Debian's glance-api, Zed 25.1.0) side by side on one MariaDB
# database and one RBD pool: each downloads byte-identical data the other wrote, the RBD layout ours
# writes is upstream's, a clone of an image's snapshot (what Nova does) keeps the image from being
# deleted, and either service deletes what the other wrote. Skips without glance-api, python3-rbd, the
# Ceph of scripts/ceph.sh or the MariaDB of scripts/test-databases.sh, unless GLANCE_TEST_REQUIRE_CEPH=1
# (then it fails). Exits non-zero on any failed check. See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF_USAGE'
Usage: tests/e2e/upstream-interop.sh [--keep]

  --keep   keep the work directory (configurations, both services' logs, the test data)

Environment: GLANCE_TEST_REQUIRE_CEPH=1 turns a skip into a failure; GLANCE_CEPH_* and
GLANCE_TEST_MYSQL_URL are read from the environment when set, else from scripts/ceph.sh env and
scripts/test-databases.sh env; GLANCE_E2E_START_TIMEOUT (seconds to wait for each service, default 120).
EOF_USAGE
}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
e2e_keep_only "$@"
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
PY=/usr/bin/python3
UPSTREAM_API=/usr/bin/glance-api
UPSTREAM_MANAGE=/usr/bin/glance-manage
START=$SECONDS

# Checks known to fail with this build, by group, and why: such a failure prints XFAIL and does not
# fail the run; a pass prints XPASS (take the group out of the list then).
# e.g. [delete-in-use]="why"; none at present.
declare -A KNOWN_FAILURES=()

# not_here REASON: what the test needs is absent; a skip, or a failure when the run requires Ceph
not_here() {
    if [[ ${GLANCE_TEST_REQUIRE_CEPH:-} == 1 ]]; then
        echo "upstream-interop.sh: $1 (GLANCE_TEST_REQUIRE_CEPH=1)" >&2
        exit 1
    fi
    echo "upstream-interop.sh: SKIP: $1"
    exit 0
}

e2e_need_tools upstream-interop.sh curl jq setsid ss sha256sum md5sum sha512sum
[[ -x $UPSTREAM_API && -x $UPSTREAM_MANAGE ]] \
    || not_here "upstream Glance is not installed (Debian: apt-get install --no-install-recommends glance-api python3-rbd)"
"$PY" -c 'import rados, rbd' 2>/dev/null \
    || not_here "upstream's rbd driver needs python3-rbd (apt-get install --no-install-recommends python3-rbd)"
command -v rbd >/dev/null || not_here "the rbd command (ceph-common) is not installed"
command -v mariadb >/dev/null || not_here "the mariadb client is not installed"

# the servers: from the environment (bin/test exports them), else from the running test servers
if [[ -z ${GLANCE_CEPH_CONF:-} ]]; then
    ceph_env=$("$ROOT/scripts/ceph.sh" env 2>/dev/null) || not_here "no Ceph runs: start it with scripts/ceph.sh start"
    while IFS='=' read -r key value; do
        [[ $key == GLANCE_CEPH_* ]] && export "$key=$value"
    done <<<"$ceph_env"
fi
MYSQL_URL=${GLANCE_TEST_MYSQL_URL:-$("$ROOT/scripts/test-databases.sh" env 2>/dev/null \
    | sed -n 's/^GLANCE_TEST_MYSQL_URL=//p' || true)}
[[ -n $MYSQL_URL ]] || not_here "no MariaDB test server runs: start it with scripts/test-databases.sh start"
POOL=$GLANCE_CEPH_POOL

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-interop.XXXXXX")
OURS_PID=""
UPSTREAM_PID=""
DROP_DB=""
# The images' ids are chosen here, so that the clean-up knows them whatever happened to the requests.
A=$(new_id)     # uploaded through ours with Content-Length, then cloned
B=$(new_id)     # uploaded through ours chunked, deleted through upstream
C=$(new_id)     # uploaded through upstream, deleted through ours
IDS=("$A" "$B" "$C")
CLONES=("$A-clone" "$C-clone")

rbd_glance() { timeout 60 rbd --conf "$GLANCE_CEPH_CONF" --id "$GLANCE_CEPH_USER" --keyring "$GLANCE_CEPH_KEYRING" "$@"; }

remove_rbd_images() {
    local name
    for name in "${CLONES[@]}"; do rbd_glance rm "$POOL/$name" >/dev/null 2>&1 || true; done
    for name in "${IDS[@]}"; do
        rbd_glance snap unprotect "$POOL/$name@snap" >/dev/null 2>&1 || true
        rbd_glance snap purge "$POOL/$name" >/dev/null 2>&1 || true
        rbd_glance rm "$POOL/$name" >/dev/null 2>&1 || true
    done
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    e2e_stop_group "$OURS_PID"
    e2e_stop_group "$UPSTREAM_PID"
    remove_rbd_images
    if [[ -n $DROP_DB ]]; then
        "${MY[@]}" -e "DROP DATABASE IF EXISTS $DROP_DB" >/dev/null 2>&1 \
            || echo "upstream-interop.sh: could not drop the database $DROP_DB" >&2
    fi
    if ((KEEP)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- checks -------------------------------------------------------------------------------------------

# shellcheck source=tests/e2e/lib/interop-checks.sh
source "$HERE/lib/interop-checks.sh"

# record URL ID: what both services must show alike of an image
record() {
    curl -sf --max-time 30 "$1/v2/images/$2" \
        | jq -S '{status, size, checksum, os_hash_algo, os_hash_value, direct_url, disk_format, container_format}'
}

# same_record ID FILE: ours and upstream show the image alike, active, with the file's size and checksums
# and the RBD location of upstream's layout
same_record() {
    local id=$1 file=$2 mine theirs want
    mine=$(record "$OURS" "$id") && theirs=$(record "$UPSTREAM" "$id") || return 1
    [[ $mine == "$theirs" ]] || { echo "ours:"; echo "$mine"; echo "upstream:"; echo "$theirs"; return 1; }
    want=$(jq -nS --arg size "$(stat -c %s "$file")" --arg md5 "$(md5sum <"$file" | cut -d' ' -f1)" \
        --arg sha "$(sha512sum <"$file" | cut -d' ' -f1)" \
        --arg url "rbd://$GLANCE_CEPH_FSID/$POOL/$id/snap" \
        '{status: "active", size: ($size | tonumber), checksum: $md5, os_hash_algo: "sha512", os_hash_value: $sha,
          direct_url: $url, disk_format: "raw", container_format: "bare"}')
    [[ $mine == "$want" ]] || { echo "expected:"; echo "$want"; echo "both show:"; echo "$mine"; return 1; }
}

is_status() { # is_status URL ID STATUS
    local got
    got=$(curl -s --max-time 30 "$1/v2/images/$2" | jq -r .status 2>/dev/null) || true
    [[ $got == "$3" ]] || { echo "status expected $3, got $got"; return 1; }
}

# layout ID SIZE: upstream's RBD layout: format 2, layering, 8 MiB objects, the exact size
layout() {
    rbd_glance info "$POOL/$1" --format json | tee "$WORK/rbd-info-$1.json" \
        | jq -e --argjson size "$2" '.format == 2 and (.features | index("layering")) != null
            and .order == 23 and .object_size == 8388608 and .size == $size' >/dev/null \
        || { cat "$WORK/rbd-info-$1.json"; return 1; }
}
same_features() { # same_features ID1 ID2: the RBD images have the same features
    [[ $(jq -c '.features | sort' "$WORK/rbd-info-$1.json") == "$(jq -c '.features | sort' "$WORK/rbd-info-$2.json")" ]] \
        || { jq -c .features "$WORK/rbd-info-$1.json" "$WORK/rbd-info-$2.json"; return 1; }
}
snap_protected() {
    rbd_glance snap ls "$POOL/$1" --format json \
        | jq -e 'map(select(.name == "snap" and .protected == "true")) | length == 1' >/dev/null
}
in_pool() { rbd_glance ls "$POOL" | grep -qx "$1"; }
not_in_pool() { ! in_pool "$1"; }
clone_reads_back() { # clone_reads_back CLONE FILE
    [[ $(rbd_glance export "$POOL/$1" - 2>/dev/null | sha256sum | cut -d' ' -f1) == "$(sha256sum <"$2" | cut -d' ' -f1)" ]]
}

# --- set-up -------------------------------------------------------------------------------------------

# shellcheck source=../../bin/lib/java-env.sh
source "$ROOT/bin/lib/java-env.sh"
GLANCEJ_JAVA_HOME=$(glancej_find_java)
glancej_ensure_built
export GLANCEJ_SKIP_BUILD=1

# a fresh database on the test MariaDB (its glance user may create databases)
rest=${MYSQL_URL#*://}; creds=${rest%%@*}; hostport=${rest#*@}; hostport=${hostport%%/*}
MY=(mariadb --no-defaults -h "${hostport%:*}" -P "${hostport#*:}" -u "${creds%%:*}" "-p${creds#*:}")
DB=glance_interop_$$
"${MY[@]}" -e "CREATE DATABASE $DB" || { echo "upstream-interop.sh: could not create database $DB" >&2; exit 1; }
DROP_DB=$DB
query=""
[[ $MYSQL_URL == *\?* ]] && query="?${MYSQL_URL##*\?}"
CONN="${MYSQL_URL%/*}/$DB$query"

OURS_PORT=$(e2e_free_port 21292 350) && UPSTREAM_PORT=$(e2e_free_port 21642 350) \
    || { echo "upstream-interop.sh: no free port" >&2; exit 1; }
OURS=http://127.0.0.1:$OURS_PORT
UPSTREAM=http://127.0.0.1:$UPSTREAM_PORT
mkdir -p "$WORK/images" "$WORK/staging" "$WORK/lock"
# What both services read; each gets its port (and upstream its oslo options) from a file given first,
# and upstream finds glance-api-paste.ini beside the last file, named after it.
cat >"$WORK/glance-api.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1
show_image_direct_url = true

[database]
connection = $CONN

[paste_deploy]
flavor =

[glance_store]
stores = rbd,file,http
default_store = rbd
rbd_store_pool = $POOL
rbd_store_user = $GLANCE_CEPH_USER
rbd_store_ceph_conf = $GLANCE_CEPH_CONF
rbd_store_chunk_size = 8
filesystem_store_datadir = $WORK/images
EOF_CONF
printf '[DEFAULT]\nbind_port = %s\n' "$OURS_PORT" >"$WORK/ours.conf"
cat >"$WORK/upstream.conf" <<EOF_CONF
[DEFAULT]
bind_port = $UPSTREAM_PORT
workers = 1
log_file = $WORK/upstream.log
node_staging_uri = file://$WORK/staging

[oslo_concurrency]
lock_path = $WORK/lock
EOF_CONF
cp /etc/glance/glance-api-paste.ini "$WORK/glance-api-paste.ini"

echo "== database $DB on ${hostport}; pool $POOL as client.$GLANCE_CEPH_USER"
echo "   upstream glance-api $(dpkg-query -W -f='${Version}' glance-api 2>/dev/null || echo '?') on $UPSTREAM, ours on $OURS"
"$ROOT/bin/glance-manage" --config-file "$WORK/glance-api.conf" db_sync >"$WORK/db_sync.log" 2>&1 \
    || { echo "upstream-interop.sh: our db_sync failed:" >&2; tail -20 "$WORK/db_sync.log" >&2; exit 1; }
echo "PASS  ours: glance-manage db_sync makes the schema"
PASSED=1
ours_version=$("$ROOT/bin/glance-manage" --config-file "$WORK/glance-api.conf" db_version 2>/dev/null | tail -1)
upstream_manage() { "$UPSTREAM_MANAGE" --config-file "$WORK/glance-api.conf" "$@" 2>&1 | grep -v alembic.runtime; }
same_version() { [[ $(upstream_manage db_version | tail -1) == "$ours_version" ]]; }
up_to_date() { upstream_manage db_sync | grep 'up to date'; }
check "upstream's glance-manage db_version reads it as ours does ($ours_version)" same_version
check "upstream's glance-manage db_sync finds nothing to do" up_to_date

interop_start_both upstream-interop.sh

head -c $((10 * 1024 * 1024 + 4321)) /dev/urandom >"$WORK/a.bin" # spans two 8 MiB objects
head -c $((9 * 1024 * 1024 + 777)) /dev/urandom >"$WORK/b.bin"
head -c $((9 * 1024 * 1024 + 55)) /dev/urandom >"$WORK/c.bin"
SIZE_A=$(stat -c %s "$WORK/a.bin") SIZE_B=$(stat -c %s "$WORK/b.bin") SIZE_C=$(stat -c %s "$WORK/c.bin")

# --- what ours writes, upstream reads -----------------------------------------------------------------

echo "== A $A: uploaded through ours with Content-Length ($SIZE_A bytes)"
check "ours: create A (201)" create "$OURS" "$A" interop-a
check "ours: upload A (204)" upload "$OURS" "$A" "$WORK/a.bin"
check "upstream lists A" listed "$UPSTREAM" "$A"
check "both show A active with the same size, checksum, os_hash_value and direct_url" same_record "$A" "$WORK/a.bin"
check "upstream downloads A byte-identical" same_bytes "$UPSTREAM" "$A" "$WORK/a.bin"
check "ours downloads A byte-identical" same_bytes "$OURS" "$A" "$WORK/a.bin"
check "rbd info $POOL/A: format 2, layering, 8 MiB objects, exact size" layout "$A" "$SIZE_A"
check "rbd snap ls $POOL/A: snap, protected" snap_protected "$A"

echo "== B $B: uploaded through ours chunked, without Content-Length ($SIZE_B bytes)"
check "ours: create B (201)" create "$OURS" "$B" interop-b
check "ours: chunked upload of B (204)" upload_chunked "$OURS" "$B" "$WORK/b.bin"
check "both show B active with the same size, checksum, os_hash_value and direct_url" same_record "$B" "$WORK/b.bin"
check "upstream downloads B byte-identical" same_bytes "$UPSTREAM" "$B" "$WORK/b.bin"
check "rbd info $POOL/B: grown as data came, trimmed to the exact size" layout "$B" "$SIZE_B"
check "rbd snap ls $POOL/B: snap, protected" snap_protected "$B"

# --- what upstream writes, ours reads -----------------------------------------------------------------

echo "== C $C: uploaded through upstream ($SIZE_C bytes)"
check "upstream: create C (201)" create "$UPSTREAM" "$C" interop-c
check "upstream: upload C (204)" upload "$UPSTREAM" "$C" "$WORK/c.bin"
check "ours lists C" listed "$OURS" "$C"
check "both show C active with the same size, checksum, os_hash_value and direct_url" same_record "$C" "$WORK/c.bin"
check "ours downloads C byte-identical" same_bytes "$OURS" "$C" "$WORK/c.bin"
check "ours downloads a range of C across its two RBD objects byte-identical" \
    same_bytes "$OURS" "$C" "$WORK/c.bin" 8388000-8389999
check "upstream's RBD image C: format 2, layering, 8 MiB objects, exact size" layout "$C" "$SIZE_C"
check "ours gave A the same RBD features as upstream gave C" same_features "$A" "$C"

# --- clones, as Nova makes them -----------------------------------------------------------------------

echo "== clones of $POOL/<id>@snap"
check "rbd clone $POOL/A@snap $POOL/A-clone as client.$GLANCE_CEPH_USER" \
    rbd_glance clone "$POOL/$A@snap" "$POOL/$A-clone"
check "the clone of A reads back A's bytes" clone_reads_back "$A-clone" "$WORK/a.bin"
check "rbd clone $POOL/C@snap (upstream's image) $POOL/C-clone" rbd_glance clone "$POOL/$C@snap" "$POOL/$C-clone"
check "upstream refuses to delete C while its clone exists (409)" status 409 DELETE "$UPSTREAM/v2/images/$C"
GROUP=delete-in-use
check "ours refuses to delete A while its clone exists (409)" status 409 DELETE "$OURS/v2/images/$A"
check "A stays active (ours)" is_status "$OURS" "$A" active
check "A stays active (upstream)" is_status "$UPSTREAM" "$A" active
check "A still downloads byte-identical from ours" same_bytes "$OURS" "$A" "$WORK/a.bin"
GROUP=""
check "rbd rm $POOL/A-clone" rbd_glance rm "$POOL/$A-clone"
check "rbd rm $POOL/C-clone" rbd_glance rm "$POOL/$C-clone"
GROUP=delete-in-use
check "ours deletes A once the clone is gone (204)" status 204 DELETE "$OURS/v2/images/$A"
check "rbd ls $POOL no longer lists A" not_in_pool "$A"
GROUP=""
check "upstream finds A deleted (404)" status 404 GET "$UPSTREAM/v2/images/$A"

# --- each deletes what the other wrote ----------------------------------------------------------------

echo "== deletion across the services"
check "upstream deletes B, written by ours (204)" status 204 DELETE "$UPSTREAM/v2/images/$B"
check "rbd ls $POOL no longer lists B" not_in_pool "$B"
check "ours finds B deleted (404)" status 404 GET "$OURS/v2/images/$B"
check "ours deletes C, written by upstream (204)" status 204 DELETE "$OURS/v2/images/$C"
check "rbd ls $POOL no longer lists C" not_in_pool "$C"
check "upstream finds C deleted (404)" status 404 GET "$UPSTREAM/v2/images/$C"

check "ours logged no ERROR" no_errors_logged

# --- summary ------------------------------------------------------------------------------------------

interop_summary upstream-interop.sh
