#!/usr/bin/env bash
# Dedicated MariaDB and PostgreSQL servers for the scale benchmark, with production-like memory settings
# (the test servers of scripts/test-databases.sh run with a 64 MiB buffer pool, which a 1M-image data set
# does not fit in).
#
#   bench/scale-db.sh start   # start (or reuse) both servers, then print the env lines
#   bench/scale-db.sh env     # print the env lines for the servers that are running
#   bench/scale-db.sh status  # say which servers run
#   bench/scale-db.sh stop    # stop both servers (data is kept for the next start)
#
# Env lines: GLANCE_SCALE_MYSQL_URL, GLANCE_SCALE_MYSQL_SOCKET, GLANCE_SCALE_POSTGRESQL_URL, GLANCE_SCALE_PG_DIR.
# Data under $GLANCE_SCALE_DB_DIR (default /tmp/glancej-scale); ports $GLANCE_SCALE_MYSQL_PORT (23306) and
# $GLANCE_SCALE_POSTGRESQL_PORT (25432). Memory: $GLANCE_SCALE_MYSQL_BUFFER_POOL (2G),
# $GLANCE_SCALE_PG_SHARED_BUFFERS (1GB), $GLANCE_SCALE_PG_EFFECTIVE_CACHE (4GB); work_mem stays at its default.
set -euo pipefail

BASE=${GLANCE_SCALE_DB_DIR:-/tmp/glancej-scale}
MYSQL_PORT=${GLANCE_SCALE_MYSQL_PORT:-23306}
PG_PORT=${GLANCE_SCALE_POSTGRESQL_PORT:-25432}
BUFFER_POOL=${GLANCE_SCALE_MYSQL_BUFFER_POOL:-2G}
SHARED_BUFFERS=${GLANCE_SCALE_PG_SHARED_BUFFERS:-1GB}
EFFECTIVE_CACHE=${GLANCE_SCALE_PG_EFFECTIVE_CACHE:-4GB}
PG_BIN=${GLANCE_SCALE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
DB_USER=glance
DB_PASSWORD=glance-scale-pw

MY_DIR=$BASE/mariadb
MY_SOCK=$MY_DIR/mysqld.sock
PG_DIR=$BASE/postgresql

log() { echo "scale-db: $*" >&2; }

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
    log "starting MariaDB on 127.0.0.1:$MYSQL_PORT (buffer pool $BUFFER_POOL)"
    # setsid: the server must outlive this script and not share its process group.
    # Durability as a production server would have it (flush at commit); the log is large enough for bulk loads.
    setsid mariadbd --no-defaults --user=root --datadir="$MY_DIR/data" \
        --bind-address=127.0.0.1 --port="$MYSQL_PORT" --socket="$MY_SOCK" \
        --pid-file="$MY_DIR/mariadbd.pid" --log-error="$MY_DIR/mariadbd.log" \
        --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        --innodb-buffer-pool-size="$BUFFER_POOL" --innodb-log-file-size=512M \
        --max-connections=300 --max-allowed-packet=64M \
        </dev/null >/dev/null 2>&1 &
    if ! wait_for 120 mariadb_running; then
        log "MariaDB did not start; see $MY_DIR/mariadbd.log"; return 1
    fi
    mariadb --no-defaults --socket="$MY_SOCK" -uroot <<SQL
DELETE FROM mysql.global_priv WHERE User = '';
FLUSH PRIVILEGES;
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
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT (shared_buffers $SHARED_BUFFERS)"
    (cd "$PG_DIR" && pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgresql.log" -w -t 120 \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=$SHARED_BUFFERS \
            -c effective_cache_size=$EFFECTIVE_CACHE -c max_wal_size=4GB -c max_connections=300" start >/dev/null)
    local psql=("$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
    if [[ -z $(cd "$PG_DIR" && pg "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'") ]]; then
        (cd "$PG_DIR" && pg "${psql[@]}" -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'")
    fi
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
        echo "GLANCE_SCALE_MYSQL_URL=mysql+pymysql://$DB_USER:$DB_PASSWORD@127.0.0.1:$MYSQL_PORT/glance_scale?charset=utf8"
        echo "GLANCE_SCALE_MYSQL_SOCKET=$MY_SOCK"
    fi
    if [[ -d $PG_DIR/data ]] && postgresql_running >/dev/null 2>&1; then
        echo "GLANCE_SCALE_POSTGRESQL_URL=postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/glance_scale"
        echo "GLANCE_SCALE_PG_DIR=$PG_DIR"
    fi
}

status() {
    if mariadb_running >/dev/null 2>&1; then echo "MariaDB: running on $MYSQL_PORT"; else echo "MariaDB: stopped"; fi
    if [[ -d $PG_DIR/data ]] && postgresql_running >/dev/null 2>&1; then
        echo "PostgreSQL: running on $PG_PORT"
    else
        echo "PostgreSQL: stopped"
    fi
}

case ${1:-} in
    start) start_mariadb; start_postgresql; print_env ;;
    stop) stop_mariadb; stop_postgresql ;;
    env) print_env ;;
    status) status ;;
    *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
