#!/usr/bin/env bash
# The migration path from upstream Glance: HAProxy in front of one upstream node (Debian's glance-api, Zed
# 25.1.0) and two nodes of this service, on one MariaDB database and one file store, behind the Keystone of
# scripts/keystone.sh, whose catalog names HAProxy as the image endpoint while the script runs. Direct
# cross-node checks first, then Tempest's image tests through HAProxy with all three nodes, then with the
# upstream node taken out and stopped. Skips without glance-api, haproxy or the MariaDB of
# scripts/test-databases.sh unless GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1. See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF_USAGE'
Usage: tests/e2e/mixed-cluster.sh [--no-tempest] [--concurrency N] [--keep]

  --no-tempest     the direct checks only (no catalog change, no Tempest)
  --concurrency N  Tempest workers (default 2)
  --keep           keep the work directory (configurations, logs of every node and HAProxy, Tempest's)

Environment: GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1 turns a skip into a failure; GLANCE_TEST_MYSQL_URL is read
from the environment when set, else from scripts/test-databases.sh env; Keystone is started when it does not
run (and stopped again), as tests/e2e/tempest.sh does; GLANCE_E2E_START_TIMEOUT (default 120 s per node).
EOF_USAGE
}

KEEP=0
TEMPEST=1
CONCURRENCY=2
while (($#)); do
    case $1 in
        --keep) KEEP=1; shift ;;
        --no-tempest) TEMPEST=0; shift ;;
        --concurrency) CONCURRENCY=${2:?--concurrency needs a value}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
ROOT=$(cd "$HERE/../.." && pwd)
# Debian's tempest, stestr, openstack and upstream's glance-api, whatever python comes first on PATH
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
export PYTHON=/usr/bin/python3
UPSTREAM_API=/usr/bin/glance-api
UPSTREAM_MANAGE=/usr/bin/glance-manage
START=$SECONDS

not_here() {
    if [[ ${GLANCE_TEST_REQUIRE_EXTERNAL_DBS:-} == 1 ]]; then
        echo "mixed-cluster.sh: $1 (GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1)" >&2
        exit 1
    fi
    echo "mixed-cluster.sh: SKIP: $1"
    exit 0
}

e2e_need_tools mixed-cluster.sh curl jq setsid ss sha256sum md5sum tempest stestr mariadb "$PYTHON"
[[ -x $UPSTREAM_API && -x $UPSTREAM_MANAGE ]] \
    || not_here "upstream Glance is not installed (Debian: apt-get install --no-install-recommends glance-api)"
[[ -x /usr/sbin/haproxy ]] || not_here "haproxy is not installed (Debian: apt-get install haproxy)"
MYSQL_URL=${GLANCE_TEST_MYSQL_URL:-$("$ROOT/scripts/test-databases.sh" env 2>/dev/null \
    | sed -n 's/^GLANCE_TEST_MYSQL_URL=//p' || true)}
[[ -n $MYSQL_URL ]] || not_here "no MariaDB test server runs: start it with scripts/test-databases.sh start"
e2e_unset_os_env

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-mixed.XXXXXX")
export HOME=$WORK/home # tempest init registers its workspaces there
mkdir -p "$HOME"
# shellcheck source=tests/e2e/lib/guide-deployment.sh
source "$HERE/lib/guide-deployment.sh" # Keystone's settings and API; also lib/service.sh
# shellcheck source=tests/e2e/lib/haproxy.sh
source "$HERE/lib/haproxy.sh"
# shellcheck source=tests/e2e/lib/multistore.sh
source "$HERE/lib/multistore.sh" # the web server web-download reads from
# shellcheck source=tests/e2e/lib/tempest.sh
source "$HERE/lib/tempest.sh"
# shellcheck source=tests/e2e/lib/image-remote.sh
source "$HERE/lib/image-remote.sh" # the catalog's image_remote, for Tempest's cross-node tests
# shellcheck source=tests/e2e/lib/checks.sh
source "$HERE/lib/checks.sh"
CHECKS_WORK=$WORK

