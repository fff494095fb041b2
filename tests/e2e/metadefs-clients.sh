#!/usr/bin/env bash
# End-to-end test of the metadata definitions API with the real clients: every `glance md-*` command of
# Debian's python-glanceclient, and `openstack image metadef namespace ...` where the installed
# openstackclient has it, each result checked in what the client prints; with the service it starts, also
# glanceclient reading the definitions Debian ships, loaded by bin/glance-manage. See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF_USAGE'
Usage: tests/e2e/metadefs-clients.sh [--endpoint URL] [--keep]

  (default)        start bin/glance-api on a free port with a throw-away SQLite database (no auth)
  --endpoint URL   test an already running, unauthenticated service instead (e.g. upstream Glance with
                   the metadef rules opened, since its no-auth context has no admin role); the
                   namespaces this test creates there are deleted again on exit
  --keep           keep the work directory (service log, configuration, client output)

Environment: GLANCE_E2E_START_TIMEOUT (seconds to wait for the service, default 240);
GLANCE_METADEFS_DIR (the definitions loaded into the service started here, default /etc/glance/metadefs;
without any the checks on them say SKIP).
EOF_USAGE
}

ENDPOINT=""
KEEP=0
while (($#)); do
    case $1 in
        --endpoint) ENDPOINT=${2:?--endpoint needs a URL}; shift 2 ;;
        --endpoint=*) ENDPOINT=${1#*=}; shift ;;
        --keep) KEEP=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
ENDPOINT=${ENDPOINT%/}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
# shellcheck source=tests/e2e/lib/checks.sh
source "$HERE/lib/checks.sh"
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
PY=/usr/bin/python3
e2e_need_tools metadefs-clients.sh glance openstack jq curl ss setsid timeout "$PY"
e2e_unset_os_env

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-mdclients.XXXXXX")
export HOME="$WORK/home" # the clients cache schemas there
mkdir -p "$HOME"
CHECKS_WORK=$WORK
SERVICE_PID=""
SUFFIX=$$-$RANDOM
NS=Test::Clients-$SUFFIX        # the namespace most steps work on
NS_PROT=Test::Protected-$SUFFIX # protected, must refuse deletion
NS_IMPORT=Test::Imported-$SUFFIX
NS_OSC=Test::Osc-$SUFFIX
SHIPPED=${GLANCE_METADEFS_DIR:-/etc/glance/metadefs}
LOADED=0

cleanup() {
    local rc=$? ns
    trap - EXIT INT TERM
    if [[ -n ${URL:-} ]]; then
        for ns in "$NS" "$NS_PROT" "$NS_IMPORT" "$NS_OSC"; do
            curl -s -o /dev/null -X PUT "$URL/v2/metadefs/namespaces/$ns" -H 'Content-Type: application/json' \
                -d "{\"namespace\": \"$ns\", \"protected\": false}" || true
            curl -s -o /dev/null -X DELETE "$URL/v2/metadefs/namespaces/$ns" || true
        done
    fi
    e2e_stop_group "$SERVICE_PID"
    if ((KEEP)) || ((rc != 0)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -n $ENDPOINT ]]; then
    URL=$ENDPOINT
else
    # shellcheck source=../../bin/lib/java-env.sh
    source "$ROOT/bin/lib/java-env.sh"
    GLANCEJ_JAVA_HOME=$(glancej_find_java)
    glancej_ensure_built
    export GLANCEJ_SKIP_BUILD=1
    PORT=$(e2e_free_port 23292 600) || { echo "metadefs-clients.sh: no free port" >&2; exit 1; }
    URL=http://127.0.0.1:$PORT
    cat >"$WORK/glance-api.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $PORT
[database]
connection = sqlite:///$WORK/glance.sqlite
[paste_deploy]
flavor =
[glance_store]
filesystem_store_datadir = $WORK/images
EOF_CONF
    "$ROOT/bin/glance-manage" --config-file "$WORK/glance-api.conf" db_sync >"$WORK/db_sync.log" 2>&1
    if compgen -G "$SHIPPED/*.json" >/dev/null; then
        "$ROOT/bin/glance-manage" --config-file "$WORK/glance-api.conf" db load_metadefs --path "$SHIPPED" \
            >>"$WORK/db_sync.log" 2>&1 || { echo "metadefs-clients.sh: load_metadefs failed" >&2; exit 1; }
        LOADED=1
    fi
    setsid "$ROOT/bin/glance-api" --config-file "$WORK/glance-api.conf" >"$WORK/glance-api.log" 2>&1 &
    SERVICE_PID=$!
    started=0
    e2e_wait_answering "$URL" "$SERVICE_PID" "${GLANCE_E2E_START_TIMEOUT:-240}" "$PORT" || started=$?
    if ((started)); then
        echo "metadefs-clients.sh: the service did not start on $URL (wait: $started)" >&2
        tail -n 30 "$WORK/glance-api.log" >&2
        exit 1
    fi
