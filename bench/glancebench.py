#!/usr/bin/python3
"""Benchmark for any Glance v2 image API endpoint.

Measures upload/download throughput of a large image (with curl), image
creates per second, list latency over a seeded set of images, show-image
requests per second (with wrk) and the server's peak memory, plus a loopback
yardstick: nginx serving the same file to the same curl command.

Modes:
  run      one endpoint                      (bench/run.sh)
  compare  two endpoints, interleaved, A/B    (bench/compare.sh)
  purge    delete every image this tool ever left behind on an endpoint

Only the Python standard library, curl, wrk and nginx are used.
"""

import argparse
import hashlib
import http.client
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

MB = 1_000_000  # throughput figures are in MB/s = 10^6 bytes per second
MIB = 1 << 20
PHASES = ("nginx", "upload", "download", "create", "list", "show")


class BenchError(Exception):
    pass


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(1, math.ceil(p / 100.0 * len(s)))
    return s[k - 1]


def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2.0


# --------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------

class Endpoint:
    """One Glance endpoint: base URL, optional token, optional server PID."""

    def __init__(self, label, url, token=None, pid=None, db_pid=None):
        self.label = label
        self.url = url.rstrip("/")
        u = urllib.parse.urlsplit(self.url)
        if u.scheme not in ("http", "https") or not u.hostname:
            raise BenchError(f"bad endpoint URL {url!r}")
        self.scheme = u.scheme
        self.host = u.hostname
        self.port = u.port or (443 if u.scheme == "https" else 80)
        self.prefix = u.path.rstrip("/")  # e.g. '/image' behind a proxy
        self.token = token
        self.pid = pid
        self.db_pid = db_pid  # only for the CPU accounting
        self.fresh = False  # True: a new TCP connection for every request

    def path(self, p):
        """Absolute request path for an API path such as /v2/images."""
        return self.prefix + p

    def full(self, p):
        return self.url + p

    def auth_headers(self):
        return {"X-Auth-Token": self.token} if self.token else {}

    def curl_auth(self):
        return ["-H", f"X-Auth-Token: {self.token}"] if self.token else []

    def client(self, fresh=None):
        return Client(self, fresh=fresh)


class Client:
    """A keep-alive HTTP/1.1 connection to an endpoint (one per thread)."""

    def __init__(self, ep, timeout=600, fresh=None):
        self.ep = ep
        self.timeout = timeout
        self.conn = None
        self.fresh = ep.fresh if fresh is None else fresh

    def _connect(self):
        cls = http.client.HTTPSConnection if self.ep.scheme == "https" else http.client.HTTPConnection
        self.conn = cls(self.ep.host, self.ep.port, timeout=self.timeout)
        self.conn.connect()
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None, expect=(200,)):
        """Send a request on the API path; returns (status, headers, body bytes).

        Raises BenchError unless the status is in `expect`. A request on a
        kept-alive connection that the server closed meanwhile is retried once
        on a new connection."""
        h = dict(self.ep.auth_headers())
        if body is not None and not isinstance(body, (bytes, bytearray)):
            body = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        if headers:
            h.update(headers)
        for attempt in (0, 1):
            fresh = self.conn is None
            if fresh:
                self._connect()
            try:
                self.conn.request(method, self.ep.path(path), body=body, headers=h)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if fresh or attempt:
                    raise
        if self.fresh or resp.getheader("Connection", "").lower() == "close":
            self.close()
        if resp.status not in expect:
            raise BenchError(f"{self.ep.label}: {method} {path} -> HTTP {resp.status} "
                             f"(expected {'/'.join(map(str, expect))}): {data[:300]!r}")
        return resp.status, resp, data

    def json(self, method, path, body=None, expect=(200,)):
        _, _, data = self.request(method, path, body, expect=expect)
        return json.loads(data) if data else None


STOP = threading.Event()  # set by an interrupt: worker threads finish their request and quit


