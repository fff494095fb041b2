#!/usr/bin/env python3
"""Latency under load for one or two Glance v2 endpoints, side by side (see bench/README.md, "Latency").

Phases: show and list (wrk at each --connections), mixed (wrk on show while --uploads curl uploads of
--upload-mib MiB run in a loop), create (wrk POSTing /v2/images with --create-connections), idle (--idle idle
connections and --slow uploads sending a byte a second, while a normal request is timed). Endpoints take turns
within each phase. Standard library only."""
import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import json
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")


def parse_wrk(out):
    fig = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "90", "99"):
        m = re.search(r"^\s+%s%%\s+(\S+)" % pct, out, re.M)
        fig["p" + pct] = ms(m.group(1)) if m else float("nan")
    m = re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", out)
    fig["max"] = ms(m.group(1)) if m else float("nan")
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    fig["timeouts"] = int(m.group(4)) if m else 0
    fig["errors"] = sum(int(m.group(i)) for i in (1, 2, 3)) if m else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    fig["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"(\d+) requests in", out)
    fig["requests"] = int(m.group(1)) if m else 0
    return fig


class Endpoint:
    def __init__(self, name, url, token, pid):
        self.name, self.url, self.token, self.pid = name, url.rstrip("/"), token, pid
        parsed = urllib.parse.urlsplit(self.url)
        self.host, self.port = parsed.hostname, parsed.port or 80

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        hdrs = dict(headers or {})
        if self.token:
            hdrs["X-Auth-Token"] = self.token
        if body is not None and not isinstance(body, bytes):
            body = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, data

    def create(self, name="bench-latency"):
        status, data = self.request("POST", "/v2/images", {"name": name, "disk_format": "raw",
                                                           "container_format": "bare", "bench_tmp": "1"})
        if status != 201:
            sys.exit("%s: create answered %d: %s" % (self.name, status, data[:200]))
        return json.loads(data)["id"]

    def delete(self, image_id):
        self.request("DELETE", "/v2/images/" + image_id)

    def proc(self, field):
        if not self.pid:
            return None
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None


def wrk(ep, path, connections, seconds, threads, script=None, timeout="2s"):
    cmd = ["wrk", "-t%d" % min(threads, connections), "-c%d" % connections, "-d%ds" % seconds, "--latency",
           "--timeout", timeout, "-s", script or os.path.join(HERE, "lib", "token.lua"), ep.url + path]
    env = dict(os.environ, BENCH_TOKEN=ep.token or "")
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    return parse_wrk(out)


class UploadLoop:
    """--uploads threads, each creating an image, uploading the test file with curl, deleting it, again."""

    def __init__(self, ep, count, path):
        self.ep, self.path, self.stop, self.bytes, self.failures = ep, path, threading.Event(), 0, 0
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(count)]

    def run(self):
        size = os.path.getsize(self.path)
        while not self.stop.is_set():
            image_id = self.ep.create("bench-latency-upload")
            cmd = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-T", self.path,
                   "-H", "Content-Type: application/octet-stream", "-H", "Expect:"]
            if self.ep.token:
                cmd += ["-H", "X-Auth-Token: " + self.ep.token]
            code = subprocess.run(cmd + [self.ep.url + "/v2/images/%s/file" % image_id],
                                  capture_output=True, text=True).stdout
            if code == "204":
                self.bytes += size
            elif not self.stop.is_set():
                self.failures += 1
            self.ep.delete(image_id)

    def __enter__(self):
        self.started = time.monotonic()
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.seconds = time.monotonic() - self.started
        self.stop.set()
        for t in self.threads:
            t.join()


def timed_get(ep, path):
    started = time.monotonic()
    status, _ = ep.request("GET", path)
    return status, (time.monotonic() - started) * 1000


