# Sourced by the end-to-end tests that need the install guide's deployment: Keystone and MariaDB from
# scripts/keystone.sh, and the Image service started with the guide's glance-api.conf on the port the
# catalog names. The caller sets ROOT (the repository) and WORK (its work directory) and calls
# guide_stop from its exit trap.
#
#   GLANCE_E2E_API_COMMAND     the glance-api to run (default: $ROOT/bin/glance-api); e.g.
#                              /usr/bin/glance-api runs upstream Glance on the same files
#   GLANCE_E2E_MANAGE_COMMAND  its glance-manage (default: glance-manage beside GLANCE_E2E_API_COMMAND)
#   GLANCE_E2E_START_TIMEOUT   seconds to wait for the service to answer (default 240)
#
# Keystone is started when it is not running, and then stopped again by guide_stop.

GUIDE_API=${GLANCE_E2E_API_COMMAND:-$ROOT/bin/glance-api}
GUIDE_MANAGE=${GLANCE_E2E_MANAGE_COMMAND:-$(dirname "$GUIDE_API")/glance-manage}
GUIDE_SERVICE_PID=""
GUIDE_GLANCE_UP=0
GUIDE_STARTED_KEYSTONE=0

guide_log() { printf '%s\n' "$*"; }

# guide_keystone: Keystone's settings (GLANCE_KEYSTONE_* from scripts/keystone.sh) in the environment.
guide_keystone() {
    local line envfile=$WORK/keystone.env
    if ! "$ROOT/scripts/keystone.sh" status; then
        guide_log "Keystone is not running: scripts/keystone.sh start (stopped again at the end)"
        GUIDE_STARTED_KEYSTONE=1
        "$ROOT/scripts/keystone.sh" start >"$envfile"
    else
        "$ROOT/scripts/keystone.sh" env >"$envfile"
    fi
    while IFS= read -r line; do export "${line?}"; done <"$envfile"
}

# guide_listener_is_ours PORT: the socket on PORT belongs to the started service's process group.
guide_listener_is_ours() {
    local pid
    for pid in $(ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | cut -d= -f2); do
        [[ $(ps -o pgid= -p "$pid" | tr -d ' ') == "$GUIDE_SERVICE_PID" ]] && return 0
    done
    return 1
}

# guide_glance_start: the Image service install guide's "install and configure" steps on an empty
# glance database: glance-api.conf (hosts, ports, passwords and paths adapted), glance-manage
# db_sync, then glance-api. Sets GLANCE_URL and GLANCE_LOG.
guide_glance_start() {
    local etc=$WORK/etc conf port
    GLANCE_URL=$GLANCE_KEYSTONE_IMAGE_URL
    GLANCE_LOG=$WORK/glance-api.log
    port=${GLANCE_URL##*:}
    if ss -Hltn "sport = :$port" | grep -q .; then
        guide_log "port $port (the catalog's image endpoint) is taken by another program"
        return 1
    fi
    mkdir -p "$etc" "$WORK/images"
    conf=$etc/glance-api.conf
    cat >"$conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $port

[database]
connection = $GLANCE_KEYSTONE_GLANCE_DB_URL

[keystone_authtoken]
www_authenticate_uri = $GLANCE_KEYSTONE_URL
auth_url = $GLANCE_KEYSTONE_URL
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = glance
password = $GLANCE_KEYSTONE_GLANCE_PASSWORD

[paste_deploy]
flavor = keystone

[glance_store]
stores = file,http
default_store = file
filesystem_store_datadir = $WORK/images/
EOF
    # Each run starts from the guide's empty database.
    mariadb --no-defaults --socket="$GLANCE_KEYSTONE_DB_SOCKET" -uroot \
        -e 'DROP DATABASE IF EXISTS glance; CREATE DATABASE glance;'
    guide_log "\$ $GUIDE_MANAGE --config-file $conf db_sync"
    if ! "$GUIDE_MANAGE" --config-file "$conf" db_sync >"$WORK/glance-manage.log" 2>&1; then
        tail -n 30 "$WORK/glance-manage.log" | sed 's/^/   | /'
        guide_log "glance-manage db_sync failed"
        return 1
    fi
    guide_log "\$ $GUIDE_API --config-file $conf    (log: $GLANCE_LOG)"
    # Own process group: stopping it also stops the workers or whatever the launcher started.
    setsid "$GUIDE_API" --config-file "$conf" >"$GLANCE_LOG" 2>&1 &
    GUIDE_SERVICE_PID=$!
    local timeout=${GLANCE_E2E_START_TIMEOUT:-240} t0=$SECONDS code
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$GLANCE_URL/versions" || true)
        if [[ $code == 200 || $code == 300 ]] && guide_listener_is_ours "$port"; then
            break
        fi
        if ! kill -0 "$GUIDE_SERVICE_PID" 2>/dev/null; then
            guide_log "the service exited during startup; log tail:"
            tail -n 40 "$GLANCE_LOG" | sed 's/^/   | /'
            GUIDE_SERVICE_PID=""
            return 1
        fi
        if ((SECONDS - t0 > timeout)); then
            guide_log "the service did not answer GET $GLANCE_URL/versions within ${timeout}s; log tail:"
            tail -n 40 "$GLANCE_LOG" | sed 's/^/   | /'
            return 1
        fi
        sleep 0.3
    done
    GUIDE_GLANCE_UP=1
    guide_log "the Image service answers on $GLANCE_URL after $((SECONDS - t0))s"
}

# guide_glance_log_tail [LINES]: the end of the service's log, if it started (else that was shown).
guide_glance_log_tail() {
    ((GUIDE_GLANCE_UP)) || return 0
    guide_log "service log tail ($GLANCE_LOG):"
    tail -n "${1:-40}" "$GLANCE_LOG" | sed 's/^/   | /'
}

guide_glance_stop() {
    [[ -n $GUIDE_SERVICE_PID ]] || return 0
    kill -TERM -- "-$GUIDE_SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 50); do
        kill -0 -- "-$GUIDE_SERVICE_PID" 2>/dev/null || break
        sleep 0.2
    done
    kill -KILL -- "-$GUIDE_SERVICE_PID" 2>/dev/null || true
    wait "$GUIDE_SERVICE_PID" 2>/dev/null || true
    GUIDE_SERVICE_PID=""
}

# guide_stop: stops the Image service, and Keystone if guide_keystone started it.
guide_stop() {
    guide_glance_stop
    if ((GUIDE_STARTED_KEYSTONE)); then
        "$ROOT/scripts/keystone.sh" stop || true
        GUIDE_STARTED_KEYSTONE=0
    fi
}
