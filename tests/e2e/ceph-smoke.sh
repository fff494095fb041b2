#!/usr/bin/env bash
# Proves that the cluster of scripts/ceph.sh works the way the store tests use it: RBD as the limited
# client.glance user with upstream's image layout (import, snapshot `snap`, protect, clone as Nova
# does, read back), and S3 on radosgw with SigV4 (bucket, PUT, GET, ranged GET, DELETE). Leaves
# nothing behind, also after a failure. Exits non-zero on any failed check.
#
#   tests/e2e/ceph-smoke.sh        # or: scripts/ceph.sh check (the cluster must be running)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CEPH_SCRIPT=${GLANCE_CEPH_SCRIPT:-$HERE/../../scripts/ceph.sh}
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

env_lines=$("$CEPH_SCRIPT" env) || exit 1
while IFS='=' read -r key value; do
    [[ $key == GLANCE_* ]] && export "$key=$value"
done <<<"$env_lines"

WORK=$(mktemp -d)
ID=$(cat /proc/sys/kernel/random/uuid)
CLONE=$ID-clone
BUCKET=glance-smoke-${ID:0:8}
failures=0

# The tests' view of the cluster: the client configuration and client.glance's own keyring only.
rbd_glance() { timeout 60 rbd --conf "$GLANCE_CEPH_CONF" --id "$GLANCE_CEPH_USER" --keyring "$GLANCE_CEPH_KEYRING" "$@"; }
ceph_glance() { timeout 60 ceph --conf "$GLANCE_CEPH_CONF" --id "$GLANCE_CEPH_USER" --keyring "$GLANCE_CEPH_KEYRING" "$@"; }
s3() {
    curl -s --max-time 30 --aws-sigv4 "aws:amz:us-east-1:s3" \
        --user "$GLANCE_S3_ACCESS_KEY:$GLANCE_S3_SECRET_KEY" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$@"
}

cleanup() {
    rbd_glance rm "$GLANCE_CEPH_POOL/$CLONE" >/dev/null 2>&1 || true
    rbd_glance snap unprotect "$GLANCE_CEPH_POOL/$ID@snap" >/dev/null 2>&1 || true
    rbd_glance snap purge "$GLANCE_CEPH_POOL/$ID" >/dev/null 2>&1 || true
    rbd_glance rm "$GLANCE_CEPH_POOL/$ID" >/dev/null 2>&1 || true
    s3 -o /dev/null -X DELETE "$GLANCE_S3_ENDPOINT/$BUCKET/object" || true
    s3 -o /dev/null -X DELETE "$GLANCE_S3_ENDPOINT/$BUCKET" || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# check <description> <command...>: the command must succeed
check() {
    local what=$1 out
    shift
    if out=$("$@" 2>&1); then
        echo "PASS $what"
    else
        echo "FAIL $what"
        sed 's/^/     /' <<<"$out" | tail -n 8
        failures=$((failures + 1))
    fi
}
# refused <description> <command...>: the command must fail
refused() {
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then
        echo "FAIL $what (was allowed)"
        failures=$((failures + 1))
    else
        echo "PASS $what"
    fi
}

head -c $((12 * 1024 * 1024 + 4321)) /dev/urandom >"$WORK/data" # spans two 8 MiB objects
P=$GLANCE_CEPH_POOL

echo "RBD as client.$GLANCE_CEPH_USER, image $P/$ID"
check "client.$GLANCE_CEPH_USER connects (ceph health)" ceph_glance health
refused "client.$GLANCE_CEPH_USER cannot create a pool" ceph_glance osd pool create glance-smoke-pool 8
refused "client.$GLANCE_CEPH_USER cannot read the admin's keys" ceph_glance auth get client.admin
check "import with layering and 8 MiB objects" \
    rbd_glance import --image-format 2 --image-feature layering --object-size 8M "$WORK/data" "$P/$ID"
check "size is exact" test "$(rbd_glance info "$P/$ID" --format json | jq .size)" = "$(stat -c %s "$WORK/data")"
check "snapshot snap created and protected" \
    bash -c "$(declare -f rbd_glance); rbd_glance snap create '$P/$ID@snap' && rbd_glance snap protect '$P/$ID@snap'"
check "clone $P/$ID@snap (what Nova does)" rbd_glance clone "$P/$ID@snap" "$P/$CLONE"
check "the snapshot lists the clone as its child" \
    bash -c "$(declare -f rbd_glance); rbd_glance children '$P/$ID@snap' | grep -qx '$P/$CLONE'"
check "the clone reads back byte-identical" bash -c "$(declare -f rbd_glance); rbd_glance export '$P/$CLONE' - | cmp - '$WORK/data'"
check "the image reads back byte-identical" bash -c "$(declare -f rbd_glance); rbd_glance export '$P/$ID' - | cmp - '$WORK/data'"
refused "unprotect while a clone exists" rbd_glance snap unprotect "$P/$ID@snap"
refused "remove while the snapshot is protected" rbd_glance rm "$P/$ID"
check "remove the clone" rbd_glance rm "$P/$CLONE"
check "unprotect, remove the snapshot and the image" \
    bash -c "$(declare -f rbd_glance); rbd_glance snap unprotect '$P/$ID@snap' && rbd_glance snap rm '$P/$ID@snap' && rbd_glance rm '$P/$ID'"
check "nothing left in the pool" bash -c "$(declare -f rbd_glance); ! rbd_glance ls '$P' | grep -q '$ID'"

echo "S3 on $GLANCE_S3_ENDPOINT, bucket $BUCKET"
status() { # status <expected> <curl args...>
    local expected=$1 got
    shift
    got=$(s3 -o "$WORK/body" -w '%{http_code}' "$@")
    [[ $got == "$expected" ]] || { echo "expected $expected, got $got"; cat "$WORK/body" 2>/dev/null; return 1; }
}
check "the configured bucket $GLANCE_S3_BUCKET exists" status 200 -I "$GLANCE_S3_ENDPOINT/$GLANCE_S3_BUCKET"
check "create bucket" status 200 -X PUT "$GLANCE_S3_ENDPOINT/$BUCKET"
check "PUT object" status 200 -T "$WORK/data" "$GLANCE_S3_ENDPOINT/$BUCKET/object"
check "GET object, byte-identical" \
    bash -c "$(declare -f s3); s3 -f '$GLANCE_S3_ENDPOINT/$BUCKET/object' | cmp - '$WORK/data'"
check "ranged GET" bash -c "$(declare -f s3); s3 -f -r 1000-1999 '$GLANCE_S3_ENDPOINT/$BUCKET/object' | cmp - <(tail -c +1001 '$WORK/data' | head -c 1000)"
check "a wrong secret key is refused (403)" \
    test "$(curl -s -o /dev/null -w '%{http_code}' --aws-sigv4 aws:amz:us-east-1:s3 --user "$GLANCE_S3_ACCESS_KEY:wrong" \
        -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$GLANCE_S3_ENDPOINT/$BUCKET/object")" = 403
check "DELETE object" status 204 -X DELETE "$GLANCE_S3_ENDPOINT/$BUCKET/object"
check "the object is gone (404)" status 404 "$GLANCE_S3_ENDPOINT/$BUCKET/object"
check "delete bucket" status 204 -X DELETE "$GLANCE_S3_ENDPOINT/$BUCKET"

if ((failures)); then
    echo "ceph-smoke: $failures check(s) failed"
    exit 1
fi
echo "ceph-smoke: all checks passed"
