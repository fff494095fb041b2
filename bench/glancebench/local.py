"""Local fixtures: the test file, free ports, the nginx yardstick and the curl transfers."""

import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import time

from .common import MB, MIB, BenchError, log


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
