# Sourced by mixed-cluster.sh: its checks across the nodes of one deployment. Reads AUTH (curl arguments, the
# caller's token), WORK, STORE (the shared file store), LB (HAProxy's URL), NODES, NODE_URL, SERVING (the nodes
# in service), sql (a query on the shared database), ours_manage and upstream_manage (each's glance-manage).

# status EXPECTED METHOD URL [CURL ARGS...]: the answer's status, as myuser; the body is kept in $WORK/body
status() {
    local expected=$1 method=$2 url=$3 got
    shift 3
    got=$(curl -s --max-time 120 "${AUTH[@]}" -o "$WORK/body" -w '%{http_code}' -X "$method" "$@" "$url") || true
    [[ $got == "$expected" ]] && return 0
    echo "$method $url: expected $expected, got $got"
    head -c 600 "$WORK/body" 2>/dev/null
    return 1
}
create() { # create URL ID NAME [EXTRA-JSON-MEMBERS]
    status 201 POST "$1/v2/images" -H 'Content-Type: application/json' -d "{\"id\": \"$2\", \"name\": \"$3\",
        \"disk_format\": \"raw\", \"container_format\": \"bare\"${4:+, $4}}"
}
upload() { status 204 PUT "$1/v2/images/$2/file" -H 'Content-Type: application/octet-stream' -T "$3"; }
upload_chunked() { # no Content-Length: curl sends what it reads from a pipe chunked
    cat "$3" | status 204 PUT "$1/v2/images/$2/file" -H 'Content-Type: application/octet-stream' -T -
}
stage() { status 204 PUT "$1/v2/images/$2/stage" -H 'Content-Type: application/octet-stream' -T "$3"; }
import_direct() { status 202 POST "$1/v2/images/$2/import" -H 'Content-Type: application/json' \
    -d '{"method": {"name": "glance-direct"}}'; }
sha() { sha256sum | cut -d' ' -f1; }

# record URL ID: what every node must show alike of an image
record() {
    curl -sf --max-time 30 "${AUTH[@]}" "$1/v2/images/$2" | jq -S 'del(.updated_at, .created_at)'
}
# alike_everywhere ID FILE: every node in service and HAProxy show the same record, active with the file's size
# and checksums, and serve its bytes; its location row is the shared store's file:// form
alike_everywhere() {
    local id=$1 file=$2 node first="" rec url want
    for node in "${SERVING[@]}" lb; do
        url=${NODE_URL[$node]:-$LB}
        rec=$(record "$url" "$id") || { echo "$node: GET $id failed"; return 1; }
        if [[ -z $first ]]; then
            first=$rec
            want=$(jq -c --arg size "$(stat -c %s "$file")" --arg md5 "$(md5sum <"$file" | cut -d' ' -f1)" \
                --arg sha "$(sha512sum <"$file" | cut -d' ' -f1)" \
                'select(.status == "active" and .size == ($size | tonumber) and .checksum == $md5
                        and .os_hash_algo == "sha512" and .os_hash_value == $sha)' <<<"$rec")
            [[ -n $want ]] || { echo "$node shows, not active with the data's size and checksums:"; echo "$rec"; return 1; }
        elif [[ $rec != "$first" ]]; then
            echo "${SERVING[0]} and $node differ:"; diff <(echo "$first") <(echo "$rec"); return 1
        fi
        [[ $(curl -sf --max-time 120 "${AUTH[@]}" "$url/v2/images/$id/file" | sha) == "$(sha <"$file")" ]] \
            || { echo "$node: the download differs"; return 1; }
    done
    local location
    location=$(sql "SELECT value FROM image_locations WHERE image_id = '$id' AND deleted = 0")
    [[ $location == "file://$STORE/$id" ]] || { echo "location row: '$location', not file://$STORE/$id"; return 1; }
    [[ -f $STORE/$id ]] || { echo "no file $STORE/$id"; return 1; }
}
# gone_everywhere ID: 404 from every node in service, nothing left in the store or staging directories
gone_everywhere() {
    local id=$1 node
    for node in "${SERVING[@]}"; do status 404 GET "${NODE_URL[$node]}/v2/images/$id" || return 1; done
    for node in "${NODES[@]}"; do [[ ! -e $WORK/$node/staging/$id ]] || { echo "still staged on $node"; return 1; }; done
    [[ ! -e $STORE/$id ]] || { echo "$STORE/$id is still there"; return 1; }
}
# active_within ID SECONDS: the image (imported elsewhere) turns active and its import lock is gone: upstream
# activates the image, then releases the lock (os_glance_import_task) in a later step of its import flow
active_within() {
    local t0=$SECONDS state
    while :; do
        state=$(curl -s --max-time 30 "${AUTH[@]}" "$LB/v2/images/$1" | jq -r '.status + (if has("os_glance_import_task") then " (locked)" else "" end)')
        [[ $state == active ]] && return 0
        ((SECONDS - t0 < $2)) || { echo "$state after $2 s"; return 1; }
        sleep 0.5
    done
}

# rows IMAGE: its rows in the database, but what differs by nature (ids, names, timestamps, data, paths)
rows() {
    sql "SELECT status, size IS NULL, disk_format, container_format, owner, min_disk, min_ram, protected, visibility,
        os_hidden, os_hash_algo, virtual_size = size, deleted FROM images WHERE id = '$1'"
    # live rows only: both keep bookkeeping as soft-deleted rows (the stage host, the import lock, ours' upload
    # owner; ours records data to remove, such as the staged file, as upstream's delayed delete does, a
    # location row pending_delete, then deleted once it is gone)
    sql "SELECT REPLACE(value, image_id, '<id>'), meta_data, status FROM image_locations WHERE image_id = '$1'
        AND deleted = 0 ORDER BY id"
    sql "SELECT name, value FROM image_properties WHERE image_id = '$1' AND deleted = 0 ORDER BY name"
    sql "SELECT COUNT(*) FROM image_tags WHERE image_id = '$1'"
    sql "SELECT COUNT(*) FROM image_members WHERE image_id = '$1'"
}
rows_alike() { diff <(rows "$1") <(rows "$2") | sed 's/^</upstream:/; s/^>/ours:/'; }

