#!/usr/bin/env bash
# Our list indexes beside upstream's schema, with upstream's own tools (Debian's glance-manage, Zed) on the
# same database, on MariaDB and on PostgreSQL, both ways round:
#   upstream db_sync, then ours: ours adds the glancej_* indexes and changes nothing of upstream's; then
#   upstream's db_sync, db version and db check still succeed, report the head, and leave our indexes;
#   ours first, then upstream's tools likewise; ours again adds nothing. Both ways, upstream's own database
#   code (glance.db.sqlalchemy.api) creates, updates, lists by property and deletes an image whose properties
#   include a 64 KiB value, beside our indexes and MariaDB's invisible columns.
# Skips without /usr/bin/glance-manage or the servers of scripts/test-databases.sh, unless
# GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1 (then it fails). Exits non-zero on any failed check. See tests/e2e/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
UPSTREAM_MANAGE=/usr/bin/glance-manage
# ExtraIndexes.names(dialect): MariaDB has one more, glancej_images_created_at (and no partial indexes: its
# two are on the invisible columns glancej_short_value and glancej_updated_before_created instead)
indexes_of() { if [[ $1 == mysql ]]; then echo 13; else echo 12; fi; }

not_here() {
    if [[ ${GLANCE_TEST_REQUIRE_EXTERNAL_DBS:-} == 1 ]]; then
        echo "list-indexes-interop.sh: $1 (GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1)" >&2
        exit 1
    fi
    echo "list-indexes-interop.sh: SKIP: $1"
    exit 0
}

