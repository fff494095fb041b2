#!/usr/bin/env bash
# Stands up, on 127.0.0.1, the deployment the Image service install guide assumes: a MariaDB server,
# Keystone (Debian's package, served by uwsgi) bootstrapped as in the Identity install guide, and the
# Image service's prerequisites (its database with the guide's two GRANTs, the glance user, the image
# service and its three endpoints), plus a non-admin project and user for tests.
#
#   scripts/keystone.sh start   # start (or reuse) MariaDB and Keystone, then print the env lines
#   scripts/keystone.sh env     # print the env lines if Keystone is running (exit 1 if not)
#   scripts/keystone.sh status  # exit 0 if Keystone and its MariaDB are running
#   scripts/keystone.sh stop    # stop both (the state is kept, the next start takes seconds)
#   scripts/keystone.sh stop-keystone  # stop Keystone only, MariaDB keeps running (start restarts it)
#   scripts/keystone.sh purge   # stop both and delete the state
#   scripts/keystone.sh start-short  # opt-in: also a second Keystone (see below)
#   scripts/keystone.sh stop-short
#
# The second Keystone (start-short) serves the same database and fernet keys on
# $GLANCE_KEYSTONE_SHORT_PORT (15001) with [token] expiration = $GLANCE_KEYSTONE_SHORT_EXPIRATION (30)
# seconds: tokens it issues expire that soon everywhere (every Keystone reads the expiry from the token),
# while tokens of the main one keep their normal lifetime. Tests of uploads that outlive a token use it;
# `env` adds GLANCE_KEYSTONE_SHORT_URL while it runs; `stop` and `purge` stop it too.
#
# State lives in $GLANCE_KEYSTONE_DIR (default /tmp/glancej-keystone). Ports: Keystone
# $GLANCE_KEYSTONE_PORT (15000), MariaDB $GLANCE_KEYSTONE_DB_PORT (13307), and the Image service
# endpoint registered in the catalog, http://127.0.0.1:$GLANCE_KEYSTONE_IMAGE_PORT (18292), where the
# tests start the Image service. Starting with other ports than the state was made with deploys afresh.
# Needs Debian's keystone, mariadb-server and python3-openstackclient packages.
set -euo pipefail

BASE=${GLANCE_KEYSTONE_DIR:-/tmp/glancej-keystone}
KS_PORT=${GLANCE_KEYSTONE_PORT:-15000}
DB_PORT=${GLANCE_KEYSTONE_DB_PORT:-13307}
IMAGE_PORT=${GLANCE_KEYSTONE_IMAGE_PORT:-18292}
# Keystone on 2 cores: more workers only add memory; a worker thread waits on MariaDB now and then.
KS_PROCESSES=${GLANCE_KEYSTONE_PROCESSES:-2}
KS_THREADS=${GLANCE_KEYSTONE_THREADS:-4}

# Throw-away credentials of a loopback-only test deployment (the guide's ADMIN_PASS, GLANCE_PASS, ...).
REGION=RegionOne
ADMIN_PASS=admin-pass
GLANCE_PASS=glance-pass
DEMO_PASS=myuser-pass
KEYSTONE_DBPASS=keystone-dbpass
GLANCE_DBPASS=glance-dbpass

KS_URL=http://127.0.0.1:$KS_PORT
IMAGE_URL=http://127.0.0.1:$IMAGE_PORT
DB_DIR=$BASE/mariadb
DB_SOCK=$DB_DIR/mysqld.sock
KS_DIR=$BASE/keystone
KS_PIDFILE=$KS_DIR/uwsgi.pid
SHORT_PORT=${GLANCE_KEYSTONE_SHORT_PORT:-15001}
SHORT_EXPIRATION=${GLANCE_KEYSTONE_SHORT_EXPIRATION:-30}
SHORT_URL=http://127.0.0.1:$SHORT_PORT
SHORT_PIDFILE=$KS_DIR/uwsgi-short.pid
DEPLOYED=$BASE/deployed
# What the state was made with; a start with anything else deploys afresh.
FINGERPRINT="keystone=$KS_PORT db=$DB_PORT image=$IMAGE_PORT v1"

# Debian's OpenStack tools need Debian's python; a python3 earlier on PATH (pyenv, venv) lacks them.
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

