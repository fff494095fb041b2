#!/bin/bash
# The metadefs API of this service and of upstream Glance (Debian's glance-api, Zed 25.1.0) over one database
# loaded by upstream's `glance-manage db load_metadefs` from the definitions Debian ships
# (/etc/glance/metadefs): every read answer compared (metadefs_compare.py), the same writes sent to both
# (metadefs_writes.py), then glanceclient's md-* commands against this service. Skips when upstream Glance or its definitions are not installed.
#
# Usage: tests/e2e/metadefs-upstream.sh [--keep]
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
source "$HERE/lib/service.sh"
PY=/usr/bin/python3
KEEP=0
[[ ${1:-} == --keep ]] && KEEP=1
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"

not_here() { echo "SKIPPED: $*"; exit 0; }
[[ -x /usr/bin/glance-api && -x /usr/bin/glance-manage ]] || not_here "upstream Glance is not installed (glance-api)"
[[ -d /etc/glance/metadefs && -f /etc/glance/glance-api-paste.ini ]] \
    || not_here "Debian's glance-common files (/etc/glance/metadefs, glance-api-paste.ini) are missing"
command -v glance >/dev/null || not_here "python3-glanceclient is not installed"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-metadefs.XXXXXX")
UPSTREAM_PID=""
OURS_PID=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    e2e_stop_group "$OURS_PID"
    e2e_stop_group "$UPSTREAM_PID"
    if ((KEEP)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

DB=$WORK/glance.sqlite
UP_PORT=$(e2e_free_port 21000 500)
OURS_PORT=$(e2e_free_port 21500 500)
# upstream reads the caller from identity headers here (its `context` filter without `authtoken`)
sed 's/^\[pipeline:glance-api-keystone\]$/[pipeline:glance-api-trusted]\npipeline = cors healthcheck http_proxy_to_wsgi versionnegotiation osprofiler context rootapp\n\n[pipeline:glance-api-keystone]/' \
    /etc/glance/glance-api-paste.ini >"$WORK/paste.ini"
write_conf() { # FILE PORT PASTE_SECTION
    cat >"$1" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $2
workers = 1
[database]
connection = sqlite:///$DB
[glance_store]
stores = file
default_store = file
filesystem_store_datadir = $WORK/images
$3
CONF
}
write_conf "$WORK/upstream.conf" "$UP_PORT" "[paste_deploy]
flavor = trusted
config_file = $WORK/paste.ini
[oslo_policy]
enforce_new_defaults = False
enforce_scope = False"
write_conf "$WORK/ours.conf" "$OURS_PORT" ""

echo "\$ glance-manage db_sync; glance-manage db load_metadefs   (upstream's, $(ls /etc/glance/metadefs | wc -l) files)"
glance-manage --config-file "$WORK/upstream.conf" db_sync >"$WORK/manage.log" 2>&1
glance-manage --config-file "$WORK/upstream.conf" db load_metadefs >>"$WORK/manage.log" 2>&1 \
    || { tail -n 20 "$WORK/manage.log"; echo "FAILED: upstream's load_metadefs"; exit 1; }

setsid /usr/bin/glance-api --config-file "$WORK/upstream.conf" >"$WORK/upstream.log" 2>&1 &
UPSTREAM_PID=$!
setsid "$ROOT/bin/glance-api" --config-file "$WORK/ours.conf" >"$WORK/ours.log" 2>&1 &
OURS_PID=$!
e2e_wait_answering "http://127.0.0.1:$UP_PORT" "$UPSTREAM_PID" 120 "$UP_PORT" \
    || { tail -n 20 "$WORK/upstream.log"; echo "FAILED: upstream glance-api did not start"; exit 1; }
e2e_wait_answering "http://127.0.0.1:$OURS_PORT" "$OURS_PID" 240 "$OURS_PORT" \
    || { tail -n 20 "$WORK/ours.log"; echo "FAILED: this service did not start"; exit 1; }

echo "== every read answer, upstream and this service, over the loaded definitions"
"$PY" "$HERE/metadefs_compare.py" "http://127.0.0.1:$UP_PORT" "http://127.0.0.1:$OURS_PORT"

echo "== the same writes and reads to both, each in namespaces of its own"
"$PY" "$HERE/metadefs_writes.py" "http://127.0.0.1:$UP_PORT" "http://127.0.0.1:$OURS_PORT"

echo "== glanceclient's md-* commands against this service"
export HOME=$WORK/home
mkdir -p "$HOME"
# glanceclient 4.1 without Keystone caches the image schema and then trips over its `stores` property (see
# clients.sh): the cache goes before each command
gl() {
    rm -rf "$HOME/.glanceclient"
    timeout 60 glance --os-image-url "http://127.0.0.1:$OURS_PORT" --os-auth-token no-auth "$@"
}
FAILED=0
step() { # DESCRIPTION EXPECTED_TEXT COMMAND...
    local what=$1 want=$2 out
    shift 2
    if out=$("$@" 2>&1) && grep -qF -- "$want" <<<"$out"; then
        echo "ok   $what"
    else
        echo "FAIL $what (wanted '$want')"
        sed 's/^/     /' <<<"$out" | tail -n 8
        FAILED=1
    fi
}
NSN=e2e-md-$$
step "md-namespace-create" "$NSN" gl md-namespace-create "$NSN" --visibility public --description "from glanceclient"
step "md-namespace-list" "$NSN" gl md-namespace-list
step "md-namespace-update" "e2e title" gl md-namespace-update "$NSN" --display-name "e2e title"
step "md-resource-type-associate" "hw_" gl md-resource-type-associate "$NSN" --name OS::Glance::Image --prefix hw_
step "md-namespace-resource-type-list" "OS::Glance::Image" gl md-namespace-resource-type-list "$NSN"
step "md-namespace-list --resource-types" "OS::Compute::Libvirt" gl md-namespace-list --resource-types OS::Glance::Image
step "md-resource-type-list" "OS::Nova::Flavor" gl md-resource-type-list
step "md-property-create" "cpu_cores" gl md-property-create "$NSN" --name cpu_cores --title Cores \
    --schema '{"type": "integer", "minimum": 1}'
step "md-property-show" "minimum" gl md-property-show "$NSN" cpu_cores
# glanceclient 4.1 has no option for the resource type's prefix here
step "a property by its prefixed name" '"cpu_cores"' curl -sf \
    "http://127.0.0.1:$OURS_PORT/v2/metadefs/namespaces/$NSN/properties/hw_cpu_cores?resource_type=OS::Glance::Image"
step "md-property-update" "Cores!" gl md-property-update "$NSN" cpu_cores --title "Cores!"
step "md-property-list" "cpu_cores" gl md-property-list "$NSN"
step "md-object-create" "limits" gl md-object-create "$NSN" --name limits \
    --schema '{"description": "d", "properties": {"x": {"type": "integer", "title": "X"}}}'
step "md-object-property-show" "integer" gl md-object-property-show "$NSN" limits x
step "md-object-update" "limits2" gl md-object-update "$NSN" limits --name limits2
step "md-object-list" "limits2" gl md-object-list "$NSN"
step "md-tag-create" "first" gl md-tag-create "$NSN" --name first
step "md-tag-create-multiple" "second" gl md-tag-create-multiple "$NSN" --names second,third
step "md-tag-update" "fourth" gl md-tag-update "$NSN" second --name fourth
step "md-tag-list" "fourth" gl md-tag-list "$NSN"
step "md-namespace-show with the prefix" "hw_cpu_cores" gl md-namespace-show "$NSN" --resource-type OS::Glance::Image
step "md-tag-delete" "" gl md-tag-delete "$NSN" third
step "md-namespace-tags-delete" "" gl md-namespace-tags-delete "$NSN"
step "md-object-delete" "" gl md-object-delete "$NSN" limits2
step "md-namespace-objects-delete" "" gl md-namespace-objects-delete "$NSN"
step "md-property-delete" "" gl md-property-delete "$NSN" cpu_cores
step "md-namespace-properties-delete" "" gl md-namespace-properties-delete "$NSN"
step "md-resource-type-deassociate" "" gl md-resource-type-deassociate "$NSN" OS::Glance::Image
step "md-namespace-delete" "" gl md-namespace-delete "$NSN"
if ((FAILED)); then
    echo "FAILED: glanceclient's md-* commands"
    exit 1
fi
echo "PASSED: the metadefs API answers as upstream's (reads of its loaded definitions, writes), glanceclient drives it"