class Workers:
    """Threads running target(*args), one per args tuple. wait() returns when
    all are done; on an interrupt (Ctrl-C, SIGTERM) it sets STOP, waits for
    the workers to finish their current request and re-raises, so that the
    cleanup that follows sees every image they created. (Done events rather
    than Thread.join, which an interrupt can leave marking a running thread
    as stopped.)"""

    def __init__(self, target, args_list):
        self.done = [threading.Event() for _ in args_list]

        def wrap(i, args):
            try:
                target(*args)
            finally:
                self.done[i].set()

        for i, args in enumerate(args_list):
            threading.Thread(target=wrap, args=(i, args), daemon=True).start()

    def wait(self):
        try:
            for d in self.done:
                while not d.wait(0.5):
                    pass
        except BaseException:
            STOP.set()
            t_end = time.monotonic() + 60
            for d in self.done:
                d.wait(max(0.0, t_end - time.monotonic()))
            raise


def run_parallel(ep, n, fn, items, stoppable=True):
    """Run fn(client, item) over items with n threads, one connection each.
    Returns the results in item order; re-raises the first error."""
    items = list(items)
    results = [None] * len(items)
    errors = []
    lock = threading.Lock()
    it = iter(range(len(items)))

    def worker():
        c = ep.client()
        try:
            while True:
                with lock:
                    i = None if errors or (stoppable and STOP.is_set()) else next(it, None)
                if i is None:
                    return
                results[i] = fn(c, items[i])
        except Exception as e:  # noqa: BLE001 - re-raised below
            with lock:
                errors.append(e)
        finally:
            c.close()

    Workers(worker, [()] * max(1, min(n, len(items)))).wait()
    if errors:
        raise errors[0]
    return results


# --------------------------------------------------------------------------
# Image helpers
# --------------------------------------------------------------------------

def list_all(client, query):
    """All images matching a query string (follows 'next' links)."""
    out = []
    path = "/v2/images?" + query
    while path:
        doc = client.json("GET", path)
        out.extend(doc.get("images", []))
        nxt = doc.get("next")
        path = nxt if nxt and doc.get("images") else None
    return out


def delete_images(ep, ids, threads=4):
    ids = list(dict.fromkeys(i for i in ids if i))
    if not ids:
        return 0

    def rm(c, image_id):
        # 404: already gone (e.g. deleted by an earlier, interrupted cleanup)
        c.request("DELETE", f"/v2/images/{image_id}", expect=(204, 404))

    run_parallel(ep, threads, rm, ids, stoppable=False)
    return len(ids)


# --------------------------------------------------------------------------
# Memory sampler
# --------------------------------------------------------------------------

def _status_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return None


def process_tree(pid):
    """pid and all its descendants."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                st = f.read()
            ppid = int(st[st.rindex(")") + 2:].split()[1])
        except (OSError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


class MemSampler(threading.Thread):
    """Samples, for each endpoint with a PID, the sum over the process tree of
    VmHWM and of VmRSS; keeps the peak of each sum."""

    def __init__(self, endpoints, interval=0.25):
        super().__init__(daemon=True)
        self.eps = [e for e in endpoints if e.pid]
        self.interval = interval
        self.stop_ev = threading.Event()
        self.peak_hwm = {e.label: 0 for e in self.eps}
        self.peak_rss = {e.label: 0 for e in self.eps}
        self.nproc = {e.label: 0 for e in self.eps}
        for e in self.eps:
            if _status_kib(e.pid, "VmHWM") is None:
                raise BenchError(f"--pid {e.pid}: no such process (or not readable)")

    def sample(self):
        for e in self.eps:
            tree = process_tree(e.pid)
            hwm = sum(_status_kib(p, "VmHWM") or 0 for p in tree)
            rss = sum(_status_kib(p, "VmRSS") or 0 for p in tree)
            self.peak_hwm[e.label] = max(self.peak_hwm[e.label], hwm)
            self.peak_rss[e.label] = max(self.peak_rss[e.label], rss)
            self.nproc[e.label] = max(self.nproc[e.label], len(tree))

    def run(self):
        while not self.stop_ev.is_set():
            self.sample()
            self.stop_ev.wait(self.interval)

    def stop(self):
        self.stop_ev.set()
        self.join()
        self.sample()


CLK = os.sysconf("SC_CLK_TCK")


def machine_cpu():
    """(busy, total) CPU-seconds of the whole machine since boot."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    idle = v[3] + v[4]  # idle + iowait
    return (sum(v) - idle) / CLK, sum(v) / CLK


