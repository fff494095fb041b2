# shellcheck shell=bash
# Sourced by the benchmarks that run this service and upstream Glance side by side on the test MariaDB of
# scripts/test-databases.sh. bench_prepare NAME builds the service if stale, makes a work directory ($WORK) and
# a new database, and sets MY (a mariadb command for that server) and DB_URL (the database's connection URL);
# bench_drop_db removes the database again (for the caller's exit trap).
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$BENCH_ROOT/tests/e2e/lib/service.sh"
# shellcheck source=bin/lib/java-env.sh
source "$BENCH_ROOT/bin/lib/java-env.sh"
BENCH_DB=""

bench_prepare() {
    local name=$1 url rest creds hostport query=""
    url=$("$BENCH_ROOT/scripts/test-databases.sh" env | sed -n 's/^GLANCE_TEST_MYSQL_URL=//p')
    [[ -n $url ]] || { echo "$name: start MariaDB first: scripts/test-databases.sh start" >&2; return 2; }
    GLANCEJ_JAVA_HOME=$(glancej_find_java)
    glancej_ensure_built
    export GLANCEJ_SKIP_BUILD=1
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-$name-bench.XXXXXX")
    rest=${url#*://}; creds=${rest%%@*}; hostport=${rest#*@}; hostport=${hostport%%/*}
    MY=(mariadb --no-defaults -h "${hostport%:*}" -P "${hostport#*:}" -u "${creds%%:*}" "-p${creds#*:}")
    MARIADB_PORT=${hostport#*:}
    "${MY[@]}" -e "CREATE DATABASE glance_${name}_bench_$$"
    BENCH_DB=glance_${name}_bench_$$
    [[ $url == *\?* ]] && query="?${url##*\?}"
    DB_URL="${url%/*}/$BENCH_DB$query"
}

bench_drop_db() {
    [[ -z $BENCH_DB ]] || "${MY[@]}" -e "DROP DATABASE IF EXISTS $BENCH_DB" >/dev/null 2>&1 || true
}
