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
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
# The clients are Debian's packages; an earlier python3 on PATH (pyenv, venv) lacks their modules.
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
PY=/usr/bin/python3
for tool in glance openstack qemu-img jq curl cmp md5sum sha512sum ss setsid timeout "$PY"; do
    command -v "$tool" >/dev/null || { echo "clients.sh: '$tool' not found" >&2; exit 2; }
done
# A user's cloud settings must not redirect the clients to Keystone.
for var in $(compgen -e); do
    case $var in OS_*) unset "$var" ;; esac
done

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

# ---------------------------------------------------------------------------------------------
# Assertions on JSON documents (the osc output, or a glance table turned into JSON)

# get FILE JQ: the value, strings raw, everything else as compact JSON, "<absent>" when missing.
get() {
    jq -r "try ($2) catch \"<error>\" | if type == \"string\" then . elif . == null then \"<absent/null>\" else tojson end" "$1"
}

expect() { # expect FILE JQ EXPECTED [WHAT]
    local got
    got=$(get "$1" "$2")
    if [[ $got == "$3" ]]; then
        ok "${4:-$2} = $3"
    else
        failure "${4:-$2}: expected '$3', got '$got'"
    fi
}

expect_match() { # expect_match FILE JQ REGEX [WHAT]
    local got
    got=$(get "$1" "$2")
    if [[ $got =~ $3 ]]; then
        ok "${4:-$2} = $got"
    else
        failure "${4:-$2}: expected to match /$3/, got '$got'"
    fi
}

expect_keys() { # expect_keys FILE JQ KEY... (exactly these keys in the object at JQ)
    local file=$1 path=$2
    shift 2
    local want got missing extra
    want=$(printf '%s\n' "$@" | sort)
    got=$(jq -r "try ($path | keys[]) catch \"<not an object>\"" "$file" | sort)
    if [[ $want == "$got" ]]; then
        ok "fields of $path: $(echo $got)"
    else
        missing=$(comm -23 <(echo "$want") <(echo "$got") | xargs)
        extra=$(comm -13 <(echo "$want") <(echo "$got") | xargs)
        failure "fields of $path differ" "missing: ${missing:-none}" "unexpected: ${extra:-none}"
    fi
}

expect_text() { # expect_text FILE EXPECTED-LINE [WHAT]: FILE contains the line
    if grep -qxF -- "$2" "$1"; then
        ok "${3:-output} says: $2"
    else
        failure "${3:-output}: expected a line '$2'" "got: $(head -c 1000 "$1")"
    fi
}

same_bytes() { # same_bytes FILE
    if cmp -s "$IMAGE" "$1"; then
        ok "downloaded bytes identical to $(basename "$IMAGE") ($(stat -c %s "$1") bytes)"
    else
        failure "downloaded data differs from the upload" "$(cmp "$IMAGE" "$1" 2>&1 || true)" \
            "sizes: uploaded $(stat -c %s "$IMAGE"), downloaded $(stat -c %s "$1" 2>/dev/null || echo none)"
    fi
}

UUID_RE='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
TIME_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'

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

# Fields glanceclient prints for an image: the image document minus self, file, schema (and
# access); direct_url, locations and stores appear only when the operator enables them.
GLANCE_FIELDS=(checksum container_format created_at disk_format id min_disk min_ram name
    os_hash_algo os_hash_value os_hidden owner protected size status tags updated_at
    virtual_size visibility)

hint_visibility() {
    if grep -q 'publicize_image' "$ERR" 2>/dev/null; then
        say "   hint: the service refuses to make images public without authentication (upstream"
        say "         Glance's no-auth context has no roles); use --visibility shared to test it"
    fi
}

