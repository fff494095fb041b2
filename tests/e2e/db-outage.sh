#!/usr/bin/env bash
# End-to-end test: the database goes away under the running service and comes back. Every request during
# the outage must be answered 503 naming the database within a bounded time, nothing half-written may
# remain, and the service must recover by itself. SQLite (file made immutable, file moved away, disk full
# on a small tmpfs), MariaDB and PostgreSQL (own throwaway servers, stopped and started mid-run).
# See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: tests/e2e/db-outage.sh [--only sqlite|mariadb|postgresql] [--keep]

  --only BACKEND   run one backend's cases (default: all three)
  --keep           keep the work directory (service logs, configs, database logs)

Needs root (tmpfs mount, chattr, the PostgreSQL server runs as 'postgres'), curl, jq, python3, MariaDB's
and PostgreSQL's server packages. Environment: GLANCE_E2E_START_TIMEOUT (default 240 s).
EOF
}

ONLY=""
KEEP=0
while (($#)); do
    case $1 in
        --only) ONLY=${2:?--only needs a backend}; shift 2 ;;
        --only=*) ONLY=${1#*=}; shift ;;
        --keep) KEEP=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
case $ONLY in "" | sqlite | mariadb | postgresql) ;; *) usage >&2; exit 2 ;; esac

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
PY=/usr/bin/python3
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
e2e_need_tools db-outage.sh curl jq setsid ss mount umount chattr mariadbd mariadb-install-db mariadb-admin mariadb runuser \
    "$PG_BIN/initdb" "$PG_BIN/pg_ctl" "$PY"
((EUID == 0)) || { echo "db-outage.sh: must run as root (tmpfs, chattr, postgres user)" >&2; exit 2; }

# Requests wait at most pool_timeout for a connection; a 503 must come within this many seconds.
POOL_TIMEOUT=1
BOUND=$((POOL_TIMEOUT + 3))
DB_PASSWORD=outage-test-pw

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-db-outage.XXXXXX")
chmod 755 "$WORK"   # the PostgreSQL server runs as postgres and lives in here
RESULTS=$WORK/results
: >"$RESULTS"
CODES=$WORK/codes   # every answer's status, for the summary
: >"$CODES"
SERVICE_PID=""
SERVICE_LOG=""
URL=""
STORE=""
TMPFS=""
MY_DIR=$WORK/mariadb
PG_DIR=$WORK/postgresql
MY_PORT=""
PG_PORT=""
START=$SECONDS

stop_service() {
    e2e_stop_group "$SERVICE_PID"
    SERVICE_PID=""
}

# shellcheck source=tests/e2e/lib/db-outage-servers.sh
source "$HERE/lib/db-outage-servers.sh"

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_service
    stop_mariadb
    stop_postgresql
    if [[ -n $TMPFS ]]; then
        chattr -R -i "$WORK/sqlite" 2>/dev/null || true
        umount "$TMPFS" 2>/dev/null || true
    fi
    chattr -R -i "$WORK" 2>/dev/null || true
    if ((KEEP)); then
        echo "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck source=tests/e2e/lib/db-outage-checks.sh
source "$HERE/lib/db-outage-checks.sh"

# ---------------------------------------------------------------------------------------------
# The service

# start_service NAME CONNECTION: a service on its own config, store and log under $WORK/NAME
start_service() {
    local name=$1 connection=$2 port conf=$WORK/$1/glance-api.conf
    port=$(e2e_free_port 19292 600)
    STORE=$WORK/$name/images
    mkdir -p "$STORE"
    cat >"$conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $port

[database]
connection = $connection
pool_timeout = $POOL_TIMEOUT

[glance_store]
filesystem_store_datadir = $WORK/$name/images

[paste_deploy]
flavor =
EOF
    URL="http://127.0.0.1:$port"
    SERVICE_LOG=$WORK/$name/glance-api.log
    if [[ $connection != sqlite* ]]; then
        "$ROOT/bin/glance-manage" --config-file "$conf" db_sync >"$WORK/$name/db_sync.log" 2>&1 \
            || { say "db_sync failed:"; cat "$WORK/$name/db_sync.log"; exit 1; }
    fi
    setsid "$ROOT/bin/glance-api" --config-file "$conf" >"$SERVICE_LOG" 2>&1 &
    SERVICE_PID=$!
    if ! e2e_wait_answering "$URL" "$SERVICE_PID" "${GLANCE_E2E_START_TIMEOUT:-240}"; then
        say "the service did not start; log tail:"
        tail -n 30 "$SERVICE_LOG"
        exit 1
    fi
    say "service for $name answers on $URL"
}

