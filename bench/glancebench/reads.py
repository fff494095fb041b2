"""Bench phases reading metadata: the seeded image set, list latency and show requests per second (wrk)."""

import re
import subprocess
import time

from .client import list_all, run_parallel
from .common import BenchError, log, percentile
from .meter import wait_quiet


class ReadPhases:
    """Bench's phases list and show, and the seeded images they read."""

    def seed(self, ep):
        """Make sure at least --images images with bench_seed=1 exist and are
        active; reuse whatever an earlier run left."""
        c = ep.client()
        have = list_all(c, "bench_seed=1&limit=1000")
        c.close()
        active = [i for i in have if i["status"] == "active"]
        queued = [i["id"] for i in have if i["status"] == "queued"]
        idx_used = {int(i.get("bench_idx", -1)) for i in have if str(i.get("bench_idx", "")).isdigit()}
        missing = max(0, self.a.images - len(active) - len(queued))
        log(f"{ep.label}: {len(active)} seeded images found, {len(queued)} without data, creating {missing}")
        free_idx = (i for i in range(10 ** 9) if i not in idx_used)
        todo = [next(free_idx) for _ in range(missing)]

        def make(cl, i):
            body = {"name": f"bench-seed-{i:05d}", "disk_format": "raw", "container_format": "bare",
                    "bench_seed": "1", "bench_group": str(i % 10), "bench_idx": str(i),
                    "os_distro": "benchlinux", "hw_disk_bus": "virtio",
                    "bench_note": f"seeded image {i} for the list benchmark",
                    "tags": ["bench", f"t{i % 10}", f"u{i % 7}"]}
            img = cl.json("POST", "/v2/images", body, expect=(201,))
            self.seed_new[ep.label].append(img["id"])
            return img["id"]

        new = run_parallel(ep, 4, make, todo)
        payload = b"glance-bench seed image\n" * 40

        def upload(cl, image_id):
            cl.request("PUT", f"/v2/images/{image_id}/file", payload,
                       headers={"Content-Type": "application/octet-stream"}, expect=(204, 201))

        run_parallel(ep, 4, upload, queued + new)
        ids = [i["id"] for i in active] + queued + new
        self.seed_ids[ep.label] = ids
        return ids

    def latency(self, ep, query, n, check=None, fresh=None):
        c = ep.client(fresh=fresh)
        try:
            first = c.json("GET", "/v2/images?" + query)
            if check:
                check(first)
            for _ in range(2):  # warm-up
                c.request("GET", "/v2/images?" + query)
            samples = []
            for _ in range(n):
                t0 = time.perf_counter()
                c.request("GET", "/v2/images?" + query)
                samples.append((time.perf_counter() - t0) * 1000.0)
            return samples
        finally:
            c.close()

    def phase_list(self):
        for ep in self.eps:
            self.seed(ep)
        if self.a.wait_quiet:
            wait_quiet(self.eps, self.a.wait_quiet)
        want1000 = min(1000, self.a.images)

        def count_at_least(k):
            def chk(doc):
                if len(doc["images"]) < k:
                    raise BenchError(f"list returned {len(doc['images'])} images, expected >= {k}")
            return chk

        def all_have(fn, what):
            want = min(25, self.a.images // 10)  # a tenth of the seeded set matches

            def chk(doc):
                imgs = doc["images"]
                if len(imgs) < want or len(imgs) > 25 or not all(fn(i) for i in imgs):
                    raise BenchError(f"filtered list ({what}) returned {len(imgs)} images, "
                                     f"expected {want}..25, all with {what}")
            return chk

        queries = [
            ("list25", "limit=25", self.a.samples, count_at_least(25), None),
            # the same on a new TCP connection per request, whatever --fresh-connections says
            ("list25_fresh", "limit=25", self.a.samples, count_at_least(25), True),
            ("list1000", "limit=1000", self.a.samples_1000, count_at_least(want1000), None),
            ("list_prop", "bench_group=7&limit=25", self.a.samples,
             all_have(lambda i: i.get("bench_group") == "7", "bench_group=7"), None),
            ("list_tag", "tag=t7&limit=25", self.a.samples,
             all_have(lambda i: "t7" in i.get("tags", []), "tag t7"), None),
        ]
        block = 20  # interleave endpoints in blocks of samples
        for key, q, n, chk, fresh in queries:
            samples = {e.label: [] for e in self.eps}
            first = True
            while any(len(s) < n for s in samples.values()):
                for ep in self.eps:
                    k = min(block, n - len(samples[ep.label]))
                    if k > 0:
                        samples[ep.label] += self.latency(ep, q, k, chk if first else None, fresh)
                first = False
            for ep in self.eps:
                s = samples[ep.label]
                self.fig[ep.label][key + "_p50_ms"] = percentile(s, 50)
                self.fig[ep.label][key + "_p99_ms"] = percentile(s, 99)
                how = "new connections" if (fresh or ep.fresh) else "keep-alive"
                log(f"{ep.label}: GET /v2/images?{q} x{len(s)} ({how}): p50 {percentile(s, 50):.1f} ms, "
                    f"p99 {percentile(s, 99):.1f} ms")

    def phase_show(self):
        for ep in self.eps:
            ids = self.seed_ids.get(ep.label)
            c = ep.client()
            try:
                if ids:
                    image_id = ids[len(ids) // 2]
                else:
                    image_id = self.create_tmp(c, "bench-show")["id"]
                c.request("GET", f"/v2/images/{image_id}")
            finally:
                c.close()
            url = ep.full(f"/v2/images/{image_id}")
            cmd = ["wrk", "-t2", f"-c{self.a.wrk_connections}", f"-d{self.a.wrk_seconds}s",
                   "--timeout", "30s", "--latency"]
            if ep.token:
                cmd += ["-H", f"X-Auth-Token: {ep.token}"]
            p = subprocess.run(cmd + [url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            out = p.stdout
            m = re.search(r"Requests/sec:\s+([\d.]+)", out)
            if p.returncode != 0 or not m:
                raise BenchError(f"{ep.label}: wrk failed: {out[-500:]}")
            bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
            if bad:
                raise BenchError(f"{ep.label}: wrk saw {bad.group(1)} non-2xx responses on GET {url}")
            errs = re.search(r"Socket errors:.*", out)
            conn_err = re.search(r"Socket errors: connect (\d+)", out)
            total = re.search(r"(\d+) requests in", out)
            if (conn_err and int(conn_err.group(1))) or not total or int(total.group(1)) == 0:
                raise BenchError(f"{ep.label}: wrk could not load {url}: {out[-400:]}")
            f = self.fig[ep.label]
            f["show_rps"] = float(m.group(1))
            for pct in ("50", "99"):
                lm = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
                if lm:
                    v = float(lm.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[lm.group(2)]
                    f[f"show_p{pct}_ms"] = v
            if errs:
                f["show_socket_errors"] = errs.group(0)
                log(f"{ep.label}: wrk {errs.group(0)}")
            log(f"{ep.label}: show GET x{self.a.wrk_connections} conns: {f['show_rps']:.0f} req/s")
