# Sourced by tests/e2e/tls-proxy.sh once the service runs behind the TLS proxy and the catalog names the
# proxy: the install guide's walkthrough with the real glance and openstack clients, a list paged through,
# and every request the clients made checked to have gone to Keystone or to the proxy's https address.
# Uses WORK, OUT, PY, HERE, CERT, PROXY and the guide's GLANCE_KEYSTONE_*; sets ADMIN_TOKEN.

CLIENT_RUNS=0
# client WHO CMD ARGS...: glance or openstack as admin or myuser, trusting the proxy's certificate, with
# --debug; stdout in $OUT, the requests it made ("METHOD URL") in $CLIENT_URLS and added to $WORK/urls.
client() {
    local who=$1 cmd=$2 openrc=$GLANCE_KEYSTONE_ADMIN_OPENRC rc=0 debug
    shift 2
    [[ $who == admin ]] || openrc=$GLANCE_KEYSTONE_DEMO_OPENRC
    CLIENT_RUNS=$((CLIENT_RUNS + 1))
    debug=$WORK/client-$CLIENT_RUNS.log
    CLIENT_URLS=$WORK/urls-$CLIENT_RUNS
    echo "   [$who] \$ $cmd $*"
    # stdin closed: glanceclient uploads whatever a stdin that is not a terminal holds
    (source "$openrc" && export OS_CACERT=$CERT && timeout 180 "$cmd" --debug "$@" <&-) >"$OUT" 2>"$debug" || rc=$?
    # keystoneauth logs each request as a curl command line: REQ: curl -g -i --cacert ... -X GET URL -H ...
    # (the URL in double quotes when it has a query)
    sed -n 's/.*curl .* -X \([A-Z]*\) "\{0,1\}\(https\{0,1\}:\/\/[^ "]*\).*/\1 \2/p' "$debug" >"$CLIENT_URLS"
    cat "$CLIENT_URLS" >>"$WORK/urls"
    if ((rc)); then
        echo "      exit status $rc; stderr's tail:"
        grep -v '^ *$' "$debug" | tail -n 8 | sed 's/^/      | /'
    fi
    return "$rc"
}

json_is() { # json_is FILE JQ-FILTER EXPECTED
    local got
    got=$(jq -r "$2" "$1") || return 1
    [[ $got == "$3" ]] || { echo "$2: '$got', expected '$3'"; return 1; }
}

glance_table() { "$PY" "$HERE/table2json.py" <"$OUT" >"$1"; }

# paged_lists N: the last client's requests hold N or more list requests after a marker, through the proxy
paged_lists() {
    local n
    n=$(grep -c "^GET $PROXY/v2/images?.*marker=" "$CLIENT_URLS" || true)
    ((n >= $1)) || { echo "$n list requests after a marker, expected $1 or more:"; cat "$CLIENT_URLS"; return 1; }
}

step "admin (admin-openrc) uploads the guide's image through the proxy"
IMAGE=$WORK/cirros.qcow2
qemu-img create -q -f qcow2 "$IMAGE" 64M
MD5=$(md5sum "$IMAGE" | cut -d' ' -f1)
ADMIN_TOKEN=$(guide_admin_token)
client admin glance image-create --name cirros --file "$IMAGE" --disk-format qcow2 --container-format bare \
    --visibility public || true
glance_table "$WORK/create.json" || true
ID=$(jq -r '.id // empty' "$WORK/create.json" 2>/dev/null || true)
check "glance image-create: active, the file's checksum" eval \
    'json_is "$WORK/create.json" .status active && json_is "$WORK/create.json" .checksum "$MD5"'
check "glance image-create: the upload went through the proxy" grep -q "^PUT $PROXY/v2/images/$ID/file" "$CLIENT_URLS"
client admin glance image-list || true
check "glance image-list: the image" grep -q "$ID" "$OUT"

step "four more images with openstack image create, then the list in pages of two"
head -c 4096 /dev/urandom >"$WORK/small.raw"
for i in 1 2 3 4; do
    client admin openstack image create --disk-format raw --container-format bare --file "$WORK/small.raw" \
        -f json "page-$i" || true
    check "openstack image create page-$i" json_is "$OUT" .name "page-$i"
done
client admin glance image-list --page-size 2 || true
check "glance image-list --page-size 2: all five images" eval \
    '[[ $(grep -cE "\| (cirros|page-[1-4]) " "$OUT") == 5 ]]'
check "glance image-list --page-size 2: its next pages through the proxy" paged_lists 2
# openstack's --limit is a most, not a page size: its pages are the service's (limit_param_default = 2)
client admin openstack image list -f json || true
check "openstack image list: all five images, active" json_is "$OUT" 'map(.Name + " " + .Status) | sort | join(", ")' \
    "cirros active, page-1 active, page-2 active, page-3 active, page-4 active"
check "openstack image list: its next pages through the proxy" paged_lists 2

# follow_links FILE: tests/e2e/follow_links.py through the proxy, its report in FILE
follow_links() { "$PY" "$HERE/follow_links.py" "$PROXY" "$ADMIN_TOKEN" "$CERT" >"$1" 2>&1 || { tail -n 12 "$1"; return 1; }; }
check "every link of the API's answers (versions, lists, images, schemas, Locations, redirects) stays on the proxy" \
    follow_links "$WORK/links.txt"
sed -n 's/^\([0-9]* links followed\)/      \1/p' "$WORK/links.txt"

step "myuser (demo-openrc) sees the public image and downloads it with both clients"
client myuser openstack image list -f json || true
check "openstack image list: cirros only (the others are admin's, private)" json_is "$OUT" 'map(.Name) | join(" ")' cirros
client myuser openstack image save --file "$WORK/saved" cirros || true
check "openstack image save: the bytes uploaded" cmp "$IMAGE" "$WORK/saved"
client myuser glance image-download --file "$WORK/downloaded" "$ID" || true
check "glance image-download: the bytes uploaded" cmp "$IMAGE" "$WORK/downloaded"

step "admin updates and deletes the images"
client admin openstack image set --property hw_disk_bus=scsi cirros || true
client admin glance image-show "$ID" || true
glance_table "$WORK/show.json" || true
check "glance image-show: the property openstack image set gave" json_is "$WORK/show.json" .hw_disk_bus scsi
client admin openstack image delete page-1 page-2 page-3 page-4 || true
client admin glance image-delete "$ID" || true
client admin openstack image list -f json || true
check "openstack image list: empty after the deletes" json_is "$OUT" length 0

step "every request the clients made went to Keystone or to the proxy's https address"
left_the_proxy() {
    local elsewhere through
    # the root (no slash) is where the clients' version discovery starts
    elsewhere=$(awk -v p="$PROXY" -v k="$GLANCE_KEYSTONE_URL/" \
        '$2 != p && index($2, p "/") != 1 && index($2, k) != 1' "$WORK/urls")
    through=$(grep -c " $PROXY/" "$WORK/urls" || true)
    echo "$through requests through the proxy, $(grep -c " $GLANCE_KEYSTONE_URL/" "$WORK/urls" || true) to Keystone"
    [[ -z $elsewhere ]] || { echo "elsewhere:"; echo "$elsewhere"; return 1; }
    ((through >= 30)) || { echo "expected 30 or more"; return 1; }
}
check "no request left the proxy's address ($CLIENT_RUNS client runs)" left_the_proxy
{ left_the_proxy || true; } | head -n 1 | sed "s/^/      /"
