#!/usr/bin/env bash
# The scale benchmark: builds 100k/1M-image data sets by SQL and times every list query side by side.
# See bench/README.md, "Scale", for the usage and what each figure means.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PY=/usr/bin/python3
SCALE_DIR=${GLANCE_SCALE_DB_DIR:-/tmp/glancej-scale}

usage() {
    cat <<'EOF_USAGE'
Usage:
  bench/scale.sh build   --db mariadb|postgresql|sqlite --images N [--database NAME] [--owners ID,ID,...]
                         [--manage PATH]
  bench/scale.sh owners  --db mariadb|postgresql|sqlite --images N [--database NAME] --map OLD=NEW[,OLD=NEW...]
  bench/scale.sh run     --endpoint NAME=URL [--endpoint NAME=URL ...] [--token TOKEN | --keystone] [--samples N]
                         [--time-box SECONDS] [--only REGEX] [--json-out FILE] ...   (bench/scale_run.py --help)
  bench/scale.sh compare --db mariadb|postgresql|sqlite --images N [--database NAME] [--no-upstream]
                         [--no-keystone] [--samples N] [--time-box SECONDS] [--only REGEX] [--json-out FILE]
  bench/scale.sh url     --db mariadb|postgresql|sqlite --images N [--database NAME]   (prints [database] connection)

The servers are those of bench/scale-db.sh (started when absent). NAME defaults to glance_scale_100k,
glance_scale_1m, ... (SQLite: $GLANCE_SCALE_DB_DIR/sqlite/NAME.sqlite). build drops and re-creates the database.
EOF_USAGE
}

# database_name IMAGES: glance_scale_100k for 100000, glance_scale_1m for 1000000, else glance_scale_N
database_name() {
    local n=$1
    if ((n % 1000000 == 0)); then echo "glance_scale_$((n / 1000000))m"
    elif ((n % 1000 == 0)); then echo "glance_scale_$((n / 1000))k"
    else echo "glance_scale_$n"; fi
}

# connection DB NAME: the [database] connection URL of that database on the scale servers
connection() {
    local db=$1 name=$2 url
    case $db in
        sqlite) echo "sqlite:///$SCALE_DIR/sqlite/$name.sqlite" ;;
        mariadb) url=$(server_env GLANCE_SCALE_MYSQL_URL); echo "${url/\/glance_scale\?//$name?}" ;;
        postgresql) url=$(server_env GLANCE_SCALE_POSTGRESQL_URL); echo "${url%/*}/$name" ;;
    esac
}

server_env() {
    local value
    value=$("$HERE/scale-db.sh" env | sed -n "s/^$1=//p")
    if [[ -z $value ]]; then
        "$HERE/scale-db.sh" start >/dev/null
        value=$("$HERE/scale-db.sh" env | sed -n "s/^$1=//p")
    fi
    echo "$value"
}

# url_part URL user|password|host|port|name: one part of a mysql+pymysql:// or postgresql:// URL
url_part() {
    local rest=${1#*://} creds hostport
    creds=${rest%%@*}; hostport=${rest#*@}; hostport=${hostport%%/*}
    case $2 in
        user) echo "${creds%%:*}" ;;
        password) echo "${creds#*:}" ;;
        host) echo "${hostport%:*}" ;;
        port) echo "${hostport#*:}" ;;
    esac
}

# sql DB URL STATEMENT: runs one statement on the server of URL (as the service's user), no database selected
sql_server() {
    local db=$1 url=$2
    shift 2
    case $db in
        mariadb) mariadb --no-defaults -h "$(url_part "$url" host)" -P "$(url_part "$url" port)" \
            -u "$(url_part "$url" user)" "-p$(url_part "$url" password)" -N -e "$*" ;;
        postgresql) PGOPTIONS=--client-min-messages=warning PGPASSWORD=$(url_part "$url" password) psql -X -q -A -t -v ON_ERROR_STOP=1 \
            -h "$(url_part "$url" host)" -p "$(url_part "$url" port)" -U "$(url_part "$url" user)" -d postgres -c "$*" ;;
    esac
}

# sql_db DB URL NAME STATEMENT: runs one statement in database NAME
sql_db() {
    local db=$1 url=$2 name=$3
    shift 3
    case $db in
        mariadb) mariadb --no-defaults -h "$(url_part "$url" host)" -P "$(url_part "$url" port)" \
            -u "$(url_part "$url" user)" "-p$(url_part "$url" password)" -N "$name" -e "$*" ;;
        postgresql) PGOPTIONS=--client-min-messages=warning PGPASSWORD=$(url_part "$url" password) psql -X -q -A -t -v ON_ERROR_STOP=1 \
            -h "$(url_part "$url" host)" -p "$(url_part "$url" port)" -U "$(url_part "$url" user)" -d "$name" -c "$*" ;;
        sqlite) sqlite3 -bail "$SCALE_DIR/sqlite/$name.sqlite" "$*" ;;
    esac
}