fi
echo "== metadefs with the real clients against $URL"

# gl ARGS...: glance without Keystone; its schema cache is dropped first (see clients.sh for why)
gl() {
    rm -rf "$HOME/.glanceclient"
    timeout 120 glance --os-image-url "$URL" --os-auth-token no-auth "$@"
}
osc() { timeout 120 openstack --os-auth-type none --os-endpoint "$URL" "$@"; }

# glt NAME ARGS...: runs glance; its printed table, as JSON, in $WORK/NAME.json
glt() {
    local name=$1
    shift
    gl "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || { cat "$WORK/$name.err"; return 1; }
    "$PY" "$HERE/table2json.py" <"$WORK/$name.out" >"$WORK/$name.json"
}
# jqf NAME [JQ OPTIONS...] FILTER: the filter must hold on $WORK/NAME.json
jqf() {
    local name=$1
    shift
    jq -e "$@" "$WORK/$name.json" >/dev/null || { echo "not true: ${*: -1} in:"; cat "$WORK/$name.json"; return 1; }
}
# gl_fails PATTERN ARGS...: glance must fail and say PATTERN (an extended regular expression)
gl_fails() {
    local pattern=$1 out
    shift
    if out=$(gl "$@" 2>&1); then echo "succeeded: $out"; return 1; fi
    grep -Eq -- "$pattern" <<<"$out" || { echo "expected /$pattern/, got: $out"; return 1; }
}

# --- namespaces ----------------------------------------------------------------------------------------
check "md-namespace-create $NS" glt ns-create md-namespace-create "$NS" --display-name "Clients test" \
    --description "made by glance" --visibility public --protected False --owner admin
check "  prints the namespace as created" jqf ns-create --arg ns "$NS" \
    '.namespace == $ns and .display_name == "Clients test" and .description == "made by glance"
     and .visibility == "public" and .protected == "False" and .owner == "admin"
     and .schema == "/v2/schemas/metadefs/namespace" and (.created_at | test("^20..-..-..T..:..:..Z$"))'
check "md-namespace-create of an existing name fails with 409" gl_fails "409 Conflict" \
    md-namespace-create "$NS" --owner admin
check "md-namespace-list lists it" glt ns-list md-namespace-list
check "  in the namespace column" jqf ns-list --arg ns "$NS" 'map(.namespace) | index($ns) != null'
check "md-namespace-list --visibility private leaves it out" glt ns-list-private md-namespace-list --visibility private
check "  (public namespace not listed)" jqf ns-list-private --arg ns "$NS" 'map(.namespace) | index($ns) == null'
check "md-namespace-update --display-name --description" glt ns-update md-namespace-update "$NS" \
    --display-name "Renamed test" --description "changed by glance"
check "  prints the new values" jqf ns-update '.display_name == "Renamed test" and .description == "changed by glance"'
check "md-namespace-show shows them" glt ns-show md-namespace-show "$NS"
check "  and nothing inside yet" jqf ns-show \
    '.display_name == "Renamed test" and (has("objects") or has("properties") or has("tags") | not)'

# --- properties ----------------------------------------------------------------------------------------
check "md-property-create cpu_mode" glt prop-create md-property-create "$NS" --name cpu_mode --title "CPU mode" \
    --schema '{"type": "string", "enum": ["host-model", "custom"], "default": "custom", "description": "The CPU mode"}'
check "  prints it" jqf prop-create '.name == "cpu_mode" and .title == "CPU mode" and .type == "string"
    and .enum == "[\"host-model\", \"custom\"]" and .default == "custom"'
check "md-property-create cores (integer with bounds)" glt prop-create2 md-property-create "$NS" --name cores \
    --title Cores --schema '{"type": "integer", "minimum": 1, "maximum": 64}'
