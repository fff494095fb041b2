# Sourced by the end-to-end tests that need the install guide's deployment: Keystone and MariaDB from
# scripts/keystone.sh, and the Image service started with the guide's glance-api.conf on the port the
# catalog names. The caller sets ROOT (the repository), WORK (its work directory) and KEEP, and calls
# guide_exit_traps once (or guide_stop from an exit trap of its own).
#
#   GLANCE_E2E_API_COMMAND     the glance-api to run (default: $ROOT/bin/glance-api); e.g.
#                              /usr/bin/glance-api runs upstream Glance on the same files
#   GLANCE_E2E_MANAGE_COMMAND  its glance-manage (default: glance-manage beside GLANCE_E2E_API_COMMAND)
#   GLANCE_E2E_START_TIMEOUT   seconds to wait for the service to answer (default 240)
#
# Keystone is started when it is not running, and then stopped again by guide_stop.
#
# GUIDE_GLANCE_STORE, when set before guide_glance_start, replaces the options of the guide's
# [glance_store] section (its file store); a later --config-file could not override them.

# shellcheck source=tests/e2e/lib/service.sh
source "$ROOT/tests/e2e/lib/service.sh"

GUIDE_API=${GLANCE_E2E_API_COMMAND:-$ROOT/bin/glance-api}
GUIDE_MANAGE=${GLANCE_E2E_MANAGE_COMMAND:-$(dirname "$GUIDE_API")/glance-manage}
GUIDE_SERVICE_PID=""
GUIDE_GLANCE_UP=0
GUIDE_STARTED_KEYSTONE=0
GUIDE_STOPPED_KEYSTONE=0

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

# guide_glance_start [CONF...]: the Image service install guide's "install and configure" steps on an
# empty glance database: glance-api.conf (hosts, ports, passwords and paths adapted), glance-manage
# db_sync, then glance-api, with each CONF as a further --config-file. The CONF files come first and
# may only add options the guide's file does not set: upstream's glance-api looks for its paste file
# under the name of the last --config-file (glance-api.conf -> glance-api-paste.ini).
# Sets GLANCE_URL, GLANCE_CONF and GLANCE_LOG.
guide_glance_start() {
    guide_glance_configure && guide_glance_launch "$@"
}

# guide_glance_restart [CONF...]: stops the service and starts it again on the same database and
# image files, with the guide's glance-api.conf followed by the given CONF files.
guide_glance_restart() {
    guide_glance_stop
    GUIDE_GLANCE_UP=0
    guide_glance_launch "$@"
}

guide_glance_configure() {
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
    GLANCE_CONF=$conf
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
${GUIDE_GLANCE_STORE:-stores = file,http
default_store = file
filesystem_store_datadir = $WORK/images/}
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
}

# guide_glance_launch [CONF...]: starts glance-api on the configured files and waits until it answers.
guide_glance_launch() {
    local port=${GLANCE_URL##*:} args=() extra
    for extra in "$@"; do args+=(--config-file "$extra"); done
    args+=(--config-file "$GLANCE_CONF")
    guide_log "\$ $GUIDE_API ${args[*]}    (log: $GLANCE_LOG)"
    printf '=== %s %s %s\n' "$(date -u +%FT%TZ)" "$GUIDE_API" "${args[*]}" >>"$GLANCE_LOG"
    # Own process group: stopping it also stops the workers or whatever the launcher started.
    setsid "$GUIDE_API" "${args[@]}" >>"$GLANCE_LOG" 2>&1 &
    GUIDE_SERVICE_PID=$!
    local timeout=${GLANCE_E2E_START_TIMEOUT:-240} t0=$SECONDS started=0
    e2e_wait_answering "$GLANCE_URL" "$GUIDE_SERVICE_PID" "$timeout" "$port" || started=$?
    case $started in
        1) guide_log "the service exited during startup; log tail:"; GUIDE_SERVICE_PID="" ;;
        2) guide_log "the service did not answer GET $GLANCE_URL/versions within ${timeout}s; log tail:" ;;
        3) guide_log "another program answers on port $port; log tail:" ;;
    esac
    if ((started)); then
        tail -n 40 "$GLANCE_LOG" | sed 's/^/   | /'
        return 1
    fi
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
    e2e_stop_group "$GUIDE_SERVICE_PID"
    GUIDE_SERVICE_PID=""
}

# --------------------------------------------------------------------------------------------------
# Keystone's API, for tests that need more users, projects or tokens than the guide's.

# guide_token_request BODY-JSON: POST /v3/auth/tokens; prints the token, leaves the answer in
# $WORK/token.json. Fails when Keystone issues none.
guide_token_request() {
    local token
    token=$(curl -s -D - -o "$WORK/token.json" -H 'Content-Type: application/json' -d "$1" \
        "$GLANCE_KEYSTONE_URL/v3/auth/tokens" | tr -d '\r' |
        awk -F': ' 'tolower($1) == "x-subject-token" { print $2 }')
    if [[ -z $token ]]; then
        guide_log "Keystone issued no token: $(head -c 300 "$WORK/token.json")" >&2
        return 1
    fi
    printf '%s\n' "$token"
}

