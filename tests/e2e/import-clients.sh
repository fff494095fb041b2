#!/usr/bin/env bash
# Interoperable import from the real clients, against the built service with its own SQLite database, two
# file stores (a, the default, and b) and a staging store, no authentication: `openstack image create
# --import` (glance-direct), openstacksdk's create_image(use_import=True), its import_image with web-download
# from a local web server, and copy-image to the second store. Each image must end active with the file's
# checksum in the stores asked for. Exits non-zero on any failure. See tests/e2e/README.md.
#
# Not here: python-glanceclient 4.1's `image-create-via-import` and `image-import`; without Keystone they stop
# in their own argument parser ("argument --stores: conflicting option string") once the cached image schema
# lists `stores`, as upstream's does. glanceclient-import.sh runs them with Keystone.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
# shellcheck source=tests/e2e/lib/import-service.sh
source "$HERE/lib/import-service.sh"
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
PY=/usr/bin/python3
e2e_need_tools import-clients.sh openstack curl jq setsid ss md5sum
"$PY" -c 'import openstack' 2>/dev/null || { echo "import-clients.sh: openstacksdk not found (python3-openstacksdk)" >&2; exit 2; }
e2e_unset_os_env

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-import-clients.XXXXXX")
export HOME=$WORK/home
WEB_PID=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    import_service_stop
    [[ -z $WEB_PID ]] || kill "$WEB_PID" 2>/dev/null || true
    if ((rc == 0)); then rm -rf "$WORK"; else echo "work directory kept: $WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$HOME" "$WORK/web"

head -c 3000001 /dev/urandom >"$WORK/web/image.raw"
MD5=$(md5sum <"$WORK/web/image.raw" | cut -d' ' -f1)
WEB_PORT=$(e2e_free_port 23100 300) PORT=$(e2e_free_port 23500 300)
(cd "$WORK/web" && exec "$PY" -m http.server --bind 127.0.0.1 "$WEB_PORT" >"$WORK/web.log" 2>&1) &
WEB_PID=$!
import_service_configure "$WORK" "$PORT" "[import_filtering_opts]
allowed_hosts = 127.0.0.1
allowed_ports = $WEB_PORT"
"$ROOT/bin/glance-manage" --config-file "$WORK/glance-api.conf" db_sync >"$WORK/db_sync.log" 2>&1
GLANCE_E2E_START_TIMEOUT=${GLANCE_E2E_START_TIMEOUT:-120} import_service_start || exit 1
URL=$IMPORT_SERVICE_URL

FAILED=0
# active ID STORES: the image becomes active within a minute with the file's checksum, in exactly STORES
active() {
    local id=$1 stores=$2 image=""
    for _ in $(seq 300); do
        image=$(curl -sf "$URL/v2/images/$id") || true
        if [[ $(jq -r .status <<<"$image") == active && $(jq -r .stores <<<"$image") == "$stores" ]]; then break; fi
        sleep 0.2
    done
    jq -e --arg md5 "$MD5" --arg stores "$stores" \
        '.status == "active" and .checksum == $md5 and .stores == $stores and .size == 3000001' <<<"$image" >/dev/null \
        || { echo "image $id: $(jq -c '{status, checksum, stores, size, os_glance_failed_import}' <<<"$image" 2>/dev/null)"; return 1; }
}
result() { # result WHAT RC
    if (($2 == 0)); then echo "PASS  $1"; else echo "FAIL  $1"; FAILED=$((FAILED + 1)); fi
}

osc=(timeout 120 openstack --os-auth-type none --os-endpoint "$URL")
rc=0
id=$("${osc[@]}" image create --import --disk-format raw --container-format bare --file "$WORK/web/image.raw" \
    osc-import -f value -c id 2>"$WORK/osc.err") && active "$id" a || rc=1
[[ $rc == 0 ]] || cat "$WORK/osc.err"
result "openstack image create --import (glance-direct)" "$rc"

sdk() { # sdk PYTHON-CODE: runs with `conn` connected and `path`, `uri` set; prints what the code prints
    timeout 120 "$PY" - "$URL" "$WORK/web/image.raw" "http://127.0.0.1:$WEB_PORT/image.raw" <<EOF
import sys, openstack
url, path, uri = sys.argv[1:4]
conn = openstack.connect(auth_type="none", auth={"endpoint": url}, load_yaml_config=False, load_envvars=False)
$1
EOF
}
rc=0
id=$(sdk 'print(conn.image.create_image(name="sdk-import", filename=path, disk_format="raw",
    container_format="bare", use_import=True, wait=False).id)' 2>"$WORK/sdk1.err") && active "$id" a || rc=1
[[ $rc == 0 ]] || cat "$WORK/sdk1.err"
result "openstacksdk create_image(use_import=True) (glance-direct)" "$rc"

rc=0
web=$(sdk 'image = conn.image.create_image(name="sdk-web", disk_format="raw", container_format="bare")
conn.image.import_image(image, method="web-download", uri=uri)
print(image.id)' 2>"$WORK/sdk2.err") && active "$web" a || rc=1
[[ $rc == 0 ]] || cat "$WORK/sdk2.err"
result "openstacksdk import_image(method=web-download)" "$rc"

rc=0
sdk "conn.image.import_image(conn.image.get_image('$web'), method='copy-image', stores=['b'])" \
    2>"$WORK/sdk3.err" && active "$web" a,b || rc=1
[[ $rc == 0 ]] || cat "$WORK/sdk3.err"
result "openstacksdk import_image(method=copy-image, stores=[b])" "$rc"

if ((FAILED)); then
    echo "import-clients: $FAILED failed; service log tail:"
    tail -20 "$WORK/glance-api.log"
    exit 1
fi
echo "import-clients: 4 passed, 0 failed"
