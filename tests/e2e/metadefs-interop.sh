#!/usr/bin/env bash
# Loading metadata definitions: upstream's `glance-manage db load_metadefs` (Debian's glance-common, Zed
# 25.1.0) fills one MariaDB database from the definition files Debian ships in /etc/glance/metadefs/, ours
# fills another from the same files; the rows must match, and so must every metadefs API answer of
# upstream's glance-api on the first and of ours on the second (ids and timestamps aside). Then the same for
# --merge, --merge --prefer_new and --merge --overwrite with definitions written here, for export_metadefs
# and for unload_metadefs. Skips without upstream Glance or the MariaDB of scripts/test-databases.sh, unless
# GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1 (then it fails). See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF_USAGE'
Usage: tests/e2e/metadefs-interop.sh [--keep]

  --keep   keep the work directory (configurations, logs, API answers of both services)

Environment: GLANCE_TEST_MYSQL_URL (else from scripts/test-databases.sh env); GLANCE_E2E_START_TIMEOUT
(seconds to wait for each service, default 120); GLANCE_METADEFS_DIR (default /etc/glance/metadefs).
EOF_USAGE
}

KEEP=0
while (($#)); do
    case $1 in
        --keep) KEEP=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/e2e/lib/service.sh
source "$HERE/lib/service.sh"
# shellcheck source=tests/e2e/lib/checks.sh
source "$HERE/lib/checks.sh"
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
PY=/usr/bin/python3
UPSTREAM_API=/usr/bin/glance-api
UPSTREAM_MANAGE=/usr/bin/glance-manage
SHIPPED=${GLANCE_METADEFS_DIR:-/etc/glance/metadefs}

not_here() {
    if [[ ${GLANCE_TEST_REQUIRE_EXTERNAL_DBS:-} == 1 ]]; then
        echo "metadefs-interop.sh: $1 (GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1)" >&2
        exit 1
    fi
    echo "metadefs-interop.sh: SKIP: $1"
    exit 0
}
for tool in curl jq setsid ss mariadb; do
    command -v "$tool" >/dev/null || { echo "metadefs-interop.sh: '$tool' not found" >&2; exit 2; }
done
[[ -x $UPSTREAM_API && -x $UPSTREAM_MANAGE ]] \
    || not_here "upstream Glance is not installed (Debian: apt-get install --no-install-recommends glance-api)"
compgen -G "$SHIPPED/*.json" >/dev/null || not_here "no definition files in $SHIPPED (Debian's glance-common)"
MYSQL_URL=${GLANCE_TEST_MYSQL_URL:-$("$ROOT/scripts/test-databases.sh" env 2>/dev/null \
    | sed -n 's/^GLANCE_TEST_MYSQL_URL=//p' || true)}
[[ -n $MYSQL_URL ]] || not_here "no MariaDB test server runs: start it with scripts/test-databases.sh start"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-mdinterop.XXXXXX")
CHECKS_WORK=$WORK
OURS_PID=""
UPSTREAM_PID=""
DBS=()

cleanup() {
    local rc=$? db
    trap - EXIT INT TERM
    e2e_stop_group "$OURS_PID"
    e2e_stop_group "$UPSTREAM_PID"
    for db in "${DBS[@]}"; do
        "${MY[@]}" -e "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 \
            || echo "metadefs-interop.sh: could not drop the database $db" >&2
    done
    if ((KEEP)) || ((rc != 0)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- set-up: two databases, one per loader; a service on each ------------------------------------------

# shellcheck source=../../bin/lib/java-env.sh
source "$ROOT/bin/lib/java-env.sh"
GLANCEJ_JAVA_HOME=$(glancej_find_java)
glancej_ensure_built
export GLANCEJ_SKIP_BUILD=1

rest=${MYSQL_URL#*://}; creds=${rest%%@*}; hostport=${rest#*@}; hostport=${hostport%%/*}
MY=(mariadb --no-defaults -h "${hostport%:*}" -P "${hostport#*:}" -u "${creds%%:*}" "-p${creds#*:}")
query=""
[[ $MYSQL_URL == *\?* ]] && query="?${MYSQL_URL##*\?}"
OURS_PORT=$(e2e_free_port 24292 350) && UPSTREAM_PORT=$(e2e_free_port 24642 350) \
    || { echo "metadefs-interop.sh: no free port" >&2; exit 1; }
OURS=http://127.0.0.1:$OURS_PORT
UPSTREAM=http://127.0.0.1:$UPSTREAM_PORT
mkdir -p "$WORK/images" "$WORK/staging" "$WORK/lock" "$WORK/api"
for side in upstream ours; do
    db=glance_mdinterop_${side}_$$
    "${MY[@]}" -e "CREATE DATABASE $db" || { echo "metadefs-interop.sh: could not create $db" >&2; exit 1; }
    DBS+=("$db")
    port_var=${side^^}_PORT
    # no authentication: both services make every request an admin's
    cat >"$WORK/$side.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = ${!port_var}
workers = 1
log_file = $WORK/$side.log
node_staging_uri = file://$WORK/staging
[database]
connection = ${MYSQL_URL%/*}/$db$query
[paste_deploy]
flavor =
[glance_store]
filesystem_store_datadir = $WORK/images
[oslo_concurrency]
lock_path = $WORK/lock
EOF_CONF
done
# ours reads neither log_file nor lock_path (reported at start); upstream finds its paste file by the name
sed -i '/^log_file\|^workers\|^node_staging_uri\|^\[oslo_concurrency\]\|^lock_path/d' "$WORK/ours.conf"
cp /etc/glance/glance-api-paste.ini "$WORK/upstream-paste.ini"
upstream_manage() { "$UPSTREAM_MANAGE" --config-file "$WORK/upstream.conf" "$@"; }
ours_manage() { "$ROOT/bin/glance-manage" --config-file "$WORK/ours.conf" "$@"; }
upstream_manage db_sync >"$WORK/upstream-db_sync.log" 2>&1 \
    || { echo "metadefs-interop.sh: upstream's db_sync failed" >&2; tail "$WORK/upstream-db_sync.log" >&2; exit 1; }
ours_manage db_sync >"$WORK/ours-db_sync.log" 2>&1 \
    || { echo "metadefs-interop.sh: our db_sync failed" >&2; tail "$WORK/ours-db_sync.log" >&2; exit 1; }

setsid "$UPSTREAM_API" --config-file "$WORK/upstream.conf" >"$WORK/upstream.out" 2>&1 &
UPSTREAM_PID=$!
setsid "$ROOT/bin/glance-api" --config-file "$WORK/ours.conf" >"$WORK/ours.out" 2>&1 &
OURS_PID=$!
for side in UPSTREAM OURS; do
    pid_var=${side}_PID port_var=${side}_PORT started=0
    e2e_wait_answering "${!side}" "${!pid_var}" "${GLANCE_E2E_START_TIMEOUT:-120}" "${!port_var}" || started=$?
    if ((started)); then
        echo "metadefs-interop.sh: ${side,,} did not start on ${!side} (wait: $started)" >&2
        tail -n 30 "$WORK/${side,,}.out" "$WORK/${side,,}.log" >&2 2>/dev/null || true
        exit 1
    fi
done
echo "== upstream glance-manage and glance-api $(dpkg-query -W -f='${Version}' glance-api 2>/dev/null || echo '?') on ${DBS[0]}, $UPSTREAM"
echo "   ours on ${DBS[1]}, $OURS; definitions from $SHIPPED ($(ls "$SHIPPED"/*.json | wc -l) files)"

# --- comparisons ---------------------------------------------------------------------------------------

# rows DB: the metadef tables without ids and timestamps (only whether updated_at is set), one row a line,
# definitions as sorted JSON. Upstream's loader stores a visibility or protected flag the file leaves out
# as NULL, ours as what upstream reads NULL as (private, false): NULL is shown as that here.
rows() {
    "${MY[@]}" -N -B "$1" -e "
        SELECT 'namespace', namespace, IFNULL(display_name, '-'), IFNULL(description, '-'),
               IFNULL(visibility, 'private'), IFNULL(protected, 0), owner, updated_at IS NULL
          FROM metadef_namespaces ORDER BY namespace;
        SELECT 'resource_type', name, protected, updated_at IS NULL FROM metadef_resource_types ORDER BY name;
        SELECT 'association', n.namespace, r.name, IFNULL(a.prefix, '-'), IFNULL(a.properties_target, '-'),
               a.updated_at IS NULL
          FROM metadef_namespace_resource_types a JOIN metadef_namespaces n ON n.id = a.namespace_id
          JOIN metadef_resource_types r ON r.id = a.resource_type_id ORDER BY 2, 3;
        SELECT 'property', n.namespace, p.name, p.updated_at IS NULL, p.json_schema
          FROM metadef_properties p JOIN metadef_namespaces n ON n.id = p.namespace_id ORDER BY 2, 3;
        SELECT 'object', n.namespace, o.name, IFNULL(o.description, '-'), IFNULL(o.required, '-'),
               o.updated_at IS NULL, o.json_schema
          FROM metadef_objects o JOIN metadef_namespaces n ON n.id = o.namespace_id ORDER BY 2, 3;
        SELECT 'tag', n.namespace, t.name, t.updated_at IS NULL
          FROM metadef_tags t JOIN metadef_namespaces n ON n.id = t.namespace_id ORDER BY 2, 3;" \
        | "$PY" -c '
import json, sys
for line in sys.stdin:
    cells = line.rstrip("\n").split("\t")
    if cells[0] in ("property", "object"):
        # upstream stores json.dumps text, ours compact JSON; objects without properties: null or {}
        value = json.loads(cells[-1].replace("\\\\", "\\")) or {}
        cells[-1] = json.dumps(value, sort_keys=True)
    print("\t".join(cells))' | LC_ALL=C sort # each database sorts names by its own collation
}
same_rows() { # same_rows NAME
    rows "${DBS[0]}" >"$WORK/$1.upstream.rows" && rows "${DBS[1]}" >"$WORK/$1.ours.rows" || return 1
    [[ -s $WORK/$1.upstream.rows ]] || [[ $1 == unloaded ]] || { echo "upstream's database is empty"; return 1; }
    differ "$WORK/$1.upstream.rows" "$WORK/$1.ours.rows"
}
differ() { # differ UPSTREAM OURS: the two files are alike, else the start of the difference
    cmp -s "$1" "$2" && return 0
    diff "$1" "$2" | head -n 20
    return 1
}

# answer URL PATH: the API's JSON, timestamps dropped, lists of named things sorted by name
answer() {
    curl -sf --max-time 60 "$1$2" | jq -S 'walk(if type == "object" then del(.created_at, .updated_at) else . end)
        | walk(if type == "array" and length > 0 and all(.[]; type == "object" and has("name"))
               then sort_by(.name) else . end)
        | if has("namespaces") then .namespaces |= sort_by(.namespace) else . end'
}
same_answer() { # same_answer PATH: both services answer PATH alike (and with something)
    local file=$WORK/api/$(tr -c 'A-Za-z0-9_.=-' '_' <<<"$1")
    answer "$UPSTREAM" "$1" >"$file.upstream" || { echo "upstream: GET $1 failed"; return 1; }
    answer "$OURS" "$1" >"$file.ours" || { echo "ours: GET $1 failed: $(curl -s "$OURS$1" | head -c 300)"; return 1; }
    differ "$file.upstream" "$file.ours"
}

# compare_api WHAT: the list, every namespace (also per associated resource type) and its contents
compare_api() {
    local ns rt enc
    check "$1: GET /v2/metadefs/namespaces" same_answer "/v2/metadefs/namespaces?limit=1000"
    check "$1: GET /v2/metadefs/namespaces?visibility=public" same_answer "/v2/metadefs/namespaces?limit=1000&visibility=public"
    check "$1: GET /v2/metadefs/namespaces?resource_types=OS::Nova::Flavor" \
        same_answer "/v2/metadefs/namespaces?limit=1000&resource_types=OS::Nova::Flavor"
    check "$1: GET /v2/metadefs/resource_types" same_answer "/v2/metadefs/resource_types"
    local failed_before diffs=0 count=0
    failed_before=$(cat "$WORK/failures" 2>/dev/null | wc -l)
    for ns in $(curl -sf "$UPSTREAM/v2/metadefs/namespaces?limit=1000" | jq -r '.namespaces[].namespace'); do
        enc=/v2/metadefs/namespaces/$ns
        for path in "$enc" "$enc/objects" "$enc/properties" "$enc/tags" "$enc/resource_types"; do
            count=$((count + 1))
            same_answer "$path" >"$WORK/one.out" 2>&1 || { diffs=$((diffs + 1)); echo "      $path:"; sed 's/^/        /' "$WORK/one.out" | head -n 8; }
        done
        for rt in $(curl -sf "$UPSTREAM$enc/resource_types" | jq -r '.resource_type_associations[].name'); do
            count=$((count + 1))
            same_answer "$enc?resource_type=$rt" >"$WORK/one.out" 2>&1 \
                || { diffs=$((diffs + 1)); echo "      $enc?resource_type=$rt:"; sed 's/^/        /' "$WORK/one.out" | head -n 8; }
        done
    done
    check "$1: every namespace, its objects, properties, tags, resource types, and each prefixed view ($count answers, $diffs differ)" \
        test "$diffs" -eq 0
}

# --- 1. Debian's definition files ------------------------------------------------------------------------
check "upstream: glance-manage db load_metadefs (from /etc/glance/metadefs/)" upstream_manage db load_metadefs
check "ours: glance-manage db load_metadefs (from /etc/glance/metadefs/)" ours_manage db load_metadefs
check "loaded: the same rows in both databases" same_rows loaded
compare_api "loaded"

# --- 2. merging definitions written here -------------------------------------------------------------------
mkdir -p "$WORK/defs"
# a shipped namespace changed: display name, one property rewritten, one added, an association prefix, a tag
jq '.display_name = "Watchdog (changed)" | .visibility = "private"
    | .properties["watchdog_action"].description = "changed description"
    | .properties["interop_added"] = {"title": "Added", "type": "string"}
    | .resource_type_associations[0].prefix = "changed_"
    | .tags = [{"name": "interop"}]' "$SHIPPED/compute-watchdog.json" >"$WORK/defs/compute-watchdog.json"
cat >"$WORK/defs/interop-new.json" <<'EOF_DEF'
{
    "namespace": "Test::Interop",
    "display_name": "Interop",
    "description": "Written by metadefs-interop.sh",
    "visibility": "public",
    "protected": false,
    "resource_type_associations": [{"name": "Test::Resource", "prefix": "t_", "properties_target": "x"}],
    "properties": {"p": {"title": "P", "type": "integer", "minimum": 0}},
    "objects": [{"name": "o", "description": "object", "properties": {"q": {"title": "Q", "type": "boolean"}}}],
    "tags": [{"name": "a"}, {"name": "b"}]
}
EOF_DEF
for options in "--merge" "--merge --prefer_new" "--merge --overwrite"; do
    # shellcheck disable=SC2086
    check "upstream: db load_metadefs --path DIR $options" upstream_manage db load_metadefs --path "$WORK/defs" $options
    # shellcheck disable=SC2086
    check "ours: db load_metadefs --path DIR $options" ours_manage db load_metadefs --path "$WORK/defs" $options
    check "$options: the same rows in both databases" same_rows "${options// /_}"
    compare_api "$options"
done

# --- 3. export and unload ----------------------------------------------------------------------------------
mkdir -p "$WORK/export-upstream" "$WORK/export-ours"
# upstream glues the file name to the path: the trailing slash is needed
check "upstream: db export_metadefs --path DIR/" upstream_manage db export_metadefs --path "$WORK/export-upstream/"
check "ours: db export_metadefs --path DIR" ours_manage db export_metadefs --path "$WORK/export-ours"
same_exports() {
    "$PY" - "$WORK/export-upstream" "$WORK/export-ours" <<'EOF_PY'
import json, os, sys
a_dir, b_dir = sys.argv[1:]
a_files, b_files = sorted(os.listdir(a_dir)), sorted(os.listdir(b_dir))
if a_files != b_files:
    sys.exit("file names differ: %s vs %s" % (a_files, b_files))
def norm(doc):
    doc.pop("owner", None)  # ours writes it, upstream's loader reads it but its export leaves it out
    doc["visibility"] = doc["visibility"] or "private"
    doc["protected"] = bool(doc["protected"])
    for key in ("objects", "tags", "resource_type_associations"):
        doc[key] = sorted(doc[key], key=lambda item: item["name"])
    for obj in doc["objects"]:
        obj["properties"] = obj["properties"] or {}
    return doc
bad = [f for f in a_files if norm(json.load(open(os.path.join(a_dir, f)))) != norm(json.load(open(os.path.join(b_dir, f))))]
if bad:
    sys.exit("contents differ: %s" % bad)
print("%d files alike" % len(a_files))
EOF_PY
}
check "export: the same files with the same definitions" same_exports
check "upstream: db unload_metadefs" upstream_manage db unload_metadefs
check "ours: db unload_metadefs" ours_manage db unload_metadefs
check "unloaded: both databases without definitions" same_rows unloaded
check "unloaded: GET /v2/metadefs/namespaces alike" same_answer "/v2/metadefs/namespaces"
check "unloaded: GET /v2/metadefs/resource_types alike" same_answer "/v2/metadefs/resource_types"
ours_log_clean() { ! grep -n ' ERROR ' "$WORK/ours.out"; }
check "ours logged no ERROR" ours_log_clean

checks_summary "metadefs-interop.sh" "$WORK/ours.out"