# Checks an image as the glance CLI prints it (JSON from table()).
check_glance_image() { # FILE NAME STATUS
    local f=$1
    expect "$f" .id "$GID"
    expect "$f" .name "$2"
    expect "$f" .status "$3"
    expect "$f" .disk_format qcow2
    expect "$f" .container_format bare
    expect "$f" .visibility "$VISIBILITY"
    expect "$f" .size "$SIZE"
    expect "$f" .virtual_size "$VIRTUAL_SIZE"
    expect "$f" .checksum "$MD5"
    expect "$f" .os_hash_algo sha512
    expect "$f" .os_hash_value "$SHA512"
    expect "$f" .min_disk 0
    expect "$f" .min_ram 0
    expect "$f" .protected False
    expect "$f" .os_hidden False
    expect "$f" .owner None
    expect_match "$f" .created_at "$TIME_RE"
    expect_match "$f" .updated_at "$TIME_RE"
}

# ---------------------------------------------------------------------------------------------
# glance CLI flow: the image is created in the flow, each later step runs on its own (a failed
# step is reported and the next one still runs)

glance_show() { # image-show
    local f
    run gl image-show --max-column-width 1000 "$GID"
    table "$WORK/g-show.json"
    if cmp -s <(jq -S . "$WORK/g-create.json") <(jq -S . "$WORK/g-show.json"); then
        ok "image-show prints exactly what image-create printed"
    else
        failure "image-show differs from image-create" \
            "$(diff <(jq -S . "$WORK/g-create.json") <(jq -S . "$WORK/g-show.json") | grep '^[<>]' | head -20 | tr '\n' ' ')"
    fi
}

glance_document() { # image document the clients parse (GET /v2/images/ID)
    local f
    f=$WORK/g-raw.json
    show_cmd curl -s "$URL/v2/images/$GID"
    curl -s "$URL/v2/images/$GID" >"$f"
    jq -e 'type == "object"' "$f" >/dev/null 2>&1 || abort "not a JSON object" "$(head -c 1000 "$f")"
    expect_keys "$f" . "${GLANCE_FIELDS[@]}" file schema self
    expect "$f" .self "/v2/images/$GID"
    expect "$f" .file "/v2/images/$GID/file"
    expect "$f" .schema /v2/schemas/image
    expect "$f" '.owner == null' true 'owner is null'
    expect "$f" '[.size, .virtual_size, .min_disk, .min_ram] | map(type)' '["number","number","number","number"]' \
        'size, virtual_size, min_disk, min_ram are numbers'
    expect "$f" '[.protected, .os_hidden] | map(type)' '["boolean","boolean"]' 'protected, os_hidden are booleans'
}

glance_list() { # image-list
    local f
    run gl --verbose image-list --property-filter "name=$name"
    f=$WORK/g-list.json
    table "$f"
    expect "$f" 'length' 1 'images listed with name filter'
    expect_keys "$f" '.[0]' ID Name Disk_format Container_format Size Status Owner
    expect "$f" '.[0].ID' "$GID"
    expect "$f" '.[0].Name' "$name"
    expect "$f" '.[0].Disk_format' qcow2
    expect "$f" '.[0].Container_format' bare
    expect "$f" '.[0].Size' "$SIZE"
    expect "$f" '.[0].Status' active
    expect "$f" '.[0].Owner' ''
    if [[ -z $ENDPOINT ]]; then
        run gl image-list
        table "$f"
        expect "$f" "[.[] | select(.ID == \"$GID\") | .Name]" "[\"$name\"]" 'unfiltered image-list has the image'
    fi
}

glance_download() { # image-download
    local f
    run gl image-download --file "$WORK/g-download" "$GID"
    same_bytes "$WORK/g-download"
}

glance_update() { # image-update --name --property
    local f
    run gl image-update --name "$name2" --property os_distro=cirros "$GID"
    f=$WORK/g-update.json
    table "$f"
    expect_keys "$f" . "${GLANCE_FIELDS[@]}" os_distro
    check_glance_image "$f" "$name2" active
    expect "$f" .os_distro cirros
    expect "$f" .created_at "$(get "$WORK/g-create.json" .created_at)" 'created_at unchanged'
}

glance_tag_update() { # image-tag-update
    local f
    run gl image-tag-update "$GID" mytag
    f=$WORK/g-tag.json
    table "$f"
    expect "$f" 'map(keys)' '[["ID","Tags"]]' 'columns'
    expect "$f" '.[0].ID' "$GID"
    expect "$f" '.[0].Tags' "['mytag']"
}

