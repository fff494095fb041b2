#!/usr/bin/python3
"""Interoperable import timed on two Glance endpoints, taking turns run by run: web-download of a file served
by a local HTTP server, and glance-direct (PUT /stage, then POST /import). Each figure runs from the first
request to the image being active with the file's size and MD5; every image is deleted afterwards."""
import argparse
import hashlib
import http.client
import json
import statistics
import sys
import time
import urllib.parse


def call(endpoint, method, path, body=None, headers=None, attempts=1):
    url = urllib.parse.urlsplit(endpoint)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    # who is asking, for a service that trusts these headers (upstream's trusted-auth); others ignore them
    identity = {"X-Identity-Status": "Confirmed", "X-Project-Id": "bench", "X-User-Id": "bench", "X-Roles": "admin"}
    conn.request(method, path, body=body, headers={**identity, **(headers or {})})
    answer = conn.getresponse()
    data = answer.read()
    conn.close()
    if answer.status >= 500 and attempts > 1:
        # upstream may still be finishing the task that made the image active
        time.sleep(1)
        return call(endpoint, method, path, body, headers, attempts - 1)
    if answer.status >= 300:
        sys.exit(f"{method} {endpoint}{path}: {answer.status} {data[:300]!r}")
    return json.loads(data) if data else None


def create(endpoint):
    body = json.dumps({"name": "bench-import", "disk_format": "raw", "container_format": "bare"})
    return call(endpoint, "POST", "/v2/images", body, {"Content-Type": "application/json"})["id"]


def wait_active(endpoint, image_id, size, md5):
    while True:
        image = call(endpoint, "GET", f"/v2/images/{image_id}")
        if image["status"] == "active":
            if image["size"] != size or image["checksum"] != md5:
                sys.exit(f"{endpoint}: image {image_id} has size {image['size']} md5 {image['checksum']}")
            return
        tasks = call(endpoint, "GET", f"/v2/images/{image_id}/tasks")["tasks"]
        if any(task["status"] == "failure" for task in tasks):
            sys.exit(f"{endpoint}: import of {image_id} failed: {tasks}")
        time.sleep(0.2)


def web_download(endpoint, uri, size, md5):
    image_id = create(endpoint)
    start = time.monotonic()
    call(endpoint, "POST", f"/v2/images/{image_id}/import",
         json.dumps({"method": {"name": "web-download", "uri": uri}}), {"Content-Type": "application/json"})
    wait_active(endpoint, image_id, size, md5)
    return image_id, time.monotonic() - start


def glance_direct(endpoint, path, size, md5):
    image_id = create(endpoint)
    start = time.monotonic()
    with open(path, "rb") as data:
        call(endpoint, "PUT", f"/v2/images/{image_id}/stage", data,
             {"Content-Type": "application/octet-stream", "Content-Length": str(size)})
    call(endpoint, "POST", f"/v2/images/{image_id}/import", json.dumps({"method": {"name": "glance-direct"}}),
         {"Content-Type": "application/json"})
    wait_active(endpoint, image_id, size, md5)
    return image_id, time.monotonic() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", action="append", required=True, help="name=URL, twice")
    parser.add_argument("--file", required=True)
    parser.add_argument("--uri", required=True, help="where the HTTP server serves --file")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    endpoints = dict(e.split("=", 1) for e in args.endpoint)
    digest = hashlib.md5()
    size = 0
    with open(args.file, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    md5 = digest.hexdigest()
    times = {(name, flow): [] for name in endpoints for flow in ("web-download", "glance-direct")}
    names = list(endpoints)
    for run in range(args.runs):
        order = names if run % 2 == 0 else names[::-1]
        for flow in ("web-download", "glance-direct"):
            for name in order:
                if flow == "web-download":
                    image_id, seconds = web_download(endpoints[name], args.uri, size, md5)
                else:
                    image_id, seconds = glance_direct(endpoints[name], args.file, size, md5)
                call(endpoints[name], "DELETE", f"/v2/images/{image_id}", attempts=10)
                times[(name, flow)].append(seconds)
                print(f"run {run + 1} {flow:13} {name:9} {seconds:7.2f} s  {size / seconds / 1e6:7.1f} MB/s", flush=True)
    print()
    for flow in ("web-download", "glance-direct"):
        medians = {name: statistics.median(times[(name, flow)]) for name in names}
        line = "  ".join(f"{name} {medians[name]:.2f} s ({size / medians[name] / 1e6:.0f} MB/s)" for name in names)
        ratio = medians[names[1]] / medians[names[0]]
        print(f"{flow:13} median: {line}  speed {names[0]}/{names[1]} = {ratio:.2f}x")


if __name__ == "__main__":
    main()
