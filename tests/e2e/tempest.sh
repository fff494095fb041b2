#!/usr/bin/env bash
# End-to-end test: Tempest's image API tests (Debian's tempest package) against the Image service in
# the install guide's deployment (scripts/keystone.sh, the guide's glance-api.conf). Tempest finds
# the Image service through the Keystone catalog and creates a project and user per test class.
# See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: tests/e2e/tempest.sh [--multistore | --swift] [--regex R] [--exclude-regex R] [--concurrency N] [--keep]

  --multistore       the guide's glance-api.conf plus several stores (enabled_backends): Ceph RBD (the
                     default, when scripts/ceph.sh env answers), a file store and the read-only http store,
                     with show_multiple_locations and show_image_direct_url on and Tempest's location
                     tests enabled against a local web server
  --swift            the guide's glance-api.conf with Swift as the default store (single-tenant, the
                     tempauth account of scripts/swift.sh, started when it does not run and stopped
                     again; a container of the run's own, deleted at the end) beside file and http
  --regex R          tests to run (default: ^tempest\.api\.image)
  --exclude-regex R  tests to leave out (default: none)
  --concurrency N    Tempest workers (default 2)
  --keep             keep the work directory (tempest workspace, logs, service log)

Environment: GLANCE_E2E_API_COMMAND (the glance-api to test, default bin/glance-api; e.g.
/usr/bin/glance-api for upstream Glance), GLANCE_E2E_MANAGE_COMMAND, GLANCE_E2E_START_TIMEOUT.
EOF
}

REGEX='^tempest\.api\.image'
EXCLUDE=''
CONCURRENCY=2
KEEP=0
MULTISTORE=0
SWIFT=0
while (($#)); do
    case $1 in
        --multistore) MULTISTORE=1; shift ;;
        --swift) SWIFT=1; shift ;;
        --regex) REGEX=${2:?--regex needs a value}; shift 2 ;;
        --exclude-regex) EXCLUDE=${2?--exclude-regex needs a value}; shift 2 ;;
        --concurrency) CONCURRENCY=${2:?--concurrency needs a value}; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
((MULTISTORE + SWIFT < 2)) || { echo "tempest.sh: --multistore and --swift exclude each other" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
ROOT=$(cd "$HERE/../.." && pwd)
# Tempest and its runner are Debian's packages: Debian's python, also for stestr's workers ($PYTHON).
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
export PYTHON=/usr/bin/python3
e2e_need_tools tempest.sh tempest stestr openstack mariadb curl ss setsid "$PYTHON"
e2e_unset_os_env

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-tempest.XXXXXX")
# Private HOME: `tempest init` registers its workspace there.
export HOME=$WORK/home
mkdir -p "$HOME"
START=$SECONDS
# shellcheck source=tests/e2e/lib/guide-deployment.sh
source "$HERE/lib/guide-deployment.sh"

tempest_cleanup() {
    if declare -F multistore_stop >/dev/null; then multistore_stop; fi
    if declare -F swift_default_stop >/dev/null; then swift_default_stop; fi
}
guide_exit_traps tempest_cleanup

guide_keystone
if ((SWIFT)); then
    # shellcheck source=tests/e2e/lib/swift-default.sh
    source "$HERE/lib/swift-default.sh"
    swift_default_configure "$WORK" || { echo "FAILED: could not set up the Swift store"; exit 1; }
fi
EXTRA_CONF=()
MANAGE_LOCATIONS=false
HTTP_IMAGE=""
if ((MULTISTORE)); then
    # shellcheck source=tests/e2e/lib/multistore.sh
    source "$HERE/lib/multistore.sh"
    multistore_configure "$WORK" || { echo "FAILED: could not set up the stores"; exit 1; }
    EXTRA_CONF=("$MULTISTORE_CONF")
    MANAGE_LOCATIONS=true
    HTTP_IMAGE=$MULTISTORE_HTTP_IMAGE
else
    # one store, a staging directory and a local web server for the import tests' web-download (on
    # does-not.exist, see lib/multistore.sh)
    # shellcheck source=tests/e2e/lib/multistore.sh
    source "$HERE/lib/multistore.sh"
    import_single_store "$WORK" || { echo "FAILED: could not start the web server"; exit 1; }
    EXTRA_CONF=("$IMPORT_CONF")
    HTTP_IMAGE=$MULTISTORE_HTTP_IMAGE
fi
guide_glance_start "${EXTRA_CONF[@]}" || { echo "FAILED: the Image service did not start"; exit 1; }
# The metadata definitions Debian's glance-common ships, as a packaged deployment has them: Tempest's
# metadef tests take the first resource type listed.
echo "\$ $GUIDE_MANAGE --config-file $GLANCE_CONF db load_metadefs"
"$GUIDE_MANAGE" --config-file "$GLANCE_CONF" db load_metadefs >"$WORK/load-metadefs.log" 2>&1 ||
    { tail -n 20 "$WORK/load-metadefs.log"; echo "FAILED: glance-manage db load_metadefs"; exit 1; }

# shellcheck source=tests/e2e/lib/tempest.sh
source "$HERE/lib/tempest.sh"
WS=$WORK/tempest
tempest_workspace "$WS" "$MANAGE_LOCATIONS" "$HTTP_IMAGE" || { echo "FAILED: tempest init"; exit 1; }

echo ""
rc=0
tempest_execute "$WS" "$WORK/tempest-run.log" "$REGEX" "$EXCLUDE" "$CONCURRENCY" || rc=$?
RUN_TIME=$TEMPEST_RUN_TIME

if ((SWIFT)) && ! swift_default_used; then
    # the container appears with the first upload (swift_store_create_container_on_put)
    echo "the Swift container $SWIFT_DEFAULT_CONTAINER was never created: no upload went to Swift"
    rc=1
fi
echo "tempest run: ${RUN_TIME}s (exit status $rc); whole test $((SECONDS - START))s"
if ((rc != 0)); then
    guide_glance_log_tail 60
    echo "FAILED: Tempest's image API tests against $GLANCE_URL ($GUIDE_API)"
    exit 1
fi
echo "PASSED: Tempest's image API tests against $GLANCE_URL ($GUIDE_API)"
