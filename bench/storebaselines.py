"""The yardsticks of bench/stores.py: the same bytes moved without Glance.

file: nginx serves the test file (downloads only).
rbd:  `rbd import` of the test file into the pool (8 MiB objects, as the stores write) and `rbd export` of
      the first endpoint's image to /dev/null, with the same cephx user.
s3:   curl with SigV4 signing: one PUT of the test file into the bucket, a GET of the first endpoint's object.
swift: curl with a tempauth token: one PUT of the test file (one object, Content-Length) into the container,
      a GET of the first endpoint's object (a large object when it crossed swift_store_large_object_size:
      the proxy joins its segments).
Each function returns MB/s of one run. Run as a script, `remove-swift-container AUTH USER KEY CONTAINER`
deletes a container and every object in it (bench/stores.sh at its end).
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from glancebench import MB, BenchError, Nginx, curl, curl_download, log

SWIFT_MAX_FILE_SIZE = 5 * 1024 ** 3 + 2
NAMES = {"file": "nginx", "rbd": "rbd import/export", "s3": "curl to radosgw", "swift": "curl to swift"}


class Baselines:
    def __init__(self, args):
        self.a = args
        self.types = dict(t.split("=", 1) for t in args.backend_types) if args.backend_types else {}
        self.nginx = None
        self.leftovers = []  # (type, name) written by the upload baselines, removed at the end
        self.swift = None

    def type_of(self, backend):
        return self.types.get(backend, backend)

    def name(self, backend):
        return NAMES.get(self.type_of(backend), "baseline")

    # ---- rbd ---------------------------------------------------------------------

    def rbd(self, *args, stdout=subprocess.DEVNULL):
        cmd = ["rbd", "--conf", self.a.ceph_conf, "--id", self.a.ceph_user, "--keyring", self.a.ceph_keyring] + list(args)
        p = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            raise BenchError(f"{' '.join(cmd[7:])}: {p.stderr.strip()[:300]}")

    def rbd_import(self, path, size):
        name = f"bench-baseline-{uuid.uuid4().hex[:12]}"
        self.leftovers.append(("rbd", name))
        t0 = time.perf_counter()
        self.rbd("import", "--no-progress", "--object-size", "8M", path, f"{self.a.rbd_pool}/{name}")
        mbs = size / (time.perf_counter() - t0) / MB
        self.rbd("rm", "--no-progress", f"{self.a.rbd_pool}/{name}")
        self.leftovers.remove(("rbd", name))
        return mbs

    def rbd_export(self, image_id, size):
        t0 = time.perf_counter()
        with open(os.devnull, "wb") as null:
            self.rbd("export", "--no-progress", f"{self.a.rbd_pool}/{image_id}", "-", stdout=null)
        return size / (time.perf_counter() - t0) / MB

    # ---- s3 ----------------------------------------------------------------------

    def s3_args(self):
        # radosgw wants the payload's hash header; curl signs it as given
        return ["--aws-sigv4", f"aws:amz:{self.a.s3_region}:s3", "--user", f"{self.a.s3_access_key}:{self.a.s3_secret_key}",
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"]

    def s3_url(self, key):
        return f"{self.a.s3_endpoint.rstrip('/')}/{self.a.s3_bucket}/{key}"

    def s3_put(self, path, size):
        key = f"bench-baseline-{uuid.uuid4().hex[:12]}"
        self.leftovers.append(("s3", key))
        # no "Expect:" override here: curl would sign the empty header and radosgw refuse the signature
        code, _, _, t = curl(["-X", "PUT", "-o", "/dev/null", "-T", path] + self.s3_args()
                             + [self.s3_url(key)])
        if code != 200:
            raise BenchError(f"S3 PUT {key}: HTTP {code}")
        self.s3_delete(key)
        return size / t / MB

    def s3_delete(self, key):
        code, _, _, _ = curl(["-X", "DELETE", "-o", "/dev/null"] + self.s3_args() + [self.s3_url(key)])
        if code in (200, 204, 404):
            self.leftovers.remove(("s3", key))
            self.rgw_gc()

    def reclaim(self, backend):
        """radosgw frees a deleted object's data only when its garbage collector runs (every minute on the
        test cluster): on a single small OSD, a gigabyte written every few seconds fills it first. With the
        admin key the collector is run after each deletion, outside the measured time."""
        if self.type_of(backend) == "s3":
            self.rgw_gc()

    def rgw_gc(self):
        if not (self.a.ceph_admin_keyring and self.a.ceph_conf):
            return
        p = subprocess.run(["radosgw-admin", "--conf", self.a.ceph_conf, "--keyring", self.a.ceph_admin_keyring,
                            "gc", "process", "--include-all"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True, timeout=600)
        if p.returncode != 0:
            raise BenchError(f"radosgw-admin gc process: {p.stderr.strip()[:300]}")

    # ---- swift -------------------------------------------------------------------

    def swift_account(self):
        if not self.swift:
            self.swift = SwiftAccount(self.a.swift_auth_address, self.a.swift_user, self.a.swift_key)
            self.swift.request("PUT", self.a.swift_container)  # the services create it too; either may be first
        return self.swift

    def swift_put(self, path, size):
        account = self.swift_account()
        name = f"bench-baseline-{uuid.uuid4().hex[:12]}"
        self.leftovers.append(("swift", name))
        code, _, _, t = curl(["-X", "PUT", "-o", "/dev/null", "-H", "Expect:", "-T", path] + account.curl_auth()
                             + [account.url(self.a.swift_container, name)])
        if code != 201:
            raise BenchError(f"Swift PUT {name}: HTTP {code}")
        account.request("DELETE", self.a.swift_container, name)
        self.leftovers.remove(("swift", name))
        return size / t / MB

    # ---- what stores.py calls ---------------------------------------------------------

    def upload(self, backend, path, size):
        kind = self.type_of(backend)
        if kind == "rbd" and self.a.ceph_conf:
            return lambda: self.rbd_import(path, size)
        if kind == "s3" and self.a.s3_endpoint:
            return lambda: self.s3_put(path, size)
        # one object can hold at most Swift's max_file_size (5 GiB + 2 bytes by default): a larger file has no PUT
        # yardstick, the services write it as a large object
        if kind == "swift" and self.a.swift_auth_address and size <= SWIFT_MAX_FILE_SIZE:
            return lambda: self.swift_put(path, size)
        return None

    def download(self, backend, path, size, image_id):
        kind = self.type_of(backend)
        if kind == "file":
            self.nginx = Nginx(os.path.dirname(path)).__enter__()
            url = f"http://127.0.0.1:{self.nginx.port}/{os.path.basename(path)}"
            return lambda: curl_download(url, [], size)
        if kind == "rbd" and self.a.ceph_conf:
            return lambda: self.rbd_export(image_id, size)
        if kind == "s3" and self.a.s3_endpoint:
            return lambda: curl_download(self.s3_url(image_id), self.s3_args(), size)
        if kind == "swift" and self.a.swift_auth_address:
            account = self.swift_account()
            return lambda: curl_download(account.url(self.a.swift_container, image_id), account.curl_auth(), size)
        return None

    def close_download(self):
        if self.nginx:
            self.nginx.__exit__(None, None, None)
            self.nginx = None

    def cleanup(self):
        self.close_download()
        for kind, name in list(self.leftovers):
            try:
                if kind == "rbd":
                    self.rbd("rm", "--no-progress", f"{self.a.rbd_pool}/{name}")
                    self.leftovers.remove((kind, name))
                elif kind == "swift":
                    self.swift_account().request("DELETE", self.a.swift_container, name)
                    self.leftovers.remove((kind, name))
                else:
                    self.s3_delete(name)
            except BenchError as e:
                log(f"could not remove the baseline's {kind} object {name}: {e}")


class SwiftAccount:
    """A tempauth (auth v1) login: the account's storage URL and a token, for curl and small requests."""

    def __init__(self, auth_address, user, key):
        req = urllib.request.Request(auth_address, headers={"X-Auth-User": user, "X-Auth-Key": key})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                self.storage_url, self.token = r.headers["X-Storage-Url"], r.headers["X-Auth-Token"]
        except (OSError, urllib.error.URLError) as e:
            raise BenchError(f"Swift login at {auth_address} as {user}: {e}") from e

    def url(self, container, name=None):
        path = urllib.parse.quote(container) + ("/" + urllib.parse.quote(name) if name else "")
        return f"{self.storage_url}/{path}"

    def curl_auth(self):
        return ["-H", f"X-Auth-Token: {self.token}"]

    def request(self, method, container, name=None, query=""):
        """Status and body; a 404 counts as done for DELETE."""
        req = urllib.request.Request(self.url(container, name) + query, method=method,
                                     headers={"X-Auth-Token": self.token, "Content-Length": "0"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            if method == "DELETE" and e.code == 404:
                return 404, b""
            raise BenchError(f"Swift {method} {container}/{name or ''}: HTTP {e.code}") from e

    def remove_container(self, container):
        """Every object (segments included), then the container; returns how many objects there were."""
        removed = 0
        while True:
            try:
                _, body = self.request("GET", container, query="?format=json&limit=1000")
            except BenchError as e:
                if "HTTP 404" in str(e):
                    return removed
                raise
            names = [o["name"] for o in json.loads(body or b"[]")]
            if not names:
                break
            for name in names:
                self.request("DELETE", container, name)
                removed += 1
        self.request("DELETE", container)
        return removed


if __name__ == "__main__":
    if len(sys.argv) != 6 or sys.argv[1] != "remove-swift-container":
        sys.exit("usage: storebaselines.py remove-swift-container AUTH_ADDRESS USER KEY CONTAINER")
    try:
        n = SwiftAccount(*sys.argv[2:5]).remove_container(sys.argv[5])
    except BenchError as e:
        sys.exit(f"storebaselines.py: {e}")
    log(f"Swift container {sys.argv[5]} removed ({n} objects left in it)")