log() { echo "keystone.sh: $*" >&2; }
die() { log "$*"; exit 1; }

wait_for() { # wait_for <seconds> <command...>
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then return 1; fi
        sleep 0.3
    done
}

# --------------------------------------------------------------------------------------------------
# MariaDB

mariadb_running() { mariadb-admin --no-defaults --socket="$DB_SOCK" -uroot ping; }
sql() { mariadb --no-defaults --socket="$DB_SOCK" -uroot "$@"; }

start_mariadb() {
    if mariadb_running >/dev/null 2>&1; then return 0; fi
    mkdir -p "$DB_DIR"
    if [[ ! -d $DB_DIR/data/mysql ]]; then
        mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$DB_DIR/data" \
            --auth-root-authentication-method=socket --skip-test-db >"$DB_DIR/install.log" 2>&1 ||
            die "mariadb-install-db failed; see $DB_DIR/install.log"
    fi
    if ss -Hltn "sport = :$DB_PORT" | grep -q .; then die "port $DB_PORT is taken by another program"; fi
    log "starting MariaDB on 127.0.0.1:$DB_PORT"
    # setsid: the server outlives this script and has its own process group
    setsid mariadbd --no-defaults --user="$(id -un)" --datadir="$DB_DIR/data" \
        --bind-address=127.0.0.1 --port="$DB_PORT" --socket="$DB_SOCK" \
        --pid-file="$DB_DIR/mariadbd.pid" --log-error="$DB_DIR/mariadbd.log" \
        --skip-name-resolve --max-connections=500 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=2 \
        </dev/null >/dev/null 2>&1 &
    wait_for 60 mariadb_running || die "MariaDB did not start; see $DB_DIR/mariadbd.log"
}

stop_mariadb() {
    if mariadb_running >/dev/null 2>&1; then
        log "stopping MariaDB"
        mariadb-admin --no-defaults --socket="$DB_SOCK" -uroot shutdown
    fi
}

# The Identity and Image install guides' "create the database" steps.
create_databases() {
    sql <<SQL
DELETE FROM mysql.global_priv WHERE User = '';
FLUSH PRIVILEGES;
CREATE DATABASE keystone;
GRANT ALL PRIVILEGES ON keystone.* TO 'keystone'@'localhost' IDENTIFIED BY '$KEYSTONE_DBPASS';
GRANT ALL PRIVILEGES ON keystone.* TO 'keystone'@'%' IDENTIFIED BY '$KEYSTONE_DBPASS';
CREATE DATABASE glance;
GRANT ALL PRIVILEGES ON glance.* TO 'glance'@'localhost' IDENTIFIED BY '$GLANCE_DBPASS';
GRANT ALL PRIVILEGES ON glance.* TO 'glance'@'%' IDENTIFIED BY '$GLANCE_DBPASS';
SQL
}

# --------------------------------------------------------------------------------------------------
# Keystone

keystone_running() {
    [[ -s $KS_PIDFILE ]] && kill -0 "$(cat "$KS_PIDFILE")" 2>/dev/null &&
        curl -sf -o /dev/null --max-time 5 "$KS_URL/v3"
}

short_running() {
    [[ -s $SHORT_PIDFILE ]] && kill -0 "$(cat "$SHORT_PIDFILE")" 2>/dev/null &&
        curl -sf -o /dev/null --max-time 5 "$SHORT_URL/v3"
}

write_keystone_conf() {
    mkdir -p "$KS_DIR"
    cat >"$KS_DIR/keystone.conf" <<CONF
# written by scripts/keystone.sh
[DEFAULT]
log_file = $KS_DIR/keystone.log

[database]
connection = mysql+pymysql://keystone:$KEYSTONE_DBPASS@127.0.0.1:$DB_PORT/keystone

[token]
provider = fernet

[fernet_tokens]
key_repository = $KS_DIR/fernet-keys

[fernet_receipts]
key_repository = $KS_DIR/fernet-keys

[credential]
key_repository = $KS_DIR/credential-keys

[identity]
# Tempest creates and authenticates a user per test class: bcrypt's default cost (12) makes that
# the most expensive thing Keystone does on a small machine.
password_hash_rounds = 4
CONF
}

