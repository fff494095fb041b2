#!/usr/bin/env bash
# End-to-end test: the install guide's deployment behind HAProxy terminating TLS (a self-signed certificate
# made here), the catalog's image endpoint at the proxy's https address:
#   1. the real glance and openstack clients run the guide's walkthrough and page through a list, and every
#      request they make goes to Keystone or to the proxy's https address ([oslo_middleware]
#      enable_proxy_headers_parsing = true; the absolute links follow the proxy's headers);
#   2. CORS through the proxy: preflights and answers for an allowed origin carry the expected headers, a
#      disallowed origin gets none; headless Chromium does a dashboard's direct upload from the allowed origin
#      (create, upload, show) and is stopped from the other;
#   3. with the option off, forged X-Forwarded-* and Forwarded headers change nothing.
# See tests/e2e/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: tests/e2e/tls-proxy.sh [--keep]

  --keep   keep the work directory (certificate, configs, service, HAProxy and client logs)

Needs Debian's haproxy, openssl, glance and openstack clients, and chromium for the browser part (skipped
without it unless GLANCE_TEST_REQUIRE_CHROMIUM=1). Starts Keystone (scripts/keystone.sh) when it is not
running; points the catalog's image endpoints at the proxy and back at the end.
EOF
}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/e2e/lib/preamble.sh
source "$HERE/lib/preamble.sh"
e2e_keep_only "$@"
ROOT=$(cd "$HERE/../.." && pwd)
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
PY=/usr/bin/python3
e2e_need_tools tls-proxy.sh glance openstack haproxy openssl jq curl setsid timeout "$PY"
CHROMIUM=$(command -v chromium || true)
if [[ -z $CHROMIUM && ${GLANCE_TEST_REQUIRE_CHROMIUM:-0} == 1 ]]; then
    echo "tls-proxy.sh: chromium not found (apt-get install chromium)" >&2
    exit 2
fi
e2e_unset_os_env

WORK=$(mktemp -d "${TMPDIR:-/tmp}/glance-tls-proxy.XXXXXX")
export HOME=$WORK/home
mkdir -p "$HOME"
CHECKS_WORK=$WORK
OUT=$WORK/out
# shellcheck source=tests/e2e/lib/guide-deployment.sh
source "$HERE/lib/guide-deployment.sh"
# shellcheck source=tests/e2e/lib/haproxy.sh
source "$HERE/lib/haproxy.sh"
# shellcheck source=tests/e2e/lib/checks.sh
source "$HERE/lib/checks.sh"

ORIGIN_PID=""
CATALOG_MOVED=0
cleanup() {
    haproxy_stop "$WORK/haproxy"
    e2e_stop_group "$ORIGIN_PID"
    if ((CATALOG_MOVED)); then
        guide_catalog_point_at "$GLANCE_KEYSTONE_IMAGE_URL" ||
            echo "tls-proxy.sh: could not point the catalog's image endpoints back at $GLANCE_KEYSTONE_IMAGE_URL" >&2
    fi
}
guide_exit_traps cleanup
START=$SECONDS
step() { printf '\n== %s\n' "$*"; }

# --- the deployment behind the proxy ------------------------------------------------------------------

