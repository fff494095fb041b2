"""HTTP/1.1 client of a Glance endpoint, parallel workers over it, and the list and delete helpers."""

import http.client
import json
import socket
import threading
import time
import urllib.parse

from .common import BenchError


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
