# shellcheck shell=bash
# Several stores for an end-to-end run (sourced): multistore_configure WORK writes $MULTISTORE_CONF, a
# glance-api.conf fragment with enabled_backends: Ceph RBD as the default store when the project's Ceph
# harness runs (scripts/ceph.sh env), else a file store; a second file store; the read-only http store;
# show_multiple_locations and show_image_direct_url on, and a policy letting an image's project remove its
# locations. It also starts a web server on 127.0.0.1 serving one
# image at $MULTISTORE_HTTP_IMAGE (for locations), allowed by [import_filtering_opts], and stopped by
# multistore_stop.

MULTISTORE_WEB_PID=""

# multistore_web WORK: starts the web server alone (sets MULTISTORE_WEB_PID, MULTISTORE_WEB_PORT and
# MULTISTORE_HTTP_IMAGE), for a single-store run's web-download imports.
multistore_web() {
    local work=$1 port tries=0
    mkdir -p "$work/web"
    head -c 1048576 /dev/urandom >"$work/web/cirros.img"
    port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    (cd "$work/web" && exec /usr/bin/python3 -m http.server --bind 127.0.0.1 "$port" >"$work/web.log" 2>&1) &
    MULTISTORE_WEB_PID=$!
    MULTISTORE_WEB_PORT=$port
    MULTISTORE_HTTP_IMAGE="http://127.0.0.1:$port/cirros.img"
    until curl -fsS -o /dev/null "$MULTISTORE_HTTP_IMAGE" 2>/dev/null; do
        ((++tries < 50)) || { echo "multistore.sh: the web server did not start" >&2; return 1; }
        sleep 0.1
    done
}

# import_single_store WORK: the web server of multistore_web and $IMPORT_CONF, a glance-api.conf fragment for
# one store with interoperable import: a staging directory, every import method, and [import_filtering_opts]
# letting web-download reach that web server and the catalog's image endpoint (glance-download); its lists in
# brackets, as upstream needs them (see multistore_configure).
import_single_store() {
    local work=$1
    multistore_web "$work" || return 1
    mkdir -p "$work/staging"
    IMPORT_CONF=$work/import.conf
    printf '[DEFAULT]\nnode_staging_uri = file://%s/staging\nenabled_import_methods = %s\n\n[import_filtering_opts]\nallowed_hosts = [127.0.0.1, does-not.exist]\nallowed_ports = [80, %s, %s]\n' \
        "$work" "[glance-direct, web-download, copy-image, glance-download]" "$MULTISTORE_WEB_PORT" \
        "${GLANCE_KEYSTONE_IMAGE_URL##*:}" >"$IMPORT_CONF"
}

multistore_configure() {
    local work=$1 root port ceph_env
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
    mkdir -p "$work/store-local" "$work/store-spare" "$work/staging" "$work/tasks"
    multistore_web "$work" || return 1
    port=$MULTISTORE_WEB_PORT
    MULTISTORE_CONF=$work/multistore.conf
    local backends="local:file, spare:file, web:http" default=local rbd_section=""
    if ceph_env=$("$root/scripts/ceph.sh" env 2>/dev/null); then
        local conf user pool
        conf=$(sed -n 's/^GLANCE_CEPH_CONF=//p' <<<"$ceph_env")
        user=$(sed -n 's/^GLANCE_CEPH_USER=//p' <<<"$ceph_env")
        pool=$(sed -n 's/^GLANCE_CEPH_POOL=//p' <<<"$ceph_env")
        backends="ceph:rbd, $backends"
        default=ceph
        rbd_section="[ceph]
store_description = Ceph RBD
weight = 100
rbd_store_pool = $pool
rbd_store_user = $user
rbd_store_ceph_conf = $conf
"
        MULTISTORE_DEFAULT_TYPE=rbd
    elif [[ ${GLANCE_TEST_REQUIRE_CEPH:-0} == 1 ]]; then
        echo "multistore.sh: Ceph is required but scripts/ceph.sh env does not answer" >&2
        return 1
    else
        echo "multistore.sh: Ceph is not running: the stores are file and http only" >&2
        MULTISTORE_DEFAULT_TYPE=file
    fi
    cat >"$MULTISTORE_CONF" <<EOF
[DEFAULT]
enabled_backends = $backends
# glance-download too: Tempest imports with it from this same service, found in the catalog
enabled_import_methods = [glance-direct, web-download, copy-image, glance-download]
show_multiple_locations = true
show_image_direct_url = true

[glance_store]
default_backend = $default

$rbd_section
[local]
store_description = Local disk
weight = 50
filesystem_store_datadir = $work/store-local

[spare]
filesystem_store_datadir = $work/store-spare

[web]
store_description = Web (read-only)

[os_glance_staging_store]
filesystem_store_datadir = $work/staging

[os_glance_tasks_store]
filesystem_store_datadir = $work/tasks

[import_filtering_opts]
# does-not.exist: Tempest's negative web-download test expects that import accepted and then failing in its
# task, as with upstream's default of no host list (and port 80); lists refuse anything else at the request.
# The catalog's image endpoint (this service, on loopback) is where glance-download reads from.
# In brackets: upstream declares both lists with bounds and, reading a value without them, fails every
# web-download and glance-download ("URI does not pass filtering").
allowed_hosts = [127.0.0.1, does-not.exist]
allowed_ports = [80, $port${GLANCE_KEYSTONE_IMAGE_URL:+, ${GLANCE_KEYSTONE_IMAGE_URL##*:}}]

[oslo_policy]
policy_file = $work/locations-policy.yaml
EOF
    # Upstream's default lets only admins remove a location; a cloud that shows and manages locations (and
    # Tempest's location tests, run as a project member) lets the image's project remove them too.
    cat >"$work/locations-policy.yaml" <<'EOF'
"delete_image_location": "role:admin or (role:member and project_id:%(project_id)s)"
EOF
}

multistore_stop() {
    if [[ -n $MULTISTORE_WEB_PID ]]; then
        kill "$MULTISTORE_WEB_PID" 2>/dev/null || true
        wait "$MULTISTORE_WEB_PID" 2>/dev/null || true
        MULTISTORE_WEB_PID=""
    fi
}
