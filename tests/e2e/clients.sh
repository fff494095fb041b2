#!/usr/bin/env bash
# End-to-end test: drives the Image service with the real `glance` (python-glanceclient) and
# `openstack` (python-openstackclient) command-line clients, following the install guide's
# "verify operation" flow, in no-auth mode. See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: tests/e2e/clients.sh [--endpoint URL] [--visibility public|shared|private|community] [--keep]

  (default)        build if needed and start bin/glance-api on a free port with a throw-away
                   SQLite database and file store; stop it and remove everything on exit
  --endpoint URL   test an already running, unauthenticated service instead (e.g. upstream Glance);
                   the images this test creates there are deleted again on exit
  --visibility V   visibility of the test images (default: public, as in the install guide)
  --keep           keep the work directory (service log, config, client output) for inspection

Environment: GLANCE_E2E_START_TIMEOUT (seconds to wait for the service, default 240).
EOF
}

ENDPOINT=""
VISIBILITY=public
KEEP=0
while (($#)); do
    case $1 in
        --endpoint) ENDPOINT=${2:?--endpoint needs a URL}; shift 2 ;;
        --endpoint=*) ENDPOINT=${1#*=}; shift ;;
        --visibility) VISIBILITY=${2:?--visibility needs a value}; shift 2 ;;
        --visibility=*) VISIBILITY=${1#*=}; shift ;;
        --keep) KEEP=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
case $VISIBILITY in public | shared | private | community) ;; *) usage >&2; exit 2 ;; esac
ENDPOINT=${ENDPOINT%/}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
# The clients are Debian's packages; an earlier python3 on PATH (pyenv, venv) lacks their modules.
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
PY=/usr/bin/python3
e2e_need_tools clients.sh glance openstack qemu-img jq curl cmp md5sum sha512sum ss setsid timeout "$PY"
# A user's cloud settings must not redirect the clients to Keystone.
e2e_unset_os_env

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-e2e.XXXXXX")
# Private HOME: the clients cache schemas and plugin lists there.
export HOME="$WORK/home"
mkdir -p "$HOME"
FAILURES="$WORK/failures"
: >"$FAILURES"
CREATED="$WORK/created-ids"
: >"$CREATED"
SERVICE_PID=""
FLOW_PIDS=()
SERVICE_LOG="$WORK/glance-api.log"
URL=""
START=$SECONDS

stop_service() {
    e2e_stop_group "$SERVICE_PID"
    SERVICE_PID=""
}

descendants() {
    local child
    for child in $(ps -o pid= --ppid "$1"); do
        echo "$child"
        descendants "$child"
    done
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    local pid tree=()
    for pid in "${FLOW_PIDS[@]}"; do
        # a flow and all its processes (steps run in subshells, client calls under `timeout`)
        tree+=($(descendants "$pid") "$pid")
    done
    ((${#tree[@]})) && kill -TERM "${tree[@]}" 2>/dev/null || true
    for pid in "${FLOW_PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n $ENDPOINT && -s $CREATED ]]; then
        # Leave a shared service as we found it, also after a failure.
        while read -r id; do
            curl -s -o /dev/null -X DELETE "$URL/v2/images/$id" || true
        done <"$CREATED"
    fi
    stop_service
    if ((KEEP)); then
        echo "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck source=tests/e2e/lib/clients-checks.sh
source "$HERE/lib/clients-checks.sh"
# shellcheck source=tests/e2e/lib/clients-glance-flow.sh
source "$HERE/lib/clients-glance-flow.sh"
# shellcheck source=tests/e2e/lib/clients-osc-flow.sh
source "$HERE/lib/clients-osc-flow.sh"

# ---------------------------------------------------------------------------------------------

RUN=$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
if [[ -n $ENDPOINT ]]; then
    URL=$ENDPOINT
    code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/versions" || true)
    [[ $code == 200 || $code == 300 ]] || { say "no Image service answers GET $URL/versions (got '$code')"; exit 1; }
    say "testing the running service at $URL"
else
    start_service
fi
say "glance $(glance --version 2>&1), $(openstack --version 2>&1), visibility $VISIBILITY"
make_image

# The two flows are independent (own images, own client HOME) and run side by side; their output
# is shown once both are done.
say "running the glance and openstack flows ..."
for flow in glance_flow osc_flow; do
    (
        set -e
        "$flow"
    ) >"$WORK/$flow.log" 2>&1 &
    FLOW_PIDS+=($!)
done
flows=(glance openstack)
for i in "${!FLOW_PIDS[@]}"; do
    rc=0
    wait "${FLOW_PIDS[$i]}" || rc=$?
    if ((rc != 0)) && ! grep -q "^${flows[$i]}: " "$FAILURES"; then
        echo "${flows[$i]}: the flow stopped with status $rc" >>"$FAILURES"
    fi
done
FLOW_PIDS=()
cat "$WORK/glance_flow.log" "$WORK/osc_flow.log"

say ""
if [[ -s $FAILURES ]]; then
    say "FAILED ($(wc -l <"$FAILURES") problems, $((SECONDS - START))s):"
    sed 's/^/  - /' "$FAILURES"
    if [[ -n $SERVICE_PID ]]; then
        say ""
        say "service log tail ($SERVICE_LOG):"
        service_log_tail
    fi
    exit 1
fi
say "PASSED: glance and openstack image flows against $URL in $((SECONDS - START))s"
