#!/usr/bin/python3
"""Reads every metadefs answer of upstream Glance and of this service and reports the differences.

Usage: metadefs_compare.py [--apart] [--keep DIR] UPSTREAM_URL OURS_URL

The paths: the resource type list, the ten /v2/schemas/metadefs/* documents, the namespace list (with
filters, sorting and paging) and, for each namespace upstream lists, its show, objects, properties, tags and
resource type associations, and its show for each associated resource type (the prefixed view).

Two services serving one database must answer alike once parsed: statuses, members in any order,
timestamps included, lists in order except the objects, resource types and resource type associations,
which upstream reads without ORDER BY (so in whatever order the database returns: by name on SQLite, as
inserted on MariaDB), compared by name. With --apart each serves a database of its own, filled by its own
loader, so timestamps are left out and every list of named things is sorted by name (ids and load order
differ; what is in each list does not). --keep DIR writes both answers of each differing path into DIR.
Every path must be answered 200 (they come from upstream's own list). Prints one line per difference and
a count; exits 1 on any difference.
"""
import argparse
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request

# upstream's `context` filter reads the caller from these (an admin); ours without authentication ignores them
HEADERS = {"Accept": "application/json", "X-Identity-Status": "Confirmed", "X-Roles": "admin,member,reader",
           "X-Project-Id": "admin", "X-User-Id": "u1"}
NS = "/v2/metadefs/namespaces"
UNORDERED = ("objects", "resource_types", "resource_type_associations")
SCHEMAS = ("namespace", "namespaces", "object", "objects", "property", "properties", "tag", "tags",
           "resource_type", "resource_types")


def get(base, path):
    request = urllib.request.Request(base + path, headers=HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read().decode())
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()[:300]


def by_name(items):
    named = all(isinstance(item, dict) and "name" in item for item in items)
    return sorted(items, key=lambda item: item["name"]) if named else items


def unordered(doc):
    """The answer with the lists upstream leaves in the database's order sorted by name."""
    if isinstance(doc, dict):
        return {key: by_name(unordered(value)) if key in UNORDERED and isinstance(value, list) else unordered(value)
                for key, value in doc.items()}
    return [unordered(item) for item in doc] if isinstance(doc, list) else doc


def apart(doc):
    """The answer without what two loaders into two databases cannot agree on."""
    if isinstance(doc, dict):
        doc = {key: apart(value) for key, value in doc.items() if key not in ("created_at", "updated_at")}
        if isinstance(doc.get("namespaces"), list):
            doc["namespaces"].sort(key=lambda ns: ns.get("namespace", ""))
        return doc
    return by_name([apart(item) for item in doc]) if isinstance(doc, list) else doc


def paths(upstream):
    yield "/v2/metadefs/resource_types"
    for schema in SCHEMAS:
        yield f"/v2/schemas/metadefs/{schema}"
    yield f"{NS}?limit=1000"
    yield f"{NS}?limit=5&sort_key=namespace&sort_dir=asc"
    yield f"{NS}?resource_types=OS::Nova::Flavor&limit=1000"
    yield f"{NS}?resource_types=OS::Nova::Flavor,OS::Cinder::Volume&limit=1000"
    # not visibility=private: upstream's list leaves out the namespaces whose visibility its loader stored as
    # NULL (and shows as private), ours lists them (see tests/e2e/README.md)
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--apart", action="store_true", help="each service serves a database of its own")
    parser.add_argument("--keep", metavar="DIR", help="write both answers of each differing path here")
    parser.add_argument("upstream")
    parser.add_argument("ours")
    args = parser.parse_args()
    same = different = 0
    for path in paths(args.upstream):
        a, b = get(args.upstream, path), get(args.ours, path)
        tidy = apart if args.apart else unordered
        a, b = (a[0], tidy(a[1])), (b[0], tidy(b[1]))
        if a == b and a[0] == 200:
            same += 1
            continue
        different += 1
        print(f"DIFFERENT {path}: upstream {a[0]}, ours {b[0]}")
        up, us = first_difference(a[1], b[1])
        print(f"   upstream: {up}\n   ours:     {us}")
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            stem = os.path.join(args.keep, re.sub(r"[^A-Za-z0-9_.=-]", "_", path))
            for side, answer in (("upstream", a), ("ours", b)):
                with open(f"{stem}.{side}", "w") as out:
                    json.dump(answer, out, indent=2, sort_keys=True)
    print(f"{same} answers identical, {different} different")
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
