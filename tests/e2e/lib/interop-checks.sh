# Sourced by the scripts that send the same requests to this service and to upstream Glance
# (upstream-interop.sh, swift-interop.sh, stage-host-interop.sh): one PASS/FAIL line per check, checks known to
# fail (XFAIL/XPASS), the curl helpers they share and the summary.
# Before sourcing, the script sets WORK (its work directory), START ($SECONDS at its start) and KNOWN_FAILURES
# (an associative array: group -> why); AUTH (curl arguments, e.g. a token header) when its services want it.
# GROUP names the group of the checks that follow, for KNOWN_FAILURES.
# interop_start_both also reads ROOT, UPSTREAM_API, OURS/UPSTREAM (URLs) and OURS_PORT/UPSTREAM_PORT.

FAILURES=$WORK/failures
: >"$FAILURES"
PASSED=0
XFAILED=0
GROUP=""

# check WHAT COMMAND...: the command must succeed; its output is shown when it does not. Returns 0 either
# way: the next check still runs, so that one run lists every difference.
check() {
    local what=$1 out known=${KNOWN_FAILURES[${GROUP:-none}]:-}
    shift
    if out=$("$@" 2>&1); then
        if [[ -n $known ]]; then echo "XPASS $what (listed as known to fail: $known)"; else echo "PASS  $what"; fi
        PASSED=$((PASSED + 1))
        return 0
    fi
    if [[ -n $known ]]; then
        echo "XFAIL $what"
        XFAILED=$((XFAILED + 1))
    else
        echo "FAIL  $what"
        echo "$what" >>"$FAILURES"
    fi
    [[ -z $out ]] || sed 's/^/      /' <<<"$out" | tail -n 8
    return 0
}

# status EXPECTED METHOD URL [CURL ARGS...]: the answer's status; body in $WORK/body, headers in $WORK/head
status() {
    local expected=$1 method=$2 url=$3 got
    shift 3
    got=$(curl -s --max-time 120 ${AUTH[@]+"${AUTH[@]}"} -D "$WORK/head" -o "$WORK/body" -w '%{http_code}' \
        -X "$method" "$@" "$url") || true
    [[ $got == "$expected" ]] && return 0
    echo "$method $url: expected $expected, got $got"
    head -c 600 "$WORK/body" 2>/dev/null
    return 1
}

create() { # create URL ID [NAME]
    status 201 POST "$1/v2/images" -H 'Content-Type: application/json' \
        -d "{\"id\": \"$2\", \"name\": \"${3:-interop}\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"
}
upload() { status 204 PUT "$1/v2/images/$2/file" -H 'Content-Type: application/octet-stream' -T "$3"; }
# without Content-Length: curl sends what it reads from a pipe chunked
upload_chunked() {
    cat "$3" | status 204 PUT "$1/v2/images/$2/file" -H 'Content-Type: application/octet-stream' \
        -H 'Transfer-Encoding: chunked' -T -
}

# same_bytes URL ID FILE [RANGE]: the download (or the range a-b of it) has the file's sha256
same_bytes() {
    local url=$1 id=$2 file=$3 range=${4:-} got want
    if [[ -n $range ]]; then
        got=$(curl -sf --max-time 120 ${AUTH[@]+"${AUTH[@]}"} -r "$range" "$url/v2/images/$id/file" | sha256sum \
            | cut -d' ' -f1)
        want=$(tail -c +$((${range%-*} + 1)) "$file" | head -c $((${range#*-} - ${range%-*} + 1)) | sha256sum \
            | cut -d' ' -f1)
    else
        got=$(curl -sf --max-time 120 ${AUTH[@]+"${AUTH[@]}"} "$url/v2/images/$id/file" | sha256sum | cut -d' ' -f1)
        want=$(sha256sum <"$file" | cut -d' ' -f1)
    fi
    [[ $got == "$want" ]] || { echo "sha256 expected $want, got $got"; return 1; }
}

listed() {
    curl -sf --max-time 30 ${AUTH[@]+"${AUTH[@]}"} "$1/v2/images?limit=100" | jq -r '.images[].id' | grep -qx "$2"
}

no_errors_logged() { ! grep -E '^[0-9-]+ [0-9:.]+ ERROR ' "$WORK/ours.log"; }

# interop_summary NAME: the counts; on a failure the list and both services' log tails, and exit 1
interop_summary() {
    local name=$1 failed summary group
    failed=$(wc -l <"$FAILURES")
    summary="$PASSED passed, $failed failed, $XFAILED known to fail, in $((SECONDS - START)) s"
    if ((failed)); then
        echo "$name: FAILED ($summary):"
        sed 's/^/  - /' "$FAILURES"
        echo "-- ours (end of log):"; tail -n 15 "$WORK/ours.log"
        echo "-- upstream (end of log):"; tail -n 15 "$WORK/upstream.log" 2>/dev/null
        exit 1
    fi
    if ((XFAILED)); then
        for group in "${!KNOWN_FAILURES[@]}"; do echo "known to fail ($group): ${KNOWN_FAILURES[$group]}"; done
    fi
    echo "$name: all checks passed ($summary)"
}

# interop_start_both NAME: starts upstream ($WORK/upstream.conf) and ours ($WORK/ours.conf), each over
# $WORK/glance-api.conf, each in its own process group (OURS_PID, UPSTREAM_PID), and waits until both answer;
# exits 1 with the log tail of one that does not.
interop_start_both() {
    local name=$1 side pid_var port_var log started
    setsid "$UPSTREAM_API" --config-file "$WORK/upstream.conf" --config-file "$WORK/glance-api.conf" \
        >"$WORK/upstream.out" 2>&1 &
    UPSTREAM_PID=$!
    setsid "$ROOT/bin/glance-api" --config-file "$WORK/ours.conf" --config-file "$WORK/glance-api.conf" \
        >"$WORK/ours.log" 2>&1 &
    OURS_PID=$!
    for side in UPSTREAM OURS; do
        pid_var=${side}_PID port_var=${side}_PORT log=$WORK/${side,,}.log started=0
        [[ $side == UPSTREAM ]] && log="$WORK/upstream.out $WORK/upstream.log"
        e2e_wait_answering "${!side}" "${!pid_var}" "${GLANCE_E2E_START_TIMEOUT:-120}" "${!port_var}" || started=$?
        if ((started)); then
            echo "$name: ${side,,} did not start on ${!side} (wait: $started); log tail:" >&2
            # shellcheck disable=SC2086
            tail -n 30 $log >&2 2>/dev/null || true
            exit 1
        fi
    done
    echo "   both answer ($((SECONDS - START)) s into the run)"
}