keystone_manage() { keystone-manage --config-file "$KS_DIR/keystone.conf" "$@"; }

# The Identity install guide's "install and configure" steps.
setup_keystone() {
    log "keystone-manage db_sync, fernet_setup, credential_setup, bootstrap"
    keystone_manage db_sync
    keystone_manage fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
    keystone_manage credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
    keystone_manage bootstrap --bootstrap-password "$ADMIN_PASS" \
        --bootstrap-admin-url "$KS_URL/v3/" --bootstrap-internal-url "$KS_URL/v3/" \
        --bootstrap-public-url "$KS_URL/v3/" --bootstrap-region-id "$REGION"
}

start_keystone() {
    if keystone_running; then return 0; fi
    run_uwsgi "$KS_PORT" keystone.conf "$KS_PIDFILE" "$KS_DIR/uwsgi.log" "$KS_PROCESSES" "$KS_THREADS"
}

# The second Keystone: the main one's configuration with a short token lifetime, its own log.
start_short() {
    if short_running; then return 0; fi
    keystone_running || die "the main Keystone is not running (scripts/keystone.sh start)"
    sed -e "s|^log_file = .*|log_file = $KS_DIR/keystone-short.log|" \
        -e "s|^\[token\]$|[token]\nexpiration = $SHORT_EXPIRATION|" "$KS_DIR/keystone.conf" >"$KS_DIR/keystone-short.conf"
    run_uwsgi "$SHORT_PORT" keystone-short.conf "$SHORT_PIDFILE" "$KS_DIR/uwsgi-short.log" 1 2
}

run_uwsgi() { # PORT CONF PIDFILE LOG PROCESSES THREADS
    local port=$1 conf=$2 pidfile=$3 logfile=$4
    if ss -Hltn "sport = :$port" | grep -q .; then die "port $port is taken by another program"; fi
    log "starting Keystone (uwsgi, $conf) on 127.0.0.1:$port"
    # Clients reuse connections that uwsgi's HTTP socket then resets: close each one, as devstack does.
    OS_KEYSTONE_CONFIG_DIR=$KS_DIR OS_KEYSTONE_CONFIG_FILES=$conf \
        setsid uwsgi-core --plugin python3 --http-socket "127.0.0.1:$port" \
        --wsgi-file /usr/bin/keystone-wsgi-public --chdir "$KS_DIR" \
        --master --processes "$5" --threads "$6" --enable-threads \
        --lazy-apps --die-on-term --no-orphans --buffer-size 65535 --thunder-lock \
        --add-header "Connection: close" --pidfile "$pidfile" \
        </dev/null >"$logfile" 2>&1 &
    local pid=$!
    local deadline=$((SECONDS + 90))
    until curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$port/v3"; do
        kill -0 "$pid" 2>/dev/null || { tail -n 20 "$logfile" >&2; die "Keystone exited"; }
        ((SECONDS < deadline)) || { tail -n 20 "$logfile" >&2; die "Keystone did not answer"; }
        sleep 0.5
    done
}

stop_keystone() {
    stop_uwsgi "$SHORT_PIDFILE" "the short-token Keystone"
    stop_uwsgi "$KS_PIDFILE" "Keystone"
}

stop_uwsgi() { # PIDFILE NAME
    [[ -s $1 ]] || return 0
    local pid
    pid=$(cat "$1")
    if kill -0 "$pid" 2>/dev/null; then
        log "stopping $2"
        # uwsgi was started by setsid: its master leads a process group holding all its workers
        kill -TERM -- "-$pid" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 -- "-$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$1"
}

write_openrc() { # FILE USER PASSWORD PROJECT
    cat >"$1" <<RC
export OS_PROJECT_DOMAIN_NAME=Default
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_NAME=$4
export OS_USERNAME=$2
export OS_PASSWORD=$3
export OS_AUTH_URL=$KS_URL/v3
export OS_IDENTITY_API_VERSION=3
export OS_IMAGE_API_VERSION=2
RC
}

