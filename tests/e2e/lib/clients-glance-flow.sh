# Sourced by tests/e2e/clients.sh: the glance (python-glanceclient) flow.

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
    expect_image_basics "$f" "$GID" "$2" "$3"
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

