#!/usr/bin/env bash
# End-to-end test: who may do what, in the install guide's deployment (MariaDB, Keystone, the guide's
# glance-api.conf) with secure RBAC on: forged identity headers, bad, revoked, expired and system-scoped
# tokens, another project's images, sharing, visibility, the reader role, quotas, property protections
# and Keystone going away mid-run. Each check prints PASS or FAIL with the expected and the actual
# status. See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: tests/e2e/rbac.sh [--keep]

Starts Keystone (scripts/keystone.sh, when it is not running) and the Image service with the install
guide's glance-api.conf plus secure RBAC ([DEFAULT] enforce_secure_rbac, [oslo_policy]
enforce_new_defaults and enforce_scope), restarting it with quotas and with property protection files
for the cases that need them. Stops and restarts Keystone's uwsgi (not MariaDB) for one case.

  --keep   keep the work directory (configs, service log, request bodies) for inspection

Environment: GLANCE_E2E_API_COMMAND (the glance-api to test, default bin/glance-api; e.g.
/usr/bin/glance-api for upstream Glance), GLANCE_E2E_MANAGE_COMMAND, GLANCE_E2E_START_TIMEOUT.
EOF
}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
e2e_keep_only "$@"
ROOT=$(cd "$HERE/../.." && pwd)
# The clients are Debian's packages; an earlier python3 on PATH (pyenv, venv) lacks their modules.
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
e2e_need_tools rbac.sh openstack jq curl cmp mariadb ss setsid timeout
e2e_unset_os_env

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-rbac.XXXXXX")
export HOME=$WORK/home
mkdir -p "$HOME"
BODY=$WORK/body
HDRS=$WORK/headers
FAILURES=$WORK/failures
: >"$FAILURES"
PASSED=0
START=$SECONDS
# shellcheck source=tests/e2e/lib/guide-deployment.sh
source "$HERE/lib/guide-deployment.sh"

SHORT_CREDENTIAL=""
# the short-lived application credential of case 2c, if a failure left it behind
drop_short_credential() {
    if [[ -n $SHORT_CREDENTIAL ]]; then
        guide_identity "$A" DELETE "/users/$A_USER/application_credentials/$SHORT_CREDENTIAL" >/dev/null 2>&1
    fi
}
guide_exit_traps drop_short_credential
# A failing setup command ends the run (set -e): say where.
trap 'printf "rbac.sh: line %s: a setup command failed (status %s)\n" "$LINENO" "$?" >&2' ERR

# shellcheck source=tests/e2e/lib/rbac-checks.sh
source "$HERE/lib/rbac-checks.sh"

# ---------------------------------------------------------------------------------------------
# Deployment: the guide's Keystone, three projects' users, and the service with secure RBAC on

phase "deployment: Keystone, users of projects A (member, reader), B and C, the service with secure RBAC"
guide_keystone
ADMIN_PASSWORD=$(source "$GLANCE_KEYSTONE_ADMIN_OPENRC" && echo "$OS_PASSWORD")
A_PASSWORD=$(source "$GLANCE_KEYSTONE_DEMO_OPENRC" && echo "$OS_PASSWORD")
A_NAME=$(source "$GLANCE_KEYSTONE_DEMO_OPENRC" && echo "$OS_USERNAME")
A_PROJECT_NAME=$(source "$GLANCE_KEYSTONE_DEMO_OPENRC" && echo "$OS_PROJECT_NAME")
# Throw-away passwords of a loopback-only test deployment.
TEST_PASSWORD=rbac-test-pass

ADMIN=$(guide_token admin "$ADMIN_PASSWORD" admin)
ADMIN_PROJECT=$(jq -r .token.project.id "$WORK/token.json")
A_PROJECT=$(guide_ensure_user "$ADMIN" "$A_PROJECT_NAME" rbac-reader-a "$TEST_PASSWORD" reader)
B_PROJECT=$(guide_ensure_user "$ADMIN" rbac-project-b rbac-member-b "$TEST_PASSWORD" member)
C_PROJECT=$(guide_ensure_user "$ADMIN" rbac-project-c rbac-member-c "$TEST_PASSWORD" member)
A=$(guide_token "$A_NAME" "$A_PASSWORD" "$A_PROJECT_NAME")
A_USER=$(jq -r .token.user.id "$WORK/token.json")
READER=$(guide_token rbac-reader-a "$TEST_PASSWORD" "$A_PROJECT_NAME")
B=$(guide_token rbac-member-b "$TEST_PASSWORD" rbac-project-b)
C=$(guide_token rbac-member-c "$TEST_PASSWORD" rbac-project-c)
SYSTEM_ADMIN=$(guide_token admin "$ADMIN_PASSWORD" system)
echo "admin project $ADMIN_PROJECT, A ($A_PROJECT_NAME) $A_PROJECT, B $B_PROJECT, C $C_PROJECT"

