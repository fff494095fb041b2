# Sourced by tests/e2e/tls-proxy.sh: CORS through the TLS proxy ([cors] allowed_origin = $ALLOWED), first
# at the HTTP level, then with headless Chromium doing a dashboard's direct upload from $ALLOWED and from
# $DENIED (pages served by tests/e2e/cors_origin.py). Uses WORK, PY, HERE, CERT, PROXY, ALLOWED, DENIED,
# ALLOWED_PORT, DENIED_PORT, CHROMIUM, ADMIN_TOKEN; sets ORIGIN_PID.

# answer FILE CURL-ARGS...: a request through the proxy; its status line and headers in FILE
answer() {
    local file=$1
    shift
    curl -s --cacert "$CERT" -o /dev/null -D - "$@" | tr -d '\r' >"$file"
}
header_is() { # header_is FILE NAME EXPECTED
    local got
    got=$(awk -v n="$2" 'tolower($1) == tolower(n) ":" { sub(/^[^:]*: /, ""); print }' "$1")
    [[ $got == "$3" ]] || { echo "$2: '$got', expected '$3'"; cat "$1"; return 1; }
}
status_is() { [[ $(head -n 1 "$1") == "HTTP/1.1 $2 "* ]] || { head -n 1 "$1"; return 1; }; }
no_cors() { ! grep -i '^access-control-' "$1"; }

step "CORS through the proxy, at the HTTP level"
PREFLIGHT=(-X OPTIONS -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type,x-auth-token')
answer "$WORK/preflight-allowed" "${PREFLIGHT[@]}" -H "Origin: $ALLOWED" "$PROXY/v2/images/some-id/file"
check "preflight from $ALLOWED: 200 with upstream's headers, before authentication" eval \
    'status_is "$WORK/preflight-allowed" 200 && header_is "$WORK/preflight-allowed" Access-Control-Allow-Origin "$ALLOWED" &&
     header_is "$WORK/preflight-allowed" Access-Control-Allow-Methods PUT &&
     header_is "$WORK/preflight-allowed" Access-Control-Allow-Headers content-type,x-auth-token &&
     header_is "$WORK/preflight-allowed" Access-Control-Allow-Credentials true &&
     header_is "$WORK/preflight-allowed" Access-Control-Max-Age 3600 && header_is "$WORK/preflight-allowed" Vary Origin'
answer "$WORK/preflight-denied" "${PREFLIGHT[@]}" -H "Origin: $DENIED" "$PROXY/v2/images/some-id/file"
check "preflight from $DENIED: no CORS header" eval 'status_is "$WORK/preflight-denied" 200 && no_cors "$WORK/preflight-denied"'
answer "$WORK/list-allowed" -H "Origin: $ALLOWED" -H "X-Auth-Token: $ADMIN_TOKEN" "$PROXY/v2/images"
check "a list for $ALLOWED: the origin's headers and the exposed ones" eval \
    'status_is "$WORK/list-allowed" 200 && header_is "$WORK/list-allowed" Access-Control-Allow-Origin "$ALLOWED" &&
     header_is "$WORK/list-allowed" Access-Control-Expose-Headers \
        X-Image-Meta-Checksum,X-Auth-Token,X-Subject-Token,X-Service-Token,X-OpenStack-Request-ID &&
     header_is "$WORK/list-allowed" Vary Origin'
answer "$WORK/list-denied" -H "Origin: $DENIED" -H "X-Auth-Token: $ADMIN_TOKEN" "$PROXY/v2/images"
check "a list for $DENIED: answered, with no CORS header" eval 'status_is "$WORK/list-denied" 200 && no_cors "$WORK/list-denied"'

step "headless Chromium: a dashboard's direct upload from $ALLOWED, then from $DENIED"
if [[ -z $CHROMIUM ]]; then
    echo "SKIP  chromium not found: the browser's part is not run (apt-get install chromium)"
    return 0
fi
setsid "$PY" "$HERE/cors_origin.py" "$WORK" "$ALLOWED_PORT" "$DENIED_PORT" 2>"$WORK/origin.log" &
ORIGIN_PID=$!
until curl -s -o /dev/null "$ALLOWED/" && curl -s -o /dev/null "$DENIED/"; do sleep 0.1; done

# browse ORIGIN PORT NAME: loads the origin's page in headless Chromium (the proxy's certificate accepted as
# a user would) and waits up to 60 s for the page's report, in $WORK/result-PORT.json.
browse() {
    local pid t0=$SECONDS
    setsid "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --ignore-certificate-errors --user-data-dir="$WORK/chromium" \
        "$1/?api=$PROXY&token=$ADMIN_TOKEN&name=$3" >>"$WORK/chromium.log" 2>&1 &
    pid=$!
    until [[ -s $WORK/result-$2.json ]] || ((SECONDS - t0 > 60)); do sleep 0.2; done
    e2e_stop_group "$pid"
    echo "   $1: $(cat "$WORK/result-$2.json" 2>/dev/null || echo 'no report within 60 s')"
}
browse "$ALLOWED" "$ALLOWED_PORT" from-allowed-origin
RESULT=$WORK/result-$ALLOWED_PORT.json
UPLOAD_MD5=$("$PY" "$HERE/cors_origin.py" --md5)
check "from $ALLOWED: created (201) and uploaded (204) through the proxy" eval \
    'json_is "$RESULT" .create 201 && json_is "$RESULT" .upload 204'
check "from $ALLOWED: the image active with the page's bytes" eval \
    'json_is "$RESULT" .status active && json_is "$RESULT" .size 1048576 && json_is "$RESULT" .checksum "$UPLOAD_MD5"'
check "from $ALLOWED: the page read the exposed x-openstack-request-id" eval \
    '[[ $(jq -r .request_id "$RESULT") == req-* ]]'
check "from $ALLOWED: the browser sent preflights for the create and the upload (HAProxy's log)" eval \
    'grep -q "\"OPTIONS /v2/images HTTP" "$WORK/haproxy/haproxy.log" &&
     grep -q "\"OPTIONS /v2/images/$(jq -r .id "$RESULT")/file HTTP" "$WORK/haproxy/haproxy.log"'
ALLOWED_ID=$(jq -r '.id // empty' "$RESULT")
[[ -z $ALLOWED_ID ]] || curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $ADMIN_TOKEN" "$PROXY/v2/images/$ALLOWED_ID" --cacert "$CERT"

browse "$DENIED" "$DENIED_PORT" from-denied-origin
RESULT=$WORK/result-$DENIED_PORT.json
check "from $DENIED: the browser stopped the page at its first request" eval \
    'json_is "$RESULT" .steps "[]" && json_is "$RESULT" .error "TypeError: Failed to fetch"'
check "from $DENIED: no image was created" eval \
    '[[ $(curl -s --cacert "$CERT" -H "X-Auth-Token: $ADMIN_TOKEN" "$PROXY/v2/images?name=from-denied-origin" |
         jq ".images | length") == 0 ]]'
