# Sourced by rbac.sh as its last phase: property_protection_file, a roles file, then the same rules in the
# policies format, each with the service restarted on it. Reads A, ADMIN, ETC and rbac.sh's checks.

protections_case() { # protections_case ID-PREFIX FORMAT
    local p=$1 format=$2 mine theirs
    req_json "$A" POST /v2/images '{"name":"member-protected-'"$format"'","disk_format":"raw","container_format":"bare","x_admin_foo":"m"}'
    expect "${p}a" "$format: A's member creates an image with x_admin_foo" 403
    req_json "$ADMIN" POST /v2/images '{"name":"admin-protected-'"$format"'","disk_format":"raw","container_format":"bare","visibility":"public","x_admin_foo":"a","x_user_foo":"u"}'
    expect "${p}b" "$format: admin creates a public image with x_admin_foo" 201
    theirs=$(jq -r '.id // empty' "$BODY" 2>/dev/null || true)
    expect_value "${p}c" "$format: A's member shows it: x_admin_foo, x_user_foo" '[null,"u"]' "$(field "$theirs" "$A" '[.x_admin_foo,.x_user_foo]')"
    expect_value "${p}c" "$format: admin shows it: x_admin_foo, x_user_foo" '["a","u"]' "$(field "$theirs" "$ADMIN" '[.x_admin_foo,.x_user_foo]')"
    new_image mine "$A" '{"name":"member-unprotected-'"$format"'","disk_format":"raw","container_format":"bare","x_user_foo":"u"}'
    req_patch "$A" "$mine" '[{"op":"add","path":"/x_admin_bar","value":"m"}]'
    expect "${p}d" "$format: A's member adds x_admin_bar to its image (PATCH)" 403
    req_patch "$A" "$mine" '[{"op":"replace","path":"/x_user_foo","value":"v"}]'
    expect "${p}e" "$format: A's member updates x_user_foo on its image" 200
}

phase "7. property protections, roles format (restart with property_protection_file)"
cat >"$ETC/protections-roles.conf" <<EOF
[^x_admin_.*]
create = admin
read = admin
update = admin
delete = admin

[.*]
create = @
read = @
update = @
delete = @
EOF
cat >"$ETC/protect-roles.conf" <<EOF
[DEFAULT]
property_protection_file = $ETC/protections-roles.conf
property_protection_rule_format = roles
EOF
if guide_glance_restart "$ETC/rbac.conf" "$ETC/protect-roles.conf"; then
    protections_case 7 roles
else
    CODE=down
    setup "the Image service restarts with a roles protection file" up
fi

phase "7. property protections, policies format (restart)"
sed 's/= admin$/= context_is_admin/' "$ETC/protections-roles.conf" >"$ETC/protections-policies.conf"
cat >"$ETC/protect-policies.conf" <<EOF
[DEFAULT]
property_protection_file = $ETC/protections-policies.conf
property_protection_rule_format = policies
EOF
if guide_glance_restart "$ETC/rbac.conf" "$ETC/protect-policies.conf"; then
    protections_case 7p policies
else
    CODE=down
    setup "the Image service restarts with a policies protection file" up
fi
