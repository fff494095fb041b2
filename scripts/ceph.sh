#!/usr/bin/env bash
# Brings up a single-node Ceph cluster on 127.0.0.1 from Debian's packages for the RBD and S3 store
# tests: one monitor, one manager, one OSD (BlueStore on a sparse file, no disk, LVM or loop device)
# and radosgw (S3), with cephx on. It creates the pool `images` (rbd pool init), the cephx user
# client.glance limited to that pool as the Image service's docs set it up, and an S3 user with fixed
# test keys and its bucket.
#
#   scripts/ceph.sh start   # start (or reuse) the cluster, wait until it is healthy, print the env lines
#   scripts/ceph.sh env     # print the env lines if the cluster is running (exit 1 if not)
#   scripts/ceph.sh status  # exit 0 if all four daemons run and the cluster answers
#   scripts/ceph.sh check   # use it as the tests will: RBD import/snap/clone as client.glance, S3 PUT/GET
#   scripts/ceph.sh pid D   # print the pid of daemon D (mon, mgr, osd, rgw) if it runs (exit 1 if not)
#   scripts/ceph.sh stop    # stop every daemon (the state is kept, the next start takes seconds)
#   scripts/ceph.sh purge   # stop and delete the state
#
# Typical use:  env $(scripts/ceph.sh start) mvn -B -q test -Dtest=RbdStoreTest
# State lives in $GLANCE_CEPH_DIR (default /tmp/glancej-ceph), never in the repo. Ports: monitor
# $GLANCE_CEPH_MON_PORT (msgr2, 13300) and $GLANCE_CEPH_MON_V1_PORT (16789), OSD and manager from
# $GLANCE_CEPH_PORT_MIN (16800) to +99, radosgw $GLANCE_CEPH_RGW_PORT (17480). Starting with other
# ports than the state was made with deploys afresh. Needs Debian's ceph-mon, ceph-mgr, ceph-osd,
# radosgw, ceph-common and curl (7.75 or later for --aws-sigv4).
set -euo pipefail

BASE=${GLANCE_CEPH_DIR:-/tmp/glancej-ceph}
MON_PORT=${GLANCE_CEPH_MON_PORT:-13300}
MON_V1_PORT=${GLANCE_CEPH_MON_V1_PORT:-16789}
PORT_MIN=${GLANCE_CEPH_PORT_MIN:-16800}
RGW_PORT=${GLANCE_CEPH_RGW_PORT:-17480}
OSD_SIZE_GIB=${GLANCE_CEPH_OSD_SIZE_GIB:-8}
# Seconds to wait for health; the first start on a busy 2-core machine takes about 30 s.
TIMEOUT=${GLANCE_CEPH_TIMEOUT:-180}

POOL=images
CEPH_USER=glance
# Throw-away S3 credentials of a loopback-only test cluster.
S3_UID=glance
S3_ACCESS_KEY=GLANCETESTACCESSKEY0
S3_SECRET_KEY=glance-test-secret-key-0123456789abcdefgh
S3_BUCKET=glance-images
S3_ENDPOINT=http://127.0.0.1:$RGW_PORT

CONF=$BASE/ceph.conf
KEYRING_DIR=$BASE/keyrings
LOG_DIR=$BASE/log
PID_DIR=$BASE/pids
DEPLOYED=$BASE/deployed
DAEMONS=(mon mgr osd rgw) # start order; stop goes backwards
# What the state was made with; a start with anything else deploys afresh.
FINGERPRINT="mon=$MON_PORT,$MON_V1_PORT ports=$PORT_MIN rgw=$RGW_PORT osd=${OSD_SIZE_GIB}G v3"

export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
# every ceph, rbd and radosgw-admin call below reads this cluster's configuration
export CEPH_CONF=$CONF

log() { echo "ceph.sh: $*" >&2; }
die() { log "$*"; exit 1; }

ceph_admin() { timeout 60 ceph --connect-timeout 20 "$@"; }
# readiness probes: a command for the manager blocks while it is not yet available
ceph_probe() { timeout 10 ceph --connect-timeout 5 "$@"; }

# --------------------------------------------------------------------------------------------------
# Daemons: each runs in the foreground (-f) in its own session, its pid in $PID_DIR/<name>.pid.

daemon_cmd() {
    case $1 in
        mon) echo ceph-mon -f -i a ;;
        mgr) echo ceph-mgr -f -i x ;;
        osd) echo ceph-osd -f -i 0 ;;
        rgw) echo radosgw -f -n client.rgw.a ;;
    esac
}

daemon_log() {
    case $1 in
        mon) echo "$LOG_DIR/ceph-mon.a.log" ;;
        mgr) echo "$LOG_DIR/ceph-mgr.x.log" ;;
        osd) echo "$LOG_DIR/ceph-osd.0.log" ;;
        rgw) echo "$LOG_DIR/ceph-client.rgw.a.log" ;;
    esac
}