ETC=$WORK/etc
mkdir -p "$ETC"
# The secure-RBAC personas: Zed refuses to start unless enforce_secure_rbac matches
# enforce_new_defaults. One worker: upstream caches tokens per worker process, and the Keystone-down
# case relies on a token being cached or not.
cat >"$ETC/rbac.conf" <<EOF
[DEFAULT]
enforce_secure_rbac = True
workers = 1

[oslo_policy]
enforce_new_defaults = True
enforce_scope = True
EOF
guide_glance_start "$ETC/rbac.conf" || { CODE=down; setup "the Image service starts" up; finish; }

DATA=$WORK/data.bin
printf 'image data for the RBAC test\n' >"$DATA"

# Fixtures: A's private image with data, A's public image with data (made public by the admin), the
# admin's private image. Checks that could change an image they should not get images of their own,
# so that one wrongly allowed request does not fail the checks after it.
new_image A_PRIVATE "$A" '{"name":"a-private","disk_format":"raw","container_format":"bare","visibility":"private"}'
req_upload "$A" "$A_PRIVATE" "$DATA"
setup "upload to A's private image" 204
new_image A_PUBLIC "$A" '{"name":"a-public","disk_format":"raw","container_format":"bare"}'
req_upload "$A" "$A_PUBLIC" "$DATA"
setup "upload to A's public image" 204
req_patch "$ADMIN" "$A_PUBLIC" '[{"op":"replace","path":"/visibility","value":"public"}]'
setup "admin makes A's image public" 200
new_image ADMIN_PRIVATE "$ADMIN" '{"name":"admin-private","disk_format":"raw","container_format":"bare","visibility":"private"}'

# ---------------------------------------------------------------------------------------------
phase "1. forged identity headers"

FORGED=(-H 'X-Identity-Status: Confirmed' -H 'X-Roles: admin' -H "X-Project-Id: $ADMIN_PROJECT"
    -H "X-Tenant-Id: $ADMIN_PROJECT" -H "X-User-Id: $A_USER" -H 'X-Is-Admin: True')
req - GET /v2/images "${FORGED[@]}"
expect 1a "no token, X-Roles admin, X-Identity-Status Confirmed, X-Project-Id, X-User-Id: GET /v2/images" 401
req - POST /v2/images "${FORGED[@]}" -H 'Content-Type: application/json' \
    -d '{"name":"forged","disk_format":"raw","container_format":"bare","visibility":"public"}'
expect 1b "the same headers without a token: POST /v2/images public" 401
new_image FORGED_TARGET "$A" '{"name":"a-forged","disk_format":"raw","container_format":"bare","visibility":"private"}'
req "$A" PATCH "/v2/images/$FORGED_TARGET" "${FORGED[@]}" -H 'Content-Type: application/openstack-images-v2.1-json-patch' \
    -d '[{"op":"replace","path":"/visibility","value":"public"}]'
expect 1c "A's member token plus X-Roles admin: PATCH visibility public" 403
req "$A" GET "/v2/images/$ADMIN_PRIVATE" "${FORGED[@]}"
expect 1d "A's member token plus X-Roles admin, X-Project-Id admin's: GET admin's private image" 404

# ---------------------------------------------------------------------------------------------
phase "2. tokens"

req garbage-not-a-token GET /v2/images
expect 2a "garbage token: GET /v2/images" 401
www=$(tr -d '\r' <"$HDRS" | awk -F': ' 'tolower($1) == "www-authenticate" { print $2 }')
expect_value 2a "garbage token: WWW-Authenticate" "Keystone uri=\"$GLANCE_KEYSTONE_URL\"" "${www:-<none>}"

