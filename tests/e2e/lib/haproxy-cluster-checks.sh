# Sourced by haproxy-cluster.sh: its requests through HAProxy and to each node, and the checks of what they
# answer and of what the shared store holds. Reads WORK, LB, URL (the nodes' URLs), STORE (file or rbd),
# CEPH_POOL, MY and DB.

api() { curl -s --max-time 60 -H 'Content-Type: application/json' "$@"; }
create_image() {
    api -X POST "$1/v2/images" -d '{"name": "haproxy-cluster", "disk_format": "raw", "container_format": "bare"}' \
        | jq -r .id
}
upload() { # upload URL ID FILE [curl args]: prints the status
    local url=$1 id=$2 file=$3
    shift 3
    curl -s --max-time 120 -o "$WORK/upload.out" -w '%{http_code}' -X PUT -H 'Content-Type: application/octet-stream' \
        -T "$file" "$@" "$url/v2/images/$id/file"
}
status_of() { api "$1/v2/images/$2" | jq -r '.status // "gone"'; }
expect() { # expect WHAT EXPECTED GOT
    [[ $2 == "$3" ]] && return 0
    echo "$1: expected $2, got $3"
    return 1
}

# same_download NODE_OR_LB_URL ID FILE: downloads byte-identical
same_download() {
    local got
    got=$(curl -s --max-time 60 "$1/v2/images/$2/file" | sha512sum | cut -d' ' -f1)
    expect "sha512 of the download from $1" "$(sha512sum <"$3" | cut -d' ' -f1)" "$got"
}
# shows_hashes URL ID FILE: active, md5 checksum and sha512 os_hash_value of the file
shows_hashes() {
    local image
    image=$(api "$1/v2/images/$2")
    expect "status" active "$(jq -r .status <<<"$image")" \
        && expect "checksum" "$(md5sum <"$3" | cut -d' ' -f1)" "$(jq -r .checksum <<<"$image")" \
        && expect "os_hash_value" "$(sha512sum <"$3" | cut -d' ' -f1)" "$(jq -r .os_hash_value <<<"$image")"
}
# same_answer PATH NODE: the document at PATH is the same through HAProxy and from the node
same_answer() {
    local lb node
    lb=$(api "$LB$1" | jq -S .)
    node=$(api "${URL[$2]}$1" | jq -S .)
    [[ -n $lb && $lb == "$node" ]] && return 0
    echo "through HAProxy:"; head -c 600 <<<"$lb"; echo
    echo "from node $2:"; head -c 600 <<<"$node"
    return 1
}
store_has() { # store_has ID: the shared store holds data of the image
    if [[ $STORE == file ]]; then [[ -e $WORK/file-store/$1 ]]
    else timeout 60 rbd ls "$CEPH_POOL" 2>/dev/null | grep -qxF "$1"; fi
}
store_gone() {
    store_has "$1" || return 0
    echo "the store still holds data of $1; its locations in the database:"
    "${MY[@]}" -B -e "SELECT id, deleted, status, value FROM $DB.image_locations WHERE image_id = '$1'" 2>&1
    return 1
}
poll() { # poll SECONDS COMMAND...: until the command succeeds
    local t0=$SECONDS limit=$1
    shift
    until "$@" >/dev/null 2>&1; do ((SECONDS - t0 > limit)) && return 1; sleep 0.2; done
}
no_failures() { # no_failures LOAD_JSON: prints every failure with its status
    jq -e '.failures | length == 0' "$1" >/dev/null && return 0
    jq -r '.failures[] | "\(.at)s \(.op) \(.method) \(.path): \(.status) (expected \(.expected)) \(.body)"' "$1"
    return 1
}
no_trace_logged() { ! grep -E -A3 '^[0-9-]+[ T][0-9:.]+ +ERROR' "$WORK"/$STORE-*.log; }
