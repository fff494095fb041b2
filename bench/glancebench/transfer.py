"""Bench phases moving the test file: the nginx yardstick, uploads and downloads."""

import os
import subprocess

from .client import delete_images
from .common import MB, BenchError, log, median
from .local import Nginx, curl, curl_download


class TransferPhases:
    """Bench's phases nginx, upload and download."""

    def phase_nginx(self, path, size):
        with Nginx(os.path.dirname(path), self.a.nginx_port) as ng:
            url = f"http://127.0.0.1:{ng.port}/{os.path.basename(path)}"
            log(f"nginx yardstick on port {ng.port}: {self.a.download_runs} downloads (+1 warm-up)")
            curl_download(url, [], size)
            runs = [curl_download(url, [], size) for _ in range(self.a.download_runs)]
        self.nginx_mbs = median(runs)
        log(f"nginx: {', '.join(f'{x:.0f}' for x in runs)} MB/s")

    def upload_one(self, ep, path, size, md5hex, chunked, keep=False):
        c = ep.client()
        try:
            img = self.create_tmp(c, f"bench-upload-{'chunked' if chunked else 'cl'}")
            url = ep.full(f"/v2/images/{img['id']}/file")
            resp = os.path.join(self.body_tmp, "upload-response")
            # 'Expect:' off: python-glanceclient and openstacksdk never send
            # 'Expect: 100-continue', so neither does the benchmark.
            common = ["-X", "PUT", "-o", resp, "-H", "Content-Type: application/octet-stream",
                      "-H", "Expect:"] + ep.curl_auth()
            if chunked:
                # data from a pipe: curl cannot know the length
                cat = subprocess.Popen(["cat", path], stdout=subprocess.PIPE)
                try:
                    code, up, _, t = curl(common + ["-H", "Transfer-Encoding: chunked", "-T", "-", url],
                                          stdin=cat.stdout)
                finally:
                    cat.stdout.close()
                    cat.wait()
            else:
                code, up, _, t = curl(common + ["-T", path, url])
            if code not in (201, 204):
                body = open(resp, "rb").read()[:300] if os.path.exists(resp) else b""
                raise BenchError(f"{ep.label}: PUT {url} -> HTTP {code}: {body!r}")
            if up < size:  # chunked: size_upload also counts the chunk framing
                raise BenchError(f"{ep.label}: uploaded {up} bytes, expected {size}")
            got = c.json("GET", f"/v2/images/{img['id']}")
            if got.get("status") != "active" or got.get("size") != size or got.get("checksum") != md5hex:
                raise BenchError(f"{ep.label}: after upload image is status={got.get('status')} "
                                 f"size={got.get('size')} checksum={got.get('checksum')} "
                                 f"(expected active, {size}, {md5hex})")
            if not keep:
                c.request("DELETE", f"/v2/images/{img['id']}", expect=(204,))
                self.tmp_ids[ep.label].discard(img["id"])
            return size / t / MB, img["id"]
        finally:
            c.close()

    def phase_upload(self, path, size, md5hex):
        for chunked in (False, True):
            key = "upload_chunked_mbs" if chunked else "upload_cl_mbs"
            runs = {e.label: [] for e in self.eps}
            for i in range(self.a.runs):
                for ep in self.eps:
                    mbs, _ = self.upload_one(ep, path, size, md5hex, chunked)
                    runs[ep.label].append(mbs)
                    log(f"{ep.label}: upload {'chunked' if chunked else 'content-length'} "
                        f"run {i + 1}: {mbs:.0f} MB/s")
            for ep in self.eps:
                self.fig[ep.label][key] = median(runs[ep.label])
                self.fig[ep.label][key + "_runs"] = [round(x, 1) for x in runs[ep.label]]

    def phase_download(self, path, size, md5hex):
        ids = {}
        for ep in self.eps:
            _, ids[ep.label] = self.upload_one(ep, path, size, md5hex, False, keep=True)
        runs = {e.label: [] for e in self.eps}
        for ep in self.eps:  # warm-up, not counted
            curl_download(ep.full(f"/v2/images/{ids[ep.label]}/file"), ep.curl_auth(), size)
        for i in range(self.a.download_runs):
            for ep in self.eps:
                mbs = curl_download(ep.full(f"/v2/images/{ids[ep.label]}/file"), ep.curl_auth(), size)
                runs[ep.label].append(mbs)
                log(f"{ep.label}: download run {i + 1}: {mbs:.0f} MB/s")
        for ep in self.eps:
            self.fig[ep.label]["download_mbs"] = median(runs[ep.label])
            self.fig[ep.label]["download_mbs_runs"] = [round(x, 1) for x in runs[ep.label]]
            delete_images(ep, [ids[ep.label]])
            self.tmp_ids[ep.label].discard(ids[ep.label])