# Revoked before its first use: no cache can know it.
REVOKED=$(guide_token "$A_NAME" "$A_PASSWORD" "$A_PROJECT_NAME")
(source "$GLANCE_KEYSTONE_ADMIN_OPENRC" && timeout 120 openstack token revoke "$REVOKED" <&-) >"$WORK/revoke.log" 2>&1 ||
    { CODE="openstack token revoke failed: $(head -c 200 "$WORK/revoke.log")"; setup "openstack token revoke" 0; }
req "$REVOKED" GET /v2/images
expect 2b "token revoked with 'openstack token revoke' before its first use: GET /v2/images" 401

# A token that expires while this phase runs: Keystone caps a token's life at its application
# credential's expiry, so a credential expiring in EXPIRY seconds yields one without reconfiguring
# Keystone.
EXPIRY=8
expires_at=$(date -u -d "+$EXPIRY seconds" +%Y-%m-%dT%H:%M:%S)
SHORT_EXPIRES=$((SECONDS + EXPIRY))
SHORT_CREDENTIAL=$(guide_identity "$A" POST "/users/$A_USER/application_credentials" \
    '{"application_credential":{"name":"rbac-short-'"$$-$RANDOM"'","expires_at":"'"$expires_at"'"}}' |
    tee "$WORK/credential.json" | jq -r .application_credential.id)
SHORT=$(guide_token_request '{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"id":"'"$SHORT_CREDENTIAL"'","secret":"'"$(jq -r .application_credential.secret "$WORK/credential.json")"'"}}}}')
req "$SHORT" GET /v2/images
expect 2c "token expiring in ${EXPIRY}s (application credential), first use: GET /v2/images" 200
# 2c's second half runs once the token has expired, at the end of this phase.

req "$SYSTEM_ADMIN" GET /v2/images
expect 2d "system-scoped admin token (enforce_scope): GET /v2/images" 403
# Rules on one image answer 404 where get_image itself fails: upstream hides what the caller may not see.
req "$SYSTEM_ADMIN" GET "/v2/images/$A_PUBLIC"
expect 2d "system-scoped admin token: GET A's public image" 404

req "$B" GET "/v2/images/$A_PRIVATE"
expect 2e "B's member: GET A's private image" 404
req "$B" GET "/v2/images/$A_PRIVATE/file"
expect 2e "B's member: download A's private image" 404
req_patch "$B" "$A_PRIVATE" '[{"op":"replace","path":"/name","value":"b-was-here"}]'
expect 2e "B's member: PATCH A's private image" 404
req "$B" DELETE "/v2/images/$A_PRIVATE"
expect 2e "B's member: DELETE A's private image" 404
req "$B" GET "/v2/images/$A_PUBLIC"
expect 2f "B's member: GET A's public image" 200
req "$B" GET "/v2/images/$A_PUBLIC/file"
expect 2f "B's member: download A's public image" 200
expect_value 2f "B's member: downloaded bytes" "the uploaded bytes" "$(cmp -s "$BODY" "$DATA" && echo 'the uploaded bytes' || echo 'other bytes')"
req_patch "$B" "$A_PUBLIC" '[{"op":"replace","path":"/name","value":"b-was-here"}]'
expect 2f "B's member: PATCH A's public image" 403
req "$B" DELETE "/v2/images/$A_PUBLIC"
expect 2f "B's member: DELETE A's public image" 403
expect_value 2f "A's images after B's attempts: names" '["a-private","a-public"]' \
    "[$(field "$A_PRIVATE" "$A" .name),$(field "$A_PUBLIC" "$A" .name)]"

# ---------------------------------------------------------------------------------------------
phase "3. sharing"

