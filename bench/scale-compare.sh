# shellcheck shell=bash
# Sourced by bench/scale.sh for `compare`: starts this service and upstream Glance (Debian's glance-api, one
# worker) on a data set that `bench/scale.sh build` made, both with Keystone authentication, and runs
# bench/scale_run.py against them as an admin and as a member of a project owning images. Uses DB, IMAGES and
# NAME from scale.sh.

# shellcheck source=tests/e2e/lib/service.sh
source "$ROOT/tests/e2e/lib/service.sh"
# shellcheck source=bin/lib/java-env.sh
source "$ROOT/bin/lib/java-env.sh"

CMP_WORK="" CMP_OURS_PID="" CMP_UPSTREAM_PID="" CMP_PROJECT_ID="" CMP_USER_ID="" CMP_ADMIN_TOKEN=""
CMP_RESTORE_MAP="" CMP_RESERVED=0 CMP_HOLDER_PID=""

compare_cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    e2e_stop_group "$CMP_OURS_PID"
    e2e_stop_group "$CMP_UPSTREAM_PID"
    if [[ -n $CMP_RESTORE_MAP ]]; then
        MAP=$CMP_RESTORE_MAP owners || echo "scale compare: could not give the images back to their owners" >&2
    fi
    if ((CMP_RESERVED)); then
        [[ -z $CMP_HOLDER_PID ]] || { kill "$CMP_HOLDER_PID" 2>/dev/null; wait "$CMP_HOLDER_PID" 2>/dev/null; } || true
        rm -f "$CMP_HOLD_FILE"
    fi
    if [[ -n $CMP_USER_ID ]]; then keystone_call DELETE "/users/$CMP_USER_ID" >/dev/null || true; fi
    if [[ -n $CMP_PROJECT_ID ]]; then keystone_call DELETE "/projects/$CMP_PROJECT_ID" >/dev/null || true; fi
    if ((CMP_KEEP)); then echo "work directory kept: $CMP_WORK"; elif [[ -n $CMP_WORK ]]; then rm -rf "$CMP_WORK"; fi
    exit "$rc"
}

keystone_call() { # keystone_call METHOD PATH [BODY]: an Identity API call as the admin
    local args=(-s -S -f -X "$1" -H "X-Auth-Token: $CMP_ADMIN_TOKEN" "$KEYSTONE_URL/v3$2")
    [[ -z ${3:-} ]] || args+=(-H 'Content-Type: application/json' -d "$3")
    curl "${args[@]}"
}

keystone_token() { # keystone_token USER PASSWORD PROJECT
    curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d '{"auth":{"identity":{"methods":["password"],
        "password":{"user":{"name":"'"$1"'","domain":{"id":"default"},"password":"'"$2"'"}}},
        "scope":{"project":{"name":"'"$3"'","domain":{"id":"default"}}}}}' "$KEYSTONE_URL/v3/auth/tokens" |
        tr -d '\r' | awk -F': ' 'tolower($1) == "x-subject-token" { print $2 }'
}

# a project and a member user of its own, unique to this run: the non-admin caller
make_member() {
    local name=scale-$(date +%s)-$$ role_id
    CMP_MEMBER_NAME=$name
    CMP_MEMBER_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    CMP_PROJECT_ID=$(keystone_call POST /projects \
        '{"project":{"name":"'"$name"'","domain_id":"default","description":"scale benchmark caller"}}' | jq -r .project.id)
    CMP_USER_ID=$(keystone_call POST /users \
        '{"user":{"name":"'"$name"'","domain_id":"default","password":"'"$CMP_MEMBER_PASSWORD"'"}}' | jq -r .user.id)
    role_id=$(keystone_call GET "/roles?name=member" | jq -r '.roles[0].id // empty')
    [[ -n $CMP_PROJECT_ID && -n $CMP_USER_ID && -n $role_id ]] || { echo "scale compare: Keystone setup failed" >&2; return 1; }
    keystone_call PUT "/projects/$CMP_PROJECT_ID/users/$CMP_USER_ID/roles/$role_id" >/dev/null
}

