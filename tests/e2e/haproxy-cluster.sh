#!/usr/bin/env bash
# Three nodes of the built service behind HAProxy, on one MariaDB database and one shared store: once with a
# file store (one directory) and once with Ceph RBD (the shared pool). Checks that every node serves what
# another received, that a node killed mid-upload neither disturbs the others nor loses the image (recovery
# after its heartbeat expires, not before), and that a rolling restart (drain, SIGTERM, start, undrain) under
# constant load fails no request. Prints PASS/FAIL per check; exits non-zero on any failure. See README.md.
set -uo pipefail

usage() {
    cat <<'EOF_USAGE'
Usage: tests/e2e/haproxy-cluster.sh [--store file|rbd|both] [--keep]

  --store   which shared store to run with (default both; rbd is skipped when Ceph does not run,
            unless GLANCE_TEST_REQUIRE_CEPH=1)
  --keep    keep the work directory (configurations, node and HAProxy logs, load results)

Needs /usr/sbin/haproxy, curl, jq, python3, the mariadb client and the MariaDB of scripts/test-databases.sh
(skipped without it unless GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1); for rbd, scripts/ceph.sh's cluster and `rbd`.
EOF_USAGE
}

STORES="file rbd"
KEEP=0
while (($#)); do
    case $1 in
        --store) case ${2:-} in file|rbd) STORES=$2 ;; both) STORES="file rbd" ;; *) usage >&2; exit 2 ;; esac
                 shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
ROOT=$(cd "$HERE/../.." && pwd)
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
PY=/usr/bin/python3
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
# shellcheck source=tests/e2e/lib/checks.sh
source "$HERE/lib/checks.sh"
# shellcheck source=tests/e2e/lib/haproxy.sh
source "$HERE/lib/haproxy.sh"
START=$SECONDS
NODES=(a b c)
HEARTBEAT=1
OWNER_TIMEOUT=3
GRACE=10

skip_or_fail() {
    if [[ ${GLANCE_TEST_REQUIRE_EXTERNAL_DBS:-} == 1 ]]; then echo "haproxy-cluster.sh: $1" >&2; exit 1; fi
    echo "haproxy-cluster.sh: SKIP: $1"
    exit 0
}
e2e_need_tools haproxy-cluster.sh curl jq setsid ss md5sum sha512sum
[[ -x $HAPROXY_BIN ]] || { echo "haproxy-cluster.sh: $HAPROXY_BIN not found (apt-get install haproxy)" >&2; exit 2; }
command -v mariadb >/dev/null || skip_or_fail "the mariadb client is not installed"
MYSQL_URL=${GLANCE_TEST_MYSQL_URL:-$("$ROOT/scripts/test-databases.sh" env 2>/dev/null \
    | sed -n 's/^GLANCE_TEST_MYSQL_URL=//p' || true)}
[[ -n $MYSQL_URL ]] || skip_or_fail "no MariaDB test server runs: start it with scripts/test-databases.sh start"