glance_tag_delete_deactivate() { # image-tag-delete, image-deactivate
    local f
    run gl image-tag-delete "$GID" mytag
    run gl image-deactivate "$GID"
    run gl image-show --max-column-width 1000 "$GID"
    f=$WORK/g-deactivated.json
    table "$f"
    expect "$f" .tags '[]'
    expect "$f" .status deactivated
    expect "$f" .name "$name2"
    expect "$f" .os_distro cirros
    # Upstream refuses the download of a deactivated image unless the context is admin, which
    # the no-auth context is.
    run gl image-download --file "$WORK/g-download2" "$GID"
    same_bytes "$WORK/g-download2"
}

glance_reactivate() { # image-reactivate
    local f
    run gl image-reactivate "$GID"
    run gl image-show --max-column-width 1000 "$GID"
    f=$WORK/g-reactivated.json
    table "$f"
    check_glance_image "$f" "$name2" active
}

glance_members() { # member-create, member-list, member-update, member-get, member-delete
    local f mid mname="members-e2e-$RUN"
    # A shared image of its own, without data: only shared images have members.
    run gl image-create --name "$mname" --visibility shared --disk-format raw --container-format bare
    f=$WORK/g-mimage.json
    table "$f"
    mid=$(get "$f" .id)
    [[ $mid =~ $UUID_RE ]] || abort "image-create printed no image id" "$(cat "$OUT")"
    echo "$mid" >>"$CREATED"
    run gl member-create "$mid" alt-project
    f=$WORK/g-member-create.json
    table "$f"
    expect "$f" '.' "[{\"Image ID\":\"$mid\",\"Member ID\":\"alt-project\",\"Status\":\"pending\"}]" \
        'member-create table'
    run gl member-list --image-id "$mid"
    table "$WORK/g-member-list.json"
    expect "$WORK/g-member-list.json" '.' "$(jq -c . "$f")" 'member-list lists the member'
    run gl member-update "$mid" alt-project accepted
    table "$f"
    expect "$f" '.[0].Status' accepted 'member-update'
    run gl member-get "$mid" alt-project
    f=$WORK/g-member-get.json
    table "$f"
    expect_keys "$f" . created_at image_id member_id schema status updated_at
    expect "$f" .status accepted
    expect "$f" .schema /v2/schemas/member
    expect_match "$f" .created_at "$TIME_RE"
    expect_match "$f" .updated_at "$TIME_RE"
    run gl member-delete "$mid" alt-project
    run gl member-list --image-id "$mid"
    table "$WORK/g-member-list.json"
    expect "$WORK/g-member-list.json" 'length' 0 'members after member-delete'
    run_fails gl member-get "$mid" alt-project
    expect_text "$ERR" "HTTP 404 Not Found: alt-project not found in the member list of the image $mid." \
        'member-get after member-delete'
    run gl image-delete "$mid"
}

glance_delete() { # image-delete
    local f
    run gl image-delete "$GID"
    [[ -s $OUT ]] && failure "image-delete printed something" "$(cat "$OUT")"
    run_fails gl image-show "$GID"
    expect_text "$ERR" "HTTP 404 Not Found: No image found with ID $GID" 'image-show after delete'
    run_fails gl image-delete "$GID"
    expect_text "$ERR" "No image with an ID of '$GID' exists." 'image-delete again'
}

