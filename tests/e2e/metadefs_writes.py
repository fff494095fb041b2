#!/usr/bin/python3
"""Sends the same metadefs writes and reads to upstream Glance and to this service and compares the answers.

Usage: metadefs_writes.py [--upstream-db mariadb|sqlite|postgresql] UPSTREAM_URL OURS_URL

Each service works in namespaces of its own (the {n} in each path and body becomes a name unique to the
service, and is put back before comparing), so both may serve one database. Statuses must be equal and JSON
bodies equal once timestamps are masked; error messages are compared up to jsonschema's details, which
upstream appends and this service leaves out. The steps where this service answers otherwise on purpose
are listed with the reason; a name differing from an existing one only in letter case is one of them only
when upstream's database (default mariadb) tells the two apart: on MariaDB upstream refuses it as this
service does everywhere. Exits 1 on any other difference, and when a step listed as different is not.
Requests carry the identity headers upstream's `context` filter reads (an admin of project `admin`).
"""
import argparse
import json
import re
import sys
import urllib.error
import urllib.request
import uuid

HEADERS = {"Accept": "application/json", "X-Identity-Status": "Confirmed", "X-Roles": "admin,member,reader",
           "X-Project-Id": "admin", "X-User-Id": "u1"}
NS = "/v2/metadefs/namespaces"
COLLATION = "a name MariaDB's collation takes for an existing one is a duplicate on every database"
COLLATION_KEPT = "upstream also holds the object 'O1' refused above"
CASE_SENSITIVE = (COLLATION, COLLATION_KEPT)  # reasons that hold only where upstream's database tells case
UPSTREAM_500 = "upstream answers 500"