step "deployment: Keystone, the service with the proxy's options, HAProxy terminating TLS"
guide_keystone
PROXY_PORT=$(e2e_free_port 18400 40) || { echo "tls-proxy.sh: no free port in 18400-18439" >&2; exit 1; }
ALLOWED_PORT=$(e2e_free_port 18440 20) || exit 1
DENIED_PORT=$(e2e_free_port 18460 20) || exit 1
PROXY=https://127.0.0.1:$PROXY_PORT
ALLOWED=http://127.0.0.1:$ALLOWED_PORT
DENIED=http://127.0.0.1:$DENIED_PORT
BACKEND=${GLANCE_KEYSTONE_IMAGE_URL#http://}

CERT=$WORK/proxy-cert.pem
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$WORK/proxy-key.pem" -out "$CERT" 2>/dev/null
cat "$CERT" "$WORK/proxy-key.pem" >"$WORK/proxy.pem"

mkdir -p "$WORK/etc"
cat >"$WORK/etc/cors.conf" <<EOF
[cors]
allowed_origin = $ALLOWED
EOF
# Upstream's cors filter (GLANCE_E2E_API_COMMAND=/usr/bin/glance-api) reads a configuration of its own from
# the default files (oslo_config_project in its paste file), never --config-file: a copy where it looks first.
mkdir -p "$HOME/.glance"
cp "$WORK/etc/cors.conf" "$HOME/.glance/glance-api.conf"
# pages of two unless the client asks for more: openstack image list then follows next links
cat "$WORK/etc/cors.conf" - >"$WORK/etc/proxied.conf" <<EOF
[oslo_middleware]
enable_proxy_headers_parsing = true

[DEFAULT]
limit_param_default = 2
EOF
guide_glance_start "$WORK/etc/proxied.conf" || exit 1

# As a TLS proxy in front of a service on another host commonly does: the scheme and the client's Host in
# X-Forwarded-*, the backend's own address in Host.
HAPROXY_BIND_OPTIONS="ssl crt $WORK/proxy.pem" HAPROXY_FRONTEND_RULES="
http-request set-header X-Forwarded-Proto https
http-request set-header X-Forwarded-Host %[req.hdr(host)]
http-request set-header Host $BACKEND" haproxy_write_cfg "$WORK/haproxy" "$PROXY_PORT" "glance=$BACKEND"
haproxy_start "$WORK/haproxy" && haproxy_wait_server "$WORK/haproxy" glance UP 30 || exit 1
CATALOG_MOVED=1
guide_catalog_point_at "$PROXY" || exit 1
check "the catalog's image endpoints are the proxy's https address" eval '[[ $(guide_catalog_urls) == "$PROXY" ]]'

# --- the real clients through the proxy ---------------------------------------------------------------

# shellcheck source=tests/e2e/lib/tls-proxy-clients.sh
source "$HERE/lib/tls-proxy-clients.sh"

# --- CORS ---------------------------------------------------------------------------------------------

# shellcheck source=tests/e2e/lib/tls-proxy-cors.sh
source "$HERE/lib/tls-proxy-cors.sh"

# --- the option off -----------------------------------------------------------------------------------

step "with enable_proxy_headers_parsing off, forged proxy headers change nothing"
guide_glance_restart "$WORK/etc/cors.conf" || exit 1
haproxy_wait_server "$WORK/haproxy" glance UP 30 || exit 1
SERVICE=$GLANCE_KEYSTONE_IMAGE_URL
FORGED=(-H 'X-Forwarded-Proto: https' -H 'X-Forwarded-Host: forged.example.org' -H 'X-Forwarded-Prefix: /forged'
    -H 'Forwarded: proto=https;host=forged.example.org')
curl -s "$SERVICE/versions" >"$WORK/versions-plain.json"
curl -s "${FORGED[@]}" "$SERVICE/versions" >"$WORK/versions-forged.json"
check "versions: the same document with and without forged headers, its links the service's own" eval \
    'cmp "$WORK/versions-plain.json" "$WORK/versions-forged.json" &&
     [[ $(jq -r "[.versions[].links[].href] | unique | join(\" \")" "$WORK/versions-forged.json") == "$SERVICE/v2/" ]]'
location_of() { # location_of CURL-ARGS...: the Location of a new image (deleted again)
    local id location
    location=$(curl -s -D - -o "$WORK/created.json" -H "X-Auth-Token: $ADMIN_TOKEN" -H 'Content-Type: application/json' \
        -d '{"disk_format": "raw", "container_format": "bare"}' "$@" | tr -d '\r' | awk -F': ' 'tolower($1) == "location" { print $2 }')
    id=$(jq -r .id "$WORK/created.json")
    curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $ADMIN_TOKEN" "$SERVICE/v2/images/$id"
    printf '%s\n' "${location/$id/<id>}"
}
check "Location of a new image with forged headers: the service's own address" eval \
    '[[ $(location_of "${FORGED[@]}" "$SERVICE/v2/images") == "$SERVICE/v2/images/<id>" ]]'
curl -s --cacert "$CERT" "$PROXY/versions" >"$WORK/versions-off.json"
check "through the proxy with the option off, the links name the service's own http address" eval \
    '[[ $(jq -r "[.versions[].links[].href] | unique | join(\" \")" "$WORK/versions-off.json") == "$SERVICE/v2/" ]]'
check "through the proxy with the option off, the link follower finds links leaving the proxy" eval \
    '! follow_links "$WORK/links-off.txt" && grep -q "^PROBLEM .* links to $SERVICE/v2/, off $PROXY" "$WORK/links-off.txt"'

echo
echo "tls-proxy.sh: $((SECONDS - START))s"
checks_summary "tls-proxy.sh" "$GLANCE_LOG"