declare -A NODE_PID=() NODE_URL=() NODE_LOG=()
NODES=(upstream a b) # HAProxy's server names; a and b are this service
HAPROXY_DIR=$WORK/haproxy
DROP_DB=""
CATALOG_CHANGED=0

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if ((CATALOG_CHANGED)); then
        catalog_restore || echo "mixed-cluster.sh: could not restore the catalog (image at $GLANCE_KEYSTONE_IMAGE_URL, no image_remote)" >&2
    fi
    haproxy_stop "$HAPROXY_DIR"
    local node
    for node in "${NODES[@]}"; do e2e_stop_group "${NODE_PID[$node]:-}"; done
    multistore_stop
    guide_stop
    if [[ -n $DROP_DB ]]; then
        "${MY[@]}" -e "DROP DATABASE IF EXISTS $DROP_DB" >/dev/null 2>&1 \
            || echo "mixed-cluster.sh: could not drop the database $DROP_DB" >&2
    fi
    if ((KEEP)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Keystone: tokens and the catalog ----------------------------------------------------------------

guide_keystone
DEMO_PASSWORD=$(source "$GLANCE_KEYSTONE_DEMO_OPENRC" && echo "$OS_PASSWORD")
TOKEN=$(guide_token myuser "$DEMO_PASSWORD" myproject) || { echo "mixed-cluster.sh: no token for myuser" >&2; exit 1; }
AUTH=(-H "X-Auth-Token: $TOKEN")

# --- the database, the store, the configuration ------------------------------------------------------

# shellcheck source=../../bin/lib/java-env.sh
source "$ROOT/bin/lib/java-env.sh"
GLANCEJ_JAVA_HOME=$(glancej_find_java)
glancej_ensure_built
export GLANCEJ_SKIP_BUILD=1

rest=${MYSQL_URL#*://}; creds=${rest%%@*}; hostport=${rest#*@}; hostport=${hostport%%/*}
MY=(mariadb --no-defaults -h "${hostport%:*}" -P "${hostport#*:}" -u "${creds%%:*}" "-p${creds#*:}")
DB=glance_mixed_$$
"${MY[@]}" -e "CREATE DATABASE $DB" || { echo "mixed-cluster.sh: could not create database $DB" >&2; exit 1; }
DROP_DB=$DB
query=""
[[ $MYSQL_URL == *\?* ]] && query="?${MYSQL_URL##*\?}"
CONN="${MYSQL_URL%/*}/$DB$query"
sql() { "${MY[@]}" -N -B "$DB" -e "$1"; }

ports=()
for _ in 0 1 2 3; do
    port=$(e2e_free_port 20400 100) || { echo "mixed-cluster.sh: no free port in 20400-20499" >&2; exit 1; }
    while [[ " ${ports[*]} " == *" $port "* ]]; do port=$(e2e_free_port 20400 100); done
    ports+=("$port")
done
LB_PORT=${ports[0]}
LB=http://127.0.0.1:$LB_PORT
i=1
for node in "${NODES[@]}"; do NODE_URL[$node]=http://127.0.0.1:${ports[$i]}; i=$((i + 1)); done
STORE=$WORK/images
mkdir -p "$STORE" "$WORK/lock"
multistore_web "$WORK" || exit 1 # Tempest's [image] http_image, for web-download

cat >"$WORK/glance-api.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1
enabled_import_methods = [glance-direct, web-download, copy-image, glance-download]

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
filesystem_store_datadir = $STORE/

[import_filtering_opts]
# the web server of [image] http_image; HAProxy, the catalog's image endpoint, where glance-download reads;
# does-not.exist for Tempest's negative web-download test (see lib/multistore.sh)
# (in brackets: upstream declares these lists with bounds and refuses a value without them when it reads it)
allowed_hosts = [127.0.0.1, does-not.exist]
allowed_ports = [80, $MULTISTORE_WEB_PORT, $LB_PORT]
EOF_CONF
# Each node: its port, its own staging directory, worker_self_reference_url (the others replay imports and
# deletes of what it staged to it), its own file to drain it by.
for node in "${NODES[@]}"; do
    mkdir -p "$WORK/$node/staging"
    cat >"$WORK/$node/node.conf" <<EOF_CONF
[DEFAULT]
bind_port = ${NODE_URL[$node]##*:}
worker_self_reference_url = ${NODE_URL[$node]}
node_staging_uri = file://$WORK/$node/staging

[healthcheck]
disable_by_file_path = $WORK/$node/healthcheck_disable
EOF_CONF
done
# upstream: one worker, its own log and locks; the paste file beside the last --config-file, its healthcheck
# filter's disable_by_file_path (which wins over glance-api.conf's) pointed at the node's own file
cat >>"$WORK/upstream/node.conf" <<EOF_CONF

[DEFAULT]
workers = 1
log_file = $WORK/upstream/glance-api.log

[oslo_concurrency]
lock_path = $WORK/lock
EOF_CONF
sed "s|^disable_by_file_path = .*|disable_by_file_path = $WORK/upstream/healthcheck_disable|" \
    /etc/glance/glance-api-paste.ini >"$WORK/glance-api-paste.ini"
NODE_LOG[upstream]=$WORK/upstream/glance-api.log # ours log to stdout
NODE_LOG[a]=$WORK/a/stdout.log
NODE_LOG[b]=$WORK/b/stdout.log

echo "== database $DB on $hostport, file store $STORE, Keystone $GLANCE_KEYSTONE_URL"
echo "   upstream glance-api $(dpkg-query -W -f='${Version}' glance-api 2>/dev/null || echo '?') on ${NODE_URL[upstream]}," \
    "ours on ${NODE_URL[a]} (a) and ${NODE_URL[b]} (b), HAProxy on $LB"

# The migration's order: the upstream deployment's schema and metadata definitions exist, then this
# service's glance-manage db_sync runs on them (it adds only what upstream's schema lacks).
upstream_manage() { "$UPSTREAM_MANAGE" --config-file "$WORK/glance-api.conf" "$@" 2>&1 | grep -v alembic.runtime; }
ours_manage() { "$ROOT/bin/glance-manage" --config-file "$WORK/glance-api.conf" "$@"; }
upstream_manage db_sync >"$WORK/db_sync-upstream.log" \
    || { echo "mixed-cluster.sh: upstream's db_sync failed:" >&2; tail -20 "$WORK/db_sync-upstream.log" >&2; exit 1; }
upstream_manage db load_metadefs >"$WORK/load_metadefs.log" \
    || { echo "mixed-cluster.sh: upstream's load_metadefs failed:" >&2; tail -20 "$WORK/load_metadefs.log" >&2; exit 1; }
check "ours: glance-manage db_sync on upstream's schema" ours_manage db_sync
up_to_date() { upstream_manage db_sync | grep 'up to date'; }
check "upstream's glance-manage db_sync then finds nothing to do" up_to_date

# --- the nodes and HAProxy ----------------------------------------------------------------------------

# start_node NODE: in its own process group, the node's file first, the shared glance-api.conf last
start_node() {
    local node=$1 cmd=$ROOT/bin/glance-api
    [[ $node == upstream ]] && cmd=$UPSTREAM_API
    setsid "$cmd" --config-file "$WORK/$node/node.conf" --config-file "$WORK/glance-api.conf" \
        >>"$WORK/$node/stdout.log" 2>&1 &
    NODE_PID[$node]=$!
}
start_node upstream
start_node a
start_node b
for node in "${NODES[@]}"; do
    started=0
    e2e_wait_answering "${NODE_URL[$node]}" "${NODE_PID[$node]}" "${GLANCE_E2E_START_TIMEOUT:-120}" \
        "${NODE_URL[$node]##*:}" || started=$?
    if ((started)); then
        echo "mixed-cluster.sh: $node did not start on ${NODE_URL[$node]} (wait: $started); log tail:" >&2
        tail -n 30 "$WORK/$node/stdout.log" "${NODE_LOG[upstream]}" 2>/dev/null >&2 || true
        exit 1
    fi
done
echo "   the three nodes answer ($((SECONDS - START)) s into the run)"

haproxy_write_cfg "$HAPROXY_DIR" "$LB_PORT" "upstream=127.0.0.1:${NODE_URL[upstream]##*:}" \
    "a=127.0.0.1:${NODE_URL[a]##*:}" "b=127.0.0.1:${NODE_URL[b]##*:}" || exit 1
haproxy_start "$HAPROXY_DIR" || exit 1
for node in "${NODES[@]}"; do
    check "HAProxy: $node UP (GET /healthcheck 200)" haproxy_wait_server "$HAPROXY_DIR" "$node" UP 20
done

# --- direct checks across nodes -----------------------------------------------------------------------

# shellcheck source=tests/e2e/lib/mixed-cluster-checks.sh
source "$HERE/lib/mixed-cluster-checks.sh"

SERVING=(upstream a b)
head -c $((3 * 1024 * 1024 + 4321)) /dev/urandom >"$WORK/data1.bin"
head -c $((2 * 1024 * 1024 + 777)) /dev/urandom >"$WORK/data2.bin"
head -c $((1024 * 1024 + 55)) /dev/urandom >"$WORK/data3.bin"

echo "== uploads through one node, read through the others"
FROM_UPSTREAM=$(new_id) FROM_A=$(new_id) FROM_B=$(new_id)
check "upstream: create and upload 3 MiB (Content-Length)" eval 'create "${NODE_URL[upstream]}" $FROM_UPSTREAM mixed-up && upload "${NODE_URL[upstream]}" $FROM_UPSTREAM "$WORK/data1.bin"'
check "  the same record and bytes from a, b and HAProxy; location file://<store>/<id>" alike_everywhere "$FROM_UPSTREAM" "$WORK/data1.bin"
check "a: create and upload 2 MiB chunked" eval 'create "${NODE_URL[a]}" $FROM_A mixed-a && upload_chunked "${NODE_URL[a]}" $FROM_A "$WORK/data2.bin"'
check "  the same record and bytes from upstream, b and HAProxy" alike_everywhere "$FROM_A" "$WORK/data2.bin"
check "upstream: create; b: upload 1 MiB" eval 'create "${NODE_URL[upstream]}" $FROM_B mixed-b && upload "${NODE_URL[b]}" $FROM_B "$WORK/data3.bin"'
check "  the same record and bytes from upstream, a and HAProxy" alike_everywhere "$FROM_B" "$WORK/data3.bin"
FROM_A2=$(new_id)
check "a: create and upload 3 MiB (Content-Length), as upstream did" eval 'create "${NODE_URL[a]}" $FROM_A2 mixed-a2 && upload "${NODE_URL[a]}" $FROM_A2 "$WORK/data1.bin"'
check "  its database rows are those upstream wrote for the same upload" rows_alike "$FROM_UPSTREAM" "$FROM_A2"

echo "== glance-direct: staged on one node, imported through another (the import runs on the stage host)"
declare -A STAGED_ON=()
for pair in "a b" "upstream b" "b upstream"; do
    read -r on via <<<"$pair"
    id=$(new_id)
    STAGED_ON[$on]=$id
    check "$on: create and stage; $via: import (202)" eval 'create "${NODE_URL[$on]}" $id mixed-stage && stage "${NODE_URL[$on]}" $id "$WORK/data3.bin" && import_direct "${NODE_URL[$via]}" $id'
    check "  active within 60 s, alike everywhere, nothing left staged" eval 'active_within $id 60 && alike_everywhere $id "$WORK/data3.bin" && [[ ! -e $WORK/$on/staging/$id ]]'
done
for on in upstream a b; do
    check "the tasks of what $on imported read alike from every node" tasks_alike "${STAGED_ON[$on]}"
done
for on in a b; do
    check "the task of $on's import is the task upstream writes for the same import" same_task_shape "${STAGED_ON[upstream]}" "${STAGED_ON[$on]}"
done
check "the database rows of a's import are those of upstream's" rows_alike "${STAGED_ON[upstream]}" "${STAGED_ON[a]}"
check "and b's" rows_alike "${STAGED_ON[upstream]}" "${STAGED_ON[b]}"
for on in a upstream b; do
    check "$on deletes what it staged" eval 'status 204 DELETE "${NODE_URL[$on]}/v2/images/${STAGED_ON[$on]}" && gone_everywhere ${STAGED_ON[$on]}'
done

echo "== deletes through another node than the writer"
check "upstream deletes what a wrote: 404 everywhere, the file gone" eval 'status 204 DELETE "${NODE_URL[upstream]}/v2/images/$FROM_A" && gone_everywhere $FROM_A'
id=$(new_id)
check "b deletes what upstream wrote" eval 'create "${NODE_URL[upstream]}" $id mixed-del && upload "${NODE_URL[upstream]}" $id "$WORK/data3.bin" && status 204 DELETE "${NODE_URL[b]}/v2/images/$id" && gone_everywhere $id'

echo "== lists: the same ids in the same order from every node"
# more images, some with the same name or tag, some without data (size null), created within the same
# seconds through every node, so that the sort keys tie and the order falls to the id
for i in 1 2 3 4 5 6 7 8 9; do
    node=${NODES[i % 3]}
    name=mixed-list-$((i % 4))
    tag=""
    ((i % 2)) && tag='"tags": ["mixed-odd"]'
    create "${NODE_URL[$node]}" "$(new_id)" "$name" "$tag" >/dev/null || echo "create through $node failed: $(cat "$WORK/body")"
done
for query in "" "sort=name:asc" "sort=name:desc,size:asc" "sort_key=size&sort_dir=asc" "sort_key=status" \
    "name=mixed-list-1" "tag=mixed-odd" "status=queued" "size_min=1048576"; do
    check "list ?$query" same_list "$query"
    check "  in pages of 2 through HAProxy" paged_alike "$query"
done
echo "   direct checks done ($((SECONDS - START)) s into the run)"

# --- Tempest through HAProxy ----------------------------------------------------------------------------

# tempest_round NAME: Tempest's image tests (tempest.sh's selection) through the catalog, i.e. HAProxy
tempest_round() {
    local rc=0 mark node
    mark=$(wc -l <"$HAPROXY_DIR/haproxy.log")
    echo ""
    tempest_execute "$WS" "$WORK/tempest-$1.log" '^tempest\.api\.image' '' "$CONCURRENCY" || rc=$?
    echo "   tempest run: ${TEMPEST_RUN_TIME} s; requests through HAProxy by node: $(served_since "$mark")"
    check "Tempest's image tests through HAProxy, $1" test "$rc" -eq 0
    for node in "${SERVING[@]}"; do
        check "  $node answered some of them" eval '[[ $(served_since "$mark") == *"$node "[1-9]* ]]'
    done
}
# served_since LINE: how many requests HAProxy's log shows each node answering after its line LINE
served_since() {
    tail -n +$(($1 + 1)) "$HAPROXY_DIR/haproxy.log" | awk '$3 == "glance_front" { split($4, s, "/"); n[s[2]]++ }
        END { for (k in n) printf "%s %d, ", k, n[k] }' | sed 's/, $//'
}
catalog_is() { [[ $(guide_catalog_urls) == "$1" ]] || { echo "the catalog names: $(guide_catalog_urls | tr '\n' ' ')"; return 1; }; }

if ((TEMPEST)); then
    echo "== the catalog's image endpoint: HAProxy (restored to $GLANCE_KEYSTONE_IMAGE_URL at the end)"
    CATALOG_CHANGED=1
    check "catalog: image endpoints (public, internal, admin) at $LB" eval 'guide_catalog_point_at "$LB" && catalog_is "$LB"'
    check "catalog: image_remote at upstream (${NODE_URL[upstream]})" eval 'remote_remove && remote_point_at "${NODE_URL[upstream]}" && remote_is "${NODE_URL[upstream]}"'
    WS=$WORK/tempest
    tempest_workspace "$WS" false "$MULTISTORE_HTTP_IMAGE" "$REMOTE_TYPE" \
        || { echo "mixed-cluster.sh: tempest init failed" >&2; exit 1; }
    echo "== Tempest: upstream, a and b behind HAProxy; the cross-node tests' other node: upstream"
    tempest_round "upstream, a and b"
fi

echo "== the upstream node taken out: drained, then stopped"
touch "$WORK/upstream/healthcheck_disable"
check "HAProxy marks upstream DOWN once its /healthcheck answers 503" haproxy_wait_server "$HAPROXY_DIR" upstream DOWN 10
haproxy_cmd "$HAPROXY_DIR" "disable server glance/upstream" >/dev/null
e2e_stop_group "${NODE_PID[upstream]}"
NODE_PID[upstream]=""
SERVING=(a b)
check "HAProxy: upstream in maintenance" haproxy_wait_server "$HAPROXY_DIR" upstream MAINT 5
check "what upstream wrote is served alike by a, b and HAProxy" alike_everywhere "$FROM_UPSTREAM" "$WORK/data1.bin"
check "what upstream created and b uploaded too" alike_everywhere "$FROM_B" "$WORK/data3.bin"
if ((TEMPEST)); then
    check "catalog: image_remote at a (${NODE_URL[a]})" eval 'remote_point_at "${NODE_URL[a]}" && remote_is "${NODE_URL[a]}"'
    echo "== Tempest: a and b behind HAProxy; the cross-node tests' other node: a"
    tempest_round "a and b"
fi

echo "== afterwards"
check "no image left saving or importing" left_in_flight
check "every file in the store belongs to a live image" orphans
check "no data left waiting for removal" pending_removals
# every deleted row, by both services, purged by ours; upstream's purge then finds nothing left to purge
live_rows_before=$(live_rows)
check "ours: glance-manage db purge of every deleted row (upstream's and ours')" \
    purged_some db purge --age_in_days 0 --max_rows -1
check "ours: glance-manage db purge_images_table" purged_some db purge_images_table --age_in_days 0 --max_rows -1
check "upstream's glance-manage db purge then finds nothing" purges_nothing db purge --age_in_days 0 --max_rows -1
check "and its purge_images_table" purges_nothing db purge_images_table --age_in_days 0 --max_rows -1
check "what upstream wrote is still served alike by a, b and HAProxy" alike_everywhere "$FROM_UPSTREAM" "$WORK/data1.bin"
live_rows_after=$(live_rows)
check "no live row purged" test "$live_rows_after" == "$live_rows_before"
no_errors_logged() { ! grep -E '^[0-9-]+ [0-9:.]+ ERROR ' "${NODE_LOG[a]}" "${NODE_LOG[b]}"; }
check "ours (a, b) logged no ERROR" no_errors_logged
if ((TEMPEST)); then
    check "catalog restored: image endpoints at $GLANCE_KEYSTONE_IMAGE_URL, no image_remote" \
        eval 'catalog_restore && catalog_is "$GLANCE_KEYSTONE_IMAGE_URL" && remote_is none'
    CATALOG_CHANGED=0
fi
upstream_errors=$(grep -c ' ERROR ' "${NODE_LOG[upstream]}" || true)
echo "   (upstream logged $upstream_errors ERROR lines: ${NODE_LOG[upstream]})"
echo "mixed-cluster.sh: $((SECONDS - START)) s"
checks_summary "mixed-cluster.sh"