# (method, path, body, extra headers, why this service answers otherwise or None)
STEPS = [
    ("POST", NS, {"namespace": "{n}", "display_name": "N", "description": "d",
                  "resource_type_associations": [{"name": "OS::Glance::Image", "prefix": "hw_"}],
                  "properties": {"p1": {"type": "string", "title": "P1", "enum": ["a", "b"], "default": True}},
                  "objects": [{"name": "o1", "required": ["op"],
                               "properties": {"op": {"type": "integer", "title": "OP", "minimum": 1.5}}}],
                  "tags": [{"name": "t1"}]}, {}, None),
    ("GET", NS + "/{n}", None, {}, None),
    ("GET", NS + "/{n}?resource_type=OS::Glance::Image", None, {}, None),
    ("GET", NS + "/{n}/resource_types", None, {}, None),
    ("GET", NS + "/{n}/objects", None, {}, None),
    ("GET", NS + "/{n}/objects/o1", None, {}, None),
    ("GET", NS + "/{n}/properties", None, {}, None),
    ("GET", NS + "/{n}/properties/p1", None, {}, None),
    ("GET", NS + "/{n}/properties/hw_p1?resource_type=OS::Glance::Image", None, {}, None),
    ("GET", NS + "/{n}/properties/p1?resource_type=OS::Glance::Image", None, {}, None),
    ("POST", NS + "/{n}/tags/t2", None, {}, None),
    ("POST", NS + "/{n}/tags/T2", None, {}, COLLATION),
    ("POST", NS + "/{n}/tags", {"tags": [{"name": "a"}, {"name": "b"}]}, {}, None),
    ("POST", NS + "/{n}/tags", {"tags": [{"name": "c"}]}, {"X-Openstack-Append": "True"}, None),
    ("GET", NS + "/{n}/tags", None, {}, None),
    ("GET", NS + "/{n}/tags?sort_key=name&sort_dir=asc&limit=2&marker=a", None, {}, None),
    ("POST", NS + "/{n}/tags", {"tags": [{"name": "x"}, {"name": "x"}]}, {}, None),
    ("PUT", NS + "/{n}/tags/a", {"name": "a2"}, {}, None),
    ("PUT", NS + "/{n}/tags/nope", {"name": "a3"}, {}, None),
    ("DELETE", NS + "/{n}/tags/a2", None, {}, None),
    ("DELETE", NS + "/{n}/tags/a2", None, {}, None),
    ("POST", NS, {"namespace": "{n}"}, {}, None),
    ("POST", NS, {}, {}, None),
    ("POST", NS, {"namespace": "{n}-x", "visibility": "shared"}, {}, None),
    ("POST", NS, {"namespace": "{n}-x", "created_at": "2000"}, {}, None),
    ("POST", NS, {"namespace": 5}, {}, None),
    ("POST", NS, {"namespace": "{n}-y", "properties": {"p": {"type": "string"}}}, {}, None),
    ("POST", NS, {"namespace": "{n}-z", "properties": {"p": {"type": "string", "title": "t", "zzz": 1}}}, {},
     UPSTREAM_500),
    ("POST", NS + "/{n}/objects", {"name": "o1"}, {}, None),
    ("POST", NS + "/{n}/objects", {"name": "O1"}, {}, COLLATION),
    ("POST", NS + "/{n}/objects", {"name": "o2", "properties": {"q": {"type": "bogus", "title": "Q"}}}, {}, None),
    ("POST", NS + "/{n}/objects", {"name": "o3", "properties": {"q": {"type": "string", "title": "Q", "z": 1}}},
     {}, None),
    ("POST", NS + "/{n}/objects", {"name": "o4", "required": ["a", "a"]}, {}, None),
    ("POST", NS + "/{n}/objects", {"name": "o5", "description": "d", "required": ["a,b"]}, {}, None),
    ("PUT", NS + "/{n}/objects/o5", {"name": "o6", "required": ["q"]}, {}, None),
    ("GET", NS + "/{n}/objects/o6", None, {}, None),
    ("GET", NS + "/{n}/objects/o5", None, {}, None),
    ("POST", NS + "/{n}/properties", {"name": "p2", "type": "string", "title": "P2", "zzz": 1}, {}, None),
    ("POST", NS + "/{n}/properties", {"name": "p2", "type": "string"}, {}, None),
    ("POST", NS + "/{n}/properties", {"name": "p2", "type": "integer", "title": "P2", "minimum": "abc"}, {}, None),
    ("POST", NS + "/{n}/properties", {"name": "p2", "type": "integer", "title": "P2", "minimum": 1.5,
                                      "default": 3, "readonly": True, "operators": ["<or>"]}, {}, None),
    ("POST", NS + "/{n}/properties", {"name": "p3", "type": "string", "title": "t", "enum": ["a", 1]}, {},
     UPSTREAM_500),
    ("POST", NS + "/{n}/properties", {"name": "p1", "type": "string", "title": "dup"}, {}, None),
    ("PUT", NS + "/{n}/properties/p2", {"name": "p1", "type": "string", "title": "dup"}, {}, None),
    ("PUT", NS + "/{n}/properties/p2", {"name": "p4", "type": "array", "title": "A",
                                        "items": {"type": "string", "enum": ["x"]}, "uniqueItems": True}, {}, None),
    ("GET", NS + "/{n}/properties", None, {}, None),
    ("POST", NS + "/{n}/resource_types", {"name": "OS::Glance::Image"}, {}, None),
    ("POST", NS + "/{n}/resource_types", {"name": "OS::Nova::Flavor", "prefix": "hw:",
                                          "properties_target": "image"}, {}, None),
    ("POST", NS + "/{n}/resource_types", {"name": "X", "zzz": 1}, {}, None),
    ("DELETE", NS + "/{n}/resource_types/nope", None, {}, None),
    ("POST", NS + "/{n}/resource_types", {"name": "{n}-type"}, {}, None),
    ("GET", NS + "?resource_types={n}-type,{n}-other&limit=1&sort_key=namespace&sort_dir=desc", None, {},
     None),
    ("GET", NS + "?visibility=shared", None, {}, None),
    ("GET", NS + "?limit=-1", None, {}, None),
    ("GET", NS + "?limit=x", None, {}, UPSTREAM_500),
    ("GET", NS + "?sort_dir=up", None, {}, None),
    ("GET", NS + "?sort_key=bogus", None, {}, UPSTREAM_500),
    ("GET", NS + "?marker={n}-nope", None, {}, None),
    ("PUT", NS + "/{n}", {"namespace": "{n}", "protected": True}, {}, None),
    ("DELETE", NS + "/{n}", None, {}, None),
    ("DELETE", NS + "/{n}/objects", None, {}, None),
    ("DELETE", NS + "/{n}/objects/o1", None, {}, None),
    ("DELETE", NS + "/{n}/resource_types/OS::Glance::Image", None, {}, None),
    ("DELETE", NS + "/{n}/tags", None, {}, None),
    ("DELETE", NS + "/{n}/tags/t1", None, {}, None),
    ("DELETE", NS + "/{n}/properties/p1", None, {}, None),
    ("PATCH", NS + "/{n}", {}, {}, None),
    ("PUT", NS + "/{n}", {"namespace": "{n}", "protected": False, "visibility": "public"}, {}, None),
    ("DELETE", NS + "/{n}/properties", None, {}, None),
    ("DELETE", NS + "/{n}/tags", None, {}, None),
    ("GET", NS + "/{n}", None, {}, COLLATION_KEPT),
    ("DELETE", NS + "/{n}/resource_types/OS::Nova::Flavor", None, {}, None),
    ("DELETE", NS + "/{n}", None, {}, None),
    ("DELETE", NS + "/{n}", None, {}, None),
    ("GET", NS + "/{n}/objects", None, {}, None),
    ("GET", NS + "/{n}/tags", None, {}, None),
]

TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def call(base, method, path, body, headers):
    data = None if body is None else json.dumps(body).encode()
    all_headers = {**HEADERS, **headers}
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def normalised(text, name):
    text = TIME.sub("T", text.replace(name, "{n}").replace(name.replace(":", "%3A"), "{n}"))
    try:
        doc = json.loads(text)
    except ValueError:
        return text
    if isinstance(doc, dict) and set(doc) == {"message", "code", "title"}:
        doc["message"] = doc["message"].split("\n\nFailed validating")[0].replace("<br /><br />\n\n\n", "")
    return doc


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upstream-db", choices=("mariadb", "sqlite", "postgresql"), default="mariadb")
    parser.add_argument("upstream")
    parser.add_argument("ours")
    args = parser.parse_args()
    upstream, ours = args.upstream, args.ours
    names = {upstream: f"cmp-up-{uuid.uuid4().hex[:8]}", ours: f"cmp-us-{uuid.uuid4().hex[:8]}"}
    same = known = failed = 0
    for method, path, body, headers, why in STEPS:
        if why in CASE_SENSITIVE and args.upstream_db == "mariadb":
            why = None
        answers = []
        for base, name in names.items():
            sent_path = path.replace("{n}", name)
            sent_body = None if body is None else json.loads(json.dumps(body).replace("{n}", name))
            status, text = call(base, method, sent_path, sent_body, headers)
            answers.append((status, normalised(text, name)))
        label = f"{method} {path}"
        if answers[0] == answers[1]:
            same += 1
            if why:
                print(f"UNEXPECTEDLY SAME {label} (listed as different: {why})")
                failed += 1
        elif why:
            known += 1
            print(f"different on purpose: {label}: upstream {answers[0][0]}, ours {answers[1][0]} ({why})")
        else:
            failed += 1
            print(f"DIFFERENT {label}\n   upstream: {answers[0][0]} {json.dumps(answers[0][1])[:400]}"
                  f"\n   ours:     {answers[1][0]} {json.dumps(answers[1][1])[:400]}")
    for base, name in names.items():  # whatever a failed run left
        for suffix in ("", "-x", "-y", "-z"):
            call(base, "PUT", f"{NS}/{name}{suffix}", {"namespace": f"{name}{suffix}"}, {})
            call(base, "DELETE", f"{NS}/{name}{suffix}", None, {})
    print(f"{same} answers the same, {known} different on purpose, {failed} unexpected")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