def idle_check(ep, idle, slow, samples):
    """Opens idle connections and slow uploads, then times a normal request on a new connection."""
    before = sorted(timed_get(ep, "/v2/images?limit=5")[1] for _ in range(samples))
    threads_before, rss_before = ep.proc("Threads"), ep.proc("VmRSS")
    held, images = [], []
    try:
        for _ in range(slow):
            image_id = ep.create("bench-latency-slow")
            images.append(image_id)
            s = socket.create_connection((ep.host, ep.port))
            head = ("PUT /v2/images/%s/file HTTP/1.1\r\nHost: %s\r\nContent-Type: application/octet-stream\r\n"
                    "Content-Length: 1000000\r\n%s\r\n" % (image_id, ep.host,
                                                         "X-Auth-Token: %s\r\n" % ep.token if ep.token else ""))
            s.sendall(head.encode())
            held.append(s)
        for i in range(idle):
            s = socket.create_connection((ep.host, ep.port))
            if i % 2 == 0:  # half have made a request and wait kept alive, half never sent one
                s.sendall(("GET /versions HTTP/1.1\r\nHost: %s\r\n\r\n" % ep.host).encode())
                s.settimeout(30)
                s.recv(65536)
            held.append(s)
        during, failed = [], 0
        for _ in range(samples):
            for s in held[:slow]:
                try:
                    s.send(b"x")
                except OSError:
                    pass
            status, took = timed_get(ep, "/v2/images?limit=5")
            failed += status != 200
            during.append(took)
            time.sleep(1.0 / max(1, samples // 10))
        during.sort()
        return {"before_p50": before[len(before) // 2], "p50": during[len(during) // 2], "max": during[-1],
                "failed": failed, "threads": (threads_before, ep.proc("Threads")),
                "rss_mib": (rss_before and rss_before // 1024, (ep.proc("VmRSS") or 0) // 1024 or None)}
    finally:
        for s in held:
            s.close()
        time.sleep(1)
        for image_id in images:
            ep.delete(image_id)


def fmt_wrk(f):
    extra = ""
    if f["timeouts"] or f["errors"] or f["non2xx"]:
        extra = " timeouts %d errors %d non-2xx %d" % (f["timeouts"], f["errors"], f["non2xx"])
    return "%8.0f req/s  p50 %7.2f  p90 %7.2f  p99 %7.2f  max %7.1f ms  p99/p50 %5.1f%s" % (
        f["rps"], f["p50"], f["p90"], f["p99"], f["max"], f["p99"] / f["p50"] if f["p50"] else float("nan"), extra)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--endpoint", action="append", required=True, help="NAME=URL (once or twice)")
    p.add_argument("--pid", action="append", default=[], help="NAME=PID: report its threads and RSS (idle)")
    p.add_argument("--token", default=os.environ.get("BENCH_TOKEN", ""))
    p.add_argument("--phases", default="show,list,mixed,create,idle")
    p.add_argument("--connections", default="32,256")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--runs", type=int, default=1, help="runs of each wrk figure per endpoint (the median is kept)")
    p.add_argument("--uploads", type=int, default=4)
    p.add_argument("--upload-mib", type=int, default=100)
    p.add_argument("--create-connections", type=int, default=8)
    p.add_argument("--idle", type=int, default=1000)
    p.add_argument("--slow", type=int, default=100)
    p.add_argument("--samples", type=int, default=20)
    p.add_argument("--hold-file", help="a file that exists while figures are taken (others wait on it)")
    p.add_argument("--dir", default=os.environ.get("BENCH_DIR", "/tmp/glance-bench"))
    a = p.parse_args()
    pids = dict(x.split("=", 1) for x in a.pid)
    eps = []
    for spec in a.endpoint:
        name, url = spec.split("=", 1) if "=" in spec and not spec.startswith("http") else ("ep%d" % len(eps), spec)
        eps.append(Endpoint(name, url, a.token, int(pids[name]) if name in pids else None))
    phases = a.phases.split(",")
    conns = [int(c) for c in a.connections.split(",")]
    results = []  # (phase, endpoint, text)

    show_ids = {ep.name: ep.create("bench-latency-show") for ep in eps}
    upload_file = os.path.join(a.dir, "latency-%dMiB.bin" % a.upload_mib)
    if "mixed" in phases and not os.path.exists(upload_file):
        os.makedirs(a.dir, exist_ok=True)
        with open("/dev/urandom", "rb") as src, open(upload_file, "wb") as out:
            for _ in range(a.upload_mib):
                out.write(src.read(1 << 20))

    def best(runs):
        return sorted(runs, key=lambda f: f["p99"])[len(runs) // 2]

    def hold(on):
        if a.hold_file:
            if on:
                open(a.hold_file, "a").close()
            elif os.path.exists(a.hold_file):
                os.remove(a.hold_file)

    try:
        for phase in phases:
            hold(True)
            if phase in ("show", "list"):
                for c in conns:
                    runs = {ep.name: [] for ep in eps}
                    for _ in range(a.runs):
                        for ep in eps:
                            path = "/v2/images/" + show_ids[ep.name] if phase == "show" else "/v2/images"
                            wrk(ep, path, c, a.warmup, a.threads)
                            runs[ep.name].append(wrk(ep, path, c, a.seconds, a.threads))
                    for ep in eps:
                        results.append(("%s -c%d" % (phase, c), ep.name, fmt_wrk(best(runs[ep.name]))))
            elif phase == "mixed":
                for ep in eps:
                    path = "/v2/images/" + show_ids[ep.name]
                    with UploadLoop(ep, a.uploads, upload_file) as loop:
                        time.sleep(2)
                        f = wrk(ep, path, conns[0], a.seconds, a.threads)
                    mbs = loop.bytes / loop.seconds / 1e6
                    results.append(("mixed -c%d + %d uploads" % (conns[0], a.uploads), ep.name,
                                    fmt_wrk(f) + "  uploads %.0f MB/s%s" % (
                                        mbs, " (%d failed)" % loop.failures if loop.failures else "")))
            elif phase == "create":
                script = os.path.join(HERE, "lib", "create.lua")
                for ep in eps:
                    wrk(ep, "/v2/images", a.create_connections, a.warmup, a.threads, script)
                    f = wrk(ep, "/v2/images", a.create_connections, a.seconds, a.threads, script)
                    results.append(("create -c%d" % a.create_connections, ep.name,
                                    "%8.0f creates/s  p50 %7.2f  p99 %7.2f ms%s" % (
                                        f["rps"], f["p50"], f["p99"],
                                        "  non-2xx %d" % f["non2xx"] if f["non2xx"] else "")))
            elif phase == "idle":
                for ep in eps:
                    r = idle_check(ep, a.idle, a.slow, a.samples)
                    results.append(("idle %d + slow %d" % (a.idle, a.slow), ep.name,
                                    "list p50 %.1f ms before, during: p50 %.1f max %.1f ms, %d failed; "
                                    "threads %s -> %s, RSS MiB %s -> %s" % (
                                        r["before_p50"], r["p50"], r["max"], r["failed"], r["threads"][0],
                                        r["threads"][1], r["rss_mib"][0], r["rss_mib"][1])))
            hold(False)
            for row in results:
                if row[0].startswith(phase):
                    print("%-28s %-10s %s" % row, flush=True)
    finally:
        hold(False)
        for ep in eps:
            ep.delete(show_ids[ep.name])
        if "create" in phases:
            for ep in eps:
                subprocess.run([os.path.join(HERE, "run.sh"), "--purge", "--endpoint", ep.url]
                               + (["--token", ep.token] if ep.token else []), capture_output=True)
    print()
    print("%-28s %-10s %s" % ("figure", "endpoint", "result"))
    for row in results:
        print("%-28s %-10s %s" % row)


if __name__ == "__main__":
    main()
