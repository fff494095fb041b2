# Sourced by tests/e2e/clients.sh: reporting, running the clients, assertions on their output, the
# service under test and the test image. Reads the globals clients.sh sets (WORK, FAILURES, URL, ...).

# ---------------------------------------------------------------------------------------------
# Reporting

FLOW=""
say() { printf '%s\n' "$*"; }
step() { printf '\n== %s: %s\n' "$FLOW" "$*"; }
ok() { printf '   ok    %s\n' "$*"; }
failure() {
    printf '   FAIL  %s\n' "$1"
    printf '%s: %s\n' "$FLOW" "$1" >>"$FAILURES"
    shift
    local line
    for line in "$@"; do printf '         %s\n' "$line"; done
}
# Stops the current step, or the flow while its image is not there (both run in subshells).
abort() {
    failure "$@"
    printf '   (rest of %s skipped)\n' "$SCOPE"
    exit 1
}
SCOPE="the flow"

# section TITLE FUNCTION: one step of a flow.
section() {
    step "$1"
    local rc=0 before
    before=$(grep -c "^$FLOW: " "$FAILURES" || true)
    set +e
    (
        set -e
        SCOPE="this step"
        "$2"
    )
    rc=$?
    set -e
    if ((rc != 0)) && (($(grep -c "^$FLOW: " "$FAILURES" || true) == before)); then
        failure "$1: the step stopped with status $rc"
    fi
    return 0
}

# ---------------------------------------------------------------------------------------------
# Running the clients

# Each flow sets its own OUT and ERR (the flows run concurrently).
OUT=""
ERR=""

show_cmd() {
    local word line="   \$"
    case $1 in gl) set -- glance "${@:2}" ;; osc) set -- openstack "${@:2}" ;; esac
    for word in "$@"; do
        [[ $word =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]] && line+=" $word" || line+=" '$word'"
    done
    say "$line"
    SHOWN=${line#   \$ }
}

# run CMD...: must exit 0; stdout in $OUT, stderr in $ERR.
run() {
    show_cmd "$@"
    local rc=0
    "$@" >"$OUT" 2>"$ERR" || rc=$?
    if ((rc == 124)); then
        abort "'$SHOWN' timed out after ${CLI_TIMEOUT}s"
    elif ((rc != 0)); then
        abort "'$SHOWN' exited with status $rc" "stdout: $(head -c 2000 "$OUT")" "stderr: $(head -c 2000 "$ERR")"
    fi
}

# run_fails CMD...: must exit non-zero; stdout in $OUT, stderr in $ERR.
run_fails() {
    show_cmd "$@"
    local rc=0
    "$@" >"$OUT" 2>"$ERR" || rc=$?
    if ((rc == 0)); then
        abort "'$SHOWN' succeeded but should have failed" "stdout: $(head -c 2000 "$OUT")"
    fi
}

# glanceclient 4.1.0 without Keystone caches the image schema in ~/.glanceclient and builds its
# argument parser from that cache on the next run; a cached schema that lists the read-only
# `stores` property (upstream Glance's does) then breaks every command with "argument --stores:
# conflicting option string". With Keystone the cache goes to a per-auth-URL directory the parser
# never reads, so dropping it before each run gives the behaviour install-guide users get.
gl() {
    rm -rf "$HOME/.glanceclient"
    timeout "$CLI_TIMEOUT" glance --os-image-url "$URL" --os-auth-token no-auth "$@"
}

osc() {
    timeout "$CLI_TIMEOUT" openstack --os-auth-type none --os-endpoint "$URL" "$@"
}
CLI_TIMEOUT=120

# table FILE: the glance table in $OUT as JSON in FILE.
table() {
    "$PY" "$HERE/table2json.py" <"$OUT" >"$1" || abort "could not parse the printed table" "$(cat "$OUT")"
}

# shellcheck source=tests/e2e/lib/json-expect.sh
source "$HERE/lib/json-expect.sh"

# expect_image_basics FILE ID NAME STATUS: the fields both clients print alike for the test image.
expect_image_basics() {
    local f=$1
    expect "$f" .id "$2"
    expect "$f" .name "$3"
    expect "$f" .status "$4"
    expect "$f" .disk_format qcow2
    expect "$f" .container_format bare
    expect "$f" .visibility "$VISIBILITY"
    expect "$f" .size "$SIZE"
    expect "$f" .virtual_size "$VIRTUAL_SIZE"
    expect "$f" .checksum "$MD5"
}

# ---------------------------------------------------------------------------------------------
# The service

service_log_tail() {
    tail -n "${1:-40}" "$SERVICE_LOG" | sed 's/^/   | /'
}

start_service() {
    local attempt
    for attempt in 1 2 3; do
        start_service_on "$(e2e_free_port 19292 700)" && return 0
        say "another process answers on port ${URL##*:}; trying another port"
        stop_service
    done
    exit 1
}

# start_service_on PORT: 0 when the service answers on PORT, 1 when another process does.
start_service_on() {
    local port=${1:?no free port in 19292-19991} conf=$WORK/glance-api.conf
    mkdir -p "$WORK/images"
    cat >"$conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $port

[database]
connection = sqlite:///$WORK/glance.sqlite

[glance_store]
stores = file,http
default_store = file
filesystem_store_datadir = $WORK/images

[paste_deploy]
flavor =
EOF
    URL="http://127.0.0.1:$port"
    say "starting $ROOT/bin/glance-api --config-file $conf (log: $SERVICE_LOG)"
    # Own process group, so that stopping it also stops whatever the launcher started.
    setsid "$ROOT/bin/glance-api" --config-file "$conf" >"$SERVICE_LOG" 2>&1 &
    SERVICE_PID=$!
    local timeout=${GLANCE_E2E_START_TIMEOUT:-240} t0=$SECONDS rc=0
    e2e_wait_answering "$URL" "$SERVICE_PID" "$timeout" "$port" || rc=$?
    case $rc in
        1) say "the service exited during startup; log tail:"; SERVICE_PID="" ;;
        2) say "the service did not answer GET $URL/versions within ${timeout}s; log tail:" ;;
        3) return 1 ;;
    esac
    if ((rc)); then
        service_log_tail
        exit 1
    fi
    say "service answers on $URL after $((SECONDS - t0))s"
}

# ---------------------------------------------------------------------------------------------
# Test image: a real qcow2 with a 64 MiB virtual disk and some data in it

make_image() {
    IMAGE=$WORK/cirros.qcow2
    qemu-img create -q -f qcow2 "$IMAGE" 64M
    if command -v qemu-io >/dev/null; then
        qemu-io -c 'write -q -P 0xab 0 1M' -c 'write -q -P 0x5c 8M 512k' "$IMAGE" >/dev/null
    fi
    SIZE=$(stat -c %s "$IMAGE")
    MD5=$(md5sum "$IMAGE" | cut -d' ' -f1)
    SHA512=$(sha512sum "$IMAGE" | cut -d' ' -f1)
    VIRTUAL_SIZE=67108864
    say "test image: $IMAGE, $SIZE bytes, virtual size $VIRTUAL_SIZE, md5 $MD5"
}

