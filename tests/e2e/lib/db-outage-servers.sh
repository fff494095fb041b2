# Sourced by db-outage.sh: the MariaDB and PostgreSQL servers of its own it stops and starts under the
# service. Reads MY_DIR, PG_DIR, MY_PORT, PG_PORT, PG_BIN and DB_PASSWORD.

stop_mariadb() {
    [[ -S $MY_DIR/mysqld.sock ]] && mariadb-admin --no-defaults --socket="$MY_DIR/mysqld.sock" -uroot shutdown \
        >/dev/null 2>&1 || true
}

stop_postgresql() {
    [[ -f $PG_DIR/data/postmaster.pid ]] && (cd "$PG_DIR" && runuser -u postgres -- "$PG_BIN/pg_ctl" \
        -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1) || true
}

mariadb_up() { mariadb-admin --no-defaults --socket="$MY_DIR/mysqld.sock" -uroot ping >/dev/null 2>&1; }

start_mariadb() {
    setsid mariadbd --no-defaults --user=root --datadir="$MY_DIR/data" --bind-address=127.0.0.1 --port="$MY_PORT" \
        --socket="$MY_DIR/mysqld.sock" --pid-file="$MY_DIR/mariadbd.pid" --log-error="$MY_DIR/mariadbd.log" \
        --skip-name-resolve --innodb-buffer-pool-size=32M --innodb-log-file-size=8M \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci </dev/null >/dev/null 2>&1 &
    for _ in $(seq 200); do mariadb_up && return 0; sleep 0.3; done
    echo "MariaDB did not start: $(tail -n 5 "$MY_DIR/mariadbd.log")" >&2
    return 1
}

prepare_mariadb() {
    mkdir -p "$MY_DIR"
    mariadb-install-db --no-defaults --user=root --datadir="$MY_DIR/data" --auth-root-authentication-method=socket \
        --skip-test-db >"$MY_DIR/install.log" 2>&1
    start_mariadb
    mariadb --no-defaults --socket="$MY_DIR/mysqld.sock" -uroot <<SQL
CREATE DATABASE glance CHARACTER SET utf8mb4;
CREATE USER 'glance'@'%' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON glance.* TO 'glance'@'%';
SQL
}

pg() { (cd "$PG_DIR" && runuser -u postgres -- "$@"); }

start_postgresql() {
    pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgresql.log" -w -t 60 \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
}

prepare_postgresql() {
    mkdir -p "$PG_DIR" && chown postgres:postgres "$PG_DIR"
    pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 \
        --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1
    start_postgresql
    pg "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA \
        -c "CREATE ROLE glance LOGIN PASSWORD '$DB_PASSWORD'" -c "CREATE DATABASE glance OWNER glance" >/dev/null
}
