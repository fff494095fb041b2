#!/usr/bin/env bash
# Brings up a Swift all-in-one on 127.0.0.1 from Debian's packages for the Swift store tests: account,
# container and object servers (one device, a directory), memcached and a proxy with tempauth (auth v1).
#
#   scripts/swift.sh start   # start (or reuse) Swift, wait until the proxy answers, print the env lines
#   GLANCE_SWIFT_KEYSTONE=1 scripts/swift.sh start  # also a proxy with Keystone auth (see below)
#   scripts/swift.sh env     # print the env lines if Swift is running (exit 1 if not)
#   scripts/swift.sh status  # exit 0 if every daemon runs and the proxy answers
#   scripts/swift.sh pid D   # print the pid of daemon D (proxy, account, container, object, memcached)
#   scripts/swift.sh stop    # stop every daemon (the state is kept, the next start takes seconds)
#   scripts/swift.sh purge   # stop and delete the state
#
# Typical use:  env $(scripts/swift.sh start) mvn -B -q test -Dtest=SwiftStoreContractTest
# State lives in $GLANCE_SWIFT_DIR (default /tmp/glancej-swift). Ports: proxy $GLANCE_SWIFT_PORT (18080),
# object/container/account servers 18200/18201/18202, memcached 18211. Swift reads its hash prefix and
# storage policies from the fixed path /etc/swift/swift.conf (Debian ships one); the servers' own
# configurations and rings live in the state directory. Logs go to a syslog socket of our own
# ($BASE/log/swift.log): in 2.30 a missing /dev/log makes Swift fall back to UDP syslog on 0.0.0.0, so
# proxy-logging, which would do that regardless, is left out of the pipeline.
#
# Authentication is tempauth (GLANCE_SWIFT_AUTH_VERSION=1). With GLANCE_SWIFT_KEYSTONE=1 a second proxy on
# $GLANCE_SWIFT_KEYSTONE_PORT (18081), same rings and servers, authenticates with Keystone (authtoken +
# keystoneauth, operator roles admin and member) against the running scripts/keystone.sh, as the glance
# user in the project service; it prints GLANCE_SWIFT_KEYSTONE_* lines (auth address, user project:user,
# key, and the account's storage URL AUTH_<service project id>). It also registers, once, an object-store
# service with public, internal and admin endpoints http://127.0.0.1:18081/v1/AUTH_%(project_id)s in
# Keystone's catalog: where a multi-tenant store finds each caller's project account. (Tempest's
# configuration says swift = false, so the entry changes nothing for it.)
set -euo pipefail

BASE=${GLANCE_SWIFT_DIR:-/tmp/glancej-swift}
PROXY_PORT=${GLANCE_SWIFT_PORT:-18080}
OBJECT_PORT=18200
CONTAINER_PORT=18201
ACCOUNT_PORT=18202
MEMCACHED_PORT=18211
KEYSTONE_PROXY_PORT=${GLANCE_SWIFT_KEYSTONE_PORT:-18081}
TIMEOUT=${GLANCE_SWIFT_TIMEOUT:-60}

# Throw-away tempauth credentials of a loopback-only test Swift: account "glance", user "glance".
ACCOUNT=glance
USER_NAME=glance
KEY=glance-swift-test-key
AUTH_ADDRESS=http://127.0.0.1:$PROXY_PORT/auth/v1.0

ETC=$BASE/etc
LOG_DIR=$BASE/log
PID_DIR=$BASE/pids
DEVICES=$BASE/srv
DEPLOYED=$BASE/deployed
# Keystone mode stays on for later starts (a fault test restarting the proxy) once a start turned it on.
KEYSTONE=${GLANCE_SWIFT_KEYSTONE:-$([[ -s $ETC/keystone.env ]] && echo 1 || echo 0)}
DAEMONS=(memcached syslog object container account proxy keystone-proxy) # start order; stop goes backwards
FINGERPRINT="proxy=$PROXY_PORT servers=$OBJECT_PORT v1"

export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