write_configs() {
    local url=$1 auth
    if ((CMP_KEYSTONE)); then
        auth=$(printf '[paste_deploy]\nflavor = keystone\n\n[keystone_authtoken]\nwww_authenticate_uri = %s\nauth_url = %s
auth_type = password\nproject_domain_name = Default\nuser_domain_name = Default\nproject_name = service
username = glance\npassword = %s\n' "$KEYSTONE_URL" "$KEYSTONE_URL" "$GLANCE_PASSWORD")
    else
        auth=$(printf '[paste_deploy]\nflavor =\n')
    fi
    mkdir -p "$CMP_WORK/images" "$CMP_WORK/lock"
    cat >"$CMP_WORK/glance-api.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1

[database]
connection = $url

$auth

[glance_store]
stores = file
default_store = file
filesystem_store_datadir = $CMP_WORK/images
EOF_CONF
    printf '[DEFAULT]\nbind_port = %s\n' "$CMP_OURS_PORT" >"$CMP_WORK/ours.conf"
    printf '[DEFAULT]\nbind_port = %s\nworkers = 1\nlog_file = %s\n\n[oslo_concurrency]\nlock_path = %s\n' \
        "$CMP_UPSTREAM_PORT" "$CMP_WORK/upstream.log" "$CMP_WORK/lock" >"$CMP_WORK/upstream.conf"
    # upstream finds its paste file beside the last --config-file, named after it
    cp /etc/glance/glance-api-paste.ini "$CMP_WORK/glance-api-paste.ini"
}

start_services() {
    GLANCEJ_JAVA_HOME=$(glancej_find_java)
    glancej_ensure_built
    setsid env GLANCEJ_SKIP_BUILD=1 "$ROOT/bin/glance-api" --config-file "$CMP_WORK/ours.conf" \
        --config-file "$CMP_WORK/glance-api.conf" >"$CMP_WORK/ours.log" 2>&1 &
    CMP_OURS_PID=$!
    if ((CMP_UPSTREAM)); then
        setsid /usr/bin/glance-api --config-file "$CMP_WORK/upstream.conf" --config-file "$CMP_WORK/glance-api.conf" \
            >"$CMP_WORK/upstream.out" 2>&1 &
        CMP_UPSTREAM_PID=$!
    fi
    local side pid port waited
    for side in ours upstream; do
        [[ $side == ours ]] && pid=$CMP_OURS_PID port=$CMP_OURS_PORT || pid=$CMP_UPSTREAM_PID port=$CMP_UPSTREAM_PORT
        [[ -n $pid ]] || continue
        waited=0
        e2e_wait_answering "http://127.0.0.1:$port" "$pid" 180 "$port" || waited=$?
        if ((waited)); then
            echo "scale compare: $side did not start (wait: $waited)" >&2
            tail -n 30 "$CMP_WORK/$side".{log,out} 2>/dev/null >&2 || true
            return 1
        fi
    done
}

compare() {
    local url owner0 run_args=() callers=() endpoints=()
    CMP_UPSTREAM=1 CMP_KEYSTONE=1 CMP_KEEP=0
    [[ $DB == sqlite ]] && CMP_UPSTREAM=0
    CMP_HOLD_FILE=
    while (($#)); do
        case $1 in
            --no-upstream) CMP_UPSTREAM=0; shift ;;
            --upstream) CMP_UPSTREAM=1; shift ;;
            --no-keystone) CMP_KEYSTONE=0; shift ;;
            --keep) CMP_KEEP=1; shift ;;
            --hold-file) CMP_HOLD_FILE=$2; shift 2 ;;
            --samples | --min-samples | --time-box | --block | --only | --json-out | --target-ms | --warmup-seconds)
                run_args+=("$1" "$2"); shift 2 ;;
            --keep-alive) run_args+=("$1"); shift ;;
            *) echo "scale compare: unknown option $1" >&2; exit 2 ;;
        esac
    done
    url=$(connection "$DB" "$NAME")
    owner0=$(sql_db "$DB" "$url" "$NAME" "SELECT owner FROM images WHERE name = 'img-0000008'") || true
    [[ -n $owner0 ]] || { echo "scale compare: no data set in $NAME: run bench/scale.sh build first" >&2; exit 2; }
    CMP_WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-scale-compare.XXXXXX")
    trap compare_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    CMP_OURS_PORT=$(e2e_free_port 20100 50) && CMP_UPSTREAM_PORT=$(e2e_free_port 20150 50) \
        || { echo "scale compare: no free port in 20100-20199" >&2; exit 1; }
    # held from before the owners are remapped until after they are given back: two runs on one data set
    # must not remap it under each other
    if [[ -n $CMP_HOLD_FILE ]]; then
        while [[ -e $CMP_HOLD_FILE ]]; do sleep 20; done
        CMP_RESERVED=1
        # held, not just created: another run's clean-up may remove the file meanwhile
        (while :; do touch "$CMP_HOLD_FILE"; sleep 5; done) &
        CMP_HOLDER_PID=$!
    fi
    if ((CMP_KEYSTONE)); then
        local kenv
        kenv=$("$ROOT/scripts/keystone.sh" env) || { echo "scale compare: no Keystone (scripts/keystone.sh start)" >&2; exit 2; }
        KEYSTONE_URL=$(sed -n 's/^GLANCE_KEYSTONE_URL=//p' <<<"$kenv")
        GLANCE_PASSWORD=$(sed -n 's/^GLANCE_KEYSTONE_GLANCE_PASSWORD=//p' <<<"$kenv")
        local openrc admin_user admin_password admin_project
        openrc=$(sed -n 's/^GLANCE_KEYSTONE_ADMIN_OPENRC=//p' <<<"$kenv")
        admin_user=$(sed -n 's/^export OS_USERNAME=//p' "$openrc")
        admin_password=$(sed -n 's/^export OS_PASSWORD=//p' "$openrc")
        admin_project=$(sed -n 's/^export OS_PROJECT_NAME=//p' "$openrc")
        CMP_ADMIN_TOKEN=$(keystone_token "$admin_user" "$admin_password" "$admin_project")
        [[ -n $CMP_ADMIN_TOKEN ]] || { echo "scale compare: Keystone issued no admin token" >&2; exit 1; }
        make_member
        # the images of the data set's first owner (and the members naming it) become the new project's
        MAP="$owner0=$CMP_PROJECT_ID" owners
        CMP_RESTORE_MAP="$CMP_PROJECT_ID=$owner0"
        callers=(--keystone "$KEYSTONE_URL" --caller "admin=password:$admin_user:$admin_password:$admin_project"
            --caller "member=password:$CMP_MEMBER_NAME:$CMP_MEMBER_PASSWORD:$CMP_MEMBER_NAME")
    fi
    write_configs "$url"
    start_services
    endpoints=(--endpoint "ours=http://127.0.0.1:$CMP_OURS_PORT" --pid "ours=$CMP_OURS_PID")
    ((CMP_UPSTREAM)) && endpoints+=(--endpoint "upstream=http://127.0.0.1:$CMP_UPSTREAM_PORT" --pid "upstream=$CMP_UPSTREAM_PID")
    local db_pid=""
    case $DB in
        mariadb) db_pid=$(cat "$SCALE_DIR/mariadb/mariadbd.pid" 2>/dev/null || true) ;;
        postgresql) db_pid=$(head -n 1 "$SCALE_DIR/postgresql/data/postmaster.pid" 2>/dev/null || true) ;;
    esac
    [[ -z $db_pid ]] || endpoints+=(--pid "db=$db_pid")
    echo "scale compare: $IMAGES images, $DB database $NAME; ours on :$CMP_OURS_PORT" \
        "$( ((CMP_UPSTREAM)) && echo "upstream $(dpkg-query -W -f='${Version}' glance-api 2>/dev/null) on :$CMP_UPSTREAM_PORT")" \
        "$( ((CMP_KEYSTONE)) && echo "Keystone $KEYSTONE_URL, member project $CMP_PROJECT_ID")"
    local rc=0
    "$PY" "$HERE/scale_run.py" "${endpoints[@]}" "${callers[@]}" --images "$IMAGES" "${run_args[@]}" || rc=$?
    return "$rc"
}