check "md-property-list lists both" glt prop-list md-property-list "$NS"
check "  with name, title and type" jqf prop-list 'sort_by(.name) | map([.name, .title, .type])
    == [["cores", "Cores", "integer"], ["cpu_mode", "CPU mode", "string"]]'
check "md-property-show cores" glt prop-show md-property-show "$NS" cores
check "  has its bounds" jqf prop-show '.minimum == "1" and .maximum == "64" and .type == "integer"'
check "md-property-update cores --title --schema" glt prop-update md-property-update "$NS" cores \
    --title "vCPU cores" --schema '{"type": "integer", "minimum": 2, "maximum": 128}'
check "  prints the new definition" jqf prop-update '.title == "vCPU cores" and .minimum == "2" and .maximum == "128"'
check "md-property-create with an invalid type fails with 400" gl_fails "400 Bad Request|Failed validating|is not one of" \
    md-property-create "$NS" --name bad --title Bad --schema '{"type": "text"}'
check "md-property-delete cores" gl md-property-delete "$NS" cores
check "md-property-show cores is then 404" gl_fails "404 Not Found" md-property-show "$NS" cores

# --- objects -------------------------------------------------------------------------------------------
check "md-object-create flavor_sizes" glt obj-create md-object-create "$NS" --name flavor_sizes --schema \
    '{"description": "Sizes", "required": ["ram"], "properties": {"ram": {"type": "integer", "title": "RAM", "minimum": 64}, "disk": {"type": "integer", "title": "Disk"}}}'
check "  prints it with its properties and required list" jqf obj-create '.name == "flavor_sizes"
    and .description == "Sizes" and .required == "[\"ram\"]"
    and (.properties | fromjson | sort) == ["disk", "ram"] and .schema == "/v2/schemas/metadefs/object"'
check "md-object-list lists it" glt obj-list md-object-list "$NS"
check "  with its description" jqf obj-list 'map(select(.name == "flavor_sizes")) | .[0].description == "Sizes"'
check "md-object-show flavor_sizes" glt obj-show md-object-show "$NS" flavor_sizes
check "  shows the same" jqf obj-show '.required == "[\"ram\"]" and (.properties | fromjson | sort) == ["disk", "ram"]'
check "md-object-property-show flavor_sizes ram" glt obj-prop md-object-property-show "$NS" flavor_sizes ram
check "  shows the object's property" jqf obj-prop '.name == "ram" and .title == "RAM" and .minimum == "64"'
check "md-object-update --name sizes" glt obj-update md-object-update "$NS" flavor_sizes --name sizes
check "  renames it" jqf obj-update '.name == "sizes" and .description == "Sizes"'
check "md-object-show of the old name is 404" gl_fails "404 Not Found" md-object-show "$NS" flavor_sizes
check "md-object-delete sizes" gl md-object-delete "$NS" sizes
check "md-object-list is then empty" glt obj-list-empty md-object-list "$NS"
check "  (no rows)" jqf obj-list-empty 'length == 0'

# --- tags ----------------------------------------------------------------------------------------------
check "md-tag-create ssd" glt tag-create md-tag-create "$NS" --name ssd
check "  prints it" jqf tag-create '.name == "ssd" and (.created_at | length > 0)'
check "md-tag-show ssd" glt tag-show md-tag-show "$NS" ssd
check "md-tag-update ssd --name nvme" glt tag-update md-tag-update "$NS" ssd --name nvme
check "  renames it" jqf tag-update '.name == "nvme"'
check "md-tag-create-multiple --names a,b replaces the tags" glt tags-multi md-tag-create-multiple "$NS" --names a,b
check "  prints the two" jqf tags-multi 'map(.name) == ["a", "b"]'
check "md-tag-list shows only a and b" glt tag-list md-tag-list "$NS"
check "  (nvme replaced)" jqf tag-list 'map(.name) | sort == ["a", "b"]'
# glanceclient 4.1's --append sends a boolean header value and fails before sending; the header by hand:
append() {
    local code
    code=$(curl -s -o "$WORK/append.json" -w '%{http_code}' -X POST "$URL/v2/metadefs/namespaces/$NS/tags" \
        -H 'Content-Type: application/json' -H 'X-Openstack-Append: true' -d '{"tags": [{"name": "c"}]}')
    [[ $code == 201 ]] || { echo "status $code: $(cat "$WORK/append.json")"; return 1; }
}
check "tags POST with X-Openstack-Append: true (201)" append
check "md-tag-list then shows a, b and c" glt tag-list2 md-tag-list "$NS"
check "  (appended)" jqf tag-list2 'map(.name) | sort == ["a", "b", "c"]'
check "md-tag-delete c" gl md-tag-delete "$NS" c
check "md-tag-show c is then 404" gl_fails "404 Not Found" md-tag-show "$NS" c
check "md-namespace-tags-delete" gl md-namespace-tags-delete "$NS"
check "md-tag-list is then empty" glt tag-list3 md-tag-list "$NS"
check "  (no rows)" jqf tag-list3 'length == 0'