def tree_cpu(pid):
    """CPU-seconds (user + system) used so far by pid and its descendants."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                st = f.read()
            fields = st[st.rindex(")") + 2:].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            pass
    return total / CLK


def self_cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class CpuMeter:
    """Splits the machine's CPU use over an interval into the servers (--pid)
    and their databases (--db-pid), this benchmark with its children (curl,
    wrk, nginx), and the rest of the machine. A large rest on a shared machine
    means the figures of that interval are noisy."""

    def __init__(self, endpoints):
        self.parts = {}  # name -> pid; a database shared by both endpoints counts once
        for e in endpoints:
            if e.pid:
                self.parts[e.label] = e.pid
        for e in endpoints:
            if e.db_pid and e.db_pid not in self.parts.values():
                self.parts[f"{e.label} db"] = e.db_pid
        self.ncpu = os.cpu_count() or 1

    def snap(self):
        return (time.monotonic(), machine_cpu()[0], self_cpu(),
                {k: tree_cpu(p) for k, p in self.parts.items()})

    def delta(self, a, b):
        wall = max(b[0] - a[0], 1e-6)
        busy = (b[1] - a[1]) / wall
        bench = (b[2] - a[2]) / wall
        servers = {k: (b[3][k] - a[3][k]) / wall for k in a[3]}
        rest = max(0.0, busy - bench - sum(servers.values()))
        return {"wall_s": wall, "busy_cpus": busy, "bench_cpus": bench,
                "server_cpus": servers, "rest_cpus": rest}


# --------------------------------------------------------------------------
# The big file and nginx
# --------------------------------------------------------------------------

def prepare_file(cache_dir, size_mib):
    os.makedirs(cache_dir, exist_ok=True)
    os.chmod(cache_dir, 0o755)
    path = os.path.join(cache_dir, f"blob-{size_mib}MiB.bin")
    want = size_mib * MIB
    if not (os.path.exists(path) and os.path.getsize(path) == want):
        log(f"writing {size_mib} MiB of random data to {path}")
        tmp = path + ".tmp"
        with open("/dev/urandom", "rb") as src, open(tmp, "wb") as dst:
            left = want
            while left:
                chunk = src.read(min(left, 4 * MIB))
                dst.write(chunk)
                left -= len(chunk)
        os.replace(tmp, path)
        for ext in (".md5", ".sha512"):
            if os.path.exists(path + ext):
                os.remove(path + ext)
    os.chmod(path, 0o644)
    if not os.path.exists(path + ".md5"):
        log("computing checksums of the test file")
        md5, sha = hashlib.md5(), hashlib.sha512()
        with open(path, "rb") as f:
            while True:
                b = f.read(8 * MIB)
                if not b:
                    break
                md5.update(b)
                sha.update(b)
        with open(path + ".sha512", "w") as f:
            f.write(sha.hexdigest())
        with open(path + ".md5", "w") as f:
            f.write(md5.hexdigest())
    with open(path + ".md5") as f:
        md5hex = f.read().strip()
    with open(path + ".sha512") as f:
        shahex = f.read().strip()
    return path, want, md5hex, shahex


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def port_in_use(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


class Nginx:
    """nginx serving one directory on 127.0.0.1:port, with its own config in a
    temp dir, in the foreground (daemon off) as a child of this process."""

    def __init__(self, root_dir, port=None, sendfile=False):
        self.root = root_dir
        self.sendfile = sendfile
        if port and port_in_use(port):
            log(f"nginx: port {port} is busy, using a free one")
            port = None
        self.port = port or free_port()
        self.tmp = tempfile.mkdtemp(prefix="glance-bench-nginx-")
        self.proc = None

    def __enter__(self):
        t = self.tmp
        conf = f"""daemon off;
