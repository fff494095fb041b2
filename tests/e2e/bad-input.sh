#!/usr/bin/env bash
# The bad-input suite against the built service, once per database: starts bin/glance-api without
# authentication on a free port with its own configuration, file store and database, runs
# bad-input.py, stops the service. Exits non-zero on any failed case. See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF_USAGE'
Usage: tests/e2e/bad-input.sh [--db sqlite|mariadb|postgresql[,...]] [--group G[,G]] [--match TEXT]
                              [--timeout S] [--verbose] [--keep]

  --db       databases to run on (default: all three; MariaDB and PostgreSQL are the servers
             scripts/test-databases.sh runs, each run gets its own database, dropped afterwards)
  --group    only these case groups (bad-input.py --list shows them)
  --match    only cases whose group/name contains TEXT
  --timeout  seconds a request may take before it counts as a hang (default 10)
  --verbose  print every case, not only the failures
  --keep     keep the work directory (configuration, service logs, results, disk images)
EOF_USAGE
}

DBS=sqlite,mariadb,postgresql
PY_ARGS=()
KEEP=0
while (($#)); do
    case $1 in
        --db) DBS=${2:?--db needs a value}; shift 2 ;;
        --db=*) DBS=${1#*=}; shift ;;
        --group | --match | --timeout) PY_ARGS+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
        --group=* | --match=* | --timeout=*) PY_ARGS+=("$1"); shift ;;
        --verbose) PY_ARGS+=(--verbose); shift ;;
        --keep) KEEP=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
PY=/usr/bin/python3
e2e_need_tools bad-input.sh "$PY" curl qemu-img setsid ss

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-bad-input.XXXXXX")
SERVICE_PID=""
DROP=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_service
    drop_database
    if ((KEEP)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stop_service() {
    e2e_stop_group "$SERVICE_PID"
    SERVICE_PID=""
}

# The suite's own checks first: each must catch the fault a fake service commits on purpose.
(cd "$HERE" && "$PY" -m unittest -q badinput.selftest 2>"$WORK/selftest.log") \
    || { cat "$WORK/selftest.log" >&2; echo "bad-input.sh: the suite's self-test failed" >&2; exit 1; }

# Build once, so that no start below waits for Maven.
# shellcheck source=../../bin/lib/java-env.sh
source "$ROOT/bin/lib/java-env.sh"
GLANCEJ_JAVA_HOME=$(glancej_find_java)
glancej_ensure_built
export GLANCEJ_SKIP_BUILD=1

# the servers' URLs: from the environment (bin/test exports them), else from the running test servers
DB_ENV=$("$ROOT/scripts/test-databases.sh" env 2>/dev/null || true)
db_env() { if [[ -n ${!1:-} ]]; then echo "${!1}"; else sed -n "s/^$1=//p" <<<"$DB_ENV"; fi; }

# create_database DB NAME: sets CONN to a fresh database for this run, DROP to the command removing it
create_database() {
    local db=$1 name=$2 url rest creds user pass hostport
    DROP=""
    case $db in
        sqlite) CONN="sqlite:///$WORK/$db/glance.sqlite"; return 0 ;;
        mariadb) url=$(db_env GLANCE_TEST_MYSQL_URL) ;;
        postgresql) url=$(db_env GLANCE_TEST_POSTGRESQL_URL) ;;
    esac
    if [[ -z $url ]]; then
        echo "bad-input.sh: no $db test server runs; start them with scripts/test-databases.sh start" >&2
        return 1
    fi
    rest=${url#*://}; creds=${rest%%@*}; user=${creds%%:*}; pass=${creds#*:}
    hostport=${rest#*@}; hostport=${hostport%%/*}
    if [[ $db == mariadb ]]; then
        local my=(mariadb --no-defaults -h "${hostport%:*}" -P "${hostport#*:}" -u "$user" "-p$pass")
        "${my[@]}" -e "CREATE DATABASE $name" || return 1
        DROP="$(printf '%q ' "${my[@]}") -e 'DROP DATABASE IF EXISTS $name'"
    else
        local pg=(env "PGPASSWORD=$pass" psql -X -q -h "${hostport%:*}" -p "${hostport#*:}" -U "$user"
            -d "${url##*/}" -v ON_ERROR_STOP=1)
        "${pg[@]}" -c "CREATE DATABASE $name" || return 1
        DROP="$(printf '%q ' "${pg[@]}") -c 'DROP DATABASE IF EXISTS $name WITH (FORCE)'"
    fi
    local base=${url%/*} query=""
    [[ ${url##*/} == *\?* ]] && query="?${url##*\?}"
    CONN="$base/$name$query"
}