log() { echo "swift.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# --------------------------------------------------------------------------------------------------
# Daemons: each runs in the foreground in its own session, its pid in $PID_DIR/<name>.pid.

daemon_cmd() {
    case $1 in
        memcached) echo "memcached -u root -U 0 -l 127.0.0.1 -p $MEMCACHED_PORT -m 64" ;;
        syslog) echo "/usr/bin/python3 $ETC/syslog-sink.py $LOG_DIR/syslog.sock $LOG_DIR/swift.log" ;;
        keystone-proxy) echo "swift-proxy-server $ETC/keystone-proxy-server.conf" ;;
        *) echo "swift-$1-server $ETC/$1-server.conf" ;;
    esac
}

daemon_pid() { [[ -s $PID_DIR/$1.pid ]] && cat "$PID_DIR/$1.pid"; }

daemon_running() {
    local pid
    pid=$(daemon_pid "$1") || return 1
    # the pid must still be ours: a daemon started with this state directory or port
    kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE -- "$BASE|$MEMCACHED_PORT"
}

start_daemon() {
    local name=$1
    if daemon_running "$name"; then return 0; fi
    # shellcheck disable=SC2046
    setsid $(daemon_cmd "$name") </dev/null >>"$LOG_DIR/$name.out" 2>&1 &
    echo $! >"$PID_DIR/$name.pid"
}

process_alive() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]
}