[[ -x $UPSTREAM_MANAGE ]] || not_here "upstream glance-manage is not installed (Debian: apt-get install glance-api)"
env_line() { "$ROOT/scripts/test-databases.sh" env 2>/dev/null | sed -n "s/^$1=//p" || true; }
MYSQL_URL=${GLANCE_TEST_MYSQL_URL:-$(env_line GLANCE_TEST_MYSQL_URL)}
PG_URL=${GLANCE_TEST_POSTGRESQL_URL:-$(env_line GLANCE_TEST_POSTGRESQL_URL)}
[[ -n $MYSQL_URL && -n $PG_URL ]] || not_here "the test databases do not run: scripts/test-databases.sh start"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-listindexes.XXXXXX")
DROPS=()
FAILED=0
cleanup() {
    local rc=$? drop
    for drop in "${DROPS[@]}"; do eval "$drop" >/dev/null 2>&1 || echo "could not clean up: $drop" >&2; done
    if ((rc != 0 || FAILED)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# shellcheck source=../../bin/lib/java-env.sh
source "$ROOT/bin/lib/java-env.sh"
GLANCEJ_JAVA_HOME=$(glancej_find_java)
glancej_ensure_built
export GLANCEJ_SKIP_BUILD=1

parts() { # parts URL -> sets U_USER U_PASS U_HOST U_PORT
    local rest=${1#*://} creds hostport
    creds=${rest%%@*} hostport=${rest#*@}; hostport=${hostport%%/*}
    U_USER=${creds%%:*} U_PASS=${creds#*:} U_HOST=${hostport%:*} U_PORT=${hostport#*:}
}
parts "$MYSQL_URL"
MY=(mariadb --no-defaults -h "$U_HOST" -P "$U_PORT" -u "$U_USER" "-p$U_PASS")
MY_DUMP=(mariadb-dump --no-defaults -h "$U_HOST" -P "$U_PORT" -u "$U_USER" "-p$U_PASS" --no-data --skip-comments)
MY_BASE="mysql+pymysql://$U_USER:$U_PASS@$U_HOST:$U_PORT"
parts "$PG_URL"
export PGPASSWORD=$U_PASS
PG=(psql -q -X -v ON_ERROR_STOP=1 -h "$U_HOST" -p "$U_PORT" -U "$U_USER")
PG_DUMP=(pg_dump -s -h "$U_HOST" -p "$U_PORT" -U "$U_USER")
PG_BASE="postgresql://$U_USER:$U_PASS@$U_HOST:$U_PORT"

check() { # check DESCRIPTION COMMAND...
    local description=$1; shift
    if "$@" >"$WORK/last.out" 2>&1; then
        echo "PASS  $description"
    else
        echo "FAIL  $description"; sed 's/^/      /' "$WORK/last.out" | tail -15
        FAILED=1
    fi
}

create_db() { # create_db KIND NAME
    if [[ $1 == mysql ]]; then
        "${MY[@]}" -e "CREATE DATABASE $2"
        DROPS+=("$(printf '%q ' "${MY[@]}") -e 'DROP DATABASE IF EXISTS $2'")
    else
        "${PG[@]}" -d postgres -c "CREATE DATABASE $2"
        DROPS+=("$(printf '%q ' "${PG[@]}") -d postgres -c 'DROP DATABASE IF EXISTS $2 WITH (FORCE)'")
    fi
}

conf() { # conf KIND NAME -> config file path
    local url
    if [[ $1 == mysql ]]; then url="$MY_BASE/$2?charset=utf8"; else url="$PG_BASE/$2"; fi
    printf '[database]\nconnection = %s\n' "$url" >"$WORK/$2.conf"
    echo "$WORK/$2.conf"
}

# the schema as the server dumps it, without our indexes (and their lines in MariaDB's table DDL)
schema() { # schema KIND NAME
    if [[ $1 == mysql ]]; then
        "${MY_DUMP[@]}" "$2" | sed -e 's/ AUTO_INCREMENT=[0-9]*//' | grep -v 'glancej_'
    else
        # pg_dump frames the dump with a random \restrict key and heads each object with a comment
        "${PG_DUMP[@]}" "$2" | grep -v 'glancej_' | grep -v -E '^(--|\\(un)?restrict|$)'
    fi
}

our_indexes() { # our_indexes KIND NAME -> count of glancej_* indexes
    if [[ $1 == mysql ]]; then
        "${MY[@]}" -N -e "SELECT COUNT(DISTINCT index_name) FROM information_schema.statistics
            WHERE table_schema = '$2' AND index_name LIKE 'glancej%'"
    else
        "${PG[@]}" -d "$2" -At -c "SELECT COUNT(*) FROM pg_indexes WHERE indexname LIKE 'glancej%'"
    fi
}

upstream() { "$UPSTREAM_MANAGE" --config-file "$CONF" "$@" 2>&1 | grep -v 'alembic.runtime'; }
ours() { "$ROOT/bin/glance-manage" --config-file "$CONF" "$@" 2>&1; }
has_indexes() { [[ $(our_indexes "$KIND" "$DB") == "$1" ]]; }
upstream_sync_up_to_date() { upstream db_sync | tee /dev/stderr | grep -q 'Database is up to date'; }
upstream_version_is_head() { [[ $(upstream db version | tail -1) == wallaby_contract01 ]]; }
# db check: "up to date" on MariaDB; on PostgreSQL Zed answers that it checks MySQL and SQLite only. Either
# way, the answer with our indexes must be the answer without them (timestamped log lines aside).
db_check_answer() { upstream db check | grep -v -E '^[0-9]{4}-[0-9]{2}-[0-9]{2} '; }
upstream_check_as_without_indexes() {
    diff <(db_check_answer) "$WORK/check.expected"
    [[ $KIND != mysql ]] || grep -q 'Database is up to date' "$WORK/check.expected"
}
ours_adds() { ours db_sync | grep -q "$1"; }
# upstream's database API on the same database: an image with properties, as its API writes them
cat >"$WORK/upstream_properties.py" <<'PY'
import sys
from oslo_config import cfg
from glance.common import config  # noqa: F401 (registers glance's options)
from glance import context
from glance.db.sqlalchemy import api

cfg.CONF(['--config-file', sys.argv[1]], project='glance')
ctx = context.get_admin_context()
big = 'x' * 65535
image = api.image_create(ctx, {'status': 'queued', 'visibility': 'public', 'name': 'interop', 'min_disk': 0,
                               'min_ram': 0, 'protected': False,
                               'properties': {'os_distro': 'Ubuntu', 'big': big, 'edge': '\u20ac' * 100}})
api.image_update(ctx, image['id'], {'properties': {'os_distro': 'ubuntu', 'big': big, 'edge': '\u20ac' * 101,
                                                   'hw_disk_bus': 'scsi'}}, purge_props=True)
props = {p['name']: p['value'] for p in api.image_get(ctx, image['id'])['properties'] if not p['deleted']}
assert props == {'os_distro': 'ubuntu', 'big': big, 'edge': '\u20ac' * 101, 'hw_disk_bus': 'scsi'}, props
listed = [i['id'] for i in api.image_get_all(ctx, filters={'os_distro': 'ubuntu', 'hw_disk_bus': 'scsi'})]
assert listed == [image['id']], listed
api.image_destroy(ctx, image['id'])
PY
upstream_writes_properties() { /usr/bin/python3 "$WORK/upstream_properties.py" "$CONF"; }
same_schema() { diff <(schema "$KIND" "$DB") "$WORK/$DB.before"; }

for KIND in mysql postgresql; do
    INDEXES=$(indexes_of "$KIND")
    # --- upstream first, then ours ---------------------------------------------------------------------
    DB=glance_listidx_up_$$ && create_db "$KIND" "$DB" && CONF=$(conf "$KIND" "$DB")
    echo "== $KIND: upstream's db_sync, then ours ($DB)"
    check "upstream: db_sync creates the schema" upstream db_sync
    schema "$KIND" "$DB" >"$WORK/$DB.before"
    db_check_answer >"$WORK/check.expected" || true
    check "upstream's schema has none of our indexes" has_indexes 0
    check "ours: db_sync finds the schema up to date" ours_adds 'Database is up to date'
    check "ours: db_sync added our $INDEXES list indexes" has_indexes "$INDEXES"
    check "ours changed nothing of upstream's schema" same_schema
    check "upstream: db_sync finds nothing to do" upstream_sync_up_to_date
    check "upstream: db version is the head" upstream_version_is_head
    check "upstream: db check answers as without our indexes" upstream_check_as_without_indexes
    check "our indexes are still there" has_indexes "$INDEXES"
    check "upstream's code writes, lists and deletes an image with a 64 KiB property" upstream_writes_properties
    check "ours: a second db_sync is up to date" ours_adds 'Database is up to date'
    check "upstream's schema is still unchanged" same_schema

    # --- ours first, then upstream's tools ---------------------------------------------------------------
    DB=glance_listidx_ours_$$ && create_db "$KIND" "$DB" && CONF=$(conf "$KIND" "$DB")
    echo "== $KIND: our db_sync, then upstream's tools ($DB)"
    check "ours: db_sync creates the schema" ours_adds 'Database is synced successfully'
    check "ours: with our $INDEXES list indexes" has_indexes "$INDEXES"
    check "upstream: db_sync finds nothing to do" upstream_sync_up_to_date
    check "upstream: db version is the head" upstream_version_is_head
    check "upstream: db check answers as without our indexes" upstream_check_as_without_indexes
    check "our indexes are still there" has_indexes "$INDEXES"
    check "upstream's code writes, lists and deletes an image with a 64 KiB property" upstream_writes_properties
done

if ((FAILED)); then echo "list-indexes-interop.sh: FAILED"; exit 1; fi
echo "list-indexes-interop.sh: all checks passed"
