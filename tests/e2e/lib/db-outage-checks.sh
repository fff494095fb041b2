# Sourced by db-outage.sh: its reporting (one line per case in $RESULTS, "backend<TAB>case<TAB>result<TAB>detail",
# every answer's status in $CODES) and its requests and checks over HTTP. Reads URL, WORK, STORE, PY, BOUND
# and DB_PASSWORD; BACKEND names the database the cases run on.

BACKEND=""
say() { printf '%s\n' "$*"; }
pass() { printf '%s\tpass\t%s\t%s\n' "$BACKEND" "$1" "${2:-}" >>"$RESULTS"; printf '   ok    %s %s\n' "$1" "${2:-}"; }
fail() { printf '%s\tFAIL\t%s\t%s\n' "$BACKEND" "$1" "${2:-}" >>"$RESULTS"; printf '   FAIL  %s %s\n' "$1" "${2:-}"; }

# api METHOD PATH [JSON-BODY|@FILE]: sets CODE, BODY and TIME (seconds, 3 decimals); CODE 000 on a timeout.
api() {
    local method=$1 path=$2 data=${3:-} out=$WORK/body
    local args=(-s -o "$out" -w '%{http_code} %{time_total}' --max-time 30 -X "$method" -H 'Accept: application/json')
    case $method:$data in
        PATCH:?*) args+=(-H 'Content-Type: application/openstack-images-v2.1-json-patch' --data-binary "$data") ;;
        PUT:@*) args+=(-H 'Content-Type: application/octet-stream' --data-binary "$data") ;;
        *:?*) args+=(-H 'Content-Type: application/json' --data-binary "$data") ;;
    esac
    local result
    result=$(curl "${args[@]}" "$URL$path" || true)
    CODE=${result%% *}
    TIME=${result#* }
    [[ -n $CODE ]] || CODE=000
    BODY=$(cat "$out" 2>/dev/null || true)
    printf '%s\t%s\n' "$BACKEND" "$CODE" >>"$CODES"
}

# expect_code WHAT CODE METHOD PATH [BODY]
expect_code() {
    local what=$1 want=$2
    shift 2
    api "$@"
    if [[ $CODE == "$want" ]]; then
        pass "$what" "$CODE"
    else
        fail "$what" "expected $want, got $CODE in ${TIME}s: ${BODY:0:200}"
    fi
}

# expect_unavailable WHAT METHOD PATH [BODY]: 503 naming the database, within BOUND seconds.
expect_unavailable() {
    local what=$1
    shift
    api "$@"
    local message
    message=$(jq -r '.message // empty' <<<"$BODY" 2>/dev/null | sed 's/<br \/>.*//' || true)
    if [[ $CODE == 503 && $message == "The image database is unavailable: "* ]] \
        && "$PY" -c 'import sys; sys.exit(float(sys.argv[1]) > float(sys.argv[2]))' "$TIME" "$BOUND"; then
        pass "$what" "503 in ${TIME}s: $message"
    else
        fail "$what" "expected 503 naming the database within ${BOUND}s, got $CODE in ${TIME}s: ${BODY:0:200}"
    fi
    # neither credentials nor stack traces in the answer
    if grep -q -e "$DB_PASSWORD" -e 'Exception' -e '\bat org\.' <<<"$BODY"; then
        fail "$what: answer leaks internals" "${BODY:0:200}"
    fi
}

uuid() { "$PY" -c 'import uuid; print(uuid.uuid4())'; }

# status ID: the image's status, "absent" on 404
status() {
    api GET "/v2/images/$1"
    case $CODE in
        200) jq -r .status <<<"$BODY" ;;
        404) echo absent ;;
        *) echo "http-$CODE" ;;
    esac
}

expect_status() { # WHAT ID STATUS
    local got
    got=$(status "$2")
    if [[ $got == "$3" ]]; then pass "$1" "$3"; else fail "$1" "expected $3, got $got"; fi
}

# No image of this service may be left saving, and the file store holds exactly the active images' data.
check_no_saving() {
    api GET "/v2/images?limit=1000"
    local saving active files
    saving=$(jq -r '[.images[] | select(.status == "saving")] | length' <<<"$BODY" 2>/dev/null || echo "?")
    if [[ $saving == 0 ]]; then pass "no image left saving"; else fail "no image left saving" "$saving saving"; fi
    active=$(jq -r '[.images[] | select(.status == "active") | .id] | sort | join(" ")' <<<"$BODY" 2>/dev/null || echo "?")
    files=$(find "$STORE" -type f -printf '%f\n' | sort | paste -sd' ' -)
    if [[ $files == "$active" ]]; then
        pass "no orphan data in the store" "$(wc -w <<<"$files") files, all of active images"
    else
        fail "no orphan data in the store" "files: [$files], active images: [$active]"
    fi
}

wait_until_up() { # wait_until_up SECONDS: the first request that works after the database is back
    local deadline=$((SECONDS + $1)) t0=$SECONDS
    while ((SECONDS < deadline)); do
        api GET "/v2/images?limit=1"
        if [[ $CODE == 200 ]]; then
            pass "recovers by itself" "after $((SECONDS - t0))s"
            return 0
        fi
        sleep 0.5
    done
    fail "recovers by itself" "still $CODE after $1 s: ${BODY:0:200}"
    return 1
}
