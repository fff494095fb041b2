#!/usr/bin/env bash
# End-to-end test: the install guide's deployment (MariaDB, Keystone, the guide's glance-api.conf,
# glance-manage db_sync, glance-api) and its "verify operation" walkthrough with the real clients,
# as the admin and as a non-admin project member. See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: tests/e2e/install-guide.sh [--keep]

Starts Keystone (scripts/keystone.sh, when it is not running) and the Image service with the install
guide's glance-api.conf on the port the catalog names, then runs the guide's walkthrough.

  --keep   keep the work directory (config, service log, client output) for inspection

Environment: GLANCE_E2E_API_COMMAND (the glance-api to test, default bin/glance-api; e.g.
/usr/bin/glance-api for upstream Glance), GLANCE_E2E_MANAGE_COMMAND, GLANCE_E2E_START_TIMEOUT.
EOF
}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
e2e_keep_only "$@"
ROOT=$(cd "$HERE/../.." && pwd)
# The clients are Debian's packages; an earlier python3 on PATH (pyenv, venv) lacks their modules.
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
PY=/usr/bin/python3
e2e_need_tools install-guide.sh glance openstack qemu-img jq curl cmp md5sum sha512sum mariadb ss setsid timeout "$PY"
e2e_unset_os_env

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-guide.XXXXXX")
export HOME=$WORK/home
mkdir -p "$HOME"
FAILURES=$WORK/failures
: >"$FAILURES"
OUT=$WORK/out
ERR=$WORK/err
START=$SECONDS
# shellcheck source=tests/e2e/lib/guide-deployment.sh
source "$HERE/lib/guide-deployment.sh"

guide_exit_traps

# ---------------------------------------------------------------------------------------------
# Reporting and assertions

say() { printf '%s\n' "$*"; }
step() { printf '\n== %s\n' "$*"; }
ok() { printf '   ok    %s\n' "$*"; }
failure() {
    printf '   FAIL  %s\n' "$1"
    printf '%s\n' "$1" >>"$FAILURES"
    shift
    local line
    for line in "$@"; do printf '         %s\n' "$line"; done
}

AS=admin
# as USER CMD...: runs a client with the credentials of admin-openrc or demo-openrc.
as() {
    local who=$1
    shift
    (
        case $who in
            admin) source "$GLANCE_KEYSTONE_ADMIN_OPENRC" ;;
            myuser) source "$GLANCE_KEYSTONE_DEMO_OPENRC" ;;
        esac
        # stdin closed: glanceclient uploads whatever a stdin that is not a terminal holds
        timeout 120 "$@" <&-
    )
}

show_cmd() {
    local word line="   [$AS] \$"
    for word in "$@"; do
        [[ $word =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]] && line+=" $word" || line+=" '$word'"
    done
    say "$line"
}

# run CMD...: as $AS, must exit 0 (else the walkthrough stops); stdout in $OUT, stderr in $ERR.
run() {
    show_cmd "$@"
    local rc=0
    as "$AS" "$@" >"$OUT" 2>"$ERR" || rc=$?
    if ((rc != 0)); then
        failure "'$*' exited with status $rc" "stdout: $(head -c 2000 "$OUT")" "stderr: $(head -c 2000 "$ERR")"
        finish
    fi
}

# run_fails CMD...: as $AS, must exit non-zero; stdout in $OUT, stderr in $ERR.
run_fails() {
    show_cmd "$@"
    local rc=0
    as "$AS" "$@" >"$OUT" 2>"$ERR" || rc=$?
    if ((rc == 0)); then
        failure "'$*' succeeded but should have failed" "stdout: $(head -c 2000 "$OUT")"
        return 1
    fi
    ok "failed as it should (status $rc)"
}

# table FILE: the glance table in $OUT as JSON in FILE.
table() {
    "$PY" "$HERE/table2json.py" <"$OUT" >"$1" || { failure "could not parse the printed table" "$(cat "$OUT")"; finish; }
}

# shellcheck source=tests/e2e/lib/json-expect.sh
source "$HERE/lib/json-expect.sh"

expect_code() { # expect_code EXPECTED WHAT CURL-ARGS...: the HTTP status of a curl request
    local want=$1 what=$2 code
    shift 2
    code=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@" || true)
    if [[ $code == "$want" ]]; then
        ok "$what: HTTP $code"
    else
        failure "$what: expected HTTP $want, got $code" "body: $(head -c 500 "$WORK/body")"
    fi
}

finish() {
    say ""
    if [[ -s $FAILURES ]]; then
        say "FAILED ($(wc -l <"$FAILURES") problems, $((SECONDS - START))s):"
        sed 's/^/  - /' "$FAILURES"
        say ""
        guide_glance_log_tail
        exit 1
    fi
    say "PASSED: the install guide's walkthrough against $GLANCE_URL ($GUIDE_API) in $((SECONDS - START))s"
    exit 0
}


# ---------------------------------------------------------------------------------------------
# Deployment

step "deployment: Keystone, then the Image service with the guide's glance-api.conf"
guide_keystone
guide_glance_start || { failure "the Image service did not start"; finish; }

IMAGE=$WORK/cirros.qcow2
qemu-img create -q -f qcow2 "$IMAGE" 64M
if command -v qemu-io >/dev/null; then
    qemu-io -c 'write -q -P 0xab 0 1M' -c 'write -q -P 0x5c 8M 512k' "$IMAGE" >/dev/null