daemon_pid() { [[ -s $PID_DIR/$1.pid ]] && cat "$PID_DIR/$1.pid"; }

daemon_running() {
    local pid
    pid=$(daemon_pid "$1") || return 1
    # the pid must still be ours: a daemon of this state directory's configuration
    kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$CONF"
}

start_daemon() {
    local name=$1
    if daemon_running "$name"; then return 0; fi
    log "starting $name"
    # shellcheck disable=SC2046
    setsid $(daemon_cmd "$name") -c "$CONF" </dev/null >>"$LOG_DIR/$name.out" 2>&1 &
    echo $! >"$PID_DIR/$name.pid"
}

# Fails with the daemon's log tail if it has exited.
check_alive() {
    local name
    for name in "$@"; do
        daemon_running "$name" && continue
        tail -n 15 "$LOG_DIR/$name.out" >&2 2>/dev/null || true
        tail -n 25 "$(daemon_log "$name")" >&2 2>/dev/null || true
        die "$name exited; logs: $LOG_DIR"
    done
}

# A zombie has exited: kill -0 still finds it until its new parent gets round to reaping it.
process_alive() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]
}

# One at a time, radosgw first, the monitor last: an OSD stopped together with the monitor waits
# for it to acknowledge its shutdown (5-20 s instead of under one).
stop_daemons() {
    local i name pid
    for ((i = ${#DAEMONS[@]} - 1; i >= 0; i--)); do
        name=${DAEMONS[i]}
        if daemon_running "$name"; then
            pid=$(daemon_pid "$name")
            log "stopping $name"
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 100); do
                process_alive "$pid" || break
                sleep 0.1
            done
            if process_alive "$pid"; then
                log "$name did not stop within 10 s: killing it"
                kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
        rm -f "$PID_DIR/$name.pid"
    done
}

# --------------------------------------------------------------------------------------------------
# Bootstrap: ceph.conf, keys, monitor map, monitor, manager, OSD, pool, users, radosgw.

write_conf() {
    cat >"$CONF" <<CONF
# written by scripts/ceph.sh: a single-node test cluster on 127.0.0.1
[global]
fsid = $1
mon initial members = a
mon host = [v2:127.0.0.1:$MON_PORT,v1:127.0.0.1:$MON_V1_PORT]
public addr = 127.0.0.1
# without it the OSD's cluster side listens on every address
cluster addr = 127.0.0.1
ms bind ipv6 = false
ms bind port min = $PORT_MIN
ms bind port max = $((PORT_MIN + 99))
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
# clients (the tests' client.glance, the admin tools) find their keys here
keyring = $KEYRING_DIR/ceph.\$name.keyring
run dir = $BASE/run
# one OSD holds the only copy of everything
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
# radosgw makes about seven pools: 8 PGs each keeps one OSD below its PG limit
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon max pg per osd = 1000
# the defaults (30 % / 5 % free) stop the monitor on a fairly full shared disk
mon data avail warn = 2
mon data avail crit = 1
mon allow pool delete = true

[mon]
mon data = $BASE/mon/ceph-\$id
keyring = \$mon_data/keyring
log file = $LOG_DIR/\$cluster-\$name.log
pid file = $BASE/run/\$name.pid

[mgr]
mgr data = $BASE/mgr/ceph-\$id
keyring = \$mgr_data/keyring
mgr initial modules = iostat
log file = $LOG_DIR/\$cluster-\$name.log
pid file = $BASE/run/\$name.pid

[osd]
osd data = $BASE/osd/ceph-\$id
keyring = \$osd_data/keyring
osd objectstore = bluestore
# BlueStore on a sparse file in the data directory, opened with O_DIRECT
bluestore block create = true
bluestore block size = $((OSD_SIZE_GIB * 1024 * 1024 * 1024))
osd memory target = 1073741824
log file = $LOG_DIR/\$cluster-\$name.log
pid file = $BASE/run/\$name.pid

[client.rgw.a]
rgw data = $BASE/rgw/ceph-rgw.a
keyring = \$rgw_data/keyring
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
# deleted objects are freed within a minute or two instead of after two hours: repeated test uploads must
# not fill the small OSD
rgw gc obj min wait = 60
rgw gc processor period = 60
admin socket = \$run_dir/\$cluster-\$name.asok
log file = $LOG_DIR/\$cluster-\$name.log
pid file = $BASE/run/\$name.pid
CONF
}

port_taken() { ss -Hltn "sport = :$1" | grep -q .; }

bootstrap() {
    local fsid osd_uuid osd_key t0=$SECONDS
    for port in "$MON_PORT" "$MON_V1_PORT" "$RGW_PORT"; do
        port_taken "$port" && die "port $port is taken by another program"
    done
    fsid=$(cat /proc/sys/kernel/random/uuid)
    mkdir -p "$BASE" && chmod 700 "$BASE"
    mkdir -p "$KEYRING_DIR" "$LOG_DIR" "$PID_DIR" "$BASE/run" "$BASE/mon/ceph-a" "$BASE/mgr/ceph-x" \
        "$BASE/osd/ceph-0" "$BASE/rgw/ceph-rgw.a"
    write_conf "$fsid"
    log "creating the monitor (fsid $fsid)"
    ceph-authtool --create-keyring "$BASE/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
    ceph-authtool --create-keyring "$KEYRING_DIR/ceph.client.admin.keyring" --gen-key -n client.admin \
        --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *' >/dev/null
    ceph-authtool "$BASE/mon.keyring" --import-keyring "$KEYRING_DIR/ceph.client.admin.keyring" >/dev/null
    monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$MON_PORT,v1:127.0.0.1:$MON_V1_PORT]" \
        "$BASE/monmap" >/dev/null
    ceph-mon --mkfs -i a --monmap "$BASE/monmap" --keyring "$BASE/mon.keyring" >"$LOG_DIR/mkfs.log" 2>&1 ||
        { cat "$LOG_DIR/mkfs.log" >&2; die "ceph-mon --mkfs failed"; }
    rm -f "$BASE/mon.keyring" "$BASE/monmap"
    start_daemon mon
    wait_until "the monitor answers" mon -- ceph_probe mon stat

    ceph_admin auth get-or-create mgr.x mon 'allow profile mgr' osd 'allow *' mds 'allow *' \
        -o "$BASE/mgr/ceph-x/keyring"
    start_daemon mgr

    log "creating the OSD (BlueStore on a ${OSD_SIZE_GIB} GiB sparse file)"
    osd_uuid=$(cat /proc/sys/kernel/random/uuid)
    osd_key=$(ceph-authtool --gen-print-key)
    echo "{\"cephx_secret\": \"$osd_key\"}" | ceph_admin osd new "$osd_uuid" -i - >/dev/null
    ceph-authtool --create-keyring "$BASE/osd/ceph-0/keyring" -n osd.0 --add-key "$osd_key" >/dev/null
    ceph-osd -i 0 --mkfs --osd-uuid "$osd_uuid" >>"$LOG_DIR/mkfs.log" 2>&1 ||
        { tail -n 30 "$LOG_DIR/mkfs.log" >&2; die "ceph-osd --mkfs failed"; }
    start_daemon osd
    wait_until "the OSD is up" mon mgr osd -- osd_up

    log "creating pool $POOL and client.$CEPH_USER"
    ceph_admin osd pool create "$POOL" 8 8 >/dev/null
    timeout 60 rbd pool init "$POOL"
    ceph_admin auth get-or-create "client.$CEPH_USER" mon 'profile rbd' osd "profile rbd pool=$POOL" \
        mgr "profile rbd pool=$POOL" -o "$KEYRING_DIR/ceph.client.$CEPH_USER.keyring"

    ceph_admin auth get-or-create client.rgw.a mon 'allow rw' osd 'allow rwx' \
        -o "$BASE/rgw/ceph-rgw.a/keyring"
    start_daemon rgw
    wait_until "radosgw answers on $S3_ENDPOINT" mon mgr osd rgw -- rgw_answers
    log "creating the S3 user $S3_UID and bucket $S3_BUCKET"
    timeout 60 radosgw-admin user create --uid="$S3_UID" --display-name="Image service tests" \
        --access-key="$S3_ACCESS_KEY" --secret-key="$S3_SECRET_KEY" >/dev/null
    s3 -X PUT "$S3_ENDPOINT/$S3_BUCKET" -o /dev/null || die "creating bucket $S3_BUCKET failed"
    echo "$FINGERPRINT" >"$DEPLOYED"
    log "bootstrapped in $((SECONDS - t0))s"
}

# --------------------------------------------------------------------------------------------------
# Readiness

# wait_until <what> <daemons that must stay alive...> -- <command...>
wait_until() {
    local what=$1 daemons=()
    shift
    while [[ $1 != -- ]]; do daemons+=("$1"); shift; done
    shift
    local deadline=$((SECONDS + TIMEOUT))
    until "$@" >/dev/null 2>&1; do
        check_alive "${daemons[@]}"
        if ((SECONDS >= deadline)); then
            local name
            for name in "${daemons[@]}"; do
                log "--- end of $(daemon_log "$name")"
                tail -n 15 "$(daemon_log "$name")" >&2 2>/dev/null || true
            done
            ceph_admin status >&2 2>/dev/null || true
            die "timed out after ${TIMEOUT}s waiting until $what; logs: $LOG_DIR"
        fi
        sleep 0.5
    done
}

osd_up() { [[ $(ceph_probe osd stat -f json | jq -r .num_up_osds) -ge 1 ]]; }

# HEALTH_OK, the OSD itself active, and every PG active+clean since this OSD process started: right
# after a restart the monitor still reports the previous OSD as up and its PGs as active+clean.
cluster_healthy() {
    local osd_started
    [[ $(timeout 10 ceph --admin-daemon "$BASE/run/ceph-osd.0.asok" status | jq -r .state) == active ]] ||
        return 1
    [[ $(ceph_probe health) == HEALTH_OK* ]] || return 1
    osd_started=$(date -d "$(ps -o lstart= -p "$(daemon_pid osd)")" +%s) || return 1
    ceph_probe pg ls -f json | jq -e --argjson since "$osd_started" '.pg_stats
        | length > 0 and all(.state == "active+clean"
            and (.last_change | sub("\\.[0-9]+\\+0000$"; "Z") | fromdateiso8601) >= $since)' >/dev/null
}

rgw_answers() { curl -sf -o /dev/null --max-time 5 "$S3_ENDPOINT/"; }

# A SigV4-signed request to radosgw as the test user.
s3() {
    curl -sf --max-time 30 --aws-sigv4 "aws:amz:us-east-1:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
        -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$@"
}

running() {
    local name
    for name in "${DAEMONS[@]}"; do daemon_running "$name" || return 1; done
    ceph_probe health >/dev/null 2>&1
}

# --------------------------------------------------------------------------------------------------

print_env() {
    echo "GLANCE_CEPH_CONF=$CONF"
    echo "GLANCE_CEPH_FSID=$(sed -n 's/^fsid = //p' "$CONF")"
    echo "GLANCE_CEPH_POOL=$POOL"
    echo "GLANCE_CEPH_USER=$CEPH_USER"
    echo "GLANCE_CEPH_KEYRING=$KEYRING_DIR/ceph.client.$CEPH_USER.keyring"
    echo "GLANCE_CEPH_ADMIN_KEYRING=$KEYRING_DIR/ceph.client.admin.keyring"
    echo "GLANCE_CEPH_DIR=$BASE"
    echo "GLANCE_S3_ENDPOINT=$S3_ENDPOINT"
    echo "GLANCE_S3_ACCESS_KEY=$S3_ACCESS_KEY"
    echo "GLANCE_S3_SECRET_KEY=$S3_SECRET_KEY"
    echo "GLANCE_S3_BUCKET=$S3_BUCKET"
}

start() {
    local t0=$SECONDS
    for tool in ceph-mon ceph-mgr ceph-osd radosgw ceph ceph-authtool monmaptool rbd radosgw-admin curl jq ss setsid; do
        command -v "$tool" >/dev/null ||
            die "'$tool' not found (apt-get install ceph-mon ceph-mgr ceph-osd radosgw ceph-common curl jq)"
    done
    if [[ -f $DEPLOYED && $(cat "$DEPLOYED") != "$FINGERPRINT" ]]; then
        log "state in $BASE was made with other settings: deploying afresh"
    fi
    if [[ ! -f $DEPLOYED || $(cat "$DEPLOYED") != "$FINGERPRINT" ]]; then
        stop_daemons 2>/dev/null || true
        rm -rf "$BASE"
        bootstrap
    else
        local name
        for name in "${DAEMONS[@]}"; do start_daemon "$name"; done
        wait_until "radosgw answers on $S3_ENDPOINT" "${DAEMONS[@]}" -- rgw_answers
    fi
    wait_until "the cluster is HEALTH_OK with every PG active+clean" "${DAEMONS[@]}" -- cluster_healthy
    log "ready in $((SECONDS - t0))s"
    print_env
}

case ${1:-} in
    start) start ;;
    env)
        running || { log "the cluster is not running (scripts/ceph.sh start)"; exit 1; }
        print_env
        ;;
    status) running ;;
    check)
        running || { log "the cluster is not running (scripts/ceph.sh start)"; exit 1; }
        GLANCE_CEPH_SCRIPT=$0 "$(dirname "$0")/../tests/e2e/ceph-smoke.sh"
        ;;
    pid)
        # fault tests stop a daemon by its pid (kill -STOP/-CONT) and give it back themselves
        [[ ${2:-} =~ ^(mon|mgr|osd|rgw)$ ]] || die "usage: $0 pid mon|mgr|osd|rgw"
        daemon_running "$2" || die "$2 is not running"
        daemon_pid "$2"
        ;;
    stop) stop_daemons ;;
    purge) stop_daemons; rm -rf "$BASE" ;;
    *) echo "usage: $0 start|env|status|check|pid DAEMON|stop|purge" >&2; exit 2 ;;
esac