# guide_token USER PASSWORD [PROJECT]: a token of a Default-domain user, scoped to PROJECT (by name), or
# system-scoped when PROJECT is "system".
guide_token() {
    local scope
    case ${3:-} in
        '') scope='' ;;
        system) scope=',"scope":{"system":{"all":true}}' ;;
        *) scope=',"scope":{"project":{"name":"'$3'","domain":{"id":"default"}}}' ;;
    esac
    guide_token_request '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"'"$1"'",'`
        `'"domain":{"id":"default"},"password":"'"$2"'"}}}'"$scope"'}}'
}

# guide_identity ADMIN-TOKEN METHOD PATH [BODY-JSON]: an Identity API call; the answer on stdout.
guide_identity() {
    local args=(-s -S -f -X "$2" -H "X-Auth-Token: $1" "$GLANCE_KEYSTONE_URL/v3$3")
    [[ -z ${4:-} ]] || args+=(-H 'Content-Type: application/json' -d "$4")
    curl "${args[@]}" || { guide_log "Identity API: $2 $3 failed" >&2; return 1; }
}

# guide_ensure_user ADMIN-TOKEN PROJECT USER PASSWORD ROLE: the project and user (Default domain) exist,
# created when missing, and USER has ROLE on PROJECT. Prints the project's id. Idempotent: the deployment
# keeps its users from one run to the next.
guide_ensure_user() {
    local admin=$1 project=$2 user=$3 password=$4 role=$5 project_id user_id role_id
    project_id=$(guide_identity "$admin" GET "/projects?domain_id=default&name=$project" | jq -r '.projects[0].id // empty')
    if [[ -z $project_id ]]; then
        project_id=$(guide_identity "$admin" POST /projects \
            '{"project":{"name":"'"$project"'","domain_id":"default","description":"test project"}}' | jq -r .project.id)
    fi
    user_id=$(guide_identity "$admin" GET "/users?domain_id=default&name=$user" | jq -r '.users[0].id // empty')
    if [[ -z $user_id ]]; then
        user_id=$(guide_identity "$admin" POST /users \
            '{"user":{"name":"'"$user"'","domain_id":"default","password":"'"$password"'"}}' | jq -r .user.id)
    fi
    role_id=$(guide_identity "$admin" GET "/roles?name=$role" | jq -r '.roles[0].id // empty')
    if [[ -z $project_id || -z $user_id || -z $role_id ]]; then
        guide_log "could not set up $user with role $role on $project" >&2
        return 1
    fi
    guide_identity "$admin" PUT "/projects/$project_id/users/$user_id/roles/$role_id" >/dev/null
    printf '%s\n' "$project_id"
}

guide_admin_token() {
    guide_token admin "$(source "$GLANCE_KEYSTONE_ADMIN_OPENRC" && echo "$OS_PASSWORD")" admin
}

# guide_catalog_point_at URL: every endpoint of the image service (public, internal, admin) to URL. A test
# that moves them puts them back with `guide_catalog_point_at "$GLANCE_KEYSTONE_IMAGE_URL"` when it exits.
guide_catalog_point_at() {
    local admin service endpoint
    admin=$(guide_admin_token) || return 1
    service=$(guide_identity "$admin" GET "/services?type=image" | jq -r '.services[0].id // empty')
    [[ -n $service ]] || { guide_log "no image service in the catalog" >&2; return 1; }
    for endpoint in $(guide_identity "$admin" GET "/endpoints?service_id=$service" | jq -r '.endpoints[].id'); do
        guide_identity "$admin" PATCH "/endpoints/$endpoint" "{\"endpoint\": {\"url\": \"$1\"}}" >/dev/null || return 1
    done
}

# guide_catalog_urls: the URLs of the image service's endpoints, one line each
guide_catalog_urls() {
    local admin service
    admin=$(guide_admin_token) || return 1
    service=$(guide_identity "$admin" GET "/services?type=image" | jq -r '.services[0].id // empty')
    guide_identity "$admin" GET "/endpoints?service_id=$service" | jq -r '[.endpoints[].url] | unique | .[]'
}

# guide_keystone_down: stops Keystone (uwsgi) but not its MariaDB; guide_keystone_up (or guide_stop)
# starts it again.
guide_keystone_down() {
    GUIDE_STOPPED_KEYSTONE=1
    "$ROOT/scripts/keystone.sh" stop-keystone
}

guide_keystone_up() {
    "$ROOT/scripts/keystone.sh" start >/dev/null && GUIDE_STOPPED_KEYSTONE=0
}

# guide_stop: stops the Image service, and Keystone if guide_keystone started it (and starts it again if
# guide_keystone_down stopped it).
guide_stop() {
    guide_glance_stop
    if ((GUIDE_STARTED_KEYSTONE)); then
        "$ROOT/scripts/keystone.sh" stop || true
        GUIDE_STARTED_KEYSTONE=0
    elif ((GUIDE_STOPPED_KEYSTONE)); then
        guide_keystone_up || true
    fi
}

# guide_exit_traps [HOOK]: on exit, run HOOK (a function) if given, guide_stop, and remove $WORK unless
# $KEEP; the script's exit status is kept. Interrupts exit with 130/143.
guide_exit_traps() {
    GUIDE_EXIT_HOOK=${1:-}
    trap guide_on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

guide_on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $GUIDE_EXIT_HOOK ]]; then "$GUIDE_EXIT_HOOK" || true; fi
    guide_stop
    if ((KEEP)); then
        echo "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