# --- resource types ------------------------------------------------------------------------------------
check "md-resource-type-associate OS::Glance::Image --prefix hw_" glt rt-assoc md-resource-type-associate "$NS" \
    --name OS::Glance::Image --prefix hw_
check "  prints the association" jqf rt-assoc '.name == "OS::Glance::Image" and .prefix == "hw_"'
check "md-resource-type-associate OS::Cinder::Volume --properties-target image" glt rt-assoc2 \
    md-resource-type-associate "$NS" --name OS::Cinder::Volume --prefix hw_ --properties-target image
check "md-resource-type-list lists both types" glt rt-list md-resource-type-list
check "  (names)" jqf rt-list 'map(.name) | index("OS::Glance::Image") != null and index("OS::Cinder::Volume") != null'
check "md-namespace-resource-type-list shows the two associations" glt ns-rt md-namespace-resource-type-list "$NS"
check "  with prefix and target" jqf ns-rt 'sort_by(.name) | map([.name, .prefix, .properties_target])
    == [["OS::Cinder::Volume", "hw_", "image"], ["OS::Glance::Image", "hw_", ""]]'
check "md-namespace-show --resource-type OS::Glance::Image prefixes the properties" glt ns-show-rt \
    md-namespace-show "$NS" --resource-type OS::Glance::Image
check "  (hw_cpu_mode)" jqf ns-show-rt '(.properties | fromjson) == ["hw_cpu_mode"]'
# glanceclient 4.1 has no option for the prefix in md-property-show: the prefixed name through curl
prefixed() {
    curl -sf "$URL/v2/metadefs/namespaces/$NS/properties/hw_cpu_mode?resource_type=OS::Glance::Image" \
        | jq -e '.name == "cpu_mode" and .title == "CPU mode"'
}
check "GET a property by its prefixed name (hw_cpu_mode) with ?resource_type" prefixed
check "md-namespace-list --resource-types OS::Cinder::Volume finds it" glt ns-list-rt md-namespace-list \
    --resource-types OS::Cinder::Volume
check "  (listed)" jqf ns-list-rt --arg ns "$NS" 'map(.namespace) | index($ns) != null'
check "md-resource-type-deassociate OS::Cinder::Volume" gl md-resource-type-deassociate "$NS" OS::Cinder::Volume
check "md-namespace-resource-type-list then shows one" glt ns-rt2 md-namespace-resource-type-list "$NS"
check "  (OS::Glance::Image)" jqf ns-rt2 'map(.name) == ["OS::Glance::Image"]'

# --- the shipped definitions ---------------------------------------------------------------------------
if ((LOADED)); then
    check "md-namespace-list --resource-types OS::Glance::Image (shipped definitions)" glt shipped-list \
        md-namespace-list --resource-types OS::Glance::Image
    check "  lists OS::Compute::Libvirt and OS::Compute::Watchdog" jqf shipped-list \
        'map(.namespace) | index("OS::Compute::Libvirt") != null and index("OS::Compute::Watchdog") != null'
    check "md-resource-type-list (shipped definitions)" glt shipped-types md-resource-type-list
    check "  lists OS::Nova::Flavor and OS::Nova::Aggregate" jqf shipped-types \
        'map(.name) | index("OS::Nova::Flavor") != null and index("OS::Nova::Aggregate") != null'
    check "md-namespace-show OS::Compute::Watchdog --resource-type OS::Glance::Image" glt shipped-show \
        md-namespace-show OS::Compute::Watchdog --resource-type OS::Glance::Image
    check "  names its property hw_watchdog_action" jqf shipped-show '(.properties | fromjson) == ["hw_watchdog_action"]'
else
    echo "SKIP  glanceclient on the shipped definitions: $([[ -n $ENDPOINT ]] && echo "--endpoint given" \
        || echo "none in $SHIPPED")"
fi