# tasks_alike ID: the image's tasks (GET /v2/images/ID/tasks) read alike from every node, one task, success
tasks_alike() {
    local node first="" got
    for node in "${SERVING[@]}"; do
        got=$(curl -sf --max-time 30 "${AUTH[@]}" "${NODE_URL[$node]}/v2/images/$1/tasks" | jq -S .) \
            || { echo "$node: GET tasks failed"; return 1; }
        if [[ -z $first ]]; then
            first=$got
            jq -e '.tasks | length == 1 and .[0].status == "success"' <<<"$got" >/dev/null \
                || { echo "${SERVING[0]} shows:"; echo "$got"; return 1; }
        elif [[ $got != "$first" ]]; then
            echo "${SERVING[0]} and $node differ:"; diff <(echo "$first") <(echo "$got"); return 1
        fi
    done
}

# task_shape ID: the image's task as upstream shows it, but for what differs by nature and ours' live progress
# (result.progress, which it adds beside upstream's fields; docs/import.md), one line per field
task_shape() {
    curl -sf --max-time 30 "${AUTH[@]}" "${NODE_URL[upstream]}/v2/images/$1/tasks" | jq -S --arg id "$1" \
        '.tasks[0] | del(.id, .created_at, .updated_at, .expires_at, .request_id, .result.progress)
         | walk(if . == $id then "<id>" else . end)
         | to_entries[] | "\(.key): \(.value | tojson)"'
}
same_task_shape() { diff <(task_shape "$1") <(task_shape "$2") | sed 's/^</upstream:/; s/^>/ours:/'; }

list_ids() { # list_ids URL QUERY: the ids of one page
    curl -sf --max-time 30 "${AUTH[@]}" "$1/v2/images?$2" | jq -r '[.images[].id] | join(" ")'
}
same_list() {
    local query=$1 first node url ids i
    first=$(list_ids "${NODE_URL[upstream]}" "$query")
    [[ -n $first ]] || { echo "upstream lists nothing"; return 1; }
    for node in a b lb lb lb; do
        url=${NODE_URL[$node]:-$LB}
        ids=$(list_ids "$url" "$query")
        [[ $ids == "$first" ]] || { echo "upstream: $first"; echo "$node: $ids"; return 1; }
    done
}
# paged_alike QUERY: pages of 2 through HAProxy (each page from the next node), following `next`, give the
# whole list upstream gives in one page
paged_alike() {
    local query=$1 whole next page ids=() t
    whole=$(list_ids "${NODE_URL[upstream]}" "$query")
    next="/v2/images?limit=2${query:+&$query}"
    while [[ -n $next ]]; do
        page=$(curl -sf --max-time 30 "${AUTH[@]}" "$LB$next") || { echo "GET $next failed"; return 1; }
        for t in $(jq -r '.images[].id' <<<"$page"); do ids+=("$t"); done
        next=$(jq -r '.next // empty' <<<"$page")
        ((${#ids[@]} <= 100)) || { echo "more than 100 ids: the pages loop"; return 1; }
    done
    [[ "${ids[*]}" == "$whole" ]] || { echo "upstream: $whole"; echo "paged:    ${ids[*]}"; return 1; }
}

left_in_flight() {
    local rows
    rows=$(sql "SELECT id, status FROM images WHERE deleted = 0 AND status IN ('saving', 'importing')")
    [[ -z $rows ]] || { echo "$rows"; return 1; }
}

orphans() { # store files no live location names
    local file found=0
    for file in "$STORE"/*; do
        [[ -e $file ]] || continue
        [[ -n $(sql "SELECT l.id FROM image_locations l JOIN images i ON i.id = l.image_id WHERE l.deleted = 0
            AND i.deleted = 0 AND l.value = 'file://$file'") ]] || { echo "orphan: $file"; found=1; }
    done
    ((found == 0))
}

pending_removals() { # data ours recorded to remove (upstream's delayed-delete form) and did not remove
    local rows
    rows=$(sql "SELECT l.image_id, l.value FROM image_locations l JOIN images i ON i.id = l.image_id
        WHERE l.status = 'pending_delete' AND i.status <> 'pending_delete'")
    [[ -z $rows ]] || { echo "$rows"; return 1; }
}

# live_rows: how many live rows each of the tables glance-manage db purge reads holds
live_rows() {
    local table
    for table in images image_properties image_tags image_locations image_members tasks; do
        sql "SELECT COUNT(*) FROM $table WHERE deleted = 0"
    done | paste -sd' ' -
}
# purged_some ARGS...: our glance-manage ARGS deletes some rows
purged_some() { ours_manage "$@" | tee "$WORK/purge.out" | grep -E 'Deleted [1-9][0-9]* row'; }
# purges_nothing ARGS...: upstream's glance-manage ARGS runs to its end and deletes nothing
purges_nothing() {
    local out
    out=$(upstream_manage "$@") || { echo "$out"; return 1; }
    grep -q 'Deleted 0 row(s) from table' <<<"$out" && ! grep -E 'Deleted [1-9][0-9]* row' <<<"$out"
}