fi
SIZE=$(stat -c %s "$IMAGE")
MD5=$(md5sum "$IMAGE" | cut -d' ' -f1)
SHA512=$(sha512sum "$IMAGE" | cut -d' ' -f1)
say "test image (qemu-img): $SIZE bytes, virtual size 67108864, md5 $MD5"

AS=admin run openstack token issue -f json
ADMIN_PROJECT=$(jq -r .project_id "$OUT")
AS=myuser run openstack token issue -f json
DEMO_PROJECT=$(jq -r .project_id "$OUT")
DEMO_TOKEN=$(jq -r .id "$OUT")

step "a request without a token is refused"
expect_code 401 "GET /v2/images without X-Auth-Token" "$GLANCE_URL/v2/images"
if grep -qiF "WWW-Authenticate: Keystone uri=\"$GLANCE_KEYSTONE_URL\"" "$WORK/headers"; then
    ok "WWW-Authenticate names www_authenticate_uri"
else
    failure "expected 'WWW-Authenticate: Keystone uri=\"$GLANCE_KEYSTONE_URL\"'" "headers: $(tr -d '\r' <"$WORK/headers" | tr '\n' ' ')"
fi

# ---------------------------------------------------------------------------------------------
# The guide's verify operation, as admin

step "admin (admin-openrc) uploads the image, public, as the guide does"
AS=admin
run glance image-create --name cirros --file "$IMAGE" --disk-format qcow2 --container-format bare --visibility=public
table "$WORK/create.json"
ID=$(get "$WORK/create.json" .id)
[[ $ID =~ $UUID_RE ]] || { failure "image-create printed no image id" "$(cat "$OUT")"; finish; }
expect "$WORK/create.json" .name cirros
expect "$WORK/create.json" .status active
expect "$WORK/create.json" .visibility public
expect "$WORK/create.json" .disk_format qcow2
expect "$WORK/create.json" .container_format bare
expect "$WORK/create.json" .size "$SIZE"
expect "$WORK/create.json" .virtual_size 67108864
expect "$WORK/create.json" .checksum "$MD5"
expect "$WORK/create.json" .os_hash_algo sha512
expect "$WORK/create.json" .os_hash_value "$SHA512"
expect "$WORK/create.json" .owner "$ADMIN_PROJECT" 'owner (the admin project)'
expect "$WORK/create.json" .protected False

step "admin lists the images"
run glance image-list
table "$WORK/list.json"
expect "$WORK/list.json" . "[{\"ID\":\"$ID\",\"Name\":\"cirros\"}]" 'image-list'
run openstack image list -f json
cp "$OUT" "$WORK/osc-list.json"
expect "$WORK/osc-list.json" . "[{\"ID\":\"$ID\",\"Name\":\"cirros\",\"Status\":\"active\"}]" 'openstack image list'

# ---------------------------------------------------------------------------------------------
# A member of another project

step "myuser (demo-openrc, role member in myproject) sees the public image"
AS=myuser
run glance image-list
table "$WORK/demo-list.json"
expect "$WORK/demo-list.json" . "[{\"ID\":\"$ID\",\"Name\":\"cirros\"}]" 'image-list'
run openstack image list -f json
cp "$OUT" "$WORK/demo-osc-list.json"
expect "$WORK/demo-osc-list.json" . "[{\"ID\":\"$ID\",\"Name\":\"cirros\",\"Status\":\"active\"}]" 'openstack image list'
run glance image-download --file "$WORK/download" "$ID"
if cmp -s "$IMAGE" "$WORK/download"; then
    ok "downloaded bytes identical to the upload"
else
    failure "downloaded data differs from the upload"
fi

step "myuser may not delete it, nor publish an image"
if run_fails glance image-delete "$ID"; then
    expect_text "$ERR" "You are not permitted to delete the image '$ID'." 'glance image-delete'
fi
expect_code 403 "DELETE /v2/images/ID with myuser's token" -X DELETE -H "X-Auth-Token: $DEMO_TOKEN" \
    "$GLANCE_URL/v2/images/$ID"
if run_fails glance image-create --name mine --disk-format qcow2 --container-format bare --visibility=public; then
    if grep -q '403 Forbidden' "$ERR"; then ok "image-create --visibility=public: 403 Forbidden"; else
        failure "image-create --visibility=public: expected 403 Forbidden" "stderr: $(head -c 1000 "$ERR")"; fi
fi

step "myuser creates a private image in its own project"
run glance image-create --name mine --disk-format qcow2 --container-format bare
table "$WORK/demo-create.json"
MINE=$(get "$WORK/demo-create.json" .id)
expect "$WORK/demo-create.json" .owner "$DEMO_PROJECT" 'owner (myproject)'
expect "$WORK/demo-create.json" .visibility shared
expect "$WORK/demo-create.json" .status queued

step "admin still has the image, and deletes both"
AS=admin
run glance image-show "$ID"
table "$WORK/show.json"
expect "$WORK/show.json" .status active
run glance image-delete "$ID" "$MINE"
run glance image-list
if [[ -z $(grep '^|' "$OUT" | tail -n +2) ]]; then
    ok "image-list is empty"
else
    failure "image-list after delete is not empty" "$(cat "$OUT")"
fi

finish