glance_flow() {
    FLOW=glance OUT=$WORK/glance.out ERR=$WORK/glance.err HOME=$WORK/home-glance
    mkdir -p "$HOME"
    local name="cirros-e2e-$RUN" name2="cirros2-e2e-$RUN" f

    step "image-create (install guide)"
    local rc=0
    show_cmd glance image-create --name "$name" --file "$IMAGE" --disk-format qcow2 \
        --container-format bare --visibility "$VISIBILITY"
    gl image-create --name "$name" --file "$IMAGE" --disk-format qcow2 --container-format bare \
        --visibility "$VISIBILITY" >"$OUT" 2>"$ERR" || rc=$?
    if ((rc != 0)); then
        hint_visibility
        abort "image-create exited with status $rc" "stdout: $(head -c 2000 "$OUT")" "stderr: $(cat "$ERR")"
    fi
    f=$WORK/g-create.json
    table "$f"
    GID=$(get "$f" .id)
    [[ $GID =~ $UUID_RE ]] || abort "image-create printed no image id" "$(cat "$OUT")"
    echo "$GID" >>"$CREATED"
    expect_keys "$f" . "${GLANCE_FIELDS[@]}"
    check_glance_image "$f" "$name" active
    expect "$f" .tags '[]'

    section "image-show" glance_show
    section "image document the clients parse (GET /v2/images/ID)" glance_document
    section "image-list" glance_list
    section "image-download" glance_download
    section "image-update --name --property" glance_update
    section "image-tag-update" glance_tag_update
    section "image-tag-delete, image-deactivate" glance_tag_delete_deactivate
    section "image-reactivate" glance_reactivate
    section "member-create, member-list, member-update, member-get, member-delete" glance_members
    section "image-delete" glance_delete
}

# ---------------------------------------------------------------------------------------------
# openstack CLI flow

OSC_SHOW_FIELDS=(checksum container_format created_at disk_format file id min_disk min_ram name
    properties protected schema size status tags updated_at virtual_size visibility)

check_osc_image() { # FILE NAME STATUS
    local f=$1
    expect "$f" .id "$OID"
    expect "$f" .name "$2"
    expect "$f" .status "$3"
    expect "$f" .disk_format qcow2
    expect "$f" .container_format bare
    expect "$f" .visibility "$VISIBILITY"
    expect "$f" .size "$SIZE"
    expect "$f" .virtual_size "$VIRTUAL_SIZE"
    expect "$f" .checksum "$MD5"
    expect "$f" .properties.os_hash_algo sha512
    expect "$f" .properties.os_hash_value "$SHA512"
    expect "$f" .properties.os_hidden false
    expect "$f" .min_disk 0
    expect "$f" .min_ram 0
    expect "$f" .protected false
    expect "$f" .file "/v2/images/$OID/file"
    expect "$f" .schema /v2/schemas/image
    expect_match "$f" .created_at "$TIME_RE"
    expect_match "$f" .updated_at "$TIME_RE"
}

osc_show() { # image show
    local f
    run osc image show "$OID" -f json
    f=$WORK/o-show.json
    cp "$OUT" "$f"
    expect_keys "$f" . "${OSC_SHOW_FIELDS[@]}"
    expect_keys "$f" .properties os_hash_algo os_hash_value os_hidden owner_specified.openstack.md5 \
        owner_specified.openstack.object owner_specified.openstack.sha256
    check_osc_image "$f" "$name" active
    expect "$f" .tags '[]'
}

osc_list() { # image list
    local f
    run osc image list --name "$name" --long -f json
    f=$WORK/o-list.json
    cp "$OUT" "$f"
    expect "$f" length 1 'images listed with --name'
    expect_keys "$f" '.[0]' ID Name 'Disk Format' 'Container Format' Size Checksum Status Visibility \
        Protected Project Tags
    expect "$f" '.[0].ID' "$OID"
    expect "$f" '.[0].Name' "$name"
    expect "$f" '.[0]."Disk Format"' qcow2
    expect "$f" '.[0]."Container Format"' bare
    expect "$f" '.[0].Size' "$SIZE"
    expect "$f" '.[0].Checksum' "$MD5"
    expect "$f" '.[0].Status' active
    expect "$f" '.[0].Visibility' "$VISIBILITY"
    expect "$f" '.[0].Protected' false
    expect "$f" '.[0].Project' '<absent/null>'
    expect "$f" '.[0].Tags' '[]'
    if [[ -z $ENDPOINT ]]; then
        run osc image list -f json
        cp "$OUT" "$f"
        expect "$f" "[.[] | select(.ID == \"$OID\") | [.Name, .Status]]" "[[\"$name\",\"active\"]]" \
            'unfiltered image list has the image'
    fi
}