create_image() { # create_image ID: a queued raw image with that id
    api POST /v2/images "{\"id\": \"$1\", \"name\": \"outage-$1\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"
}

DATA=$WORK/data.bin
head -c 65536 /dev/urandom >"$DATA"
DATA_MD5=$(md5sum "$DATA" | cut -d' ' -f1)

# ---------------------------------------------------------------------------------------------
# The same outage for every database: images before, requests during, the state after.

# outage_cases STOP-COMMAND START-COMMAND
outage_cases() {
    local stop=$1 start=$2 kept queued retried
    kept=$(uuid) queued=$(uuid) retried=$(uuid)
    create_image "$kept"
    [[ $CODE == 201 ]] || { fail "create before the outage" "$CODE ${BODY:0:200}"; return; }
    create_image "$queued"
    expect_code "upload before the outage" 204 PUT "/v2/images/$kept/file" "@$DATA"

    say "-- $stop"
    eval "$stop"
    expect_unavailable "show during the outage" GET "/v2/images/$kept"
    expect_unavailable "list during the outage" GET "/v2/images"
    expect_unavailable "create during the outage" POST /v2/images \
        "{\"id\": \"$retried\", \"name\": \"x\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"
    expect_unavailable "patch during the outage" PATCH "/v2/images/$kept" '[{"op": "replace", "path": "/name", "value": "changed"}]'
    expect_unavailable "tag during the outage" PUT "/v2/images/$kept/tags/outage"
    expect_unavailable "upload during the outage" PUT "/v2/images/$queued/file" "@$DATA"
    expect_unavailable "delete during the outage" DELETE "/v2/images/$kept"
    expect_unavailable "download during the outage" GET "/v2/images/$kept/file"

    say "-- $start"
    eval "$start"
    wait_until_up 30 || return
    expect_status "the refused create was not stored" "$retried" absent
    expect_status "the refused delete did not happen" "$kept" active
    api GET "/v2/images/$kept"
    if [[ $(jq -r '.name + " " + (.tags | join(","))' <<<"$BODY") == "outage-$kept " ]]; then
        pass "the refused patch and tag were not stored"
    else
        fail "the refused patch and tag were not stored" "${BODY:0:200}"
    fi
    expect_status "the refused upload left its image queued" "$queued" queued
    expect_code "the client's retried create" 201 POST /v2/images \
        "{\"id\": \"$retried\", \"name\": \"x\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"
    writes_match_storage
    check_no_saving
}

# After recovery every write is stored exactly when it is answered as done.
writes_match_storage() {
    local id ids=() ok=0
    for _ in 1 2 3 4 5; do
        id=$(uuid)
        create_image "$id"
        [[ $CODE == 201 && $(status "$id") == queued ]] && ok=$((ok + 1))
        ids+=("$id")
    done
    ((ok == 5)) && pass "creates answered 201 and stored" "5/5" || fail "creates answered 201 and stored" "$ok/5"
    expect_code "patch after recovery" 200 PATCH "/v2/images/${ids[0]}" '[{"op": "add", "path": "/after", "value": "yes"}]'
    api GET "/v2/images/${ids[0]}"
    [[ $(jq -r .after <<<"$BODY") == yes ]] && pass "the patch is stored" || fail "the patch is stored" "${BODY:0:200}"
    expect_code "upload after recovery" 204 PUT "/v2/images/${ids[1]}/file" "@$DATA"
    api GET "/v2/images/${ids[1]}"
    [[ $(jq -r '.status + " " + .checksum' <<<"$BODY") == "active $DATA_MD5" ]] \
        && pass "the upload is stored" || fail "the upload is stored" "${BODY:0:200}"
    expect_code "delete after recovery" 204 DELETE "/v2/images/${ids[2]}"
    expect_status "the delete is stored" "${ids[2]}" absent
}

