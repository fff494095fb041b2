# shellcheck shell=bash
# The service the import end-to-end scripts run (sourced after lib/service.sh): the built bin/glance-api on
# loopback without authentication, with its own SQLite database, two file stores `a` (the default) and `b`, a
# staging store and a tasks store, all under one work directory. A script may restart it on the same directory
# (after a kill -9, say) as often as it likes.
#
#   import_service_configure WORK PORT [EXTRA]  writes WORK/glance-api.conf (EXTRA is appended: more sections)
#   import_service_start                        starts it, waits until it answers; sets IMPORT_SERVICE_PID
#   import_service_kill                         SIGKILL to the service's own process, not its group: whatever it
#                                               started must end by itself, as after a real crash
#   import_service_stop                         SIGTERM to its process group, SIGKILL after 10 s
#
# IMPORT_SERVICE_URL is the service's address; its log is WORK/glance-api.log.

IMPORT_SERVICE_PID=""
IMPORT_SERVICE_URL=""
IMPORT_SERVICE_WORK=""
IMPORT_SERVICE_PORT=""

import_service_configure() {
    local work=$1 port=$2 extra=${3:-}
    IMPORT_SERVICE_WORK=$work IMPORT_SERVICE_PORT=$port IMPORT_SERVICE_URL=http://127.0.0.1:$port
    mkdir -p "$work/a" "$work/b" "$work/staging" "$work/tasks"
    cat >"$work/glance-api.conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $port
enabled_backends = a:file, b:file

[database]
connection = sqlite:///$work/glance.sqlite

[glance_store]
default_backend = a

[a]
filesystem_store_datadir = $work/a

[b]
filesystem_store_datadir = $work/b

[os_glance_staging_store]
filesystem_store_datadir = $work/staging

[os_glance_tasks_store]
filesystem_store_datadir = $work/tasks

[paste_deploy]
flavor =

$extra
EOF
}

import_service_start() {
    local root started=0
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
    setsid "$root/bin/glance-api" --config-file "$IMPORT_SERVICE_WORK/glance-api.conf" \
        >>"$IMPORT_SERVICE_WORK/glance-api.log" 2>&1 &
    IMPORT_SERVICE_PID=$!
    e2e_wait_answering "$IMPORT_SERVICE_URL" "$IMPORT_SERVICE_PID" "${GLANCE_E2E_START_TIMEOUT:-240}" \
        "$IMPORT_SERVICE_PORT" || started=$?
    if ((started != 0)); then
        echo "the service did not start (wait status $started); log tail:"
        tail -n 30 "$IMPORT_SERVICE_WORK/glance-api.log"
        return 1
    fi
}

import_service_kill() {
    [[ -n $IMPORT_SERVICE_PID ]] || return 0
    kill -KILL "$IMPORT_SERVICE_PID" 2>/dev/null || true
    wait "$IMPORT_SERVICE_PID" 2>/dev/null || true
    IMPORT_SERVICE_PID=""
}

import_service_stop() {
    e2e_stop_group "$IMPORT_SERVICE_PID"
    IMPORT_SERVICE_PID=""
}
