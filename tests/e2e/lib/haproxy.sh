# Sourced by end-to-end scripts that put several Image service nodes behind HAProxy (Debian's haproxy 2.6,
# /usr/sbin/haproxy). Everything of one HAProxy lives in one directory of the caller's: haproxy.cfg,
# haproxy.pid, haproxy.log (HAProxy's own log: health-check transitions, one line per request) and the
# admin stats socket haproxy.sock. The stats socket is spoken to with python3 (no socat needed).
#
# Usage:
#   source tests/e2e/lib/haproxy.sh
#   haproxy_write_cfg "$DIR" 20300 a=127.0.0.1:20301 b=127.0.0.1:20302   # frontend port, then NAME=HOST:PORT...
#   haproxy_start "$DIR" || exit 1           # background; returns once the stats socket answers
#   haproxy_wait_server "$DIR" a UP 30       # until HAProxy's health checks say UP (or DOWN, MAINT)
#   haproxy_server_status "$DIR" a           # prints UP, DOWN, MAINT, "UP 1/2" (going down), "DOWN 1/2"...
#   haproxy_servers_state "$DIR"             # raw `show servers state` of the backend
#   haproxy_cmd "$DIR" "disable server glance/a"   # any stats socket command (admin level)
#   haproxy_stop "$DIR"                      # SIGTERM, waits for it to exit
#
# The backend is called `glance`, the frontend `glance_front`. Tunable through the environment before
# haproxy_write_cfg (defaults suit tests: a node is marked DOWN about 0.5 s after /healthcheck fails):
#   HAPROXY_INTER (ms, 250), HAPROXY_FALL (2), HAPROXY_RISE (2), HAPROXY_RETRIES (3),
#   HAPROXY_TIMEOUT_SERVER / HAPROXY_TIMEOUT_CLIENT (300s: an upload may pause), HAPROXY_TIMEOUT_CONNECT (2s),
#   HAPROXY_BALANCE (roundrobin), HAPROXY_BIND_HOST (127.0.0.1),
#   HAPROXY_BIND_OPTIONS (added to the frontend's bind line, e.g. "ssl crt DIR/proxy.pem" to terminate TLS),
#   HAPROXY_FRONTEND_RULES (lines added to the frontend, e.g. "http-request set-header X-Forwarded-Proto https").
#
# What the configuration does, and why:
# - `option httpchk GET /healthcheck` + `http-check expect status 200`: a node that answers 503 (draining by
#   its disable_by_file_path, or shutting down) is taken out after HAPROXY_FALL failed checks; in-flight
#   requests on it are left to finish (no on-marked-down shutdown-sessions).
# - `retries` + `option redispatch 1`: a connection refused (a killed node) is retried on another node.
# - `retry-on conn-failure empty-response junk-response response-timeout 503`, with L7 retries disabled for
#   everything but GET/HEAD: a request whose connection could not be made is retried whatever its method
#   (nothing was sent), while a request that may have reached a node is replayed only when it is safe.
#   Bodies larger than HAProxy's buffer (16 KiB) are never replayed, so uploads are not retried.

HAPROXY_BIN=${HAPROXY_BIN:-/usr/sbin/haproxy}

