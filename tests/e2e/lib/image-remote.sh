# Sourced by mixed-cluster.sh after lib/guide-deployment.sh: the Keystone catalog's image_remote service, the
# other node Tempest's cross-node tests (test_remote_import, test_remote_delete) reach, and the catalog's
# restoration. Needs guide_admin_token, guide_identity and guide_catalog_point_at.

# Tempest's cross-node tests stage through the catalog's image endpoint and import or delete through its
# alternate_image_endpoint: a service of type image_remote.
REMOTE_TYPE=image_remote
# remote_point_at URL: the image_remote service, with one public endpoint at URL (created when missing)
remote_point_at() {
    local admin service endpoint
    admin=$(guide_admin_token) || return 1
    service=$(guide_identity "$admin" GET "/services?type=$REMOTE_TYPE" | jq -r '.services[0].id // empty')
    if [[ -z $service ]]; then
        service=$(guide_identity "$admin" POST /services '{"service": {"type": "'$REMOTE_TYPE'", "name": "glance-node",
            "description": "one node of the Image service, for cross-node tests (tests/e2e/mixed-cluster.sh)"}}' \
            | jq -r .service.id) || return 1
    fi
    endpoint=$(guide_identity "$admin" GET "/endpoints?service_id=$service&interface=public" | jq -r '.endpoints[0].id // empty')
    if [[ -z $endpoint ]]; then
        guide_identity "$admin" POST /endpoints '{"endpoint": {"service_id": "'"$service"'", "interface": "public",
            "region_id": "'"$GLANCE_KEYSTONE_REGION"'", "url": "'"$1"'"}}' >/dev/null
    else
        guide_identity "$admin" PATCH "/endpoints/$endpoint" '{"endpoint": {"url": "'"$1"'"}}' >/dev/null
    fi
}
# remote_remove: no image_remote service left (its endpoints go with it)
remote_remove() {
    local admin service
    admin=$(guide_admin_token) || return 1
    for service in $(guide_identity "$admin" GET "/services?type=$REMOTE_TYPE" | jq -r '.services[].id'); do
        guide_identity "$admin" DELETE "/services/$service" >/dev/null || return 1
    done
}
remote_is() { # remote_is URL|none
    local admin service url
    admin=$(guide_admin_token) || return 1
    service=$(guide_identity "$admin" GET "/services?type=$REMOTE_TYPE" | jq -r '.services[0].id // empty')
    url=none
    [[ -z $service ]] || url=$(guide_identity "$admin" GET "/endpoints?service_id=$service" | jq -r '[.endpoints[].url] | join(" ")')
    [[ $url == "$1" ]] || { echo "image_remote: $url"; return 1; }
}
# catalog_restore: the image endpoints back at the deployment's URL, no image_remote
catalog_restore() {
    guide_catalog_point_at "$GLANCE_KEYSTONE_IMAGE_URL" && remote_remove
}
