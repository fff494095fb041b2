#!/usr/bin/env bash
# End-to-end test: python-glanceclient's interoperable import commands against the install guide's
# deployment (Keystone, the guide's glance-api.conf) plus a staging directory and a local web server:
# `glance image-create-via-import` with glance-direct and with web-download, and the three-step
# `image-create` / `image-stage` / `image-import`. Each image must end active with the file's size and
# checksum, and staged data must be gone. See tests/e2e/README.md.
#
# Keystone matters here: glanceclient 4.1 keeps a server's image schema only under the Keystone URL's
# hash, while these commands build their options from ~/.glanceclient/image_schema.json; without Keystone
# the cached schema's `stores` collides with their own --stores option in argparse, against upstream too.
set -euo pipefail
KEEP=0
[[ ${1:-} == --keep ]] && KEEP=1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
ROOT=$(cd "$HERE/../.." && pwd)
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
e2e_need_tools glanceclient-import.sh glance openstack jq curl md5sum mariadb ss setsid
e2e_unset_os_env
WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-gc-import.XXXXXX")
export HOME=$WORK/home
mkdir -p "$HOME"
START=$SECONDS
FAILED=0
# shellcheck source=tests/e2e/lib/guide-deployment.sh
source "$HERE/lib/guide-deployment.sh"
# shellcheck source=tests/e2e/lib/multistore.sh
source "$HERE/lib/multistore.sh"
guide_exit_traps multistore_stop

guide_keystone
import_single_store "$WORK" || { echo "FAILED: could not start the web server"; exit 1; }
guide_glance_start "$IMPORT_CONF" || { echo "FAILED: the Image service did not start"; exit 1; }
# shellcheck disable=SC1090
source "$GLANCE_KEYSTONE_ADMIN_OPENRC"

FILE=$WORK/disk.raw
head -c 3145728 /dev/urandom >"$FILE"
WEB_FILE=$WORK/web/cirros.img
# glanceclient reads image data from any stdin that is not a terminal: its commands run with stdin closed
glance() { command glance "$@" <&-; }

TOKEN=$(openstack token issue -f value -c id </dev/null)

# check WHAT ID FILE: the image becomes active within 60 s with FILE's size and checksum, nothing staged
check() {
    local what=$1 id=$2 file=$3 image="" status="" t0=$SECONDS want_md5 want_size
    while ((SECONDS - t0 < 60)); do
        image=$(curl -fsS -H "X-Auth-Token: $TOKEN" "$GLANCE_URL/v2/images/$id" 2>/dev/null || true)
        status=$(jq -r '.status // empty' <<<"$image" 2>/dev/null || true)
        [[ $status == active ]] && break
        sleep 0.5
    done
    want_md5=$(md5sum "$file" | cut -d' ' -f1)
    want_size=$(stat -c %s "$file")
    if [[ $status == active && $(jq -r .checksum <<<"$image") == "$want_md5" &&
        $(jq -r .size <<<"$image") == "$want_size" && ! -e $WORK/staging/$id ]]; then
        printf '   ok    %s: %s active, %s bytes, md5 %s\n' "$what" "$id" "$want_size" "$want_md5"
    else
        printf '   FAIL  %s: image %s, want active, %s bytes, md5 %s, nothing staged\n%s\n' "$what" "$id" \
            "$want_size" "$want_md5" "$(jq . <<<"$image" 2>/dev/null | sed 's/^/         /')"
        FAILED=1
    fi
}

# image_id: the id in the glance table on stdin
image_id() { awk -F'|' '$2 ~ /^ id / { gsub(/ /, "", $3); print $3 }'; }

echo "\$ glance image-create-via-import --import-method glance-direct --file ..."
ID=$(glance image-create-via-import --import-method glance-direct --file "$FILE" --name gc-direct \
    --disk-format raw --container-format bare | image_id)
check "image-create-via-import, glance-direct" "$ID" "$FILE"

echo "\$ glance image-create-via-import --import-method web-download --uri $MULTISTORE_HTTP_IMAGE"
ID=$(glance image-create-via-import --import-method web-download --uri "$MULTISTORE_HTTP_IMAGE" \
    --name gc-web --disk-format raw --container-format bare | image_id)
check "image-create-via-import, web-download" "$ID" "$WEB_FILE"

echo "\$ glance image-create; glance image-stage --file ...; glance image-import --import-method glance-direct"
ID=$(glance image-create --name gc-steps --disk-format raw --container-format bare | image_id)
glance image-stage --file "$FILE" "$ID" >/dev/null
if [[ $(curl -fsS -H "X-Auth-Token: $TOKEN" "$GLANCE_URL/v2/images/$ID" | jq -r .status) != uploading ]]; then
    echo "   FAIL  image-stage: $ID is not uploading after staging"
    FAILED=1
fi
glance image-import --import-method glance-direct "$ID" >/dev/null
check "image-stage + image-import" "$ID" "$FILE"

if ((FAILED)); then
    guide_glance_log_tail 40
    echo "FAILED: glanceclient's import commands against $GLANCE_URL in $((SECONDS - START))s"
    exit 1
fi
echo "PASSED: glanceclient's import commands against $GLANCE_URL in $((SECONDS - START))s"
