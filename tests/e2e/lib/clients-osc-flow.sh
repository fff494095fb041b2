# Sourced by tests/e2e/clients.sh: the openstack (python-openstackclient) flow.

OSC_SHOW_FIELDS=(checksum container_format created_at disk_format file id min_disk min_ram name
    properties protected schema size status tags updated_at virtual_size visibility)

check_osc_image() { # FILE NAME STATUS
    local f=$1
    expect_image_basics "$f" "$OID" "$2" "$3"
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

