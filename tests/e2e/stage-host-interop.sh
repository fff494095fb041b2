#!/usr/bin/env bash
# This service and upstream Glance (Debian's glance-api, Zed 25.1.0) as two API nodes of one deployment
# behind Keystone: one MariaDB database, one file store, each node staging to its own directory and naming
# itself with worker_self_reference_url. Data staged on one node and imported or deleted through the other
# must end where upstream sends it: on the node holding the staged data, as the caller. Skips without
# glance-api, the MariaDB of scripts/test-databases.sh or the Keystone of scripts/keystone.sh, unless
# GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1 (then it fails). Exits non-zero on any failed check. See
# tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF_USAGE'
Usage: tests/e2e/stage-host-interop.sh [--keep]

  --keep   keep the work directory (configurations, both services' logs, the staging directories)

Environment: GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1 turns a skip into a failure; GLANCE_TEST_MYSQL_URL and
GLANCE_KEYSTONE_* are read from the environment when set, else from scripts/test-databases.sh env and
scripts/keystone.sh env (Keystone is used when it runs, never started or stopped here);
GLANCE_E2E_START_TIMEOUT (seconds to wait for each service, default 120).
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
UPSTREAM_API=/usr/bin/glance-api
START=$SECONDS

# Checks known to fail, by group, and why: such a failure prints XFAIL and does not fail the run; a pass
# prints XPASS (take the group out of the list then).
declare -A KNOWN_FAILURES=()

not_here() {
    if [[ ${GLANCE_TEST_REQUIRE_EXTERNAL_DBS:-} == 1 ]]; then
        echo "stage-host-interop.sh: $1 (GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1)" >&2
        exit 1
    fi
    echo "stage-host-interop.sh: SKIP: $1"
    exit 0
}

e2e_need_tools stage-host-interop.sh curl jq setsid ss sha256sum openstack
[[ -x $UPSTREAM_API ]] \
    || not_here "upstream Glance is not installed (Debian: apt-get install --no-install-recommends glance-api)"
command -v mariadb >/dev/null || not_here "the mariadb client is not installed"
MYSQL_URL=${GLANCE_TEST_MYSQL_URL:-$("$ROOT/scripts/test-databases.sh" env 2>/dev/null \
    | sed -n 's/^GLANCE_TEST_MYSQL_URL=//p' || true)}
[[ -n $MYSQL_URL ]] || not_here "no MariaDB test server runs: start it with scripts/test-databases.sh start"
if [[ -z ${GLANCE_KEYSTONE_URL:-} ]]; then
    keystone_env=$("$ROOT/scripts/keystone.sh" env 2>/dev/null) \
        || not_here "no Keystone runs: start it with scripts/keystone.sh start"
    while IFS='=' read -r key value; do
        [[ $key == GLANCE_KEYSTONE_* ]] && export "$key=$value"
    done <<<"$keystone_env"
fi
# the Identity guide's myuser, member of myproject
TOKEN=$(set -a; source "$GLANCE_KEYSTONE_DEMO_OPENRC"; openstack token issue -f value -c id 2>/dev/null) \
    || not_here "Keystone at $GLANCE_KEYSTONE_URL gives no token for demo-openrc"
AUTH=(-H "X-Auth-Token: $TOKEN")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-stagehost.XXXXXX")
OURS_PID=""
UPSTREAM_PID=""
DROP_DB=""

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    e2e_stop_group "$OURS_PID"
    e2e_stop_group "$UPSTREAM_PID"
    if [[ -n $DROP_DB ]]; then
        "${MY[@]}" -e "DROP DATABASE IF EXISTS $DROP_DB" >/dev/null 2>&1 \
            || echo "stage-host-interop.sh: could not drop the database $DROP_DB" >&2
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

stage() { status 204 PUT "$1/v2/images/$2/stage" -H 'Content-Type: application/octet-stream' -T "$3"; }
import_direct() { # import_direct URL ID: 202, and the answer's request id is not the one sent
    status 202 POST "$1/v2/images/$2/import" -H 'Content-Type: application/json' \
        -H 'X-Openstack-Request-Id: req-sent-by-the-client' -d '{"method": {"name": "glance-direct"}}' || return 1
    ! grep -qi '^x-openstack-request-id: req-sent-by-the-client' "$WORK/head" \
        || { echo "the answer carries the request id of the node the request reached"; return 1; }
}
staged_at() { [[ -f $1/$2 ]] || { echo "nothing staged at $1/$2"; return 1; }; }
not_staged_at() { [[ ! -e $1/$2 ]] || { echo "$1/$2 is still there"; return 1; }; }

# active_on URL ID FILE: the image turns active within 60 s with the file's checksum, and downloads intact
active_on() {
    local url=$1 id=$2 file=$3 t0=$SECONDS image
    while :; do
        image=$(curl -s --max-time 30 "${AUTH[@]}" "$url/v2/images/$id")
        [[ $(jq -r .status <<<"$image") == active ]] && break
        if ((SECONDS - t0 > 60)); then echo "not active after 60 s:"; echo "$image"; return 1; fi
        sleep 0.5
    done
    [[ $(jq -r .checksum <<<"$image") == "$(md5sum <"$file" | cut -d' ' -f1)" ]] \
        || { echo "checksum differs: $image"; return 1; }
    ! jq -e 'has("os_glance_stage_host")' <<<"$image" >/dev/null || { echo "shows os_glance_stage_host"; return 1; }
    [[ $(curl -sf --max-time 60 "${AUTH[@]}" "$url/v2/images/$id/file" | sha256sum | cut -d' ' -f1) \
        == "$(sha256sum <"$file" | cut -d' ' -f1)" ]] || { echo "download differs"; return 1; }
}

# --- set-up -------------------------------------------------------------------------------------------

# shellcheck source=../../bin/lib/java-env.sh
source "$ROOT/bin/lib/java-env.sh"
GLANCEJ_JAVA_HOME=$(glancej_find_java)
glancej_ensure_built
export GLANCEJ_SKIP_BUILD=1

rest=${MYSQL_URL#*://}; creds=${rest%%@*}; hostport=${rest#*@}; hostport=${hostport%%/*}
MY=(mariadb --no-defaults -h "${hostport%:*}" -P "${hostport#*:}" -u "${creds%%:*}" "-p${creds#*:}")
DB=glance_stagehost_$$
"${MY[@]}" -e "CREATE DATABASE $DB" || { echo "stage-host-interop.sh: could not create database $DB" >&2; exit 1; }
DROP_DB=$DB
query=""
[[ $MYSQL_URL == *\?* ]] && query="?${MYSQL_URL##*\?}"
CONN="${MYSQL_URL%/*}/$DB$query"

OURS_PORT=$(e2e_free_port 23292 350) && UPSTREAM_PORT=$(e2e_free_port 23642 350) \
    || { echo "stage-host-interop.sh: no free port" >&2; exit 1; }
OURS=http://127.0.0.1:$OURS_PORT
UPSTREAM=http://127.0.0.1:$UPSTREAM_PORT
OURS_STAGING=$WORK/staging-ours
UPSTREAM_STAGING=$WORK/staging-upstream
mkdir -p "$WORK/images" "$OURS_STAGING" "$UPSTREAM_STAGING" "$WORK/lock"
cat >"$WORK/glance-api.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1

[database]
connection = $CONN

[paste_deploy]
flavor = keystone

[keystone_authtoken]
www_authenticate_uri = $GLANCE_KEYSTONE_URL
auth_url = $GLANCE_KEYSTONE_URL
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = glance
password = $GLANCE_KEYSTONE_GLANCE_PASSWORD

[glance_store]
stores = file,http
default_store = file
filesystem_store_datadir = $WORK/images
EOF_CONF
cat >"$WORK/ours.conf" <<EOF_CONF
[DEFAULT]
bind_port = $OURS_PORT
worker_self_reference_url = $OURS
node_staging_uri = file://$OURS_STAGING
EOF_CONF
cat >"$WORK/upstream.conf" <<EOF_CONF
[DEFAULT]
bind_port = $UPSTREAM_PORT
workers = 1
log_file = $WORK/upstream.log
worker_self_reference_url = $UPSTREAM
node_staging_uri = file://$UPSTREAM_STAGING

[oslo_concurrency]
lock_path = $WORK/lock
EOF_CONF
cp /etc/glance/glance-api-paste.ini "$WORK/glance-api-paste.ini"

echo "== database $DB on ${hostport}; one file store, a staging directory each; Keystone $GLANCE_KEYSTONE_URL, as myuser"
echo "   upstream glance-api $(dpkg-query -W -f='${Version}' glance-api 2>/dev/null || echo '?') on $UPSTREAM, ours on $OURS"
"$ROOT/bin/glance-manage" --config-file "$WORK/glance-api.conf" db_sync >"$WORK/db_sync.log" 2>&1 \
    || { echo "stage-host-interop.sh: db_sync failed:" >&2; tail -20 "$WORK/db_sync.log" >&2; exit 1; }

interop_start_both stage-host-interop.sh

head -c $((3 * 1024 * 1024 + 321)) /dev/urandom >"$WORK/data.bin"

# --- imports ------------------------------------------------------------------------------------------

ID=$(new_id)
echo "== $ID: staged on upstream, imported through ours"
check "ours: create (201)" create "$OURS" "$ID"
check "upstream: stage (204)" stage "$UPSTREAM" "$ID" "$WORK/data.bin"
check "the data is staged on upstream" staged_at "$UPSTREAM_STAGING" "$ID"
check "ours: import glance-direct (202), answered with the stage host's request id" import_direct "$OURS" "$ID"
check "ours shows it active with the data's checksum and serves the data" active_on "$OURS" "$ID" "$WORK/data.bin"
check "upstream shows it active alike" active_on "$UPSTREAM" "$ID" "$WORK/data.bin"
check "upstream's staged data is gone" not_staged_at "$UPSTREAM_STAGING" "$ID"

ID=$(new_id)
echo "== $ID: staged on ours, imported through upstream"
check "upstream: create (201)" create "$UPSTREAM" "$ID"
check "ours: stage (204)" stage "$OURS" "$ID" "$WORK/data.bin"
check "the data is staged on ours" staged_at "$OURS_STAGING" "$ID"
check "upstream: import glance-direct (202), answered with the stage host's request id" import_direct "$UPSTREAM" "$ID"
check "upstream shows it active with the data's checksum and serves the data" active_on "$UPSTREAM" "$ID" "$WORK/data.bin"
check "our staged data is gone" not_staged_at "$OURS_STAGING" "$ID"

# --- deletes ------------------------------------------------------------------------------------------

ID=$(new_id)
echo "== $ID: staged on upstream, deleted through ours"
check "ours: create (201)" create "$OURS" "$ID"
check "upstream: stage (204)" stage "$UPSTREAM" "$ID" "$WORK/data.bin"
check "ours: delete (204)" status 204 DELETE "$OURS/v2/images/$ID"
check "upstream's staged data is gone" not_staged_at "$UPSTREAM_STAGING" "$ID"
check "upstream finds it deleted (404)" status 404 GET "$UPSTREAM/v2/images/$ID"

ID=$(new_id)
echo "== $ID: staged on ours, deleted through upstream"
check "upstream: create (201)" create "$UPSTREAM" "$ID"
check "ours: stage (204)" stage "$OURS" "$ID" "$WORK/data.bin"
check "upstream: delete (204)" status 204 DELETE "$UPSTREAM/v2/images/$ID"
check "our staged data is gone" not_staged_at "$OURS_STAGING" "$ID"
check "ours finds it deleted (404)" status 404 GET "$OURS/v2/images/$ID"

# --- the stage host down ------------------------------------------------------------------------------

ID=$(new_id)
echo "== $ID: staged on upstream, which is then stopped"
check "ours: create (201)" create "$OURS" "$ID"
check "upstream: stage (204)" stage "$UPSTREAM" "$ID" "$WORK/data.bin"
e2e_stop_group "$UPSTREAM_PID"
UPSTREAM_PID=""
check "ours: import glance-direct answers 504" status 504 POST "$OURS/v2/images/$ID/import" \
    -H 'Content-Type: application/json' -d '{"method": {"name": "glance-direct"}}'
uploading() { [[ $(curl -s "${AUTH[@]}" "$OURS/v2/images/$1" | jq -r .status) == uploading ]]; }
check "the image stays uploading" uploading "$ID"
check "ours: delete (204) while the stage host is down" status 204 DELETE "$OURS/v2/images/$ID"
check "ours finds it deleted (404)" status 404 GET "$OURS/v2/images/$ID"

check "ours logged no ERROR" no_errors_logged

# --- summary ------------------------------------------------------------------------------------------

interop_summary stage-host-interop.sh
