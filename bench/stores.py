#!/usr/bin/python3
"""Image data through each store backend, two Glance endpoints side by side.

For every backend (a store id both endpoints have, chosen per request with
X-Image-Meta-Store): uploads with Content-Length and chunked, downloads, and
N concurrent uploads (aggregate), measurements interleaved between the
endpoints, beside a baseline that moves the same bytes without Glance (nginx
for file, `rbd import`/`rbd export` for rbd, a signed curl PUT/GET to the
bucket for s3, a curl PUT/GET to the container for swift). Then a large
image through the first endpoint only, to show its memory stays flat. See bench/README.md ("Stores").
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from glancebench import (MB, BenchError, CpuMeter, Endpoint, Nginx, curl, curl_download,  # noqa: E402
                         delete_images, log, median, prepare_file, wait_quiet)
import storebaselines  # noqa: E402
from storesreport import print_table  # noqa: E402


class RssSampler(threading.Thread):
    """Peak VmRSS of one process (and, when given, the peak heap in use from jstat) while it runs."""

    def __init__(self, pid, jstat=None, interval=0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.stop_ev = threading.Event()
        self.peak_rss_kib = 0
        self.heap = HeapSampler(pid, jstat) if jstat else None

    def run(self):
        while not self.stop_ev.is_set():
            try:
                with open(f"/proc/{self.pid}/status") as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            self.peak_rss_kib = max(self.peak_rss_kib, int(line.split()[1]))
            except OSError:
                pass
            self.stop_ev.wait(self.interval)

    def __enter__(self):
        if self.heap:
            self.heap.start()
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop_ev.set()
        self.join()
        if self.heap:
            self.heap.stop()

    def figures(self):
        out = {"peak_rss_mib": round(self.peak_rss_kib / 1024, 1)}
        if self.heap and self.heap.peak_used_kib:
            out["peak_heap_used_mib"] = round(self.heap.peak_used_kib / 1024, 1)
            out["peak_old_used_mib"] = round(self.heap.peak_old_kib / 1024, 1)
            out["heap_capacity_mib"] = round(self.heap.capacity_kib / 1024, 1)
        return out


class HeapSampler:
    """`jstat -gc PID 250`: the peak of young + old generation in use, and of the old generation alone
    (what survives collections: it would grow if image data were held)."""

    def __init__(self, pid, jstat):
        self.cmd = [jstat, "-gc", str(pid), "250"]
        self.peak_used_kib = self.peak_old_kib = self.capacity_kib = 0.0
        self.proc = None
        self.reader = None

    def start(self):
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        header = None
        for line in self.proc.stdout:
            cols = line.split()
            if not cols:
                continue
            if cols[0] == "S0C":
                header = cols
                continue
            if not header or len(cols) != len(header):
                continue
            v = dict(zip(header, (float(c) for c in cols)))
            used = v["S0U"] + v["S1U"] + v["EU"] + v["OU"]
            self.peak_used_kib = max(self.peak_used_kib, used)
            self.peak_old_kib = max(self.peak_old_kib, v["OU"])
            self.capacity_kib = max(self.capacity_kib, v["S0C"] + v["S1C"] + v["EC"] + v["OC"])

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        self.reader.join(timeout=5)


class StoresBench:
    def __init__(self, args, eps):
        self.a, self.eps = args, eps
        self.fig = {}          # backend -> label -> figure -> value
        self.cpu = {}          # backend/phase -> CpuMeter delta
        self.meter = CpuMeter(eps)
        for spec in args.aux_pid:  # the stores' servers and the database: their CPU is shown apart
            label, pid = spec.split("=", 1)
            self.meter.parts[label] = int(pid)
        self.created = {e.label: set() for e in eps}
        self.baselines = storebaselines.Baselines(args)

    # ---- one image -----------------------------------------------------------

    def create(self, ep, name):
        c = ep.client()
        try:
            img = c.json("POST", "/v2/images", {"name": name, "disk_format": "raw", "container_format": "bare",
                                                "bench_tmp": "1"}, expect=(201,))
        finally:
            c.close()
        self.created[ep.label].add(img["id"])
        return img["id"]

    def delete(self, ep, image_id, backend):
        delete_images(ep, [image_id])
        self.created[ep.label].discard(image_id)
        self.baselines.reclaim(backend)

    def put_args(self, ep, backend, image_id, chunked, source):
        common = ["-X", "PUT", "-o", "/dev/null", "-H", "Content-Type: application/octet-stream", "-H", "Expect:",
                  "-H", f"X-Image-Meta-Store: {backend}"] + ep.curl_auth()
        url = ep.full(f"/v2/images/{image_id}/file")
        if chunked:
            return common + ["-H", "Transfer-Encoding: chunked", "-T", "-", url]
        return common + ["-T", source, url]

    def check_active(self, ep, backend, image_id, size, md5hex):
        c = ep.client()
        try:
            got = c.json("GET", f"/v2/images/{image_id}")
        finally:
            c.close()
        stores = set(filter(None, str(got.get("stores", "")).split(",")))
        if (got.get("status") != "active" or got.get("size") != size or got.get("checksum") != md5hex
                or stores != {backend}):
            raise BenchError(f"{ep.label}: after upload to {backend} image {image_id} is status={got.get('status')}"
                             f" size={got.get('size')} checksum={got.get('checksum')} stores={got.get('stores')}"
                             f" (expected active, {size}, {md5hex}, {backend})")

    def upload(self, ep, backend, path, size, md5hex, chunked, keep=False):
        image_id = self.create(ep, f"bench-{backend}-{'chunked' if chunked else 'cl'}")
        args = self.put_args(ep, backend, image_id, chunked, path)
        if chunked:
            cat = subprocess.Popen(["cat", path], stdout=subprocess.PIPE)
            try:
                code, up, _, t = curl(args, stdin=cat.stdout)
            finally:
                cat.stdout.close()
                cat.wait()
        else:
            code, up, _, t = curl(args)
        if code not in (201, 204) or up < size:
            raise BenchError(f"{ep.label}: PUT to {backend} -> HTTP {code}, {up} bytes sent")
        self.check_active(ep, backend, image_id, size, md5hex)
        if not keep:
            self.delete(ep, image_id, backend)
        return size / t / MB, image_id

    # ---- phases of one backend -------------------------------------------------

    def record(self, backend, label, key, runs):
        f = self.fig.setdefault(backend, {}).setdefault(label, {})
        f[key] = median(runs)
        f[key + "_runs"] = [round(x, 1) for x in runs]

    def measured(self, name, fn):
        if self.a.wait_quiet:
            wait_quiet(self.eps, self.a.wait_quiet)
        t0 = self.meter.snap()
        fn()
        d = self.meter.delta(t0, self.meter.snap())
        self.cpu[name] = d
        log(f"{name}: {d['wall_s']:.0f} s, CPUs busy {d['busy_cpus']:.2f} (benchmark {d['bench_cpus']:.2f}, "
            + ", ".join(f"{k} {v:.2f}" for k, v in d["server_cpus"].items()) + f", rest {d['rest_cpus']:.2f})")

    def phase_upload(self, backend, path, size, md5hex):
        base = self.baselines.upload(backend, path, size)
        for chunked in (False, True):
            key = "upload_chunked_mbs" if chunked else "upload_cl_mbs"
            runs = {e.label: [] for e in self.eps}
            base_runs = []
            for i in range(self.a.chunked_runs if chunked and self.a.chunked_runs else self.a.runs):
                for ep in self.eps:
                    mbs, _ = self.upload(ep, backend, path, size, md5hex, chunked)
                    runs[ep.label].append(mbs)
                    log(f"{backend} {ep.label}: upload {'chunked' if chunked else 'content-length'} run {i + 1}:"
                        f" {mbs:.0f} MB/s")
                if base and not chunked:
                    base_runs.append(base())
                    log(f"{backend} {self.baselines.name(backend)} upload run {i + 1}: {base_runs[-1]:.0f} MB/s")
            for ep in self.eps:
                self.record(backend, ep.label, key, runs[ep.label])
            if base_runs:
                self.record(backend, self.baselines.name(backend), "upload_cl_mbs", base_runs)

    def phase_download(self, backend, path, size, md5hex):
        ids = {ep.label: self.upload(ep, backend, path, size, md5hex, False, keep=True)[1] for ep in self.eps}
        base = self.baselines.download(backend, path, size, ids[self.eps[0].label])
        targets = [(ep.label, lambda ep=ep: curl_download(ep.full(f"/v2/images/{ids[ep.label]}/file"),
                                                          ep.curl_auth(), size)) for ep in self.eps]
        if base:
            targets.append((self.baselines.name(backend), base))
        try:
            for _, fn in targets:  # warm-up, not counted
                fn()
            runs = {label: [] for label, _ in targets}
            for i in range(self.a.download_runs):
                # each round starts with the next target, so none always goes first
                for label, fn in targets[i % len(targets):] + targets[:i % len(targets)]:
                    runs[label].append(fn())
                    log(f"{backend} {label}: download run {i + 1}: {runs[label][-1]:.0f} MB/s")
            for label, values in runs.items():
                self.record(backend, label, "download_mbs", values)
        finally:
            self.baselines.close_download()
            for ep in self.eps:
                self.delete(ep, ids[ep.label], backend)

    def phase_concurrent(self, backend, path, size, md5hex):
        n = self.a.concurrent
        runs = {e.label: [] for e in self.eps}
        for i in range(self.a.concurrent_runs):
            for ep in self.eps:
                ids = [self.create(ep, f"bench-{backend}-concurrent-{k}") for k in range(n)]
                t0 = time.perf_counter()
                procs = [subprocess.Popen(["curl", "-sS", "-w", "%{http_code}"]
                                          + self.put_args(ep, backend, image_id, False, path),
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                         for image_id in ids]
                outs = [p.communicate() for p in procs]
                wall = time.perf_counter() - t0
                for (out, err), p in zip(outs, procs):
                    if p.returncode != 0 or out.strip() not in ("201", "204"):
                        raise BenchError(f"{ep.label}: concurrent PUT to {backend}: {out.strip()} {err.strip()[:200]}")
                for image_id in ids:
                    self.check_active(ep, backend, image_id, size, md5hex)
                for image_id in ids:
                    self.delete(ep, image_id, backend)
                runs[ep.label].append(n * size / wall / MB)
                log(f"{backend} {ep.label}: {n} concurrent uploads run {i + 1}: {runs[ep.label][-1]:.0f} MB/s"
                    f" aggregate ({wall:.1f} s)")
        for ep in self.eps:
            self.record(backend, ep.label, "concurrent_mbs", runs[ep.label])

    # ---- a large image through the first endpoint: memory -----------------------

    def phase_memory(self, backend, path, size, md5hex, key):
        ep = self.eps[0]
        if not ep.pid:
            return
        with RssSampler(ep.pid, self.a.jstat) as s:
            image_id = self.upload(ep, backend, path, size, md5hex, False, keep=True)[1]
            try:
                curl_download(ep.full(f"/v2/images/{image_id}/file"), ep.curl_auth(), size)
            finally:
                self.delete(ep, image_id, backend)
        f = self.fig.setdefault(backend, {}).setdefault(ep.label, {})
        for k, v in s.figures().items():
            f[f"{key}_{k}"] = v
        log(f"{backend} {ep.label}: {size // (1 << 20)} MiB up and down: {s.figures()}")

    # ---- the run -------------------------------------------------------------

    def run(self):
        path, size, md5hex, _ = prepare_file(self.a.bench_dir, self.a.size_mib)
        big = prepare_file(self.a.bench_dir, self.a.big_mib) if self.a.big_mib else None
        try:
            for backend in self.a.backends:
                for phase in self.a.phases:
                    fn = {"upload": self.phase_upload, "download": self.phase_download,
                          "concurrent": self.phase_concurrent}[phase]
                    self.measured(f"{backend} {phase}", lambda fn=fn, b=backend: fn(b, path, size, md5hex))
                if big:
                    self.measured(f"{backend} memory", lambda b=backend: (
                        self.phase_memory(b, path, size, md5hex, "small"),
                        self.phase_memory(b, big[0], big[1], big[2], "large")))
        finally:
            for ep in self.eps:
                left = self.created[ep.label]
                if left:
                    log(f"{ep.label}: deleting {delete_images(ep, left)} images left behind")
            self.baselines.cleanup()


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--endpoint", action="append", required=True, metavar="LABEL=URL",
                   help="an endpoint; the first is measured for memory too (e.g. ours=http://127.0.0.1:9292)")
    p.add_argument("--pid", action="append", default=[], metavar="LABEL=PID", help="an endpoint's server PID")
    p.add_argument("--token", help="sent as X-Auth-Token to every endpoint")
    p.add_argument("--aux-pid", action="append", default=[], metavar="LABEL=PID",
                   help="another server whose CPU use is shown apart (ceph-osd, radosgw, the database)")
    p.add_argument("--backends", default="file,rbd,s3", help="store ids both endpoints have (default file,rbd,s3)")
    p.add_argument("--backend-types", nargs="*", metavar="ID=TYPE",
                   help="store types when the ids are not the types (default: id = type)")
    p.add_argument("--phases", default="upload,download,concurrent")
    p.add_argument("--size-mib", type=int, default=1024)
    p.add_argument("--big-mib", type=int, default=4096, help="the memory image (0: skip; default 4096)")
    p.add_argument("--runs", type=int, default=3, help="uploads per figure and endpoint (default 3)")
    p.add_argument("--chunked-runs", type=int, default=0,
                   help="chunked uploads per endpoint when not --runs (upstream's s3 store is slow there)")
    p.add_argument("--download-runs", type=int, default=5)
    p.add_argument("--concurrent", type=int, default=4, help="parallel uploads (default 4)")
    p.add_argument("--concurrent-runs", type=int, default=1)
    p.add_argument("--jstat", help="jstat of the first endpoint's JDK: peak heap in the memory figures")
    p.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS")
    p.add_argument("--bench-dir", default=os.environ.get("BENCH_DIR", "/tmp/glance-bench"))
    p.add_argument("--json-out", metavar="FILE")
    for name in ("ceph-conf", "ceph-user", "ceph-keyring", "s3-endpoint", "s3-access-key", "s3-secret-key",
                 "ceph-admin-keyring"):
        p.add_argument(f"--{name}")
    p.add_argument("--rbd-pool", default="images")
    p.add_argument("--s3-bucket", default="glance-images")
    p.add_argument("--s3-region", default="us-east-1")
    for name in ("swift-auth-address", "swift-user", "swift-key"):  # the swift yardstick's tempauth account
        p.add_argument(f"--{name}")
    p.add_argument("--swift-container", default="glance", help="the container both endpoints write into")
    args = p.parse_args(argv)
    args.backends = [x.strip() for x in args.backends.split(",") if x.strip()]
    args.phases = [x.strip() for x in args.phases.split(",") if x.strip()]
    return args


def main(argv=None):
    args = parse_args(argv)
    pids = dict(x.split("=", 1) for x in args.pid)
    eps = []
    for spec in args.endpoint:
        label, url = spec.split("=", 1)
        eps.append(Endpoint(label, url, args.token, int(pids[label]) if label in pids else None))
    bench = StoresBench(args, eps)
    try:
        bench.run()
    except BenchError as e:
        log(f"error: {e}")
        return 1
    print_table(bench, args, eps)
    if args.json_out:
        with open(args.json_out, "w") as fh:
            json.dump({"figures": bench.fig, "cpu": bench.cpu, "size_mib": args.size_mib,
                       "big_mib": args.big_mib}, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
