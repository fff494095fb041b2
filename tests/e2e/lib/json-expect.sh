# Sourced by end-to-end scripts that check client output: assertions on JSON documents (the osc output,
# or a glance table turned into JSON). The script defines ok MESSAGE and failure MESSAGE [DETAIL...].

# get FILE JQ: the value, strings raw, everything else as compact JSON, "<absent>" when missing.
get() {
    jq -r "try ($2) catch \"<error>\" | if type == \"string\" then . elif . == null then \"<absent/null>\" else tojson end" "$1"
}

expect() { # expect FILE JQ EXPECTED [WHAT]
    local got
    got=$(get "$1" "$2")
    if [[ $got == "$3" ]]; then
        ok "${4:-$2} = $3"
    else
        failure "${4:-$2}: expected '$3', got '$got'"
    fi
}

expect_match() { # expect_match FILE JQ REGEX [WHAT]
    local got
    got=$(get "$1" "$2")
    if [[ $got =~ $3 ]]; then
        ok "${4:-$2} = $got"
    else
        failure "${4:-$2}: expected to match /$3/, got '$got'"
    fi
}

expect_keys() { # expect_keys FILE JQ KEY... (exactly these keys in the object at JQ)
    local file=$1 path=$2
    shift 2
    local want got missing extra
    want=$(printf '%s\n' "$@" | sort)
    got=$(jq -r "try ($path | keys[]) catch \"<not an object>\"" "$file" | sort)
    if [[ $want == "$got" ]]; then
        ok "fields of $path: $(echo $got)"
    else
        missing=$(comm -23 <(echo "$want") <(echo "$got") | xargs)
        extra=$(comm -13 <(echo "$want") <(echo "$got") | xargs)
        failure "fields of $path differ" "missing: ${missing:-none}" "unexpected: ${extra:-none}"
    fi
}

expect_text() { # expect_text FILE EXPECTED-LINE [WHAT]: FILE contains the line
    if grep -qxF -- "$2" "$1"; then
        ok "${3:-output} says: $2"
    else
        failure "${3:-output}: expected a line '$2'" "got: $(head -c 1000 "$1")"
    fi
}

same_bytes() { # same_bytes FILE
    if cmp -s "$IMAGE" "$1"; then
        ok "downloaded bytes identical to $(basename "$IMAGE") ($(stat -c %s "$1") bytes)"
    else
        failure "downloaded data differs from the upload" "$(cmp "$IMAGE" "$1" 2>&1 || true)" \
            "sizes: uploaded $(stat -c %s "$IMAGE"), downloaded $(stat -c %s "$1" 2>/dev/null || echo none)"
    fi
}

UUID_RE='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
TIME_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'

