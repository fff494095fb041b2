#!/usr/bin/env bash
# The metadata definitions of this service beside upstream Glance (Debian's glance-api, Zed 25.1.0).
# Upstream's `glance-manage db load_metadefs` fills one MariaDB database from the definition files Debian
# ships in /etc/glance/metadefs/, ours fills another from the same files; the rows must match, and so must
# every metadefs API answer of upstream's glance-api on the first and of ours on the second (timestamps
# aside), and of a second instance of ours reading upstream's database (timestamps included); the last
# also once over an SQLite file upstream's loader fills. The same writes then go to upstream and ours
# (metadefs_writes.py); then --merge, --merge --prefer_new and --merge --overwrite with definitions
# written here, export_metadefs and unload_metadefs. Skips without upstream Glance or the MariaDB of
# scripts/test-databases.sh, unless GLANCE_TEST_REQUIRE_EXTERNAL_DBS=1 (then it fails).
# See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF_USAGE'
Usage: tests/e2e/metadefs-interop.sh [--keep]

  --keep   keep the work directory (configurations, logs, rows, the answers that differed)

Environment: GLANCE_TEST_MYSQL_URL (else from scripts/test-databases.sh env); GLANCE_E2E_START_TIMEOUT
(seconds to wait for each service, default 120); GLANCE_METADEFS_DIR (default /etc/glance/metadefs).
EOF_USAGE
}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
e2e_keep_only "$@"
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
e2e_need_tools metadefs-interop.sh curl jq setsid ss mariadb
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
CROSS_PID=""
UPLITE_PID=""
CROSSLITE_PID=""
DBS=()
T0=$SECONDS

