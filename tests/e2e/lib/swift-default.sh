# Sourced by tempest.sh --swift: Swift as the default store of the guide's deployment. Single-tenant,
# the tempauth account of scripts/swift.sh through a swift_store_config_file reference (upstream's
# recommended form), a container of this run's own created by the first upload. Swift is started when
# it does not run, and stopped again by swift_default_stop.

SWIFT_DEFAULT_STARTED=0
SWIFT_DEFAULT_CONTAINER=""

# swift_default_configure WORK: sets GUIDE_GLANCE_STORE (the [glance_store] options) and the GLANCE_SWIFT_*
# of the running Swift.
swift_default_configure() {
    local work=$1 swift_env key value
    if ! swift_env=$("$ROOT/scripts/swift.sh" env 2>/dev/null); then
        guide_log "Swift is not running: scripts/swift.sh start (stopped again at the end)"
        SWIFT_DEFAULT_STARTED=1
        swift_env=$("$ROOT/scripts/swift.sh" start) || return 1
    fi
    while IFS='=' read -r key value; do
        [[ $key == GLANCE_SWIFT_* ]] && export "$key=$value"
    done <<<"$swift_env"
    [[ ${GLANCE_SWIFT_AUTH_VERSION:-} == 1 ]] || { guide_log "the Swift of scripts/swift.sh does not run tempauth"; return 1; }
    SWIFT_DEFAULT_CONTAINER=glance-tempest-$$
    mkdir -p "$work/etc"
    cat >"$work/etc/glance-swift.conf" <<CONF
[ref1]
auth_address = $GLANCE_SWIFT_AUTH_ADDRESS
auth_version = 1
user = $GLANCE_SWIFT_USER
key = $GLANCE_SWIFT_KEY
CONF
    chmod 600 "$work/etc/glance-swift.conf"
    GUIDE_GLANCE_STORE="stores = swift,file,http
default_store = swift
swift_store_config_file = $work/etc/glance-swift.conf
default_swift_reference = ref1
swift_store_container = $SWIFT_DEFAULT_CONTAINER
swift_store_create_container_on_put = true
filesystem_store_datadir = $work/images/"
    guide_log "Swift as the default store: $GLANCE_SWIFT_AUTH_ADDRESS as $GLANCE_SWIFT_USER, container $SWIFT_DEFAULT_CONTAINER"
}

# swift_default_account: prints the account's storage URL and a token, one a line
swift_default_account() {
    curl -sf --max-time 30 -D - -o /dev/null -H "X-Auth-User: $GLANCE_SWIFT_USER" \
        -H "X-Auth-Key: $GLANCE_SWIFT_KEY" "$GLANCE_SWIFT_AUTH_ADDRESS" \
        | sed -n 's/^[Xx]-[Ss]torage-[Uu]rl: *//p; s/^[Xx]-[Aa]uth-[Tt]oken: *//p' | tr -d '\r' | sort
}

# swift_default_used: the run's container exists (the first upload created it)
swift_default_used() {
    local account url token
    account=$(swift_default_account) || return 1
    url=$(grep '^http' <<<"$account") token=$(grep -v '^http' <<<"$account")
    [[ $(curl -s --max-time 30 -o /dev/null -w '%{http_code}' -I -H "X-Auth-Token: $token" \
        "$url/$SWIFT_DEFAULT_CONTAINER") == 204 ]]
}

# swift_default_stop: deletes the run's container with whatever is left in it; stops Swift if started here
swift_default_stop() {
    local account url token name
    if [[ -n $SWIFT_DEFAULT_CONTAINER ]] && account=$(swift_default_account); then
        url=$(grep '^http' <<<"$account") token=$(grep -v '^http' <<<"$account")
        for name in $(curl -sf --max-time 60 -H "X-Auth-Token: $token" "$url/$SWIFT_DEFAULT_CONTAINER" 2>/dev/null); do
            curl -s --max-time 60 -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$url/$SWIFT_DEFAULT_CONTAINER/$name"
        done
        curl -s --max-time 60 -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$url/$SWIFT_DEFAULT_CONTAINER" || true
    fi
    if ((SWIFT_DEFAULT_STARTED)); then "$ROOT/scripts/swift.sh" stop || true; fi
    SWIFT_DEFAULT_CONTAINER=""
    SWIFT_DEFAULT_STARTED=0
}