osc_save() { # image save
    local f
    run osc image save --file "$WORK/o-download" "$OID"
    same_bytes "$WORK/o-download"
}

osc_set() { # image set --name --property --tag
    local f
    run osc image set --name "$name2" --property e2e_key=e2e_value --tag e2e-tag "$OID"
    run osc image show "$OID" -f json
    f=$WORK/o-set.json
    cp "$OUT" "$f"
    check_osc_image "$f" "$name2" active
    expect "$f" .properties.e2e_key e2e_value
    expect "$f" .tags '["e2e-tag"]'
}

osc_unset_deactivate() { # image unset --tag --property, image set --deactivate
    local f
    run osc image unset --tag e2e-tag --property e2e_key "$OID"
    run osc image set --deactivate "$OID"
    run osc image show "$OID" -f json
    f=$WORK/o-deactivated.json
    cp "$OUT" "$f"
    expect "$f" .status deactivated
    expect "$f" .tags '[]'
    expect "$f" '.properties | has("e2e_key")' false 'e2e_key removed'
    expect "$f" .name "$name2"
}

osc_activate() { # image set --activate
    local f
    run osc image set --activate "$OID"
    run osc image show "$OID" -f json
    f=$WORK/o-activated.json
    cp "$OUT" "$f"
    check_osc_image "$f" "$name2" active
}

osc_delete() { # image delete
    local f
    run osc image delete "$OID"
    run_fails osc image show "$OID" -f json
    expect_text "$ERR" "No Image found for $OID" 'image show after delete'
}

osc_flow() {
    FLOW=openstack OUT=$WORK/openstack.out ERR=$WORK/openstack.err HOME=$WORK/home-openstack
    mkdir -p "$HOME"
    local name="cirros-osc-e2e-$RUN" name2="cirros-osc2-e2e-$RUN" f

    step "image create"
    local rc=0
    show_cmd openstack image create --disk-format qcow2 --container-format bare "--$VISIBILITY" \
        --file "$IMAGE" "$name" -f json
    osc image create --disk-format qcow2 --container-format bare "--$VISIBILITY" --file "$IMAGE" \
        "$name" -f json >"$OUT" 2>"$ERR" || rc=$?
    if ((rc != 0)); then
        hint_visibility
        abort "image create exited with status $rc" "stdout: $(head -c 2000 "$OUT")" "stderr: $(cat "$ERR")"
    fi
    f=$WORK/o-create.json
    cp "$OUT" "$f"
    jq -e 'type == "object"' "$f" >/dev/null 2>&1 || abort "no JSON object printed" "$(head -c 2000 "$f")"
    OID=$(get "$f" .id)
    [[ $OID =~ $UUID_RE ]] || abort "image create printed no image id" "$(cat "$f")"
    echo "$OID" >>"$CREATED"
    # openstacksdk creates the record, uploads, and osc prints the record as created.
    expect_keys "$f" . container_format created_at disk_format file id min_disk min_ram name \
        properties protected schema status tags updated_at visibility
    expect "$f" .name "$name"
    expect "$f" .status queued
    expect "$f" .disk_format qcow2
    expect "$f" .container_format bare
    expect "$f" .visibility "$VISIBILITY"
    expect "$f" .file "/v2/images/$OID/file"
    expect "$f" .schema /v2/schemas/image
    expect "$f" .tags '[]'
    expect_keys "$f" .properties os_hidden owner_specified.openstack.md5 \
        owner_specified.openstack.object owner_specified.openstack.sha256
    expect "$f" '.properties."owner_specified.openstack.object"' "images/$name"

    section "image show" osc_show
    section "image list" osc_list
    section "image save" osc_save
    section "image set --name --property --tag" osc_set
    section "image unset --tag --property, image set --deactivate" osc_unset_deactivate
    section "image set --activate" osc_activate
    section "image delete" osc_delete
}

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
