#!/usr/bin/python3
"""Constant load through a load balancer, for haproxy-cluster.sh (standard library only).

  haproxy_load.py run URL OUT.json STOP_FILE [--workers N] [--uploads] [--upload-bytes B]
      Workers, each on its own keep-alive connection, loop until STOP_FILE exists: list, show of an image
      seen in a list, and (with --uploads) create + PUT of B random bytes + show (active, checksum).
      With --download ID:MD5 also downloads that image, reading it as a slow client does (about a second).
      Every request that did not get its expected status is a failure, kept with its status (0 when the
      connection broke) and what came back. Writes OUT.json: counts, failures, uploads answered 204.
  haproxy_load.py verify URL OUT.json
      Every upload answered 204 must show `active` with its checksum and download byte-identical.
      Prints one line per problem; exit status 1 if any.
  haproxy_load.py stall URL ID SENT TOTAL
      PUTs the image's data announcing TOTAL bytes, sends SENT random bytes, then keeps the connection open
      without sending more until the other side closes it (an upload in the middle, whatever the load).
"""
import argparse
import hashlib
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse


class Client:
    """One keep-alive connection, made again after a failure."""

    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, body bytes); status 0 and the error text when the exchange broke."""
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.conn.request(method, path, body=body, headers=headers or {})
            res = self.conn.getresponse()
            data = res.read()
            if res.will_close:
                self.close()
            return res.status, data
        except (OSError, http.client.HTTPException) as e:
            self.close()
            return 0, repr(e).encode()

    def stream(self, method, path, pause):
        """Reads the answer in 256 KiB pieces with a pause between them; returns (status, md5 of the body)."""
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.conn.request(method, path)
            res = self.conn.getresponse()
            digest = hashlib.md5()
            while True:
                piece = res.read(256 << 10)
                if not piece:
                    break
                digest.update(piece)
                time.sleep(pause)
            if res.will_close:
                self.close()
            return res.status, digest.hexdigest()
        except (OSError, http.client.HTTPException) as e:
            self.close()
            return 0, repr(e)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Load:
    def __init__(self, url, stop_file, uploads, upload_bytes, download):
        self.url, self.stop_file, self.download = url, stop_file, download
        self.uploads_enabled, self.upload_bytes = uploads, upload_bytes
        self.lock = threading.Lock()
        self.counts = {}
        self.failures = []
        self.uploaded = []
        self.known_ids = []
        self.t0 = time.monotonic()

    def note(self, op, method, path, status, expected, body):
        with self.lock:
            self.counts[op] = self.counts.get(op, 0) + 1
            if status != expected:
                self.failures.append({"op": op, "method": method, "path": path, "status": status,
                                      "expected": expected, "at": round(time.monotonic() - self.t0, 2),
                                      "body": body[:300].decode(errors="replace")})
        return status == expected

    def call(self, client, op, method, path, expected, body=None, headers=None):
        status, data = client.request(method, path, body, headers)
        return self.note(op, method, path, status, expected, data), data

    def worker(self, seed):
        rnd = random.Random(seed)
        client = Client(self.url)
        while not os.path.exists(self.stop_file):
            pick = rnd.random()
            if self.uploads_enabled and pick < 0.25:
                self.upload(client, rnd)
            elif self.download and pick > 0.85:
                self.slow_download(client)
            elif pick < 0.65 or not self.known_ids:
                ok, data = self.call(client, "list", "GET", "/v2/images?limit=20", 200)
                if ok:
                    ids = [i["id"] for i in json.loads(data)["images"]]
                    with self.lock:
                        self.known_ids = ids or self.known_ids
            else:
                with self.lock:
                    image_id = rnd.choice(self.known_ids)
                self.call(client, "show", "GET", "/v2/images/" + image_id, 200)
            time.sleep(0.05)
        client.close()

    def slow_download(self, client):
        """Downloads the image given with --download as a slow client reads, taking about a second."""
        image_id, md5 = self.download.split(":")
        path = "/v2/images/%s/file" % image_id
        status, digest = client.stream("GET", path, pause=0.03)
        ok = self.note("download", "GET", path, status, 200, digest.encode())
        if ok and digest != md5:
            self.note("download", "GET", path, "md5 " + digest, 200, b"")

    def upload(self, client, rnd):
        body = json.dumps({"name": "haproxy-load", "disk_format": "raw", "container_format": "bare"})
        ok, data = self.call(client, "create", "POST", "/v2/images", 201, body,
                             {"Content-Type": "application/json"})
        if not ok:
            return
        image_id = json.loads(data)["id"]
        payload = rnd.randbytes(self.upload_bytes)
        md5 = hashlib.md5(payload).hexdigest()
        ok, _ = self.call(client, "upload", "PUT", "/v2/images/%s/file" % image_id, 204, payload,
                          {"Content-Type": "application/octet-stream"})
        if not ok:
            return
        with self.lock:
            self.uploaded.append({"id": image_id, "checksum": md5})
        ok, data = self.call(client, "show-uploaded", "GET", "/v2/images/" + image_id, 200)
        if ok:
            image = json.loads(data)
            if image.get("status") != "active" or image.get("checksum") != md5:
                with self.lock:
                    self.failures.append({"op": "show-uploaded", "method": "GET", "path": "/v2/images/" + image_id,
                                          "status": 200, "expected": 200,
                                          "at": round(time.monotonic() - self.t0, 2),
                                          "body": "status %s checksum %s, sent %s" % (
                                              image.get("status"), image.get("checksum"), md5)})


def run(args):
    load = Load(args.url, args.stop_file, args.uploads, args.upload_bytes, args.download)
    threads = [threading.Thread(target=load.worker, args=(n,)) for n in range(args.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(args.out, "w") as f:
        json.dump({"seconds": round(time.monotonic() - load.t0, 1), "counts": load.counts,
                   "failures": load.failures, "uploaded": load.uploaded}, f, indent=1)


def verify(args):
    with open(args.out) as f:
        result = json.load(f)
    client = Client(args.url)
    problems = 0
    for up in result["uploaded"]:
        status, data = client.request("GET", "/v2/images/" + up["id"])
        image = json.loads(data) if status == 200 else {}
        if image.get("status") != "active" or image.get("checksum") != up["checksum"]:
            print("%s: show %s, status %s, checksum %s (uploaded %s)" % (
                up["id"], status, image.get("status"), image.get("checksum"), up["checksum"]))
            problems += 1
            continue
        status, data = client.request("GET", "/v2/images/%s/file" % up["id"])
        if status != 200 or hashlib.md5(data).hexdigest() != up["checksum"]:
            print("%s: download %s, %d bytes, md5 %s (uploaded %s)" % (
                up["id"], status, len(data), hashlib.md5(data).hexdigest(), up["checksum"]))
            problems += 1
    print("%d uploads verified, %d problems" % (len(result["uploaded"]), problems))
    return 1 if problems else 0


def stall(args):
    u = urllib.parse.urlsplit(args.url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
    conn.putrequest("PUT", "/v2/images/%s/file" % args.id)
    conn.putheader("Content-Type", "application/octet-stream")
    conn.putheader("Content-Length", str(args.total))
    conn.endheaders()
    left = args.sent
    while left > 0:
        chunk = os.urandom(min(left, 1 << 16))
        conn.send(chunk)
        left -= len(chunk)
    try:
        while conn.sock.recv(65536):
            pass
    except OSError:
        pass
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="mode", required=True)
    r = sub.add_parser("run")
    r.add_argument("url")
    r.add_argument("out")
    r.add_argument("stop_file")
    r.add_argument("--workers", type=int, default=3)
    r.add_argument("--uploads", action="store_true")
    r.add_argument("--upload-bytes", type=int, default=1 << 20)
    r.add_argument("--download", metavar="ID:MD5", help="also download this image, slowly")
    v = sub.add_parser("verify")
    v.add_argument("url")
    v.add_argument("out")
    s = sub.add_parser("stall")
    s.add_argument("url")
    s.add_argument("id")
    s.add_argument("sent", type=int)
    s.add_argument("total", type=int)
    args = p.parse_args()
    if args.mode == "stall":
        return stall(args)
    if args.mode == "run":
        run(args)
        return 0
    return verify(args)


if __name__ == "__main__":
    sys.exit(main())
