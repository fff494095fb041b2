#!/usr/bin/env python3
"""Follows every link the Image API gives, from its root, the way a client that trusts its answers
would, and reports any absolute link that leaves the address it was reached at (tests/e2e/tls-proxy.sh).

    follow_links.py BASE-URL TOKEN CA-FILE

Links: the versions' hrefs, an image's and a list's self, file, schema, first and next, the Location of a
new image and of a new metadefs namespace (both deleted again). Relative links are resolved against
BASE-URL; redirects are links too. Prints one line per link followed and exits 1 if any leaves BASE-URL or
answers a server error.
"""
import json
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request

LINK_KEYS = ("href", "self", "file", "schema", "first", "next")
MAX_REQUESTS = 60


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a link like the others: checked before it is followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Follower:
    def __init__(self, base, token, cafile):
        self.base = base.rstrip("/")
        self.token = token
        self.opener = urllib.request.build_opener(
            NoRedirects, urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=cafile)))
        self.seen = set()
        self.problems = []
        self.followed = 0

    def request(self, method, url, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method, headers={"X-Auth-Token": self.token})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(req, timeout=30) as res:
                return res.status, res.headers, res.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def link(self, source, target):
        """A link found in SOURCE's answer: checked, then followed once."""
        url = urllib.parse.urljoin(self.base + "/", target)
        if target.startswith(("http://", "https://")) and not (url == self.base or url.startswith(self.base + "/")):
            self.problems.append("%s links to %s, off %s" % (source, target, self.base))
            return
        if url in self.seen or len(self.seen) >= MAX_REQUESTS:
            return
        self.seen.add(url)
        self.get(url)

    def get(self, url):
        status, headers, body = self.request("GET", url)
        self.followed += 1
        print("GET %s -> %d" % (url, status))
        if status >= 500:
            self.problems.append("GET %s answered %d" % (url, status))
        if 300 <= status < 400 and headers.get("Location"):
            self.link("GET " + url, headers["Location"])
        if body and body.lstrip()[:1] in (b"{", b"["):
            self.links_in(url, json.loads(body))

    def links_in(self, source, value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in LINK_KEYS and isinstance(item, str) and item.startswith(("/", "http://", "https://")):
                    self.link(source, item)
                else:
                    self.links_in(source, item)
        elif isinstance(value, list):
            for item in value[:3]:
                self.links_in(source, item)

    def created(self, path, body, delete):
        status, headers, answer = self.request("POST", self.base + path, body)
        location = headers.get("Location")
        print("POST %s -> %d, Location: %s" % (self.base + path, status, location))
        if status != 201 or not location:
            self.problems.append("POST %s answered %d, Location %s" % (path, status, location))
            return
        self.link("POST " + path, location)
        self.request("DELETE", self.base + delete(json.loads(answer)))


def main():
    base, token, cafile = sys.argv[1:4]
    follower = Follower(base, token, cafile)
    follower.created("/v2/images", {"name": "follow-links", "disk_format": "raw", "container_format": "bare"},
                     lambda image: "/v2/images/" + image["id"])
    follower.created("/v2/metadefs/namespaces", {"namespace": "FollowLinks"},
                     lambda ns: "/v2/metadefs/namespaces/" + ns["namespace"])
    for start in ("/", "/versions", "/v2", "/v2/images?limit=1", "/v2/schemas/image"):
        follower.link("start", start)
    print("%d links followed" % follower.followed)
    for problem in follower.problems:
        print("PROBLEM " + problem)
    sys.exit(1 if follower.problems or follower.followed < 10 else 0)


if __name__ == "__main__":
    main()