stop_daemons() {
    local i name pid
    for ((i = ${#DAEMONS[@]} - 1; i >= 0; i--)); do
        name=${DAEMONS[i]}
        if daemon_running "$name"; then
            pid=$(daemon_pid "$name")
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 50); do
                process_alive "$pid" || break
                sleep 0.1
            done
            process_alive "$pid" && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
        fi
        rm -f "$PID_DIR/$name.pid"
    done
}

# --------------------------------------------------------------------------------------------------
# Configuration: one file per server, rings with one device, a syslog sink.

# The proxy's authentication: tempauth now; Keystone later replaces these two (authtoken keystoneauth).
auth_pipeline() { echo "tempauth"; }
auth_filters() {
    cat <<CONF
[filter:tempauth]
use = egg:swift#tempauth
user_${ACCOUNT}_${USER_NAME} = $KEY .admin
reseller_prefix = AUTH
token_life = 86400
CONF
}

server_conf() { # name port
    cat >"$ETC/$1-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $2
workers = 0
mount_check = false
devices = $DEVICES
swift_dir = $ETC
log_address = $LOG_DIR/syslog.sock
log_name = $1-server

[pipeline:main]
pipeline = $1-server

[app:$1-server]
use = egg:swift#$1
CONF
}

proxy_conf() { # file port pipeline-auth filters
    cat >"$1" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $2
workers = 0
swift_dir = $ETC
log_address = $LOG_DIR/syslog.sock
log_name = proxy-server

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck cache listing_formats $3 copy slo dlo versioned_writes proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
allow_account_management = true

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MEMCACHED_PORT
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
$4
CONF
}

write_conf() {
    server_conf object $OBJECT_PORT
    server_conf container $CONTAINER_PORT
    server_conf account $ACCOUNT_PORT
    proxy_conf "$ETC/proxy-server.conf" "$PROXY_PORT" "$(auth_pipeline)" "$(auth_filters)"
    cat >"$ETC/syslog-sink.py" <<'PY'
# A syslog socket for Swift's daemons: each datagram becomes a line of the log file.
import os, socket, sys
path, out = sys.argv[1], sys.argv[2]
if os.path.exists(path):
    os.unlink(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
with open(out, "ab", buffering=0) as f:
    while True:
        f.write(s.recv(65536).rstrip(b"\0\n") + b"\n")
PY
}

# Keystone mode: the settings of scripts/keystone.sh's deployment, read from its env lines.
KS_URL= KS_PASSWORD= KS_PROJECT_ID= KS_OPENRC= KS_REGION=
keystone_settings() {
    local lines
    lines=$("$(dirname "$0")/keystone.sh" env) || die "GLANCE_SWIFT_KEYSTONE=1 needs Keystone (scripts/keystone.sh start)"
    KS_URL=$(sed -n 's/^GLANCE_KEYSTONE_URL=//p' <<<"$lines")
    KS_PASSWORD=$(sed -n 's/^GLANCE_KEYSTONE_GLANCE_PASSWORD=//p' <<<"$lines")
    KS_REGION=$(sed -n 's/^GLANCE_KEYSTONE_REGION=//p' <<<"$lines")
    KS_OPENRC=$(sed -n 's/^GLANCE_KEYSTONE_ADMIN_OPENRC=//p' <<<"$lines")
    KS_PROJECT_ID=$( (. "$KS_OPENRC" && openstack project show service -f value -c id) 2>/dev/null) ||
        die "cannot find the project service in Keystone"
}

# The object-store service and its three endpoints in Keystone's catalog, pointing at the Keystone proxy;
# only what is missing (or points elsewhere) is created, so every start may run it.
register_object_store() {
    local url="http://127.0.0.1:$KEYSTONE_PROXY_PORT/v1/AUTH_%(project_id)s"
    (
        # shellcheck disable=SC1090
        . "$KS_OPENRC"
        local have ids service
        ids=$(openstack service list -f value -c ID -c Type | awk '$2 == "object-store" {print $1}')
        service=$(head -n 1 <<<"$ids")
        if [[ -z $service ]]; then
            service=$(openstack service create --name swift --description "OpenStack Object Storage" \
                -f value -c id object-store)
        fi
        # a second object-store service (two starts racing) makes every lookup by type ambiguous
        tail -n +2 <<<"$ids" | xargs -r openstack service delete
        have=$(openstack endpoint list --service "$service" -f value -c ID -c Interface -c URL)
        for iface in public internal admin; do
            grep -q " $iface $url\$" <<<"$have" && continue
            awk -v i="$iface" '$2 == i {print $1}' <<<"$have" | xargs -r openstack endpoint delete
            openstack endpoint create --region "$KS_REGION" "$service" "$iface" "$url" >/dev/null
        done
    ) || die "could not register the object-store endpoints in Keystone"
}

write_keystone_proxy() {
    proxy_conf "$ETC/keystone-proxy-server.conf" "$KEYSTONE_PROXY_PORT" "authtoken keystoneauth" "$(cat <<CONF
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
www_authenticate_uri = $KS_URL
auth_url = $KS_URL
auth_type = password
project_domain_id = default
user_domain_id = default
project_name = service
username = glance
password = $KS_PASSWORD
delay_auth_decision = True
memcached_servers = 127.0.0.1:$MEMCACHED_PORT
[filter:keystoneauth]
use = egg:swift#keystoneauth
operator_roles = admin, member
CONF
)"
    sed -i 's/^log_name = proxy-server$/log_name = keystone-proxy-server/' "$ETC/keystone-proxy-server.conf"
}

keystone_proxy_answers() {
    curl -sf -o /dev/null --max-time 3 "http://127.0.0.1:$KEYSTONE_PROXY_PORT/healthcheck"
}

build_rings() {
    local ring port
    for ring in object:$OBJECT_PORT container:$CONTAINER_PORT account:$ACCOUNT_PORT; do
        port=${ring#*:}
        ring=${ring%%:*}
        swift-ring-builder "$ETC/$ring.builder" create 8 1 1 >/dev/null
        swift-ring-builder "$ETC/$ring.builder" add "r1z1-127.0.0.1:$port/d1" 1 >/dev/null
        swift-ring-builder "$ETC/$ring.builder" rebalance >/dev/null || true # "no partitions moved" exits 1
        [[ -s $ETC/$ring.ring.gz ]] || die "could not build the $ring ring"
    done
}

deploy() {
    [[ -s /etc/swift/swift.conf ]] || die "/etc/swift/swift.conf is missing (apt-get install swift)"
    mkdir -p "$ETC" "$LOG_DIR" "$PID_DIR" "$DEVICES/d1"
    write_conf
    build_rings
    echo "$FINGERPRINT" >"$DEPLOYED"
}

# --------------------------------------------------------------------------------------------------

proxy_answers() { curl -sf -o /dev/null --max-time 3 "http://127.0.0.1:$PROXY_PORT/healthcheck"; }

# tempauth answers a token only once memcached, the proxy and the account server all work.
auth_works() {
    local token
    token=$(curl -sf -o /dev/null -D - --max-time 5 -H "X-Auth-User: $ACCOUNT:$USER_NAME" -H "X-Auth-Key: $KEY" \
        "$AUTH_ADDRESS" | tr -d '\r' | sed -n 's/^[Xx]-[Aa]uth-[Tt]oken: //p') || return 1
    [[ -n $token ]] && curl -sf -o /dev/null --max-time 5 -H "X-Auth-Token: $token" \
        "http://127.0.0.1:$PROXY_PORT/v1/AUTH_$ACCOUNT"
}

running() {
    local name
    for name in "${DAEMONS[@]}"; do
        [[ $name == keystone-proxy && ! -s $ETC/keystone.env ]] && continue
        daemon_running "$name" || return 1
    done
    proxy_answers
}

print_env() {
    echo "GLANCE_SWIFT_AUTH_ADDRESS=$AUTH_ADDRESS"
    echo "GLANCE_SWIFT_USER=$ACCOUNT:$USER_NAME"
    echo "GLANCE_SWIFT_KEY=$KEY"
    echo "GLANCE_SWIFT_AUTH_VERSION=1"
    echo "GLANCE_SWIFT_DIR=$BASE"
    if [[ -s $ETC/keystone.env ]] && daemon_running keystone-proxy; then
        cat "$ETC/keystone.env"
    fi
}

start() {
    local t0=$SECONDS name
    for tool in swift-proxy-server swift-object-server swift-container-server swift-account-server \
        swift-ring-builder memcached curl ss setsid; do
        command -v "$tool" >/dev/null ||
            die "'$tool' not found (apt-get install swift swift-proxy swift-account swift-container swift-object memcached curl)"
    done
    if [[ ! -f $DEPLOYED || $(cat "$DEPLOYED") != "$FINGERPRINT" ]]; then
        stop_daemons 2>/dev/null || true
        rm -rf "$BASE"
        deploy
    fi
    rm -f "$ETC/keystone.env"
    if [[ $KEYSTONE == 1 ]]; then
        keystone_settings
        write_keystone_proxy
        register_object_store
    fi
    for name in "${DAEMONS[@]}"; do
        [[ $name == keystone-proxy && $KEYSTONE != 1 ]] && continue
        start_daemon "$name"
    done
    local deadline=$((SECONDS + TIMEOUT))
    until auth_works; do
        for name in "${DAEMONS[@]}"; do
            [[ $name == keystone-proxy && $KEYSTONE != 1 ]] && continue
            daemon_running "$name" && continue
            tail -n 20 "$LOG_DIR/$name.out" "$LOG_DIR/swift.log" >&2 2>/dev/null || true
            die "$name exited; logs: $LOG_DIR"
        done
        ((SECONDS < deadline)) || die "Swift did not answer within ${TIMEOUT}s; logs: $LOG_DIR"
        sleep 0.3
    done
    if [[ $KEYSTONE == 1 ]]; then
        until keystone_proxy_answers; do
            daemon_running keystone-proxy || die "the Keystone proxy exited; logs: $LOG_DIR"
            ((SECONDS < deadline)) || die "the Keystone proxy did not answer within ${TIMEOUT}s; logs: $LOG_DIR"
            sleep 0.3
        done
        cat >"$ETC/keystone.env" <<ENV
GLANCE_SWIFT_KEYSTONE_AUTH_ADDRESS=$KS_URL/v3
GLANCE_SWIFT_KEYSTONE_USER=service:glance
GLANCE_SWIFT_KEYSTONE_KEY=$KS_PASSWORD
GLANCE_SWIFT_KEYSTONE_ENDPOINT=http://127.0.0.1:$KEYSTONE_PROXY_PORT/v1/AUTH_$KS_PROJECT_ID
ENV
    fi
    log "ready in $((SECONDS - t0))s"
    print_env
}

case ${1:-} in
    start) start ;;
    env)
        running || { log "Swift is not running (scripts/swift.sh start)"; exit 1; }
        print_env
        ;;
    status) running ;;
    pid)
        # fault tests stop a daemon by its pid and start it again with `start`
        [[ ${2:-} =~ ^(proxy|keystone-proxy|account|container|object|memcached)$ ]] ||
            die "usage: $0 pid proxy|keystone-proxy|account|container|object|memcached"
        daemon_running "$2" || die "$2 is not running"
        daemon_pid "$2"
        ;;
    stop) stop_daemons ;;
    purge) stop_daemons; rm -rf "$BASE" ;;
    *) echo "usage: $0 start|env|status|pid DAEMON|stop|purge" >&2; exit 2 ;;
esac