drop_database() {
    [[ -n $DROP ]] || return 0
    eval "$DROP" >/dev/null 2>&1 || echo "bad-input.sh: could not drop the test database: $DROP" >&2
    DROP=""
}

# run_on DB: 0 when every case passed
run_on() {
    local db=$1 dir=$WORK/$1 port url conn log rc=0
    mkdir -p "$dir/images"
    create_database "$db" "glance_badinput_$$_$db" || return 1
    conn=$CONN
    port=$(e2e_free_port 20292 700) || { echo "bad-input.sh: no free port" >&2; return 1; }
    cat >"$dir/glance-api.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $port
image_size_cap = 16777216
image_property_quota = 8
image_tag_quota = 8

[image_format]
disk_formats = ami,ari,aki,vhd,vhdx,vmdk,raw,qcow2,vdi,iso,ploop,gpt

[database]
connection = $conn

[glance_store]
stores = file
default_store = file
filesystem_store_datadir = $dir/images

[paste_deploy]
flavor =
EOF_CONF
    log=$dir/glance-api.log
    if [[ $db != sqlite ]]; then
        "$ROOT/bin/glance-manage" --config-file "$dir/glance-api.conf" db_sync >"$dir/db_sync.log" 2>&1 \
            || { echo "bad-input.sh: db_sync on $db failed:" >&2; tail -20 "$dir/db_sync.log" >&2; return 1; }
    fi
    setsid "$ROOT/bin/glance-api" --config-file "$dir/glance-api.conf" >"$log" 2>&1 &
    SERVICE_PID=$!
    url="http://127.0.0.1:$port"
    local t0=$SECONDS started=0
    e2e_wait_answering "$url" "$SERVICE_PID" "${GLANCE_E2E_START_TIMEOUT:-120}" "$port" || started=$?
    case $started in
        1 | 2)
            echo "bad-input.sh: the service on $db did not start; log tail:" >&2
            tail -30 "$log" >&2
            stop_service
            return 1 ;;
        3) echo "bad-input.sh: another process answers on port $port" >&2; return 1 ;;
    esac
    echo "== $db: service on $url (started in $((SECONDS - t0))s, log $log)"
    "$PY" "$HERE/bad-input.py" --url "$url" --store-dir "$dir/images" --log "$log" --work "$WORK" \
        --database "$db" --results "$dir/results.json" "${PY_ARGS[@]}" || rc=$?
    return "$rc"
}

FAILED=()
RESULTS=()
IFS=, read -ra DB_LIST <<<"$DBS"
for db in "${DB_LIST[@]}"; do
    case $db in sqlite | mariadb | postgresql) ;; *) echo "bad-input.sh: unknown database '$db'" >&2; exit 2 ;; esac
    run_on "$db" || FAILED+=("$db")
    stop_service
    drop_database
    [[ -f $WORK/$db/results.json ]] && RESULTS+=("$WORK/$db/results.json")
done

if ((${#RESULTS[@]} > 1)); then
    echo
    echo "== summary"
    "$PY" "$HERE/bad-input.py" --report "${RESULTS[@]}"
fi
if ((${#FAILED[@]})); then
    echo "bad-input.sh: failures on ${FAILED[*]}" >&2
    exit 1
fi
echo "bad-input.sh: all cases passed on ${DB_LIST[*]}"
