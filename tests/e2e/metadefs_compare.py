#!/usr/bin/python3
"""Reads every metadefs answer of two services serving the same database and reports the differences.

Usage: metadefs_compare.py UPSTREAM_URL OURS_URL. Requests carry the identity headers upstream's trusted
`context` pipeline reads (an admin of project p1); a service without authentication ignores them. Answers are
compared as parsed JSON: members in any order, lists in order. Exits 1 on any difference.
"""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

HEADERS = {"Accept": "application/json", "X-Identity-Status": "Confirmed", "X-Roles": "admin,member,reader",
           "X-Project-Id": "p1", "X-User-Id": "u1"}
NS = "/v2/metadefs/namespaces"


def get(base, path):
    request = urllib.request.Request(base + path, headers=HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read().decode())
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()[:300]


def paths(upstream):
    yield "/v2/metadefs/resource_types"
    for schema in ("namespace", "namespaces", "object", "objects", "property", "properties", "tag", "tags",
                   "resource_type", "resource_types"):
        yield f"/v2/schemas/metadefs/{schema}"
    yield f"{NS}?limit=1000"
    yield f"{NS}?limit=5&sort_key=namespace&sort_dir=asc"
    yield f"{NS}?resource_types=OS::Nova::Flavor,OS::Cinder::Volume&limit=1000"
    yield f"{NS}?visibility=public&limit=1000"
    status, listing = get(upstream, f"{NS}?limit=1000")
    if status != 200:
        raise SystemExit(f"upstream's namespace list answered {status}: {listing}")
    for ns in listing["namespaces"]:
        name = urllib.parse.quote(ns["namespace"])
        for suffix in ("", "/objects", "/properties", "/tags", "/resource_types"):
            yield f"{NS}/{name}{suffix}"
        for association in ns.get("resource_type_associations", []):
            yield f"{NS}/{name}?resource_type={urllib.parse.quote(association['name'])}"


def first_difference(a, b):
    left, right = json.dumps(a, sort_keys=True), json.dumps(b, sort_keys=True)
    at = next((i for i in range(min(len(left), len(right))) if left[i] != right[i]), min(len(left), len(right)))
    return left[max(0, at - 120):at + 120], right[max(0, at - 120):at + 120]


def main():
    upstream, ours = sys.argv[1], sys.argv[2]
    same, different = 0, 0
    for path in paths(upstream):
        a, b = get(upstream, path), get(ours, path)
        if a == b:
            same += 1
            continue
        different += 1
        print(f"DIFFERENT {path}: upstream {a[0]}, ours {b[0]}")
        up, us = first_difference(a[1], b[1])
        print(f"   upstream: {up}\n   ours:     {us}")
    print(f"{same} answers identical, {different} different")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