new_image SHARED "$A" '{"name":"a-shared","disk_format":"raw","container_format":"bare","visibility":"shared"}'
req_json "$A" POST "/v2/images/$SHARED/members" '{"member":"'"$B_PROJECT"'"}'
expect 3a "A (owner) adds B as member" 200
expect_value 3a "B's new membership status" '"pending"' "$(jq -c .status "$BODY" 2>/dev/null)"
# A second member: the admin project (any project id can be a member).
req_json "$A" POST "/v2/images/$SHARED/members" '{"member":"'"$ADMIN_PROJECT"'"}'
setup "A adds the admin project as a second member" 200
expect_value 3b "B: the image in GET /v2/images?member_status=pending" listed "$(listed "$B" member_status=pending "$SHARED")"
expect_value 3b "B: the image in the default GET /v2/images" "not listed" "$(listed "$B" '' "$SHARED")"
req "$B" GET "/v2/images/$SHARED/members"
expect 3c "B (pending member): GET the members list" 200
expect_value 3c "B: the members list shows only B" "[\"$B_PROJECT\"]" "$(jq -c '[.members[].member_id]' "$BODY" 2>/dev/null)"
# A member sees only its own membership: the other one is not found for B.
req_json "$B" PUT "/v2/images/$SHARED/members/$ADMIN_PROJECT" '{"status":"accepted"}'
expect 3d "B sets the other member's status" 404
req_json "$A" PUT "/v2/images/$SHARED/members/$B_PROJECT" '{"status":"accepted"}'
expect 3e "A (owner) accepts on behalf of B" 403
req_json "$B" PUT "/v2/images/$SHARED/members/$B_PROJECT" '{"status":"accepted"}'
expect 3f "B accepts its membership" 200
expect_value 3f "B: the image in the default GET /v2/images" listed "$(listed "$B" '' "$SHARED")"
req_json "$B" POST "/v2/images/$SHARED/members" '{"member":"'"$C_PROJECT"'"}'
expect 3g "B (member) adds C as member" 403
req "$B" DELETE "/v2/images/$SHARED/members/$B_PROJECT"
expect 3h "B deletes its own membership" 403
new_image UNSHARED "$A" '{"name":"a-unshared","disk_format":"raw","container_format":"bare","visibility":"private"}'
req_json "$A" POST "/v2/images/$UNSHARED/members" '{"member":"'"$B_PROJECT"'"}'
expect 3i "A adds a member to its private image" 403
req "$C" GET "/v2/images/$SHARED/members"
expect 3j "C (not a member): GET the members list" 404
req "$A" GET "/v2/images/$SHARED/members"
expect_value 3k "A: members and their status after all that" \
    "$(jq -nc --arg a "$ADMIN_PROJECT" --arg b "$B_PROJECT" '[[$a,"pending"],[$b,"accepted"]] | sort')" \
    "$(jq -c '[.members[] | [.member_id, .status]] | sort' "$BODY" 2>/dev/null)"

# ---------------------------------------------------------------------------------------------
phase "4. visibility"

req_json "$A" POST /v2/images '{"name":"a-wants-public","disk_format":"raw","container_format":"bare","visibility":"public"}'
expect 4a "A's member creates a public image" 403
new_image VIS "$A" '{"name":"a-visibility","disk_format":"raw","container_format":"bare"}'
req_patch "$A" "$VIS" '[{"op":"replace","path":"/visibility","value":"public"}]'
expect 4b "A's member makes its image public (PATCH)" 403
req_patch "$A" "$VIS" '[{"op":"replace","path":"/visibility","value":"community"}]'
expect 4c "A's member (owner) makes its image community" 200
req_patch "$ADMIN" "$VIS" '[{"op":"replace","path":"/visibility","value":"public"}]'
expect 4d "admin makes A's image public" 200
req_json "$ADMIN" POST /v2/images '{"name":"admin-public","disk_format":"raw","container_format":"bare","visibility":"public"}'
expect 4e "admin creates a public image" 201
expect_value 4f "A's image visibility at the end" '"public"' "$(field "$VIS" "$A" .visibility)"

# ---------------------------------------------------------------------------------------------
phase "5. reader role (rbac-reader-a: role reader on A's project)"

new_image READ "$A" '{"name":"a-for-reader","disk_format":"raw","container_format":"bare","visibility":"private"}'
expect_value 5a "reader: A's private image in GET /v2/images" listed "$(listed "$READER" '' "$READ")"
(source "$GLANCE_KEYSTONE_DEMO_OPENRC" && export OS_USERNAME=rbac-reader-a OS_PASSWORD=$TEST_PASSWORD &&
    timeout 120 openstack image list -f json <&-) >"$WORK/reader-list.json" 2>"$WORK/reader-list.err" || true
if jq -e --arg id "$READ" 'any(.[]; .ID == $id)' "$WORK/reader-list.json" >/dev/null 2>&1; then
    got=listed
else
    got="not listed $(tr -s '\n' ' ' <"$WORK/reader-list.err" | head -c 200)"