if [[ $STORES == *rbd* ]]; then
    if CEPH_ENV=$("$ROOT/scripts/ceph.sh" env 2>/dev/null); then
        ceph_var() { sed -n "s/^$1=//p" <<<"$CEPH_ENV"; }
        CEPH_CONF=$(ceph_var GLANCE_CEPH_CONF)
        CEPH_POOL=$(ceph_var GLANCE_CEPH_POOL)
        CEPH_USER=$(ceph_var GLANCE_CEPH_USER)
        export CEPH_CONF  # the admin's rbd finds its keyring through it
    elif [[ ${GLANCE_TEST_REQUIRE_CEPH:-} == 1 ]]; then
        echo "haproxy-cluster.sh: Ceph is required (GLANCE_TEST_REQUIRE_CEPH=1) but scripts/ceph.sh env does not answer" >&2
        exit 1
    else
        echo "haproxy-cluster.sh: SKIP rbd: Ceph is not running (scripts/ceph.sh start)"
        STORES=${STORES//rbd/}
    fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glancej-haproxy.XXXXXX")
CHECKS_WORK=$WORK
declare -A PID=() PORT=() URL=()
LB=""
LOADER=""
DROP_DB=""

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ -z $LOADER ]] || { touch "$WORK/stop"; wait "$LOADER" 2>/dev/null; }
    stop_nodes
    haproxy_stop "$WORK/lb" 2>/dev/null
    remove_rbd_leftovers
    if [[ -n $DROP_DB ]]; then
        "${MY[@]}" -e "DROP DATABASE IF EXISTS $DROP_DB" >/dev/null 2>&1 \
            || echo "haproxy-cluster.sh: could not drop the database $DROP_DB" >&2
    fi
    if ((KEEP)) || ((rc != 0)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the database -------------------------------------------------------------------------------------

# shellcheck source=../../bin/lib/java-env.sh
source "$ROOT/bin/lib/java-env.sh"
GLANCEJ_JAVA_HOME=$(glancej_find_java)
glancej_ensure_built || exit 1
export GLANCEJ_SKIP_BUILD=1
export GLANCEJ_JAVA_OPTS=${GLANCEJ_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}

rest=${MYSQL_URL#*://}; creds=${rest%%@*}; hostport=${rest#*@}; hostport=${hostport%%/*}
MY=(mariadb --no-defaults -h "${hostport%:*}" -P "${hostport#*:}" -u "${creds%%:*}" "-p${creds#*:}")
DB=glance_haproxy_$$
"${MY[@]}" -e "CREATE DATABASE $DB" || { echo "haproxy-cluster.sh: could not create database $DB" >&2; exit 1; }
DROP_DB=$DB
query=""
[[ $MYSQL_URL == *\?* ]] && query="?${MYSQL_URL##*\?}"
CONN="${MYSQL_URL%/*}/$DB$query"
printf '[database]\nconnection = %s\n' "$CONN" >"$WORK/db.conf"
"$ROOT/bin/glance-manage" --config-file "$WORK/db.conf" db_sync >"$WORK/db_sync.log" 2>&1 \
    || { echo "haproxy-cluster.sh: db_sync failed:" >&2; tail -20 "$WORK/db_sync.log" >&2; exit 1; }

# every image id the database ever held: what the RBD pool may hold of this run
all_ids() { "${MY[@]}" -N -B -e "SELECT id FROM $DB.images" 2>/dev/null; }
remove_rbd_leftovers() {
    [[ -n ${CEPH_POOL:-} ]] || return 0
    local pool_ids id
    pool_ids=$(timeout 60 rbd ls "$CEPH_POOL" 2>/dev/null) || return 0
    for id in $(all_ids); do
        grep -qxF "$id" <<<"$pool_ids" || continue
        timeout 60 rbd snap unprotect "$CEPH_POOL/$id@snap" >/dev/null 2>&1
        timeout 60 rbd snap purge --no-progress "$CEPH_POOL/$id" >/dev/null 2>&1
        timeout 60 rbd rm --no-progress "$CEPH_POOL/$id" >/dev/null 2>&1 \
            || echo "haproxy-cluster.sh: could not remove $CEPH_POOL/$id" >&2
    done
}

# --- nodes --------------------------------------------------------------------------------------------

# four distinct free ports: HAProxy's and the nodes' (none listens yet, so ask until they differ)
taken=" "
for name in lb "${NODES[@]}"; do
    for _ in $(seq 50); do
        port=$(e2e_free_port 20300 100) || { echo "haproxy-cluster.sh: no free port" >&2; exit 1; }
        [[ $taken == *" $port "* ]] || break
    done
    taken+="$port "
    PORT[$name]=$port
    URL[$name]=http://127.0.0.1:$port
done
LB_PORT=${PORT[lb]}
LB=${URL[lb]}

# write_configs STORE: the shared glance-api.conf for STORE, and one file per node (port, drain file)
write_configs() {
    local store=$1 node
    {
        cat <<EOF
[DEFAULT]
bind_host = 127.0.0.1

[database]
connection = $CONN

[paste_deploy]
flavor =

[upload_recovery]
heartbeat_interval = $HEARTBEAT
owner_timeout = $OWNER_TIMEOUT
recovery_interval = 1
shutdown_grace_period = $GRACE

EOF
        if [[ $store == file ]]; then
            printf '[glance_store]\nstores = file,http\ndefault_store = file\nfilesystem_store_datadir = %s\n' \
                "$WORK/file-store"
        else
            printf '[glance_store]\nstores = rbd,http\ndefault_store = rbd\nrbd_store_pool = %s\n' "$CEPH_POOL"
            printf 'rbd_store_user = %s\nrbd_store_ceph_conf = %s\nrados_connect_timeout = 10\n' "$CEPH_USER" "$CEPH_CONF"
        fi
    } >"$WORK/glance-api.conf"
    mkdir -p "$WORK/file-store"
    for node in "${NODES[@]}"; do
        cat >"$WORK/$node.conf" <<EOF
[DEFAULT]
bind_port = ${PORT[$node]}
worker_self_reference_url = ${URL[$node]}

[healthcheck]
disable_by_file_path = $WORK/$node.disabled
EOF
    done
}

# start_node NODE: in its own session; bin/glance-api execs the JVM, so the pid is the JVM's
start_node() {
    setsid "$ROOT/bin/glance-api" --config-file "$WORK/glance-api.conf" --config-file "$WORK/$1.conf" \
        >>"$WORK/$STORE-$1.log" 2>&1 </dev/null &
    PID[$1]=$!
}
wait_node() {
    local started=0
    e2e_wait_answering "${URL[$1]}" "${PID[$1]}" "${GLANCE_E2E_START_TIMEOUT:-120}" "${PORT[$1]}" || started=$?
    ((started == 0)) && return 0
    echo "haproxy-cluster.sh: node $1 did not start on ${URL[$1]} (wait: $started); log tail:" >&2
    tail -n 30 "$WORK/$STORE-$1.log" >&2
    exit 1
}
# stop_node NODE SIGNAL: signal the JVM, wait for it to exit; STOP_SECONDS: how long that took
stop_node() {
    local t0=$EPOCHREALTIME
    [[ -n ${PID[$1]:-} ]] || return 0
    kill -"$2" "${PID[$1]}" 2>/dev/null
    wait "${PID[$1]}" 2>/dev/null
    PID[$1]=""
    STOP_SECONDS=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
}
stop_nodes() {
    local node
    for node in "${NODES[@]}"; do e2e_stop_group "${PID[$node]:-}"; PID[$node]=""; done
}

# --- helpers for checks -------------------------------------------------------------------------------

# shellcheck source=tests/e2e/lib/haproxy-cluster-checks.sh
source "$HERE/lib/haproxy-cluster-checks.sh"

# --- the run for one store ----------------------------------------------------------------------------

run_store() {
    STORE=$1
    local node id t0 out kill_at reset_at slow_pid left FIRST BIG killed LATE_DOWNLOAD
    echo "== $STORE store: nodes a, b, c on ${URL[a]}, ${URL[b]}, ${URL[c]}; HAProxy on $LB ($((SECONDS - START)) s)"
    write_configs "$STORE"
    for node in "${NODES[@]}"; do start_node "$node"; done
    for node in "${NODES[@]}"; do wait_node "$node"; done
    rm -rf "$WORK/lb"
    haproxy_write_cfg "$WORK/lb" "$LB_PORT" a="127.0.0.1:${PORT[a]}" b="127.0.0.1:${PORT[b]}" c="127.0.0.1:${PORT[c]}" \
        && haproxy_start "$WORK/lb" || exit 1
    for node in "${NODES[@]}"; do haproxy_wait_server "$WORK/lb" "$node" UP 20 || exit 1; done
    echo "   nodes up and HAProxy sees them UP ($((SECONDS - START)) s)"

    # 1. one node receives, every node serves
    id=$(create_image "${URL[a]}")
    FIRST=$id
    check "$STORE: upload of 8 MiB through node a (204)" expect "PUT" 204 "$(upload "${URL[a]}" "$id" "$WORK/data8")"
    for node in b c; do
        check "$STORE: node $node shows it active with the data's checksum and os_hash_value" \
            shows_hashes "${URL[$node]}" "$id" "$WORK/data8"
        check "$STORE: node $node serves it byte-identical" same_download "${URL[$node]}" "$id" "$WORK/data8"
    done
    check "$STORE: HAProxy serves it byte-identical" same_download "$LB" "$id" "$WORK/data8"
    # for a download that outlasts what the kernel's socket buffers hold (about 10 MiB on loopback)
    BIG=$(create_image "$LB")
    check "$STORE: upload of 32 MiB through node c (204)" expect "PUT" 204 "$(upload "${URL[c]}" "$BIG" "$WORK/data32")"
    for node in "${NODES[@]}"; do
        check "$STORE: show through HAProxy = show from node $node" same_answer "/v2/images/$id" "$node"
        check "$STORE: list through HAProxy = list from node $node" same_answer "/v2/images?sort_key=id" "$node"
    done

    # 2. kill -9 of node b in the middle of a slow upload sent to it directly
    echo "   kill -9 of node b mid-upload ($((SECONDS - START)) s)"
    id=$(create_image "$LB")
    $PY "$HERE/haproxy_load.py" stall "${URL[b]}" "$id" $((4 << 20)) $((32 << 20)) &
    slow_pid=$!
    t0=$SECONDS
    poll 30 store_has "$id" || echo "   (no data of $id in the store after 30 s)"
    # the upload has run for longer than owner_timeout: the live nodes must have left it alone
    ((SECONDS - t0 > OWNER_TIMEOUT)) || sleep $((OWNER_TIMEOUT + 1 - (SECONDS - t0)))
    check "$STORE: a live node's upload is left alone by the others past owner_timeout (saving)" \
        expect "status through a" saving "$(status_of "${URL[a]}" "$id")"
    rm -f "$WORK/stop"
    $PY "$HERE/haproxy_load.py" run "$LB" "$WORK/$STORE-kill-load.json" "$WORK/stop" --workers 2 &
    LOADER=$!
    sleep 1
    kill_at=$EPOCHREALTIME
    stop_node b KILL
    wait "$slow_pid" 2>/dev/null
    check "$STORE: HAProxy marks the killed node DOWN" haproxy_wait_server "$WORK/lb" b DOWN 10
    check "$STORE: right after the kill the image is still saving (heartbeat fresh)" \
        expect "status through c" saving "$(status_of "${URL[c]}" "$id")"
    reset_at=""
    t0=$SECONDS
    while ((SECONDS - t0 < OWNER_TIMEOUT + 10)); do
        [[ $(status_of "$LB" "$id") == queued ]] && { reset_at=$EPOCHREALTIME; break; }
        sleep 0.1
    done
    out=$(awk -v a="$kill_at" -v b="${reset_at:-0}" 'BEGIN { printf "%.1f", b - a }')
    check "$STORE: recovered to queued by a live node ${out}s after the kill (after 3 missed heartbeats, within owner_timeout + 2 s)" \
        awk -v t="$out" -v hb=$HEARTBEAT -v ot=$OWNER_TIMEOUT 'BEGIN { exit !(t >= 2 * hb && t <= ot + 2) }'
    touch "$WORK/stop"; wait "$LOADER"; LOADER=""
    check "$STORE: list and show through HAProxy never failed around the kill ($(jq -c .counts "$WORK/$STORE-kill-load.json"))" \
        no_failures "$WORK/$STORE-kill-load.json"
    killed=$id
    start_node b
    wait_node b
    check "$STORE: the restarted node comes back UP" haproxy_wait_server "$WORK/lb" b UP 20

    # 3. rolling restart under constant load
    echo "   rolling restart under load ($((SECONDS - START)) s)"
    rm -f "$WORK/stop"
    $PY "$HERE/haproxy_load.py" run "$LB" "$WORK/$STORE-load.json" "$WORK/stop" --workers 3 --uploads \
        --download "$FIRST:$(md5sum <"$WORK/data8" | cut -d' ' -f1)" &
    LOADER=$!
    sleep 2
    for node in "${NODES[@]}"; do
        if [[ $node == a ]]; then
            # requests the node accepted before it left the pool, still running when it is told to stop
            id=$(create_image "$LB")
            upload "${URL[a]}" "$id" "$WORK/data8" --limit-rate 8M >"$WORK/slow-upload.status" &
            slow_pid=$!
            curl -s --max-time 60 --limit-rate 4M -o "$WORK/slow-download" "${URL[a]}/v2/images/$BIG/file" &
            LATE_DOWNLOAD=$!
            sleep 0.3
        fi
        touch "$WORK/$node.disabled"
        check "$STORE: node $node drained: HAProxy marks it DOWN" haproxy_wait_server "$WORK/lb" "$node" DOWN 10
        stop_node "$node" TERM
        if [[ $node == a ]]; then
            wait "$slow_pid"
            check "$STORE: a slow upload node a received before SIGTERM finishes (204)" \
                expect "PUT" 204 "$(cat "$WORK/slow-upload.status")"
            check "$STORE: ... active with its checksum" shows_hashes "$LB" "$id" "$WORK/data8"
            wait "$LATE_DOWNLOAD"
            check "$STORE: a slow download node a was serving at SIGTERM finishes intact" \
                expect "the download's bytes and sha512" \
                "$((32 << 20)) $(sha512sum <"$WORK/data32" | cut -d' ' -f1)" \
                "$(stat -c %s "$WORK/slow-download") $(sha512sum <"$WORK/slow-download" | cut -d' ' -f1)"
        fi
        # the grace period, then closing the stores and the database; closing RBD waits for a native call in
        # progress, and a recovery pass removing the partial image of the node killed above (still watched by
        # Ceph for 30 s) gets librbd's "in use" only after about 5 s
        check "$STORE: node $node stopped by SIGTERM within the grace period + 10 s (${STOP_SECONDS}s)" \
            awk -v t="$STOP_SECONDS" -v g=$GRACE 'BEGIN { exit !(t <= g + 10) }'
        start_node "$node"
        wait_node "$node"
        check "$STORE: node $node restarted, still drained: HAProxy keeps it DOWN" \
            expect "status" DOWN "$(haproxy_server_status "$WORK/lb" "$node")"
        rm -f "$WORK/$node.disabled"
        check "$STORE: node $node undrained: HAProxy marks it UP" haproxy_wait_server "$WORK/lb" "$node" UP 10
    done
    sleep 1
    touch "$WORK/stop"; wait "$LOADER"; LOADER=""
    check "$STORE: no request of the load failed during the rolling restart ($(jq -c .counts "$WORK/$STORE-load.json"))" \
        no_failures "$WORK/$STORE-load.json"
    check "$STORE: every upload answered 204 is active with its checksum and downloads intact" \
        $PY "$HERE/haproxy_load.py" verify "$LB" "$WORK/$STORE-load.json"
    left=$(api "$LB/v2/images?limit=1000" | jq -r '.images[] | select(.status == "saving") | .id')
    check "$STORE: no image left saving" expect "images saving" "" "$left"
    # 2, continued, once the rolling restart gave it time: the killed upload's partial data goes (RBD refuses to
    # remove an image while the killed writer's watch lasts, the OSDs' osd_client_watch_timeout, 30 s by default;
    # recovery retries), then the image takes a new upload
    poll 45 store_gone "$killed"
    out=$(awk -v a="$kill_at" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
    check "$STORE: the killed upload's partial data is removed (checked ${out}s after the kill)" store_gone "$killed"
    check "$STORE: a new upload of the killed upload's image through HAProxy (204)" \
        expect "PUT" 204 "$(upload "$LB" "$killed" "$WORK/data8")"
    check "$STORE: ... active with its checksum" shows_hashes "$LB" "$killed" "$WORK/data8"
    check "$STORE: no node logged an ERROR" no_trace_logged

    # clean up through the API; what a failed delete leaves in the pool goes at the end
    api "$LB/v2/images?limit=1000" | jq -r --arg lb "$LB" '.images[] | "\($lb)/v2/images/\(.id)"' \
        | xargs -r -P 6 -n 1 curl -s -o /dev/null --max-time 60 -X DELETE
    haproxy_stop "$WORK/lb"
    mv "$WORK/lb/haproxy.log" "$WORK/$STORE-haproxy.log" 2>/dev/null
    stop_nodes
    rm -rf "$WORK/file-store"
}

head -c $((8 << 20)) /dev/urandom >"$WORK/data8"
head -c $((32 << 20)) /dev/urandom >"$WORK/data32"
for store in $STORES; do run_store "$store"; done
echo "haproxy-cluster.sh: $((SECONDS - START)) s"
checks_summary haproxy-cluster.sh