# The Identity guide's service project and its demo project/user (with role member), then the Image
# service guide's commands, as written there.
create_catalog() {
    log "creating the service project, myproject/myuser, the glance user, service and endpoints"
    (
        # shellcheck disable=SC1091
        source "$BASE/admin-openrc"
        set -x
        openstack project create --domain default --description "Service Project" service
        openstack project create --domain default --description "Demo Project" myproject
        openstack user create --domain default --password "$DEMO_PASS" myuser
        openstack role add --project myproject --user myuser member
        openstack user create --domain default --password "$GLANCE_PASS" glance
        openstack role add --project service --user glance admin
        openstack service create --name glance --description "OpenStack Image" image
        openstack endpoint create --region "$REGION" image public "$IMAGE_URL"
        openstack endpoint create --region "$REGION" image internal "$IMAGE_URL"
        openstack endpoint create --region "$REGION" image admin "$IMAGE_URL"
    ) >"$BASE/catalog.log" 2>&1 || { cat "$BASE/catalog.log" >&2; die "creating the catalog failed"; }
}

# --------------------------------------------------------------------------------------------------

print_env() {
    echo "GLANCE_KEYSTONE_URL=$KS_URL"
    echo "GLANCE_KEYSTONE_REGION=$REGION"
    echo "GLANCE_KEYSTONE_ADMIN_OPENRC=$BASE/admin-openrc"
    echo "GLANCE_KEYSTONE_DEMO_OPENRC=$BASE/demo-openrc"
    echo "GLANCE_KEYSTONE_IMAGE_URL=$IMAGE_URL"
    echo "GLANCE_KEYSTONE_GLANCE_PASSWORD=$GLANCE_PASS"
    echo "GLANCE_KEYSTONE_GLANCE_DB_URL=mysql+pymysql://glance:$GLANCE_DBPASS@127.0.0.1:$DB_PORT/glance"
    echo "GLANCE_KEYSTONE_DB_SOCKET=$DB_SOCK"
    if short_running; then echo "GLANCE_KEYSTONE_SHORT_URL=$SHORT_URL"; fi
}

start() {
    local t0=$SECONDS
    for tool in mariadbd mariadb-install-db keystone-manage uwsgi-core openstack curl ss setsid; do
        command -v "$tool" >/dev/null || die "'$tool' not found (apt-get install keystone mariadb-server python3-openstackclient)"
    done
    if [[ -f $DEPLOYED && $(cat "$DEPLOYED") != "$FINGERPRINT" ]]; then
        log "state in $BASE was made with other settings: deploying afresh"
        stop_keystone
        stop_mariadb
        rm -rf "$BASE"
    fi
    if [[ ! -f $DEPLOYED ]]; then
        stop_keystone
        stop_mariadb
        rm -rf "$BASE"
        mkdir -p "$BASE"
        chmod 700 "$BASE"
        start_mariadb
        create_databases
        local t1=$SECONDS
        write_keystone_conf
        setup_keystone >"$KS_DIR/setup.log" 2>&1 || { cat "$KS_DIR/setup.log" >&2; die "Keystone setup failed"; }
        write_openrc "$BASE/admin-openrc" admin "$ADMIN_PASS" admin
        write_openrc "$BASE/demo-openrc" myuser "$DEMO_PASS" myproject
        local t2=$SECONDS
        start_keystone
        local t3=$SECONDS
        create_catalog
        echo "$FINGERPRINT" >"$DEPLOYED"
        log "deployed in $((SECONDS - t0))s (MariaDB $((t1 - t0))s, keystone-manage $((t2 - t1))s," \
            "uwsgi start $((t3 - t2))s, openstack commands $((SECONDS - t3))s)"
    else
        start_mariadb
        start_keystone
    fi
    print_env
}

case ${1:-} in
    start) start ;;
    env)
        keystone_running || { log "Keystone is not running (scripts/keystone.sh start)"; exit 1; }
        print_env
        ;;
    status) keystone_running && mariadb_running >/dev/null 2>&1 ;;
    stop) stop_keystone; stop_mariadb ;;
    stop-keystone) stop_keystone ;;
    start-short) start_short; print_env ;;
    stop-short) stop_uwsgi "$SHORT_PIDFILE" "the short-token Keystone" ;;
    purge) stop_keystone; stop_mariadb; rm -rf "$BASE" ;;
    *) echo "usage: $0 start|env|status|stop|stop-keystone|start-short|stop-short|purge" >&2; exit 2 ;;
esac
