#!/usr/bin/env bash
# Runs VMware's vCenter simulator (vcsim, from Debian's golang-github-vmware-govmomi-dev, built offline
# with golang-go) on 127.0.0.1 for the VMware datastore store's tests: one datacenter DC0 with two local
# datastores LocalDS_0 and LocalDS_1 whose files persist in the state directory across restarts. Plain
# HTTP; tests that need TLS start the binary themselves with -tls (GLANCE_VCSIM_BIN).
#
#   scripts/vcsim.sh start   # build if needed, start (or reuse) the simulator, print the env lines
#   scripts/vcsim.sh env     # print the env lines if it runs (exit 1 if not)
#   scripts/vcsim.sh status  # exit 0 if it runs and answers
#   scripts/vcsim.sh pid     # print its pid (exit 1 if it does not run)
#   scripts/vcsim.sh stop    # stop it (datastore files are kept)
#   scripts/vcsim.sh build   # build the binary only (CI can do this while Ceph starts)
#
# Typical use:  env $(scripts/vcsim.sh start) mvn -B -q test -Dtest=VmwareStoreTest
# State lives in $GLANCE_VCSIM_DIR (default /tmp/glancej-vcsim), never in the repo; port
# $GLANCE_VCSIM_PORT (18989). Needs Debian's golang-go and golang-github-vmware-govmomi-dev, and curl.
set -euo pipefail

BASE=${GLANCE_VCSIM_DIR:-/tmp/glancej-vcsim}
PORT=${GLANCE_VCSIM_PORT:-18989}
# Throw-away credentials of a loopback-only simulator.
USER_NAME=glance
PASSWORD=vcsim-test-password
SOURCE=$(cd "$(dirname "$0")/vcsim" && pwd)/main.go
BIN=$BASE/build/vcsim
PID_FILE=$BASE/vcsim.pid
LOG=$BASE/vcsim.log

log() { echo "vcsim.sh: $*" >&2; }
die() { log "$*"; exit 1; }

build() {
    if [[ -x $BIN && $BIN -nt $SOURCE ]]; then
        return
    fi
    command -v go >/dev/null || die "go is missing (Debian's golang-go)"
    [[ -d /usr/share/gocode/src/github.com/vmware/govmomi ]] \
        || die "govmomi is missing (Debian's golang-github-vmware-govmomi-dev)"
    mkdir -p "$BASE/build"
    log "building the simulator (about a minute the first time)"
    (cd "$(dirname "$SOURCE")" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE=$BASE/gocache \
        go build -o "$BIN.tmp" main.go)
    mv "$BIN.tmp" "$BIN"
}

pid() { [[ -f $PID_FILE ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null && cat "$PID_FILE"; }

answers() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/about"; }

running() { pid >/dev/null && answers; }

print_env() {
    cat <<ENV
GLANCE_VCSIM_HOST=http://127.0.0.1:$PORT
GLANCE_VCSIM_USER=$USER_NAME
GLANCE_VCSIM_PASSWORD=$PASSWORD
GLANCE_VCSIM_DATACENTER=DC0
GLANCE_VCSIM_DATASTORE=LocalDS_0
GLANCE_VCSIM_DATASTORE2=LocalDS_1
GLANCE_VCSIM_DATA_DIR=$BASE/data/datastores
GLANCE_VCSIM_BIN=$BIN
ENV
}

start() {
    if running; then
        print_env
        return
    fi
    build
    mkdir -p "$BASE/data"
    setsid "$BIN" -listen "127.0.0.1:$PORT" -user "$USER_NAME" -password "$PASSWORD" -dir "$BASE/data" \
        </dev/null >>"$LOG" 2>&1 &
    echo $! >"$PID_FILE"
    for _ in $(seq 1 100); do
        if answers; then
            print_env
            return
        fi
        pid >/dev/null || die "the simulator exited; see $LOG"
        sleep 0.1
    done
    die "the simulator did not answer on port $PORT within 10 s; see $LOG"
}

stop() {
    local p
    if p=$(pid); then
        kill "$p"
        for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$p" 2>/dev/null && kill -9 "$p"
    fi
    rm -f "$PID_FILE"
}

case ${1:-} in
    start) start ;;
    env) running || { log "the simulator is not running (scripts/vcsim.sh start)"; exit 1; }; print_env ;;
    status) running ;;
    pid) pid || die "the simulator is not running" ;;
    stop) stop ;;
    build) build ;;
    *) echo "usage: $0 start|env|status|pid|stop|build" >&2; exit 2 ;;
esac
