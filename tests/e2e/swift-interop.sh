#!/usr/bin/env bash
# This service and upstream Glance (Debian's glance-api, Zed 25.1.0, with python3-swiftclient) side by
# side on one MariaDB database and one Swift account (scripts/swift.sh: tempauth, single-tenant, one
# container): each downloads byte-identical data the other wrote, whole objects and large objects (small
# swift_store_large_object_size and chunk size on both, so that a few MiB make several segments), ours
# writes upstream's object layout (segments <id>-00001... and an X-Object-Manifest), and either service
# deletes, segments included, what the other wrote. Skips without glance-api, python3-swiftclient, the
# Swift of scripts/swift.sh or the MariaDB of scripts/test-databases.sh, unless GLANCE_TEST_REQUIRE_SWIFT=1
# (then it fails). Exits non-zero on any failed check. See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF_USAGE'
Usage: tests/e2e/swift-interop.sh [--inline-credentials] [--keep]

  --inline-credentials  the account in swift_store_auth_address, swift_store_user and swift_store_key
                        (upstream's deprecated form; locations swift+http://user:key@...) instead of a
                        swift_store_config_file reference (locations swift+config://ref1/...)
  --keep                keep the work directory (configurations, both services' logs, the test data)

Environment: GLANCE_TEST_REQUIRE_SWIFT=1 turns a skip into a failure; GLANCE_SWIFT_* and
GLANCE_TEST_MYSQL_URL are read from the environment when set, else from scripts/swift.sh env and
scripts/test-databases.sh env; GLANCE_E2E_START_TIMEOUT (seconds to wait for each service, default 120).
EOF_USAGE
}

KEEP=0
INLINE=0
while (($#)); do
    case $1 in
        --inline-credentials) INLINE=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
PY=/usr/bin/python3
UPSTREAM_API=/usr/bin/glance-api
UPSTREAM_MANAGE=/usr/bin/glance-manage
START=$SECONDS
MIB=$((1024 * 1024))
# glance_store counts the large-object sizes in units of 1000 KiB ("MB"), not MiB: segments of
# swift_store_large_object_chunk_size = 1 hold 1024000 bytes, with upstream and ours alike
SEGMENT=$((1000 * 1024))

# Checks known to fail with this build, by group, and why: such a failure prints XFAIL and does not
# fail the run; a pass prints XPASS (take the group out of the list then). None at present.
declare -A KNOWN_FAILURES=()

# not_here REASON: what the test needs is absent; a skip, or a failure when the run requires Swift
not_here() {
    if [[ ${GLANCE_TEST_REQUIRE_SWIFT:-} == 1 ]]; then
        echo "swift-interop.sh: $1 (GLANCE_TEST_REQUIRE_SWIFT=1)" >&2
        exit 1
    fi
    echo "swift-interop.sh: SKIP: $1"
    exit 0
}

e2e_need_tools swift-interop.sh curl jq setsid ss sha256sum md5sum sha512sum
[[ -x $UPSTREAM_API && -x $UPSTREAM_MANAGE ]] \
    || not_here "upstream Glance is not installed (Debian: apt-get install --no-install-recommends glance-api python3-swiftclient)"
"$PY" -c 'import swiftclient' 2>/dev/null \
    || not_here "upstream's swift driver needs python3-swiftclient (apt-get install --no-install-recommends python3-swiftclient)"
command -v mariadb >/dev/null || not_here "the mariadb client is not installed"

# the servers: from the environment (bin/test exports them), else from the running test servers
if [[ -z ${GLANCE_SWIFT_AUTH_ADDRESS:-} ]]; then
    swift_env=$("$ROOT/scripts/swift.sh" env 2>/dev/null) || not_here "no Swift runs: start it with scripts/swift.sh start"
    while IFS='=' read -r key value; do
        [[ $key == GLANCE_SWIFT_* ]] && export "$key=$value"
    done <<<"$swift_env"
fi
[[ ${GLANCE_SWIFT_AUTH_VERSION:-1} == 1 ]] || not_here "the Swift of scripts/swift.sh runs without tempauth"
MYSQL_URL=${GLANCE_TEST_MYSQL_URL:-$("$ROOT/scripts/test-databases.sh" env 2>/dev/null \
    | sed -n 's/^GLANCE_TEST_MYSQL_URL=//p' || true)}
[[ -n $MYSQL_URL ]] || not_here "no MariaDB test server runs: start it with scripts/test-databases.sh start"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-swift-interop.XXXXXX")
OURS_PID=""
UPSTREAM_PID=""
DROP_DB=""
# A container of this run's own, so that listings show only this run's objects and the clean-up can
# remove it whatever happened to the requests.
CONTAINER=glance-interop-$$
A=$(new_id) # large object through ours with Content-Length, deleted through ours
B=$(new_id) # large object through ours chunked, deleted through upstream
C=$(new_id) # large object through upstream, deleted through ours
D=$(new_id) # whole object through upstream, deleted through ours
E=$(new_id) # whole object through ours, deleted through upstream
F=$(new_id) # large object through upstream chunked, deleted through ours

# --- Swift, as a client of the account ----------------------------------------------------------------

SWIFT_TOKEN=""
SWIFT_URL=""
swift_login() {
    local headers
    headers=$(curl -sf --max-time 30 -D - -o /dev/null -H "X-Auth-User: $GLANCE_SWIFT_USER" \
        -H "X-Auth-Key: $GLANCE_SWIFT_KEY" "$GLANCE_SWIFT_AUTH_ADDRESS") || return 1
    SWIFT_TOKEN=$(sed -n 's/^[Xx]-[Aa]uth-[Tt]oken: *//p' <<<"$headers" | tr -d '\r')
    SWIFT_URL=$(sed -n 's/^[Xx]-[Ss]torage-[Uu]rl: *//p' <<<"$headers" | tr -d '\r')
    [[ -n $SWIFT_TOKEN && -n $SWIFT_URL ]]
}
swift_curl() { curl -s --max-time 60 -H "X-Auth-Token: $SWIFT_TOKEN" "$@"; }
# objects PREFIX: the container's objects whose names start with PREFIX, one a line
objects() { swift_curl -f "$SWIFT_URL/$CONTAINER?prefix=$1&format=json" | jq -r '.[].name'; }

remove_container() {
    [[ -n $SWIFT_TOKEN ]] || return 0
    local name
    for name in $(objects "" 2>/dev/null); do swift_curl -o /dev/null -X DELETE "$SWIFT_URL/$CONTAINER/$name"; done
    swift_curl -o /dev/null -X DELETE "$SWIFT_URL/$CONTAINER" || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    e2e_stop_group "$OURS_PID"
    e2e_stop_group "$UPSTREAM_PID"
    remove_container
    if [[ -n $DROP_DB ]]; then
        "${MY[@]}" -e "DROP DATABASE IF EXISTS $DROP_DB" >/dev/null 2>&1 \
            || echo "swift-interop.sh: could not drop the database $DROP_DB" >&2
    fi
    if ((KEEP)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

swift_login || not_here "Swift at $GLANCE_SWIFT_AUTH_ADDRESS refuses $GLANCE_SWIFT_USER or does not answer"

# --- checks -------------------------------------------------------------------------------------------

# shellcheck source=tests/e2e/lib/interop-checks.sh
source "$HERE/lib/interop-checks.sh"


# record URL ID: what both services must show alike of an image
record() {
    curl -sf --max-time 30 "$1/v2/images/$2" \
        | jq -cS '{status, size, checksum, os_hash_algo, os_hash_value, direct_url, disk_format, container_format}'
}
# without_credentials URL: the location without the user:key@ that upstream puts in it
without_credentials() { sed -E 's#^(swift\+https?://)[^@/]*@#\1#' <<<"$1"; }

# same_record ID FILE: ours and upstream show the image alike, active, with the file's size and checksums
# and upstream's location. Where upstream's location holds the account's key, upstream shows it in
# direct_url and ours shows the location without it; the rest must be identical.
same_record() {
    local id=$1 file=$2 mine theirs want location
    location=$LOCATION_PREFIX/$CONTAINER/$id
    mine=$(record "$OURS" "$id") && theirs=$(record "$UPSTREAM" "$id") || return 1
    want=$(jq -ncS --arg size "$(stat -c %s "$file")" --arg md5 "$(md5sum <"$file" | cut -d' ' -f1)" \
        --arg sha "$(sha512sum <"$file" | cut -d' ' -f1)" --arg url "$location" \
        '{status: "active", size: ($size | tonumber), checksum: $md5, os_hash_algo: "sha512", os_hash_value: $sha,
          direct_url: $url, disk_format: "raw", container_format: "bare"}')
    [[ $theirs == "$want" ]] || { echo "expected from upstream:"; echo "$want"; echo "upstream shows:"; echo "$theirs"; return 1; }
    want=$(jq -c --arg url "$(without_credentials "$location")" '.direct_url = $url' <<<"$want")
    [[ $mine == "$want" ]] || { echo "expected from ours:"; echo "$want"; echo "ours shows:"; echo "$mine"; return 1; }
}

# stored_location ID: the location in the database (image_locations) is upstream's, credentials included
stored_location() {
    local got
    got=$("${MY[@]}" -N -B -e "SELECT value FROM $DB.image_locations WHERE image_id = '$1' AND deleted = 0") || return 1
    [[ $got == "$LOCATION_PREFIX/$CONTAINER/$1" ]] || { echo "image_locations: '$(without_credentials "$got")'"; return 1; }
}

# manifest ID: the object's X-Object-Manifest header (empty for a whole object)
manifest() {
    swift_curl -f -I "$SWIFT_URL/$CONTAINER/$1" | sed -n 's/^[Xx]-[Oo]bject-[Mm]anifest: *//p' | tr -d '\r'
}

# large_layout ID SIZE: upstream's Dynamic Large Object layout: the manifest <id> pointing at
# <container>/<id>-, segments <id>-00001..<id>-0000N of $SEGMENT bytes each (the last shorter), nothing else
large_layout() {
    local id=$1 size=$2 n want got i seg_size
    n=$(((size + SEGMENT - 1) / SEGMENT))
    want=$(printf '%s\n' "$id"; for ((i = 1; i <= n; i++)); do printf '%s-%05d\n' "$id" "$i"; done)
    got=$(objects "$id") || return 1
    [[ $got == "$want" ]] || { echo "objects expected:"; echo "$want"; echo "found:"; echo "$got"; return 1; }
    [[ $(manifest "$id") == "$CONTAINER/$id-" ]] || { echo "X-Object-Manifest: '$(manifest "$id")'"; return 1; }
    swift_curl -f "$SWIFT_URL/$CONTAINER?prefix=$id-&format=json" >"$WORK/segments-$id.json" || return 1
    jq -e --argjson segment "$SEGMENT" --argjson size "$size" \
        '(.[:-1] | all(.bytes == $segment)) and (map(.bytes) | add) == $size' "$WORK/segments-$id.json" >/dev/null \
        || { jq -c 'map({name, bytes})' "$WORK/segments-$id.json"; return 1; }
}
# whole_object ID SIZE: one object of the image's size, no manifest, no segment
whole_object() {
    local got
    got=$(objects "$1") || return 1
    [[ $got == "$1" ]] || { echo "objects found:"; echo "$got"; return 1; }
    [[ -z $(manifest "$1") ]] || { echo "X-Object-Manifest: $(manifest "$1")"; return 1; }
    swift_curl -f "$SWIFT_URL/$CONTAINER?prefix=$1&format=json" | jq -e --argjson size "$2" '.[0].bytes == $size' >/dev/null
}
# gone ID: no object (manifest or segment) of the image is left
gone() {
    local got
    got=$(objects "$1") || return 1
    [[ -z $got ]] || { echo "left in $CONTAINER:"; echo "$got"; return 1; }
}

# --- set-up -------------------------------------------------------------------------------------------

# shellcheck source=../../bin/lib/java-env.sh
source "$ROOT/bin/lib/java-env.sh"
GLANCEJ_JAVA_HOME=$(glancej_find_java)
glancej_ensure_built
export GLANCEJ_SKIP_BUILD=1

# a fresh database on the test MariaDB (its glance user may create databases)
rest=${MYSQL_URL#*://}; creds=${rest%%@*}; hostport=${rest#*@}; hostport=${hostport%%/*}
MY=(mariadb --no-defaults -h "${hostport%:*}" -P "${hostport#*:}" -u "${creds%%:*}" "-p${creds#*:}")
DB=glance_swift_interop_$$
"${MY[@]}" -e "CREATE DATABASE $DB" || { echo "swift-interop.sh: could not create database $DB" >&2; exit 1; }
DROP_DB=$DB
query=""
[[ $MYSQL_URL == *\?* ]] && query="?${MYSQL_URL##*\?}"
CONN="${MYSQL_URL%/*}/$DB$query"

OURS_PORT=$(e2e_free_port 22292 350) && UPSTREAM_PORT=$(e2e_free_port 22642 350) \
    || { echo "swift-interop.sh: no free port" >&2; exit 1; }
OURS=http://127.0.0.1:$OURS_PORT
UPSTREAM=http://127.0.0.1:$UPSTREAM_PORT
mkdir -p "$WORK/images" "$WORK/staging" "$WORK/lock"
# The Swift account both use, as a reference of upstream's swift_store_config_file
cat >"$WORK/glance-swift.conf" <<EOF_CONF
[ref1]
auth_address = $GLANCE_SWIFT_AUTH_ADDRESS
auth_version = 1
user = $GLANCE_SWIFT_USER
key = $GLANCE_SWIFT_KEY
EOF_CONF
chmod 600 "$WORK/glance-swift.conf"
if ((INLINE)); then
    STORE_ACCOUNT="swift_store_auth_address = $GLANCE_SWIFT_AUTH_ADDRESS
swift_store_auth_version = 1
swift_store_user = $GLANCE_SWIFT_USER
swift_store_key = $GLANCE_SWIFT_KEY"
    # upstream's location of an account without a reference: the credentials quoted, then the auth address
    LOCATION_PREFIX="swift+http://$(jq -rn --arg u "$GLANCE_SWIFT_USER" '$u | @uri'):$(jq -rn --arg k "$GLANCE_SWIFT_KEY" '$k | @uri')@${GLANCE_SWIFT_AUTH_ADDRESS#http://}"
else
    STORE_ACCOUNT="swift_store_config_file = $WORK/glance-swift.conf
default_swift_reference = ref1"
    LOCATION_PREFIX="swift+config://ref1"
fi
DIRECT_URL="$(without_credentials "$LOCATION_PREFIX")/..."
((INLINE)) && DIRECT_URL="upstream's with user:key@, ours without"
# What both services read; each gets its port (and upstream its oslo options) from a file given first,
# and upstream finds glance-api-paste.ini beside the last file, named after it.
cat >"$WORK/glance-api.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1
show_image_direct_url = true

[database]
connection = $CONN

[paste_deploy]
flavor =

[glance_store]
stores = swift,file,http
default_store = swift
$STORE_ACCOUNT
swift_store_container = $CONTAINER
swift_store_create_container_on_put = true
swift_store_large_object_size = 1
swift_store_large_object_chunk_size = 1
filesystem_store_datadir = $WORK/images
EOF_CONF
printf '[DEFAULT]\nbind_port = %s\n' "$OURS_PORT" >"$WORK/ours.conf"
cat >"$WORK/upstream.conf" <<EOF_CONF
[DEFAULT]
bind_port = $UPSTREAM_PORT
workers = 1
log_file = $WORK/upstream.log
node_staging_uri = file://$WORK/staging

[oslo_concurrency]
lock_path = $WORK/lock
EOF_CONF
cp /etc/glance/glance-api-paste.ini "$WORK/glance-api-paste.ini"

echo "== database $DB on ${hostport}; Swift account $SWIFT_URL, container $CONTAINER (large objects and segments of 1000 KiB)"
echo "   upstream glance-api $(dpkg-query -W -f='${Version}' glance-api 2>/dev/null || echo '?') on $UPSTREAM, ours on $OURS"
"$ROOT/bin/glance-manage" --config-file "$WORK/glance-api.conf" db_sync >"$WORK/db_sync.log" 2>&1 \
    || { echo "swift-interop.sh: our db_sync failed:" >&2; tail -20 "$WORK/db_sync.log" >&2; exit 1; }

interop_start_both swift-interop.sh

head -c $((3 * MIB + 4321)) /dev/urandom >"$WORK/a.bin" # four segments
head -c $((2 * MIB + 777)) /dev/urandom >"$WORK/b.bin"  # three segments, sent without a length
head -c $((3 * MIB + 55)) /dev/urandom >"$WORK/c.bin"
head -c $((300 * 1024 + 3)) /dev/urandom >"$WORK/d.bin" # under the large-object size
head -c $((500 * 1024 + 9)) /dev/urandom >"$WORK/e.bin"
head -c $((2 * MIB + 99)) /dev/urandom >"$WORK/f.bin"
size() { stat -c %s "$WORK/$1.bin"; }

# --- what ours writes, upstream reads -----------------------------------------------------------------

echo "== A $A: a large object uploaded through ours with Content-Length ($(size a) bytes)"
check "ours: create A (201)" create "$OURS" "$A" swift-interop-a
check "ours: upload A (204)" upload "$OURS" "$A" "$WORK/a.bin"
check "upstream lists A" listed "$UPSTREAM" "$A"
check "both show A active with the same size, checksum, os_hash_value and direct_url ($DIRECT_URL)" same_record "$A" "$WORK/a.bin"
check "the database holds upstream's location of A" stored_location "$A"
check "upstream downloads A byte-identical" same_bytes "$UPSTREAM" "$A" "$WORK/a.bin"
check "ours downloads A byte-identical" same_bytes "$OURS" "$A" "$WORK/a.bin"
check "ours downloads a range of A across two segments byte-identical" \
    same_bytes "$OURS" "$A" "$WORK/a.bin" 1023000-1024999
check "Swift holds A in upstream's layout: manifest A -> $CONTAINER/A-, segments A-00001..A-00004 of 1000 KiB" \
    large_layout "$A" "$(size a)"

echo "== B $B: a large object uploaded through ours chunked, without Content-Length ($(size b) bytes)"
check "ours: create B (201)" create "$OURS" "$B" swift-interop-b
check "ours: chunked upload of B (204)" upload_chunked "$OURS" "$B" "$WORK/b.bin"
check "both show B active with the same size, checksum, os_hash_value and direct_url ($DIRECT_URL)" same_record "$B" "$WORK/b.bin"
check "the database holds upstream's location of B" stored_location "$B"
check "upstream downloads B byte-identical" same_bytes "$UPSTREAM" "$B" "$WORK/b.bin"
check "Swift holds B in upstream's layout: manifest and segments B-00001..B-00003, no empty segment" \
    large_layout "$B" "$(size b)"

echo "== E $E: a whole object uploaded through ours ($(size e) bytes)"
check "ours: create E (201)" create "$OURS" "$E" swift-interop-e
check "ours: upload E (204)" upload "$OURS" "$E" "$WORK/e.bin"
check "both show E active with the same size, checksum, os_hash_value and direct_url ($DIRECT_URL)" same_record "$E" "$WORK/e.bin"
check "upstream downloads E byte-identical" same_bytes "$UPSTREAM" "$E" "$WORK/e.bin"
check "Swift holds E as one object, no manifest, no segment" whole_object "$E" "$(size e)"

# --- what upstream writes, ours reads -----------------------------------------------------------------

echo "== C $C: a large object uploaded through upstream ($(size c) bytes)"
check "upstream: create C (201)" create "$UPSTREAM" "$C" swift-interop-c
check "upstream: upload C (204)" upload "$UPSTREAM" "$C" "$WORK/c.bin"
check "ours lists C" listed "$OURS" "$C"
check "both show C active with the same size, checksum, os_hash_value and direct_url ($DIRECT_URL)" same_record "$C" "$WORK/c.bin"
check "the database holds upstream's location of C" stored_location "$C"
check "ours downloads C byte-identical" same_bytes "$OURS" "$C" "$WORK/c.bin"
check "ours downloads a range of C across two segments byte-identical" \
    same_bytes "$OURS" "$C" "$WORK/c.bin" 2047000-2048999
check "ours downloads the last bytes of C (the short last segment) byte-identical" \
    same_bytes "$OURS" "$C" "$WORK/c.bin" "$((3 * SEGMENT))-$(($(size c) - 1))"
check "upstream's layout of C is the one ours checks above (manifest, 1000 KiB segments C-00001..C-00004)" \
    large_layout "$C" "$(size c)"

echo "== F $F: a large object uploaded through upstream chunked, without Content-Length ($(size f) bytes)"
check "upstream: create F (201)" create "$UPSTREAM" "$F" swift-interop-f
check "upstream: chunked upload of F (204)" upload_chunked "$UPSTREAM" "$F" "$WORK/f.bin"
check "both show F active with the same size, checksum, os_hash_value and direct_url ($DIRECT_URL)" same_record "$F" "$WORK/f.bin"
check "the database holds upstream's location of F" stored_location "$F"
check "ours downloads F byte-identical" same_bytes "$OURS" "$F" "$WORK/f.bin"
check "upstream's layout of F is the one ours writes for B" large_layout "$F" "$(size f)"

echo "== D $D: a whole object uploaded through upstream ($(size d) bytes)"
check "upstream: create D (201)" create "$UPSTREAM" "$D" swift-interop-d
check "upstream: upload D (204)" upload "$UPSTREAM" "$D" "$WORK/d.bin"
check "both show D active with the same size, checksum, os_hash_value and direct_url ($DIRECT_URL)" same_record "$D" "$WORK/d.bin"
check "ours downloads D byte-identical" same_bytes "$OURS" "$D" "$WORK/d.bin"
check "upstream's D is one object, as ours writes E" whole_object "$D" "$(size d)"

# --- each deletes what the other wrote ----------------------------------------------------------------

echo "== deletion across the services"
check "upstream deletes B, written by ours (204)" status 204 DELETE "$UPSTREAM/v2/images/$B"
check "no manifest or segment of B is left in Swift" gone "$B"
check "ours finds B deleted (404)" status 404 GET "$OURS/v2/images/$B"
check "upstream deletes E, written by ours (204)" status 204 DELETE "$UPSTREAM/v2/images/$E"
check "no object of E is left in Swift" gone "$E"
check "ours deletes C, written by upstream (204)" status 204 DELETE "$OURS/v2/images/$C"
check "no manifest or segment of C is left in Swift" gone "$C"
check "upstream finds C deleted (404)" status 404 GET "$UPSTREAM/v2/images/$C"
check "ours deletes F, written by upstream (204)" status 204 DELETE "$OURS/v2/images/$F"
check "no manifest or segment of F is left in Swift" gone "$F"
check "ours deletes D, written by upstream (204)" status 204 DELETE "$OURS/v2/images/$D"
check "no object of D is left in Swift" gone "$D"
check "ours deletes A, its own (204)" status 204 DELETE "$OURS/v2/images/$A"
check "no manifest or segment of A is left in Swift" gone "$A"
check "upstream finds A deleted (404)" status 404 GET "$UPSTREAM/v2/images/$A"

check "ours logged no ERROR" no_errors_logged
no_credentials_logged() { ! grep -F -- "$GLANCE_SWIFT_KEY" "$WORK/ours.log"; }
check "ours logged no Swift key" no_credentials_logged

# --- summary ------------------------------------------------------------------------------------------

interop_summary swift-interop.sh