# ---------------------------------------------------------------------------------------------
# SQLite

sqlite_cases() {
    BACKEND=sqlite
    local dir=$WORK/sqlite db=$WORK/sqlite/db/glance.sqlite
    mkdir -p "$dir/db"
    say "== SQLite: database file made immutable"
    start_service sqlite "sqlite:///$db"
    local before after
    before=$(uuid)
    create_image "$before"
    chattr +i "$dir/db" "$db"* 2>/dev/null
    expect_unavailable "create on an immutable database" POST /v2/images \
        "{\"id\": \"$(uuid)\", \"name\": \"x\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"
    expect_unavailable "patch on an immutable database" PATCH "/v2/images/$before" '[{"op": "replace", "path": "/name", "value": "changed"}]'
    expect_unavailable "delete on an immutable database" DELETE "/v2/images/$before"
    chattr -i "$dir/db" "$db"*
    wait_until_up 10
    expect_status "the refused delete did not happen" "$before" queued
    api GET "/v2/images/$before"
    [[ $(jq -r .name <<<"$BODY") == "outage-$before" ]] && pass "the refused patch was not stored" \
        || fail "the refused patch was not stored" "${BODY:0:200}"
    writes_match_storage

    say "== SQLite: database file moved away"
    mv "$db" "$db.away"
    expect_unavailable "show without the database file" GET "/v2/images/$before"
    after=$(uuid)
    expect_unavailable "create without the database file" POST /v2/images \
        "{\"id\": \"$after\", \"name\": \"x\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"
    if [[ -e $db ]]; then fail "no empty database created in its place"; else pass "no empty database created in its place"; fi
    mv "$db.away" "$db"
    wait_until_up 10
    expect_status "the refused create was not stored" "$after" absent
    writes_match_storage
    check_no_saving
    stop_service

    say "== SQLite: disk full (database on a 4 MiB tmpfs)"
    TMPFS=$dir/tmpfs
    mkdir -p "$TMPFS"
    mount -t tmpfs -o size=4m tmpfs "$TMPFS"
    start_service sqlite-full "sqlite:///$TMPFS/glance.sqlite"
    # leave the database a little room, then create images with large properties until one is refused
    local room
    room=$(($(stat -f -c '%a * %S' "$TMPFS") / 65536 - 3))
    dd if=/dev/zero of="$TMPFS/filler" bs=64k count="$room" 2>/dev/null
    local big answered_201=() answered_503=() id i
    big=$(head -c 6000 /dev/zero | tr '\0' x)
    for i in $(seq 1 60); do
        id=$(uuid)
        api POST /v2/images "{\"id\": \"$id\", \"name\": \"full\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"note\": \"$big\"}"
        case $CODE in
            201) answered_201+=("$id") ;;
            503) answered_503+=("$id"); ((${#answered_503[@]} >= 3)) && break ;;
            *) fail "create on a full disk" "$CODE ${BODY:0:200}"; break ;;
        esac
    done
    if ((${#answered_503[@]})); then
        pass "creates on a full disk are refused" "${#answered_201[@]} created, then 503: $(jq -r .message <<<"$BODY" | sed 's/<br \/>.*//')"
    else
        fail "creates on a full disk are refused" "${#answered_201[@]} created, none refused"
    fi
    expect_unavailable "patch on a full disk" PATCH "/v2/images/${answered_201[0]:-none}" \
        "[{\"op\": \"add\", \"path\": \"/more\", \"value\": \"$big\"}]"
    rm -f "$TMPFS/filler"
    say "-- space freed"
    local stored=0 refused_stored=0
    for id in "${answered_201[@]}"; do [[ $(status "$id") == queued ]] && stored=$((stored + 1)); done
    for id in "${answered_503[@]}"; do [[ $(status "$id") != absent ]] && refused_stored=$((refused_stored + 1)); done
    ((stored == ${#answered_201[@]})) && pass "creates answered 201 and stored" "$stored/${#answered_201[@]}" \
        || fail "creates answered 201 and stored" "$stored/${#answered_201[@]}"
    ((refused_stored == 0)) && pass "creates answered 503 are not stored" "0/${#answered_503[@]}" \
        || fail "creates answered 503 are not stored" "$refused_stored/${#answered_503[@]} stored"
    local ok=0
    for i in $(seq 1 20); do
        id=$(uuid)
        create_image "$id"
        [[ $CODE == 201 && $(status "$id") == queued ]] && ok=$((ok + 1))
    done
    ((ok == 20)) && pass "20 creates after freeing space: answered and stored" "20/20" \
        || fail "20 creates after freeing space: answered and stored" "$ok/20"
    writes_match_storage
    check_no_saving
    stop_service
    umount "$TMPFS" && TMPFS=""
}

# ---------------------------------------------------------------------------------------------
# MariaDB and PostgreSQL: own servers (lib/db-outage-servers.sh), started in the background while SQLite's
# cases run

mariadb_cases() {
    BACKEND=mariadb
    say "== MariaDB: server stopped and started again"
    wait "$MY_PREP" || { fail "own MariaDB server starts" "$(tail -n 5 "$MY_DIR/install.log" "$MY_DIR/mariadbd.log")"; return; }
    start_service mariadb "mysql+pymysql://glance:$DB_PASSWORD@127.0.0.1:$MY_PORT/glance?charset=utf8"
    outage_cases "stop_mariadb; for _ in \$(seq 100); do mariadb_up || break; sleep 0.1; done" start_mariadb
    stop_service
}

postgresql_cases() {
    BACKEND=postgresql
    say "== PostgreSQL: server stopped and started again"
    wait "$PG_PREP" || { fail "own PostgreSQL server starts" "$(tail -n 5 "$PG_DIR/initdb.log" "$PG_DIR/postgresql.log")"; return; }
    start_service postgresql "postgresql+psycopg2://glance:$DB_PASSWORD@127.0.0.1:$PG_PORT/glance"
    outage_cases "pg $PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w stop >/dev/null" start_postgresql
    stop_service
}

# ---------------------------------------------------------------------------------------------

if [[ -z $ONLY || $ONLY == mariadb ]]; then
    MY_PORT=$(e2e_free_port 23306 600)
    prepare_mariadb >"$WORK/mariadb-prepare.log" 2>&1 &
    MY_PREP=$!
fi
if [[ -z $ONLY || $ONLY == postgresql ]]; then
    PG_PORT=$(e2e_free_port 25432 600)
    prepare_postgresql >"$WORK/postgresql-prepare.log" 2>&1 &
    PG_PREP=$!
fi
[[ -z $ONLY || $ONLY == sqlite ]] && sqlite_cases
[[ -z $ONLY || $ONLY == mariadb ]] && mariadb_cases
[[ -z $ONLY || $ONLY == postgresql ]] && postgresql_cases

say ""
say "backend      checks  passed  failed  requests  2xx  404  503  other-4xx  other-5xx  hangs"
for b in sqlite mariadb postgresql; do
    total=$(awk -F'\t' -v b=$b '$1 == b' "$RESULTS" | wc -l)
    ((total)) || continue
    failed=$(awk -F'\t' -v b=$b '$1 == b && $2 == "FAIL"' "$RESULTS" | wc -l)
    read -r requests ok notfound unavailable client server hangs < <(awk -F'\t' -v b=$b '$1 == b {
        n++; c = $2
        if (c ~ /^2/) ok++; else if (c == 404) nf++; else if (c == 503) u++
        else if (c ~ /^4/) cl++; else if (c ~ /^5/) sv++; else h++
    } END { print n + 0, ok + 0, nf + 0, u + 0, cl + 0, sv + 0, h + 0 }' "$CODES")
    printf '%-12s %6d  %6d  %6d  %8d  %3d  %3d  %3d  %9d  %9d  %5d\n' "$b" "$total" "$((total - failed))" "$failed" \
        "$requests" "$ok" "$notfound" "$unavailable" "$client" "$server" "$hangs"
done
failures=$(awk -F'\t' '$2 == "FAIL"' "$RESULTS" | wc -l)
say "($((SECONDS - START)) s)"
if ((failures)); then
    say ""
    say "FAILED:"
    awk -F'\t' '$2 == "FAIL" { printf "  %s: %s: %s\n", $1, $3, $4 }' "$RESULTS"
    exit 1
fi
say "all passed"
