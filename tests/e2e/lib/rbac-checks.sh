# Sourced by rbac.sh: its requests to the Image service and its verdicts (PASS/FAIL with the expected and the
# actual status). Reads GLANCE_URL, BODY, HDRS, FAILURES, PASSED and START; finish reports and exits.

# req TOKEN METHOD PATH [CURL-ARGS...]: a request to the Image service with TOKEN as X-Auth-Token
# ("-": none); the status in $CODE, the body in $BODY, the headers in $HDRS.
req() {
    local token=$1 method=$2 path=$3 auth=()
    shift 3
    [[ $token == - ]] || auth=(-H "X-Auth-Token: $token")
    CODE=$(curl -s -o "$BODY" -D "$HDRS" -w '%{http_code}' -X "$method" "${auth[@]}" "$@" "$GLANCE_URL$path") ||
        CODE=000
}
req_json() { req "$1" "$2" "$3" -H 'Content-Type: application/json' -d "$4"; }
req_patch() { req "$1" PATCH "/v2/images/$2" -H 'Content-Type: application/openstack-images-v2.1-json-patch' -d "$3"; }
req_upload() { req "$1" PUT "/v2/images/$2/file" -H 'Content-Type: application/octet-stream' --data-binary "@$3"; }

snippet() { tr -d '\000' <"$BODY" | tr -s '\r\n\t' '   ' | head -c 300; }

verdict() { # verdict ID WHAT EXPECTED ACTUAL [DETAIL]
    if [[ $4 == "$3" ]]; then
        printf 'PASS  %-4s %s: expected %s, got %s\n' "$1" "$2" "$3" "$4"
        PASSED=$((PASSED + 1))
    else
        printf 'FAIL  %-4s %s: expected %s, got %s\n' "$1" "$2" "$3" "$4"
        [[ -z ${5:-} ]] || printf '            %s\n' "$5"
        printf '%s %s: expected %s, got %s\n' "$1" "$2" "$3" "$4" >>"$FAILURES"
    fi
}

# expect ID WHAT STATUS: the last request's status.
expect() { verdict "$1" "$2" "HTTP $3" "HTTP $CODE" "body: $(snippet)"; }

# expect_value ID WHAT EXPECTED ACTUAL: a value read from an answer.
expect_value() { verdict "$1" "$2" "$3" "$4" "last body: $(snippet)"; }

# A setup step the checks rely on; reported only when it goes wrong (the checks then fail too).
setup() { # setup WHAT STATUS
    [[ $CODE == "$2" ]] && return 0
    printf 'FAIL  setup %s: expected HTTP %s, got HTTP %s\n            body: %s\n' "$1" "$2" "$CODE" "$(snippet)"
    printf 'setup %s: expected HTTP %s, got HTTP %s\n' "$1" "$2" "$CODE" >>"$FAILURES"
}

# new_image VAR TOKEN JSON: creates an image (setup), its id in VAR.
new_image() {
    req_json "$2" POST /v2/images "$3"
    setup "create $3" 201
    printf -v "$1" '%s' "$(jq -r '.id // empty' "$BODY" 2>/dev/null)"
}

# field IMAGE-ID TOKEN JQ: a field of the image as TOKEN sees it ("<HTTP nnn>" when it cannot).
field() {
    req "$2" GET "/v2/images/$1"
    if [[ $CODE == 200 ]]; then jq -c "$3" "$BODY" 2>/dev/null || echo '<not JSON>'; else echo "<HTTP $CODE>"; fi
}

# listed TOKEN QUERY ID: "listed" or "not listed": whether ID is on the first page of GET /v2/images?QUERY.
listed() {
    req "$1" GET "/v2/images?limit=1000${2:+&$2}"
    if [[ $CODE != 200 ]]; then echo "<HTTP $CODE>"; return; fi
    if jq -e --arg id "$3" 'any(.images[]; .id == $id)' "$BODY" >/dev/null; then echo listed; else echo "not listed"; fi
}

phase() { printf '\n== %s\n' "$*"; }

finish() {
    local failed
    failed=$(wc -l <"$FAILURES")
    printf '\n'
    if ((failed)); then
        printf 'FAILED: %d of %d checks (%s, %ds):\n' "$failed" "$((failed + PASSED))" "$GUIDE_API" "$((SECONDS - START))"
        sed 's/^/  - /' "$FAILURES"
        printf '\n'
        guide_glance_log_tail 30
        exit 1
    fi
    printf 'PASSED: all %d checks against %s (%s) in %ds\n' "$PASSED" "$GLANCE_URL" "$GUIDE_API" "$((SECONDS - START))"
    exit 0
}