DB="" IMAGES="" NAME="" OWNERS="" MANAGE="$ROOT/bin/glance-manage" MAP=""
parse_db_args() {
    while (($#)); do
        case $1 in
            --db) DB=$2; shift 2 ;;
            --images) IMAGES=$2; shift 2 ;;
            --database) NAME=$2; shift 2 ;;
            --owners) OWNERS=$2; shift 2 ;;
            --manage) MANAGE=$2; shift 2 ;;
            --map) MAP=$2; shift 2 ;;
            -h | --help) usage; exit 0 ;;
            *) REST+=("$1"); shift ;;
        esac
    done
    [[ $DB == mariadb || $DB == postgresql || $DB == sqlite ]] || { usage >&2; exit 2; }
    [[ $IMAGES =~ ^[1-9][0-9]*$ ]] || { echo "scale.sh: --images N is required" >&2; exit 2; }
    [[ -n $NAME ]] || NAME=$(database_name "$IMAGES")
    [[ $NAME =~ ^[A-Za-z0-9_]+$ ]] || { echo "scale.sh: --database takes letters, digits and _" >&2; exit 2; }
}

# the database's size on disk: data and indexes, as the server counts them
disk_size() {
    local url=$1
    case $DB in
        mariadb) sql_server "$DB" "$url" "SELECT CONCAT(ROUND(SUM(data_length + index_length) / 1048576), ' MiB')
            FROM information_schema.tables WHERE table_schema = '$NAME'" ;;
        postgresql) sql_server "$DB" "$url" "SELECT pg_size_pretty(pg_database_size('$NAME'))" ;;
        sqlite) du -h "$SCALE_DIR/sqlite/$NAME.sqlite" | cut -f1 ;;
    esac
}

build() {
    local url work started conf
    url=$(connection "$DB" "$NAME")
    started=$SECONDS
    echo "scale build: $IMAGES images into $DB database $NAME ($url)"
    case $DB in
        mariadb) sql_server "$DB" "$url" "DROP DATABASE IF EXISTS $NAME; CREATE DATABASE $NAME CHARACTER SET utf8mb4" ;;
        postgresql) sql_server "$DB" "$url" "DROP DATABASE IF EXISTS $NAME WITH (FORCE)"
            sql_server "$DB" "$url" "CREATE DATABASE $NAME" ;;
        sqlite) mkdir -p "$SCALE_DIR/sqlite"; rm -f "$SCALE_DIR/sqlite/$NAME".sqlite* ;;
    esac
    work=$(mktemp -d "${TMPDIR:-/tmp}/glance-scale-build.XXXXXX")
    conf=$work/glance-api.conf
    printf '[database]\nconnection = %s\n' "$url" >"$conf"
    if ! "$MANAGE" --config-file "$conf" db_sync >"$work/db_sync.log" 2>&1; then
        tail -20 "$work/db_sync.log" >&2; rm -rf "$work"; exit 1
    fi
    rm -rf "$work"
    echo "  schema by $MANAGE db_sync: $((SECONDS - started)) s"
    local args=(--db "$DB" --images "$IMAGES")
    [[ -z $OWNERS ]] || args+=(--owners "$OWNERS")
    if [[ $DB == sqlite ]]; then
        args+=(--database "$SCALE_DIR/sqlite/$NAME.sqlite")
    else
        args+=(--database "$NAME" --host "$(url_part "$url" host)" --port "$(url_part "$url" port)"
            --user "$(url_part "$url" user)" --password "$(url_part "$url" password)")
    fi
    "$PY" "$HERE/scale_build.py" "${args[@]}"
    echo "on disk: $(disk_size "$url")"
    echo "built in $((SECONDS - started)) s: connection = $url"
}

# owners: rewrites image owners and member projects OLD to NEW (e.g. to Keystone project ids and back)
owners() {
    local url pair old new
    url=$(connection "$DB" "$NAME")
    [[ -n $MAP ]] || { echo "scale.sh owners: --map OLD=NEW[,...] is required" >&2; exit 2; }
    IFS=, read -ra pairs <<<"$MAP"
    for pair in "${pairs[@]}"; do
        old=${pair%%=*}; new=${pair#*=}
        [[ $old =~ ^[A-Za-z0-9_-]+$ && $new =~ ^[A-Za-z0-9_-]+$ ]] || { echo "scale.sh owners: bad pair $pair" >&2; exit 2; }
        sql_db "$DB" "$url" "$NAME" "UPDATE images SET owner = '$new' WHERE owner = '$old'"
        sql_db "$DB" "$url" "$NAME" "UPDATE image_members SET member = '$new' WHERE member = '$old'"
    done
    # the planners' statistics must know the new owner (else PostgreSQL takes owner=NEW for a rare owner and sorts
    # its 125,000 images at 1M: 120-160 ms instead of 1 ms), and the old row versions must be gone before timing
    case $DB in
        mariadb) sql_db "$DB" "$url" "$NAME" "ANALYZE TABLE images, image_members" >/dev/null ;;
        postgresql) sql_db "$DB" "$url" "$NAME" "VACUUM ANALYZE images"
                    sql_db "$DB" "$url" "$NAME" "VACUUM ANALYZE image_members" ;;
        sqlite) sql_db "$DB" "$url" "$NAME" "ANALYZE" ;;
    esac
}

cmd=${1:-}
[[ -n $cmd ]] && shift
REST=()
case $cmd in
    build) parse_db_args "$@"; build ;;
    owners) parse_db_args "$@"; owners ;;
    url) parse_db_args "$@"; connection "$DB" "$NAME" ;;
    run) exec "$PY" "$HERE/scale_run.py" "$@" ;;
    compare) parse_db_args "$@"; source "$HERE/scale-compare.sh"; compare "${REST[@]}" ;;
    -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
esac