# --- a whole definition file, bulk deletes, protection, deletion ---------------------------------------
cat >"$WORK/import.json" <<EOF_DEF
{
    "namespace": "$NS_IMPORT",
    "display_name": "Imported",
    "description": "A definition file imported with md-namespace-import",
    "visibility": "public",
    "protected": false,
    "owner": "admin",
    "resource_type_associations": [{"name": "OS::Nova::Flavor", "prefix": "imp:"}],
    "properties": {
        "watchdog": {"title": "Watchdog", "type": "string", "enum": ["disabled", "reset"]},
        "count": {"title": "Count", "type": "integer", "minimum": 0}
    },
    "objects": [
        {"name": "limits", "description": "Limits", "properties": {"max": {"title": "Max", "type": "number"}}}
    ],
    "tags": [{"name": "imported"}, {"name": "second"}]
}
EOF_DEF
check "md-namespace-import --file (namespace, properties, objects, tags in one request)" glt ns-import \
    md-namespace-import --file "$WORK/import.json"
check "md-namespace-show of the imported namespace" glt ns-import-show md-namespace-show "$NS_IMPORT"
check "  has everything the file defines" jqf ns-import-show '.display_name == "Imported"
    and ((.properties | fromjson | sort) == ["count", "watchdog"]) and ((.objects | fromjson) == ["limits"])
    and ((.tags | fromjson | sort) == ["imported", "second"])
    and ((.resource_type_associations | fromjson) == ["OS::Nova::Flavor"])'
check "md-namespace-properties-delete" gl md-namespace-properties-delete "$NS_IMPORT"
check "md-namespace-objects-delete" gl md-namespace-objects-delete "$NS_IMPORT"
check "md-namespace-show then has neither" glt ns-import-show2 md-namespace-show "$NS_IMPORT"
check "  (tags kept)" jqf ns-import-show2 '(has("properties") or has("objects") | not)
    and ((.tags | fromjson | sort) == ["imported", "second"])'

check "md-namespace-create $NS_PROT --protected True" glt prot-create md-namespace-create "$NS_PROT" \
    --protected True --owner admin
check "md-namespace-delete of a protected namespace fails with 403" gl_fails "403 Forbidden" \
    md-namespace-delete "$NS_PROT"
check "md-namespace-update --protected False" glt prot-update md-namespace-update "$NS_PROT" --protected False
check "  (protected False)" jqf prot-update '.protected == "False"'

for ns in "$NS" "$NS_IMPORT" "$NS_PROT"; do
    check "md-namespace-delete $ns" gl md-namespace-delete "$ns"
    check "md-namespace-show $ns is then 404" gl_fails "404 Not Found" md-namespace-show "$ns"
done

# --- openstackclient ----------------------------------------------------------------------------------
if osc command list --group image -f value 2>/dev/null | grep -q 'image metadef namespace'; then
    osc_json() { # osc_json NAME ARGS...: openstack's -f json output in $WORK/NAME.json
        local name=$1
        shift
        osc "$@" -f json >"$WORK/$name.json" 2>"$WORK/$name.err" || { cat "$WORK/$name.err"; return 1; }
    }
    check "openstack image metadef namespace create" osc_json osc-create image metadef namespace create "$NS_OSC" \
        --display-name "OSC test" --public --unprotected
    check "  prints it" jqf osc-create --arg ns "$NS_OSC" '.namespace == $ns and .display_name == "OSC test"'
    check "openstack image metadef namespace list" osc_json osc-list image metadef namespace list
    check "  lists it" jqf osc-list --arg ns "$NS_OSC" 'map(.Namespace // .namespace) | index($ns) != null'
    check "openstack image metadef namespace set --description" osc image metadef namespace set "$NS_OSC" \
        --description "set by openstack"
    check "openstack image metadef namespace show" osc_json osc-show image metadef namespace show "$NS_OSC"
    check "  shows the description" jqf osc-show '.description == "set by openstack"'
    check "openstack image metadef namespace delete" osc image metadef namespace delete "$NS_OSC"
    osc_gone() { ! osc image metadef namespace show "$NS_OSC" >/dev/null 2>&1; }
    check "  then show fails" osc_gone
else
    echo "SKIP  openstack image metadef namespace: this openstackclient ($(osc --version 2>&1)) has no metadef commands"
fi

checks_summary "metadefs-clients.sh" "${SERVICE_PID:+$WORK/glance-api.log}"