cleanup() {
    local rc=$? db
    trap - EXIT INT TERM
    e2e_stop_group "$OURS_PID"
    e2e_stop_group "$CROSS_PID"
    e2e_stop_group "$UPSTREAM_PID"
    e2e_stop_group "$CROSSLITE_PID"
    e2e_stop_group "$UPLITE_PID"
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

# --- set-up: two databases, one per loader; a service on each, and ours on upstream's too; the same ------
# --- again for upstream's SQLite ----------------------------------------------------------------------------

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
    && CROSS_PORT=$(e2e_free_port 24992 300) && UPLITE_PORT=$(e2e_free_port 25292 300) \
    && CROSSLITE_PORT=$(e2e_free_port 25592 300) || { echo "metadefs-interop.sh: no free port" >&2; exit 1; }
OURS=http://127.0.0.1:$OURS_PORT
UPSTREAM=http://127.0.0.1:$UPSTREAM_PORT
CROSS=http://127.0.0.1:$CROSS_PORT
UPLITE=http://127.0.0.1:$UPLITE_PORT
CROSSLITE=http://127.0.0.1:$CROSSLITE_PORT
mkdir -p "$WORK/images" "$WORK/staging" "$WORK/lock"
for side in upstream ours; do
    db=glance_mdinterop_${side}_$$
    "${MY[@]}" -e "CREATE DATABASE $db" || { echo "metadefs-interop.sh: could not create $db" >&2; exit 1; }
    DBS+=("$db")
    port_var=${side^^}_PORT
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
# ours reads neither log_file nor lock_path (reported at start) and, without authentication, makes every
# request an admin's of project `admin`; upstream takes the caller from identity headers (its `context`
# filter without `authtoken`), which the helpers send as that admin's
sed -i '/^log_file\|^workers\|^node_staging_uri\|^\[oslo_concurrency\]\|^lock_path/d' "$WORK/ours.conf"
sed -i 's/^flavor =$/flavor = trusted/' "$WORK/upstream.conf"
printf '[oslo_policy]\nenforce_new_defaults = False\nenforce_scope = False\n' >>"$WORK/upstream.conf"
# upstream finds its paste file by the name of its configuration file
sed 's/^\[pipeline:glance-api-keystone\]$/[pipeline:glance-api-trusted]\npipeline = cors healthcheck http_proxy_to_wsgi versionnegotiation osprofiler context rootapp\n\n[pipeline:glance-api-keystone]/' \
    /etc/glance/glance-api-paste.ini >"$WORK/upstream-paste.ini"
# the cross-reader: ours on the database upstream's glance-manage writes
sed -e "s/^bind_port = .*/bind_port = $CROSS_PORT/" -e "s/${DBS[1]}/${DBS[0]}/" "$WORK/ours.conf" >"$WORK/cross.conf"
# upstream's loader and glance-api on SQLite, ours reading that file
lite() { sed -e "s/^bind_port = .*/bind_port = $2/" -e "s|^connection = .*|connection = sqlite:///$WORK/upstream.sqlite|" \
    -e "s|^log_file = .*|log_file = $WORK/uplite.log|" "$1"; }
lite "$WORK/upstream.conf" "$UPLITE_PORT" >"$WORK/uplite.conf"
cp "$WORK/upstream-paste.ini" "$WORK/uplite-paste.ini"
lite "$WORK/ours.conf" "$CROSSLITE_PORT" >"$WORK/crosslite.conf"
uplite_manage() { "$UPSTREAM_MANAGE" --config-file "$WORK/uplite.conf" "$@"; }
uplite_manage db_sync >"$WORK/uplite-db_sync.log" 2>&1 \
    || { echo "metadefs-interop.sh: upstream's db_sync on SQLite failed" >&2; tail "$WORK/uplite-db_sync.log" >&2; exit 1; }
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
setsid "$ROOT/bin/glance-api" --config-file "$WORK/cross.conf" >"$WORK/cross.out" 2>&1 &
CROSS_PID=$!
setsid "$UPSTREAM_API" --config-file "$WORK/uplite.conf" >"$WORK/uplite.out" 2>&1 &
UPLITE_PID=$!
setsid "$ROOT/bin/glance-api" --config-file "$WORK/crosslite.conf" >"$WORK/crosslite.out" 2>&1 &
CROSSLITE_PID=$!
for side in UPSTREAM OURS CROSS UPLITE CROSSLITE; do
    pid_var=${side}_PID port_var=${side}_PORT started=0
    e2e_wait_answering "${!side}" "${!pid_var}" "${GLANCE_E2E_START_TIMEOUT:-120}" "${!port_var}" || started=$?
    if ((started)); then
        echo "metadefs-interop.sh: ${side,,} did not start on ${!side} (wait: $started)" >&2
        tail -n 30 "$WORK/${side,,}.out" "$WORK/${side,,}.log" >&2 2>/dev/null || true
        exit 1
    fi
done
echo "== upstream glance-manage and glance-api $(dpkg-query -W -f='${Version}' glance-api 2>/dev/null || echo '?') on ${DBS[0]}, $UPSTREAM"
echo "   ours on ${DBS[1]}, $OURS, and on ${DBS[0]}, $CROSS; definitions from $SHIPPED ($(ls "$SHIPPED"/*.json | wc -l) files)"
echo "   upstream on upstream.sqlite, $UPLITE, and ours on it, $CROSSLITE"
echo "   (set up in $((SECONDS - T0)) s)"

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

# same_answers FILE ARGS...: metadefs_compare.py ARGS (its output in $WORK/FILE, its count line shown)
same_answers() {
    local name=$1 rc=0
    shift
    "$PY" "$HERE/metadefs_compare.py" --keep "$WORK/api/$name" "$@" >"$WORK/$name" 2>&1 || rc=$?
    ((rc == 0)) || head -n 30 "$WORK/$name"
    return "$rc"
}
# compare_api WHAT: every answer of upstream and of ours on its own database alike (timestamps aside), and
# of ours on upstream's database exactly alike
compare_api() {
    local file=${1//[^A-Za-z0-9_]/_}
    check "$1: every API answer, upstream and ours, each on its own rows" \
        same_answers "$file.apart" --apart "$UPSTREAM" "$OURS"
    echo "      $(tail -n 1 "$WORK/$file.apart")"
    check "$1: every API answer, upstream and ours, both on upstream's rows" \
        same_answers "$file.cross" "$UPSTREAM" "$CROSS"
    echo "      $(tail -n 1 "$WORK/$file.cross")"
}

# --- 1. Debian's definition files ------------------------------------------------------------------------
check "upstream: glance-manage db load_metadefs (from /etc/glance/metadefs/)" upstream_manage db load_metadefs
check "ours: glance-manage db load_metadefs (from /etc/glance/metadefs/)" ours_manage db load_metadefs
check "loaded: the same rows in both databases" same_rows loaded
compare_api "loaded"
check "upstream on SQLite: glance-manage db load_metadefs" uplite_manage db load_metadefs
check "loaded, SQLite: every API answer, upstream and ours, both on upstream's rows" \
    same_answers loaded.sqlite "$UPLITE" "$CROSSLITE"
echo "      $(tail -n 1 "$WORK/loaded.sqlite")"
e2e_stop_group "$CROSSLITE_PID" && CROSSLITE_PID=""
e2e_stop_group "$UPLITE_PID" && UPLITE_PID=""

# --- 2. the same writes to both ------------------------------------------------------------------------------
same_writes() {
    local rc=0
    "$PY" "$HERE/metadefs_writes.py" "$UPSTREAM" "$OURS" >"$WORK/writes" 2>&1 || rc=$?
    ((rc == 0)) || grep -v '^different on purpose' "$WORK/writes" | head -n 40
    return "$rc"
}
check "writes: the same requests to upstream and ours answered alike (metadefs_writes.py)" same_writes
sed -n 's/^different on purpose: /      on purpose: /p; $s/^/      /p' "$WORK/writes"
# the steps work in namespaces named after each service, deleted at their end; the resource types they
# associated stay (the API cannot delete one) and would differ by name
for db in "${DBS[@]}"; do
    "${MY[@]}" "$db" -e "DELETE FROM metadef_resource_types WHERE name LIKE 'cmp-%-type'"
done

# --- 3. merging definitions written here -------------------------------------------------------------------
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

# --- 4. export and unload ----------------------------------------------------------------------------------
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
compare_api "unloaded"
logs_clean() { ! grep -n ' ERROR ' "$WORK/ours.out" "$WORK/cross.out" "$WORK/crosslite.out"; }
check "ours (all three instances) logged no ERROR" logs_clean
echo "   ($((SECONDS - T0)) s in all)"

checks_summary "metadefs-interop.sh" "$WORK/ours.out"