master_process on;
worker_processes 1;
pid {t}/nginx.pid;
error_log {t}/error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log off;
  # by default read + write through 1 MiB buffers rather than sendfile: on loopback,
  # sendfile leaves the one copy of the data to the receiving curl, whose single core
  # then caps the rate below what a copying server reaches
  sendfile {"on" if self.sendfile else "off"};
  output_buffers 2 1m;
  client_body_temp_path {t}/body;
  proxy_temp_path {t}/proxy;
  fastcgi_temp_path {t}/fastcgi;
  uwsgi_temp_path {t}/uwsgi;
  scgi_temp_path {t}/scgi;
  default_type application/octet-stream;
  server {{
    listen 127.0.0.1:{self.port};
    root {self.root};
  }}
}}
"""
        with open(f"{t}/nginx.conf", "w") as f:
            f.write(conf)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not os.path.exists(nginx):
            raise BenchError("nginx not found (Debian: apt-get install nginx-light)")
        self.proc = subprocess.Popen([nginx, "-p", t, "-c", f"{t}/nginx.conf", "-e", f"{t}/error.log"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=open(f"{t}/stderr.log", "w"))
        for _ in range(100):
            if self.proc.poll() is not None:
                break
            if port_in_use(self.port):
                return self
            time.sleep(0.05)
        err = ""
        for name in ("stderr.log", "error.log"):
            if os.path.exists(f"{t}/{name}"):
                err += open(f"{t}/{name}").read()
        self.__exit__(None, None, None)
        raise BenchError(f"nginx did not start: {err[-500:]}")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


# --------------------------------------------------------------------------
# curl transfers
# --------------------------------------------------------------------------

CURL_W = "%{http_code} %{size_upload} %{size_download} %{time_total}"


def curl(args, stdin=None):
    p = subprocess.run(["curl", "-sS", "-w", CURL_W] + args, stdin=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parts = p.stdout.strip().split()
    if p.returncode != 0 or len(parts) != 4:
        raise BenchError(f"curl failed (exit {p.returncode}): {p.stderr.strip()[:300]} {p.stdout[-200:]}")
    code, up, down, total = parts
    return int(code), int(float(up)), int(float(down)), float(total)


def curl_download(url, extra, size):
    """GET url to /dev/null; the one curl command used for every download."""
    code, _, down, t = curl(["-o", "/dev/null"] + extra + [url])
    if code != 200:
        raise BenchError(f"GET {url} -> HTTP {code}")
    if down != size:
        raise BenchError(f"GET {url}: got {down} bytes, expected {size}")
    return size / t / MB


class Bench:
    """State of one benchmark run over one or more endpoints."""

    def __init__(self, args, endpoints):
        self.a = args
        self.eps = endpoints
        self.run_id = uuid.uuid4().hex[:12]
        self.tmp_ids = {e.label: set() for e in endpoints}   # deleted at the end
        self.seed_new = {e.label: [] for e in endpoints}     # seeded by this run
        self.seed_ids = {}                                   # label -> list of ids
        self.fig = {e.label: {} for e in endpoints}
        self.nginx_mbs = None
        self.cpu = {}  # phase -> CpuMeter.delta
        self.loadavg_start = None
        self.body_tmp = tempfile.mkdtemp(prefix="glance-bench-")

    # ---- image bookkeeping -------------------------------------------------

    def tmp_body(self, name):
        return {"name": name, "disk_format": "raw", "container_format": "bare",
                "bench_tmp": "1", "bench_run": self.run_id}

    def create_tmp(self, c, name):
        img = c.json("POST", "/v2/images", self.tmp_body(name), expect=(201,))
        self.tmp_ids[c.ep.label].add(img["id"])
        return img

    def cleanup(self):
        for ep in self.eps:
            try:
                c = ep.client()
                # anything tagged with this run, even if we lost track of its id
                ids = set(self.tmp_ids[ep.label])
                ids |= {i["id"] for i in list_all(c, f"bench_run={self.run_id}&limit=1000")}
                c.close()
                n = delete_images(ep, ids)
                if n:
                    log(f"{ep.label}: deleted {n} temporary images")
                if self.seed_new[ep.label] and not self.a.keep_seed:
                    n = delete_images(ep, self.seed_new[ep.label])
                    log(f"{ep.label}: deleted the {n} seeded images this run created "
                        f"(--keep-seed keeps them for the next run)")
            except Exception as e:  # noqa: BLE001 - cleanup must go on
                log(f"{ep.label}: cleanup failed: {e}")
        shutil.rmtree(self.body_tmp, ignore_errors=True)

    # ---- phases --------------------------------------------------------------

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

    def creates(self, ep, clients, seconds=None):
        """Create images for --create-seconds (or `seconds`) with `clients` parallel clients."""
        deadline = time.perf_counter() + (self.a.create_seconds if seconds is None else seconds)
        counts = [0] * clients
        errors = []

        def worker(k):
            c = ep.client()
            try:
                while (time.perf_counter() < deadline and counts[k] < self.a.create_max
                       and not STOP.is_set()):
                    self.create_tmp(c, f"bench-create-{k}-{counts[k]}")
                    counts[k] += 1
            except Exception as e:  # noqa: BLE001 - re-raised below
                errors.append(e)
            finally:
                c.close()

        t0 = time.perf_counter()
        Workers(worker, [(k,) for k in range(clients)]).wait()
        elapsed = time.perf_counter() - t0
        if errors:
            raise errors[0]
        return sum(counts) / elapsed, sum(counts)

    def phase_create(self):
        # steady state on both sides: a JIT-compiled server is slower on its first requests of a kind
        for ep in self.eps:
            if self.a.create_warmup > 0:
                _, n = self.creates(ep, self.a.concurrency, self.a.create_warmup)
                log(f"{ep.label}: {n} warm-up creates, not counted")
        for clients, key in ((1, "create_seq_per_s"), (self.a.concurrency, "create_conc_per_s")):
            for ep in self.eps:
                rate, n = self.creates(ep, clients)
                self.fig[ep.label][key] = rate
                log(f"{ep.label}: {n} creates with {clients} client(s): {rate:.1f}/s")
        for ep in self.eps:
            n = delete_images(ep, self.tmp_ids[ep.label], threads=self.a.concurrency)
            self.tmp_ids[ep.label].clear()
            log(f"{ep.label}: deleted {n} created images")

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


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

ROWS = [
    # key, title, unit, better ('+' higher, '-' lower)
    ("upload_cl_mbs", "upload, Content-Length", "MB/s", "+"),
    ("upload_chunked_mbs", "upload, chunked", "MB/s", "+"),
    ("download_mbs", "download", "MB/s", "+"),
    ("download_vs_nginx", "download / nginx", "ratio", "+"),
    ("create_seq_per_s", "creates, 1 client", "1/s", "+"),
    ("create_conc_per_s", "creates, N clients", "1/s", "+"),
    ("list25_p50_ms", "list limit=25 p50", "ms", "-"),
    ("list25_p99_ms", "list limit=25 p99", "ms", "-"),
    ("list25_fresh_p50_ms", "list limit=25 p50, new conn.", "ms", "-"),
    ("list25_fresh_p99_ms", "list limit=25 p99, new conn.", "ms", "-"),
    ("list1000_p50_ms", "list limit=1000 p50", "ms", "-"),
    ("list1000_p99_ms", "list limit=1000 p99", "ms", "-"),
    ("list_prop_p50_ms", "list bench_group=7 p50", "ms", "-"),
    ("list_prop_p99_ms", "list bench_group=7 p99", "ms", "-"),
    ("list_tag_p50_ms", "list tag=t7 p50", "ms", "-"),
    ("list_tag_p99_ms", "list tag=t7 p99", "ms", "-"),
    ("show_rps", "show, wrk C conns", "req/s", "+"),
    ("show_p50_ms", "show p50 (wrk)", "ms", "-"),
    ("show_p99_ms", "show p99 (wrk)", "ms", "-"),
    ("peak_rss_mib", "peak RSS, sum VmHWM", "MiB", "-"),
    ("peak_rss_now_mib", "peak of sum VmRSS", "MiB", "-"),
]


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        if abs(v) >= 100:
            return f"{v:.0f}"
        if abs(v) >= 10:
            return f"{v:.1f}"
        return f"{v:.2f}"
    return str(v)


def title(row_title, a):
    return (row_title.replace("N clients", f"{a.concurrency} clients")
            .replace("C conns", f"{a.wrk_connections} conns"))


def print_table(bench, args):
    eps = bench.eps
    rows = []
    for key, t, unit, better in ROWS:
        vals = [bench.fig[e.label].get(key) for e in eps]
        if all(v is None for v in vals):
            continue
        rows.append((key, title(t, args), unit, better, vals))
    if bench.nginx_mbs is not None:
        rows.insert(0, ("nginx_mbs", "nginx download (yardstick)", "MB/s", "+",
                        [bench.nginx_mbs] * len(eps) if len(eps) == 1 else [bench.nginx_mbs, None]))
    w = max(len(r[1]) for r in rows) if rows else 10
    out = sys.stdout
    if len(eps) == 1:
        print(f"\n{eps[0].label}  {eps[0].url}", file=out)
        print(f"{'figure':<{w}}  {'value':>9}  unit", file=out)
        for _, t, unit, _, vals in rows:
            print(f"{t:<{w}}  {fmt(vals[0]):>9}  {unit}", file=out)
    else:
        a, b = eps
        print(f"\nA = {a.label} {a.url}   B = {b.label} {b.url}", file=out)
        ratio_h = f"{a.label}/{b.label}"
        print(f"{'figure':<{w}}  {a.label:>9}  {b.label:>9}  {ratio_h:>9}  unit", file=out)
        for key, t, unit, better, vals in rows:
            if key == "nginx_mbs":
                print(f"{t:<{w}}  {fmt(bench.nginx_mbs):>9}  {'':>9}  {'':>9}  {unit}", file=out)
                continue
            r = vals[0] / vals[1] if vals[0] is not None and vals[1] else None
            print(f"{t:<{w}}  {fmt(vals[0]):>9}  {fmt(vals[1]):>9}  {fmt(r):>9}  {unit}"
                  f" ({'higher' if better == '+' else 'lower'} is better)", file=out)
    d = bench.cpu.get("all")
    if d:
        busiest = max((v["rest_cpus"], k) for k, v in bench.cpu.items() if k != "all")
        print(f"machine: load average {bench.loadavg_start} at start; CPUs used by the rest of the "
              f"machine (other work; the database unless --db-pid) while measuring: {d['rest_cpus']:.2f} of "
              f"{os.cpu_count()} on average, "
              f"at most {busiest[0]:.2f} (phase {busiest[1]})", file=out)
    out.flush()


def result_json(bench, args):
    doc = {"tool": "glance-bench", "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
           "size_mib": args.size_mib, "runs": args.runs, "download_runs": args.download_runs, "images": args.images,
           "concurrency": args.concurrency, "wrk_connections": args.wrk_connections,
           "fresh_connections": args.fresh_connections,
           "nginx_mbs": bench.nginx_mbs, "loadavg_start": bench.loadavg_start,
           "cpu": {k: {kk: (round(vv, 3) if isinstance(vv, float) else
                            {a: round(b, 3) for a, b in vv.items()} if isinstance(vv, dict) else vv)
                       for kk, vv in v.items()} for k, v in bench.cpu.items()},
           "endpoints": []}
    for e in bench.eps:
        f = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in bench.fig[e.label].items()}
        doc["endpoints"].append({"label": e.label, "url": e.url, "pid": e.pid, **f})
    if len(bench.eps) == 2:
        a, b = (bench.fig[e.label] for e in bench.eps)
        doc["ratio"] = {k: round(a[k] / b[k], 4) for k in a
                        if isinstance(a.get(k), (int, float)) and isinstance(b.get(k), (int, float)) and b[k]}
    return doc


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def common_args(p):
    p.add_argument("--size-mib", type=int, default=1024, help="size of the upload/download image (default 1024)")
    p.add_argument("--runs", type=int, default=3, help="runs per upload figure; median reported (default 3)")
    p.add_argument("--download-runs", type=int, default=5,
                   help="runs per download figure (endpoint and nginx); median reported (default 5)")
    p.add_argument("--images", type=int, default=1000, help="seeded images for the list figures (default 1000)")
    p.add_argument("--keep-seed", action="store_true",
                   help="keep the seeded images (bench_seed=1) for the next run")
    p.add_argument("--samples", type=int, default=120, help="samples per limit-25 list figure (default 120)")
    p.add_argument("--samples-1000", type=int, default=15, help="samples of limit=1000 (default 15)")
    p.add_argument("--concurrency", type=int, default=8, help="parallel clients for creates (default 8)")
    p.add_argument("--create-seconds", type=float, default=5.0, help="duration of each create figure (default 5)")
    p.add_argument("--create-warmup", type=float, default=2.0,
                   help="seconds of uncounted creates on each endpoint before the create figures (default 2)")
    p.add_argument("--create-max", type=int, default=20000, help="cap on creates per client per figure")
    p.add_argument("--wrk-connections", type=int, default=32, help="wrk connections for show (default 32)")
    p.add_argument("--wrk-seconds", type=int, default=10, help="wrk duration for show (default 10)")
    p.add_argument("--nginx-port", type=int, default=0, help="port for the nginx yardstick (default: a free one)")
    p.add_argument("--phases", default=",".join(PHASES),
                   help=f"comma-separated subset of {','.join(PHASES)} (default all)")
    p.add_argument("--fresh-connections", action="store_true",
                   help="creates and lists: a new TCP connection per request (default: keep-alive)")
    p.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                   help="before each phase, wait up to SECONDS for the rest of the machine to use < 0.3 CPUs")
    p.add_argument("--json", action="store_true", help="also print one JSON line with all figures")
    p.add_argument("--json-out", metavar="FILE", help="write the JSON document to FILE")
    p.add_argument("--bench-dir", default=os.environ.get("BENCH_DIR", "/tmp/glance-bench"),
                   help="cache dir for the test file (default $BENCH_DIR or /tmp/glance-bench)")


def check_endpoint(ep):
    c = ep.client()
    try:
        c.json("GET", "/v2/images?limit=1")
    except (OSError, http.client.HTTPException) as e:
        raise BenchError(f"{ep.label}: cannot reach {ep.url}: {e}")
    finally:
        c.close()


def combine_cpu(deltas):
    """Wall-time weighted average of CpuMeter deltas (the measured phases,
    without the waits between them)."""
    wall = sum(d["wall_s"] for d in deltas)
    if not wall:
        return None

    def avg(key):
        return sum(d[key] * d["wall_s"] for d in deltas) / wall

    servers = {k: sum(d["server_cpus"][k] * d["wall_s"] for d in deltas) / wall
               for k in deltas[0]["server_cpus"]}
    return {"wall_s": wall, "busy_cpus": avg("busy_cpus"), "bench_cpus": avg("bench_cpus"),
            "server_cpus": servers, "rest_cpus": avg("rest_cpus")}


def wait_quiet(eps, limit_s, threshold=0.3, window=3.0):
    """Wait up to limit_s seconds for a window in which the machine, apart
    from the servers under test, uses less than `threshold` CPUs."""
    meter = CpuMeter(eps)
    t_end = time.monotonic() + limit_s
    while True:
        a = meter.snap()
        time.sleep(window)
        d = meter.delta(a, meter.snap())
        if d["rest_cpus"] < threshold:
            log(f"machine quiet: rest {d['rest_cpus']:.2f} CPUs")
            return
        if time.monotonic() >= t_end:
            log(f"machine still busy after {limit_s:.0f} s (rest {d['rest_cpus']:.2f} CPUs); running anyway")
            return
        log(f"waiting for a quiet machine: rest {d['rest_cpus']:.2f} CPUs")


def do_bench(args, eps):
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    for p in phases:
        if p not in PHASES:
            raise BenchError(f"unknown phase {p!r} (known: {', '.join(PHASES)})")
    for tool in ("curl",) + (("wrk",) if "show" in phases else ()):
        if not shutil.which(tool):
            raise BenchError(f"{tool} not found")
    for ep in eps:
        check_endpoint(ep)
        ep.fresh = args.fresh_connections
    bench = Bench(args, eps)
    sampler = MemSampler(eps)
    meter = CpuMeter(eps)
    with open("/proc/loadavg") as f:
        bench.loadavg_start = f.read().split()[0]
    sampler.start()
    # SIGTERM -> clean exit through the finally below
    def on_term(*_):
        raise KeyboardInterrupt()

    signal.signal(signal.SIGTERM, on_term)
    try:
        if {"nginx", "upload", "download"} & set(phases):
            path, size, md5hex, _ = prepare_file(args.bench_dir, args.size_mib)
        steps = {"nginx": lambda: bench.phase_nginx(path, size),
                 "upload": lambda: bench.phase_upload(path, size, md5hex),
                 "download": lambda: bench.phase_download(path, size, md5hex),
                 "create": bench.phase_create,
                 "list": bench.phase_list,
                 "show": bench.phase_show}
        for name in PHASES:
            if name not in phases:
                continue
            if args.wait_quiet:
                wait_quiet(eps, args.wait_quiet)
            t0 = meter.snap()
            steps[name]()
            d = meter.delta(t0, meter.snap())
            bench.cpu[name] = d
            srv = ", ".join(f"{k} {v:.2f}" for k, v in d["server_cpus"].items())
            log(f"phase {name}: {d['wall_s']:.0f} s; CPUs busy {d['busy_cpus']:.2f} of {meter.ncpu}: "
                f"benchmark {d['bench_cpus']:.2f}, {srv + ', ' if srv else ''}rest {d['rest_cpus']:.2f}")
        if bench.cpu:
            bench.cpu["all"] = combine_cpu(list(bench.cpu.values()))
    finally:
        sampler.stop()
        bench.cleanup()
    for ep in eps:
        f = bench.fig[ep.label]
        if ep.pid:
            f["peak_rss_mib"] = sampler.peak_hwm[ep.label] / 1024.0
            f["peak_rss_now_mib"] = sampler.peak_rss[ep.label] / 1024.0
            f["processes"] = sampler.nproc[ep.label]
        if bench.nginx_mbs and "download_mbs" in f:
            f["download_vs_nginx"] = f["download_mbs"] / bench.nginx_mbs
    print_table(bench, args)
    doc = result_json(bench, args)
    if args.json:
        print(json.dumps(doc, separators=(",", ":")))
    if args.json_out:
        with open(args.json_out, "w") as fh:
            json.dump(doc, fh, indent=1)
    return 0


def do_purge(args):
    ep = Endpoint(args.label, args.endpoint, args.token)
    c = ep.client()
    ids = {i["id"] for q in ("bench_tmp=1", "bench_seed=1") for i in list_all(c, q + "&limit=1000")}
    c.close()
    n = delete_images(ep, ids, threads=8)
    log(f"{ep.label}: deleted {n} images left by the benchmark")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(prog="glancebench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)

    r = sub.add_parser("run", help="benchmark one endpoint")
    r.add_argument("--endpoint", required=True, help="Glance endpoint, e.g. http://127.0.0.1:9292")
    r.add_argument("--token", help="sent as X-Auth-Token")
    r.add_argument("--pid", type=int, help="server PID: peak memory of it and its children")
    r.add_argument("--db-pid", type=int, help="database server PID: its CPU use is shown apart")
    r.add_argument("--label", default="glance", help="name in the output (default glance)")
    common_args(r)

    c = sub.add_parser("compare", help="benchmark two endpoints in one run, A/B ratios")
    c.add_argument("--endpoint", required=True, help="endpoint A (ours)")
    c.add_argument("--token", help="token for A")
    c.add_argument("--pid", type=int, help="server PID of A")
    c.add_argument("--db-pid", type=int, help="database server PID of A")
    c.add_argument("--label", default="ours", help="name of A (default ours)")
    c.add_argument("--vs-endpoint", required=True, help="endpoint B (upstream)")
    c.add_argument("--vs-token", help="token for B")
    c.add_argument("--vs-pid", type=int, help="server PID of B")
    c.add_argument("--vs-db-pid", type=int, help="database server PID of B")
    c.add_argument("--vs-label", default="upstream", help="name of B (default upstream)")
    common_args(c)

    pg = sub.add_parser("purge", help="delete all images left by the benchmark (bench_tmp=1, bench_seed=1)")
    pg.add_argument("--endpoint", required=True)
    pg.add_argument("--token")
    pg.add_argument("--label", default="glance")

    args = ap.parse_args(argv)
    try:
        if args.mode == "purge":
            return do_purge(args)
        eps = [Endpoint(args.label, args.endpoint, args.token, args.pid, args.db_pid)]
        if args.mode == "compare":
            if args.vs_label == args.label:
                raise BenchError("--label and --vs-label must differ")
            eps.append(Endpoint(args.vs_label, args.vs_endpoint, args.vs_token, args.vs_pid,
                                args.vs_db_pid))
        return do_bench(args, eps)
    except BenchError as e:
        log(f"FAILED: {e}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