fi
expect_value 5b "reader: 'openstack image list' shows A's private image" listed "${got% }"
req "$READER" GET "/v2/images/$READ"
expect 5c "reader: GET A's private image" 200
req_json "$READER" POST /v2/images '{"name":"reader-image","disk_format":"raw","container_format":"bare"}'
expect 5d "reader: create an image" 403
req_patch "$READER" "$READ" '[{"op":"replace","path":"/name","value":"reader-was-here"}]'
expect 5e "reader: PATCH A's image" 403
req_upload "$READER" "$READ" "$DATA"
expect 5f "reader: upload to A's queued image" 403
req "$READER" DELETE "/v2/images/$READ"
expect 5g "reader: DELETE A's image" 403
expect_value 5h "A's image after the reader's attempts: name, status" '["a-for-reader","queued"]' "$(field "$READ" "$A" '[.name,.status]')"

# ---------------------------------------------------------------------------------------------
phase "2c (continued). the short-lived token after its expiry"

while ((SECONDS <= SHORT_EXPIRES + 1)); do sleep 1; done
req "$SHORT" GET /v2/images
expect 2c "the same token after its expiry (it was cached when used): GET /v2/images" 401
guide_identity "$A" DELETE "/users/$A_USER/application_credentials/$SHORT_CREDENTIAL" >/dev/null && SHORT_CREDENTIAL=""

# ---------------------------------------------------------------------------------------------
phase "8. Keystone down (uwsgi stopped, MariaDB running)"

FRESH=$(guide_token "$A_NAME" "$A_PASSWORD" "$A_PROJECT_NAME")
req "$A" GET /v2/images
setup "A's token in the cache before Keystone stops" 200
guide_keystone_down
t0=$SECONDS
# This service answers 503: the token could not be checked, and the client should retry rather than
# get a new token. Upstream answers 401 here: its paste pipeline sets delay_auth_decision = true, so a
# token Keystone could not check is passed on as invalid and Glance's context middleware refuses it.
req "$FRESH" GET /v2/images
if [[ -n ${GLANCE_E2E_API_COMMAND:-} ]]; then
    expect 8a "Keystone down, a token not validated before: GET /v2/images (answered in $((SECONDS - t0))s)" 401
else
    expect 8a "Keystone down, a token not validated before: GET /v2/images (answered in $((SECONDS - t0))s)" 503
fi
req "$A" GET /v2/images
expect 8b "Keystone down, a token validated a moment ago (cached): GET /v2/images" 200
guide_keystone_up || { CODE=down; setup "Keystone starts again" up; }
req "$FRESH" GET /v2/images
expect 8c "Keystone back, the same request, the service not restarted" 200

# ---------------------------------------------------------------------------------------------
phase "6. quotas (restart: image_property_quota 2, image_tag_quota 2, image_member_quota 1, user_storage_quota 1MB;
   token_cache_time -1 for the revocation checks 2g)"

cat >"$ETC/quota.conf" <<EOF
[DEFAULT]
image_property_quota = 2
image_tag_quota = 2
image_member_quota = 1
user_storage_quota = 1MB

[keystone_authtoken]
# No token cache: the revocation check below must reach Keystone.
token_cache_time = -1
EOF
guide_glance_restart "$ETC/rbac.conf" "$ETC/quota.conf" || { CODE=down; setup "the Image service restarts with quotas" up; finish; }

req "$A" GET /v2/images
expect 2g "token_cache_time = -1, A's token before its revocation: GET /v2/images" 200
(source "$GLANCE_KEYSTONE_ADMIN_OPENRC" && timeout 120 openstack token revoke "$A" <&-) >"$WORK/revoke.log" 2>&1 ||
    { CODE="openstack token revoke failed: $(head -c 200 "$WORK/revoke.log")"; setup "openstack token revoke" 0; }
req "$A" GET /v2/images
expect 2g "token_cache_time = -1, the same token after 'openstack token revoke': GET /v2/images" 401
A=$(guide_token "$A_NAME" "$A_PASSWORD" "$A_PROJECT_NAME")

count_named() { # count_named TOKEN NAME: how many images named NAME the token lists
    req "$1" GET "/v2/images?name=$2"
    if [[ $CODE == 200 ]]; then jq '.images | length' "$BODY" 2>/dev/null || echo '<not JSON>'; else echo "<HTTP $CODE>"; fi
}

