#!/usr/bin/env bash
# Starts throwaway MariaDB and PostgreSQL servers on 127.0.0.1 for the database tests.
#
#   scripts/test-databases.sh start   # start (or reuse) both servers, then print the env lines
#   scripts/test-databases.sh env     # print the env lines for servers that are running
#   scripts/test-databases.sh stop    # stop both servers (data is kept for the next start)
#
# Typical use:  env $(scripts/test-databases.sh start) mvn -q -B test
# Data lives under $GLANCE_TEST_DB_DIR (default /tmp/glancej-test-databases), never in the repo.
set -euo pipefail

BASE=${GLANCE_TEST_DB_DIR:-/tmp/glancej-test-databases}
MYSQL_PORT=${GLANCE_TEST_MYSQL_PORT:-13306}
PG_PORT=${GLANCE_TEST_POSTGRESQL_PORT:-15432}
PG_BIN=${GLANCE_TEST_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
DB_NAME=glance_test
DB_USER=glance
DB_PASSWORD=glance-test-pw

MY_DIR=$BASE/mariadb
MY_SOCK=$MY_DIR/mysqld.sock
PG_DIR=$BASE/postgresql

log() { echo "test-databases: $*" >&2; }

wait_for() { # wait_for <seconds> <command...>
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then return 1; fi
        sleep 0.3
    done
}

mariadb_running() { mariadb-admin --no-defaults --socket="$MY_SOCK" -uroot ping; }

start_mariadb() {
    if mariadb_running >/dev/null 2>&1; then return 0; fi
    mkdir -p "$MY_DIR"
    if [[ ! -d $MY_DIR/data/mysql ]]; then
        log "initialising MariaDB in $MY_DIR/data"
        mariadb-install-db --no-defaults --user=root --datadir="$MY_DIR/data" \
            --auth-root-authentication-method=socket --skip-test-db >"$MY_DIR/install.log" 2>&1
    fi
    log "starting MariaDB on 127.0.0.1:$MYSQL_PORT"
    # setsid: the server must outlive this script and not share its process group
    setsid mariadbd --no-defaults --user=root --datadir="$MY_DIR/data" \
        --bind-address=127.0.0.1 --port="$MYSQL_PORT" --socket="$MY_SOCK" \
        --pid-file="$MY_DIR/mariadbd.pid" --log-error="$MY_DIR/mariadbd.log" \
        --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=2 \
        </dev/null >/dev/null 2>&1 &
    if ! wait_for 60 mariadb_running; then
        log "MariaDB did not start; see $MY_DIR/mariadbd.log"; return 1
    fi
    # tests create and drop one database per test class, hence the global grant
    mariadb --no-defaults --socket="$MY_SOCK" -uroot <<SQL
DELETE FROM mysql.global_priv WHERE User = '';
FLUSH PRIVILEGES;
CREATE DATABASE IF NOT EXISTS $DB_NAME CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$DB_USER'@'%' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'%';
SQL
}

stop_mariadb() {
    if mariadb_running >/dev/null 2>&1; then
        log "stopping MariaDB"
        mariadb-admin --no-defaults --socket="$MY_SOCK" -uroot shutdown
    fi
}

pg() { runuser -u postgres -- "$@"; }

postgresql_running() { pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status; }

start_postgresql() {
    if [[ -d $PG_DIR/data ]] && postgresql_running >/dev/null 2>&1; then return 0; fi
    mkdir -p "$BASE"; chmod 755 "$BASE"
    mkdir -p "$PG_DIR"; chown postgres:postgres "$PG_DIR"
    if [[ ! -f $PG_DIR/data/PG_VERSION ]]; then
        log "initialising PostgreSQL in $PG_DIR/data"
        pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth-local=trust \
            --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    # start from a directory postgres can read, whatever the caller's cwd is
    (cd "$PG_DIR" && pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgresql.log" -w -t 60 \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c autovacuum=off" start >/dev/null)
    local psql=("$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
    if [[ -z $(cd "$PG_DIR" && pg "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'") ]]; then
        (cd "$PG_DIR" && pg "${psql[@]}" -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'")
    fi
    if [[ -z $(cd "$PG_DIR" && pg "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'") ]]; then
        (cd "$PG_DIR" && pg "${psql[@]}" -c "CREATE DATABASE $DB_NAME OWNER $DB_USER")
    fi
    # tests drop their databases WITH (FORCE), which must be allowed to end any session still attached
    (cd "$PG_DIR" && pg "${psql[@]}" -c "GRANT pg_signal_backend TO $DB_USER")
}

stop_postgresql() {
    if [[ -d $PG_DIR/data ]] && postgresql_running >/dev/null 2>&1; then
        log "stopping PostgreSQL"
        (cd "$PG_DIR" && pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null)
    fi
}

print_env() {
    if mariadb_running >/dev/null 2>&1; then
        echo "GLANCE_TEST_MYSQL_URL=mysql+pymysql://$DB_USER:$DB_PASSWORD@127.0.0.1:$MYSQL_PORT/$DB_NAME?charset=utf8"
        echo "GLANCE_TEST_MYSQL_SOCKET=$MY_SOCK"
    fi
    if [[ -d $PG_DIR/data ]] && postgresql_running >/dev/null 2>&1; then
        echo "GLANCE_TEST_POSTGRESQL_URL=postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"
    fi
}

case ${1:-} in
    start) start_mariadb; start_postgresql; print_env ;;
    stop) stop_mariadb; stop_postgresql ;;
    env) print_env ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
