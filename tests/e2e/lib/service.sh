# Sourced by the end-to-end scripts that start an Image service (or a database server) of their own:
# a free port, waiting until the service answers, checking that the answer is its own, and stopping its
# process group. The functions take what they need as arguments and set no variables; the messages on
# failure stay with each script.
#
# The service is expected to run in its own process group, started as `setsid COMMAND ... &` from a
# non-interactive shell, so that $! is both its pid and its process group id.

# e2e_free_port BASE SPAN: prints a port in BASE .. BASE+SPAN-1 that can be bound on 127.0.0.1.
# A random start spreads runs that overlap (two checkouts testing at once) over the range.
e2e_free_port() {
    local base=$1 span=$2 i port
    for i in $(seq 0 199); do
        port=$((base + (RANDOM + i) % span))
        if /usr/bin/python3 -c 'import socket,sys; socket.socket().bind(("127.0.0.1", int(sys.argv[1])))' \
            "$port" 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# e2e_listener_is_ours PORT PGID: the socket listening on PORT belongs to process group PGID.
e2e_listener_is_ours() {
    local pid
    for pid in $(ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | cut -d= -f2); do
        [[ $(ps -o pgid= -p "$pid" | tr -d ' ') == "$2" ]] && return 0
    done
    return 1
}

# e2e_wait_answering URL PID TIMEOUT [PORT]: polls GET URL/versions until it answers 200 or 300.
# Returns 0 then; 1 when the process PID has exited; 2 after TIMEOUT seconds; 3 when PORT is given and
# what answers on it is not in PID's process group (another program holds the port).
e2e_wait_answering() {
    local url=$1 pid=$2 timeout=$3 port=${4:-} t0=$SECONDS code
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$url/versions" || true)
        if [[ $code == 200 || $code == 300 ]]; then
            [[ -z $port ]] || e2e_listener_is_ours "$port" "$pid" || return 3
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || return 1
        if ((SECONDS - t0 > timeout)); then return 2; fi
        sleep 0.2
    done
}

# e2e_stop_group PID: SIGTERM to process group PID, up to 10 s for it to end, then SIGKILL; reaps PID.
# Nothing to do when PID is empty.
e2e_stop_group() {
    [[ -n $1 ]] || return 0
    kill -TERM -- "-$1" 2>/dev/null || true
    for _ in $(seq 50); do
        kill -0 -- "-$1" 2>/dev/null || break
        sleep 0.2
    done
    kill -KILL -- "-$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