# haproxy_write_cfg DIR FRONT_PORT NAME=HOST:PORT...: writes DIR/haproxy.cfg.
haproxy_write_cfg() {
    local dir=$1 port=$2 spec name addr
    shift 2
    mkdir -p "$dir"
    {
        cat <<EOF
global
    pidfile $dir/haproxy.pid
    stats socket $dir/haproxy.sock mode 600 level admin
    log stdout format raw local0 info
    nbthread 1
    maxconn 2000
    hard-stop-after 10s

defaults
    mode http
    log global
    option httplog
    option dontlognull
    option log-health-checks
    timeout connect ${HAPROXY_TIMEOUT_CONNECT:-2s}
    timeout client ${HAPROXY_TIMEOUT_CLIENT:-300s}
    timeout server ${HAPROXY_TIMEOUT_SERVER:-300s}
    timeout http-request 30s
    timeout http-keep-alive 10s
    timeout queue 30s
    timeout check 2s
    retries ${HAPROXY_RETRIES:-3}
    option redispatch 1
    retry-on conn-failure empty-response junk-response response-timeout 503

frontend glance_front
    bind ${HAPROXY_BIND_HOST:-127.0.0.1}:$port ${HAPROXY_BIND_OPTIONS:-}
    default_backend glance
EOF
        [[ -z ${HAPROXY_FRONTEND_RULES:-} ]] || sed 's/^ */    /' <<<"$HAPROXY_FRONTEND_RULES"
        cat <<EOF

backend glance
    balance ${HAPROXY_BALANCE:-roundrobin}
    option httpchk GET /healthcheck
    http-check expect status 200
    http-request disable-l7-retry unless METH_GET
    default-server inter ${HAPROXY_INTER:-250} fall ${HAPROXY_FALL:-2} rise ${HAPROXY_RISE:-2}
EOF
        for spec in "$@"; do
            name=${spec%%=*}
            addr=${spec#*=}
            echo "    server $name $addr check"
        done
    } >"$dir/haproxy.cfg"
    "$HAPROXY_BIN" -c -q -f "$dir/haproxy.cfg"
}

# haproxy_start DIR [TIMEOUT]: validates and starts HAProxy in the background (its own session, in the
# foreground as far as HAProxy knows, so that it logs to DIR/haproxy.log); returns 0 once the stats socket
# answers, 1 if it exited or did not answer within TIMEOUT seconds (10), printing the log's tail.
haproxy_start() {
    local dir=$1 timeout=${2:-10} t0=$SECONDS pid
    rm -f "$dir/haproxy.sock"
    setsid "$HAPROXY_BIN" -db -f "$dir/haproxy.cfg" >>"$dir/haproxy.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$dir/haproxy.pid"
    until haproxy_cmd "$dir" "show info" >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null || ((SECONDS - t0 > timeout)); then
            echo "haproxy did not start; log tail:" >&2
            tail -n 20 "$dir/haproxy.log" >&2
            return 1
        fi
        sleep 0.1
    done
}

# haproxy_stop DIR: SIGTERM to the HAProxy of DIR, waits up to 10 s, then SIGKILL. Nothing if not running.
haproxy_stop() {
    local dir=$1 pid
    pid=$(cat "$dir/haproxy.pid" 2>/dev/null) || return 0
    [[ -n $pid ]] || return 0
    kill -TERM "$pid" 2>/dev/null || { rm -f "$dir/haproxy.pid"; return 0; }
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$dir/haproxy.pid"
}

# haproxy_cmd DIR COMMAND: sends one command to the stats socket and prints the answer.
haproxy_cmd() {
    /usr/bin/python3 - "$1/haproxy.sock" "$2" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n")
out = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    out += chunk
sys.stdout.write(out.decode(errors="replace"))
EOF
}

# haproxy_servers_state DIR: `show servers state glance` (one line per server; srv_op_state 2 = running).
haproxy_servers_state() {
    haproxy_cmd "$1" "show servers state glance"
}

# haproxy_server_status DIR NAME: the server's status as `show stat` gives it: UP, DOWN, MAINT, NOLB,
# "UP 1/2" (failing, not yet down), "DOWN 1/2" (recovering, not yet up), DRAIN.
haproxy_server_status() {
    haproxy_cmd "$1" "show stat" | awk -F, -v name="$2" '$1 == "glance" && $2 == name { print $18 }'
}

# haproxy_wait_server DIR NAME STATUS TIMEOUT: until the server's status is exactly STATUS (UP, DOWN, MAINT);
# returns 1 after TIMEOUT seconds, printing the status it had.
haproxy_wait_server() {
    local dir=$1 name=$2 want=$3 timeout=$4 t0=$SECONDS status
    while :; do
        status=$(haproxy_server_status "$dir" "$name")
        [[ $status == "$want" ]] && return 0
        if ((SECONDS - t0 > timeout)); then
            echo "haproxy: server $name is '$status' after ${timeout}s, not $want" >&2
            return 1
        fi
        sleep 0.1
    done
}
