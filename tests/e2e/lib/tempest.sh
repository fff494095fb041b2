# shellcheck shell=bash
# Sourced by the scripts that run Tempest's image tests (tempest.sh, mixed-cluster.sh): a workspace with the
# project's tempest.conf, and a run that prints Tempest's per-test lines, its totals and a summary of failures
# and skips. Tempest finds the Image service through the Keystone catalog (GLANCE_KEYSTONE_* in the
# environment, from scripts/keystone.sh env). Tempest and stestr are Debian's: the caller puts /usr/bin first
# on PATH and exports PYTHON=/usr/bin/python3 (stestr's workers).

TEMPEST_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# tempest_workspace WS MANAGE_LOCATIONS [HTTP_IMAGE [ALTERNATE]]: `tempest init WS` and its tempest.conf:
# Keystone v3 with the admin credentials, dynamic credentials, only glance available, interoperable import, no
# cache, location management as MANAGE_LOCATIONS (true/false), HTTP_IMAGE as [image] http_image (web-download's
# source) when given, and ALTERNATE as [image] alternate_image_endpoint (the catalog's service type of another
# node of the same deployment, public interface), which runs Tempest's cross-node import and delete tests.
tempest_workspace() {
    local ws=$1 manage_locations=$2 http_image=${3:-} alternate=${4:-} admin_password
    admin_password=$(source "$GLANCE_KEYSTONE_ADMIN_OPENRC" && echo "$OS_PASSWORD")
    tempest init "$ws" >/dev/null || return 1
    cat >"$ws/etc/tempest.conf" <<EOF
[DEFAULT]
log_dir = $ws/logs
log_file = tempest.log

[oslo_concurrency]
lock_path = $ws/tempest_lock

[auth]
use_dynamic_credentials = true
admin_username = admin
admin_password = $admin_password
admin_project_name = admin
admin_domain_name = Default

[identity]
uri_v3 = $GLANCE_KEYSTONE_URL/v3
auth_version = v3
region = $GLANCE_KEYSTONE_REGION
v3_endpoint_type = public

[service_available]
glance = true
nova = false
cinder = false
neutron = false
swift = false
horizon = false

[image-feature-enabled]
# interoperable import; no cache; locations managed only with several stores
api_v2 = true
api_v1 = false
import_image = true
manage_locations = $manage_locations
os_glance_reserved = true
EOF
    if [[ -n $http_image || -n $alternate ]]; then
        {
            printf '\n[image]\n'
            [[ -z $http_image ]] || printf 'http_image = %s\n' "$http_image"
            [[ -z $alternate ]] || printf 'alternate_image_endpoint = %s\nalternate_image_endpoint_type = public\n' "$alternate"
        } >>"$ws/etc/tempest.conf"
    fi
}

# tempest_execute WS LOG REGEX EXCLUDE CONCURRENCY: `tempest run` in WS (output in LOG), then Tempest's
# per-test lines and totals and tempest_summary.py's account of failures and skips. Sets TEMPEST_RUN_TIME
# (seconds). Returns non-zero when a test failed or none passed; LOG's tail is shown when no results came.
tempest_execute() {
    local ws=$1 log=$2 regex=$3 exclude=$4 concurrency=$5 args t0=$SECONDS rc=0 summary=0
    args=(--regex "$regex" --concurrency "$concurrency")
    [[ -z $exclude ]] || args+=(--exclude-regex "$exclude")
    echo "\$ tempest run ${args[*]}"
    (cd "$ws" && tempest run "${args[@]}") >"$log" 2>&1 || rc=$?
    TEMPEST_RUN_TIME=$((SECONDS - t0))
    grep -E '^\{[0-9]+\} |^setUpClass|^Totals|^ - (Passed|Skipped|Failed|Expected|Unexpected)' "$log" || true
    echo ""
    (cd "$ws" && stestr last --subunit) >"$ws/last.subunit" 2>/dev/null || true
    "$PYTHON" "$TEMPEST_LIB_DIR/../tempest_summary.py" <"$ws/last.subunit" || summary=$?
    if [[ ! -s $ws/last.subunit ]]; then
        echo "no test results; tempest run output:"
        tail -n 60 "$log" | sed 's/^/   | /'
    fi
    ((rc == 0 && summary == 0))
}