req_json "$A" POST /v2/images '{"name":"quota-3-props","disk_format":"raw","container_format":"bare","p1":"1","p2":"2","p3":"3"}'
expect 6a "create with 3 properties (quota 2)" 413
expect_value 6a "images named quota-3-props afterwards" 0 "$(count_named "$A" quota-3-props)"
req_json "$A" POST /v2/images '{"name":"quota-3-tags","disk_format":"raw","container_format":"bare","tags":["t1","t2","t3"]}'
expect 6b "create with 3 tags (quota 2)" 413
expect_value 6b "images named quota-3-tags afterwards" 0 "$(count_named "$A" quota-3-tags)"
req_json "$A" POST /v2/images '{"name":"quota-full","disk_format":"raw","container_format":"bare","visibility":"shared","p1":"1","p2":"2","tags":["t1","t2"]}'
expect 6c "create with 2 properties and 2 tags (at both limits)" 201
FULL=$(jq -r '.id // empty' "$BODY" 2>/dev/null || true)
STATE='{name, p1, p2, p3, tags: (.tags | sort)}'
BEFORE=$(field "$FULL" "$A" "$STATE")
req_patch "$A" "$FULL" '[{"op":"replace","path":"/name","value":"quota-renamed"},{"op":"add","path":"/p3","value":"3"}]'
expect 6d "PATCH renaming and adding a 3rd property" 413
expect_value 6d "the image after the refused PATCH (nothing applied)" "$BEFORE" "$(field "$FULL" "$A" "$STATE")"
BEFORE=$(field "$FULL" "$A" "$STATE")
req "$A" PUT "/v2/images/$FULL/tags/t3"
expect 6e "PUT a 3rd tag" 413
req_patch "$A" "$FULL" '[{"op":"replace","path":"/tags","value":["t1","t2","t3"]}]'
expect 6e "PATCH replacing the tags with 3" 413
expect_value 6e "the image after the refused tag changes" "$BEFORE" "$(field "$FULL" "$A" "$STATE")"
req_patch "$A" "$FULL" '[{"op":"remove","path":"/p2"},{"op":"add","path":"/p3","value":"3"}]'
expect 6f "PATCH swapping a property (still 2)" 200
req_json "$A" POST "/v2/images/$FULL/members" '{"member":"'"$B_PROJECT"'"}'
expect 6g "add a 1st member (quota 1)" 200
req_json "$A" POST "/v2/images/$FULL/members" '{"member":"'"$C_PROJECT"'"}'
expect 6g "add a 2nd member" 413
req "$A" GET "/v2/images/$FULL/members"
expect_value 6g "members afterwards" "[\"$B_PROJECT\"]" "$(jq -c '[.members[].member_id]' "$BODY" 2>/dev/null)"

# user_storage_quota counts the bytes of the owner's images: B's and C's projects have stored nothing
# so far. C tries too much at once; B fills its quota exactly, then tries more.
head -c 2097152 /dev/zero >"$WORK/2MiB"
head -c 1048576 /dev/zero >"$WORK/1MiB"
new_image BIG "$C" '{"name":"quota-big","disk_format":"raw","container_format":"bare"}'
req_upload "$C" "$BIG" "$WORK/2MiB"
expect 6h "C uploads 2 MiB (user_storage_quota 1MB)" 413
expect_value 6h "the image after the refused upload: status, size" '["queued",null]' "$(field "$BIG" "$C" '[.status,.size]')"
req "$C" GET "/v2/images/$BIG/file"
expect 6h "download of the image after the refused upload (no data)" 204
new_image EXACT "$B" '{"name":"quota-exact","disk_format":"raw","container_format":"bare"}'
req_upload "$B" "$EXACT" "$WORK/1MiB"
expect 6i "B uploads exactly 1 MiB (at the quota)" 204
expect_value 6i "the image after it: status, size" '["active",1048576]' "$(field "$EXACT" "$B" '[.status,.size]')"
new_image MORE "$B" '{"name":"quota-more","disk_format":"raw","container_format":"bare"}'
req_upload "$B" "$MORE" "$DATA"
expect 6j "B uploads $(stat -c %s "$DATA") more bytes (past the quota)" 413
expect_value 6j "the image after the refused upload: status, size" '["queued",null]' "$(field "$MORE" "$B" '[.status,.size]')"

# shellcheck source=tests/e2e/lib/rbac-protections-flow.sh
source "$HERE/lib/rbac-protections-flow.sh"

finish
