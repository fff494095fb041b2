#!/usr/bin/env bash
# Interoperable import: this service (-Xmx256m) and upstream Glance (Debian's glance-api, Zed, two workers)
# side by side on one MariaDB, each with a file store and a staging store, timed by bench/imports.py:
# web-download of a file served by nginx on this host's address, and glance-direct stage + import. See bench/README.md.
#   bench/imports.sh [--keep] [--size-mib 1024] [--runs 3]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=bench/lib/side-by-side.sh
source "$HERE/lib/side-by-side.sh"
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
PY=/usr/bin/python3
KEEP=0 SIZE_MIB=1024 RUNS=3
while (($#)); do
    case $1 in
        --keep) KEEP=1 ;;
        --size-mib) SIZE_MIB=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        *) echo "imports.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
for tool in curl mariadb setsid glance-api nginx; do
    command -v "$tool" >/dev/null || { echo "imports.sh: $tool not found (see bench/README.md)" >&2; exit 2; }
done
bench_prepare imports || exit 2
OURS_PID="" UPSTREAM_PID="" NGINX_PID=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    e2e_stop_group "$OURS_PID"
    e2e_stop_group "$UPSTREAM_PID"
    e2e_stop_group "$NGINX_PID"
    bench_drop_db
    if ((KEEP)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# upstream (Debian's SSRF fixes) refuses loopback whatever the options say: serve on this host's own address
WEB_HOST=$(hostname -I | awk '{print $1}')
[[ -n $WEB_HOST ]] || { echo "imports.sh: this host has no address besides loopback" >&2; exit 2; }
OURS_PORT=$(e2e_free_port 23292 300) UPSTREAM_PORT=$(e2e_free_port 23642 300) WEB_PORT=$(e2e_free_port 23992 300)
mkdir -p "$WORK/www" "$WORK/ours/file" "$WORK/ours/staging" "$WORK/upstream/file" "$WORK/upstream/staging" \
    "$WORK/tasks" "$WORK/lock" "$WORK/nginx"
head -c "$((SIZE_MIB << 20))" /dev/urandom >"$WORK/www/image.raw"
# nginx workers run as another user when started by root
chmod 755 "$WORK" "$WORK/www" && chmod 644 "$WORK/www/image.raw"
cat >"$WORK/nginx.conf" <<EOF_NGINX
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx;
    proxy_temp_path $WORK/nginx;
    fastcgi_temp_path $WORK/nginx;
    uwsgi_temp_path $WORK/nginx;
    scgi_temp_path $WORK/nginx;
    server { listen $WEB_HOST:$WEB_PORT; root $WORK/www; }
}
EOF_NGINX
setsid nginx -c "$WORK/nginx.conf" -p "$WORK/nginx" >"$WORK/nginx.out" 2>&1 &
NGINX_PID=$!

common() {  # the side's own directories; everything else shared
    cat <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1
enabled_backends = file:file
enabled_import_methods = [glance-direct, web-download]

[database]
connection = $DB_URL

[paste_deploy]
flavor =

[glance_store]
default_backend = file

[file]
filesystem_store_datadir = $WORK/$1/file

[os_glance_staging_store]
filesystem_store_datadir = $WORK/$1/staging

[os_glance_tasks_store]
filesystem_store_datadir = $WORK/tasks

EOF_CONF
    # upstream's option wants oslo's bracketed list form here
    if [[ $1 == upstream ]]; then
        printf '\n[import_filtering_opts]\nallowed_hosts = [%s]\nallowed_ports = [%s]\n' "$WEB_HOST" "$WEB_PORT"
    else
        printf '\n[import_filtering_opts]\nallowed_hosts = %s\nallowed_ports = %s\n' "$WEB_HOST" "$WEB_PORT"
    fi
}
common ours >"$WORK/ours-api.conf"
common upstream >"$WORK/upstream-api.conf"
printf '[DEFAULT]\nbind_port = %s\n' "$OURS_PORT" >"$WORK/ours.conf"
# upstream without authentication records tasks without an owner, which its tasks table refuses: trust the
# identity headers bench/imports.py sends instead
printf '[DEFAULT]\nbind_port = %s\nworkers = 2\nlog_file = %s\n\n[oslo_concurrency]\nlock_path = %s\n\n[paste_deploy]\nflavor = trusted-auth\n' \
    "$UPSTREAM_PORT" "$WORK/upstream.log" "$WORK/lock" >"$WORK/upstream.conf"
# upstream finds its paste file beside the last --config-file, named after it
cp /etc/glance/glance-api-paste.ini "$WORK/upstream-paste.ini"
printf '\n[pipeline:glance-api-trusted-auth]\npipeline = cors healthcheck http_proxy_to_wsgi versionnegotiation osprofiler context rootapp\n' \
    >>"$WORK/upstream-paste.ini"
# no import plugins on either side: the figures are data paths
printf '[image_import_opts]\nimage_import_plugins = []\n' >"$WORK/glance-image-import.conf"

"$ROOT/bin/glance-manage" --config-file "$WORK/ours-api.conf" db_sync >"$WORK/db_sync.log" 2>&1 \
    || { tail -20 "$WORK/db_sync.log" >&2; exit 1; }
setsid glance-api --config-file "$WORK/upstream-api.conf" --config-file "$WORK/upstream.conf" >"$WORK/upstream.out" 2>&1 &
UPSTREAM_PID=$!
GLANCEJ_JAVA_OPTS=-Xmx256m setsid "$ROOT/bin/glance-api" --config-file "$WORK/ours-api.conf" \
    --config-file "$WORK/ours.conf" >"$WORK/ours.log" 2>&1 &
OURS_PID=$!
for side in OURS UPSTREAM; do
    pid_var=${side}_PID port_var=${side}_PORT
    e2e_wait_answering "http://127.0.0.1:${!port_var}" "${!pid_var}" 120 "${!port_var}" \
        || { echo "imports.sh: ${side,,} did not start" >&2; tail -20 "$WORK/${side,,}.log" "$WORK/${side,,}.out" 2>/dev/null >&2; exit 1; }
done
echo "ours (-Xmx256m) on :$OURS_PORT; upstream $(dpkg-query -W -f='${Version}' glance-api) on :$UPSTREAM_PORT;" \
    "$SIZE_MIB MiB served by nginx on $WEB_HOST:$WEB_PORT"
"$PY" "$HERE/imports.py" --endpoint "ours=http://127.0.0.1:$OURS_PORT" \
    --endpoint "upstream=http://127.0.0.1:$UPSTREAM_PORT" --file "$WORK/www/image.raw" \
    --uri "http://$WEB_HOST:$WEB_PORT/image.raw" --runs "$RUNS"
