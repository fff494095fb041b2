"""NUL characters in every string position (PostgreSQL cannot store them; issue 7 section 5)."""
import json

from ..case import PATCH_V20, case

G = "nul"
BASE = {"disk_format": "raw", "container_format": "bare"}
# a lookup may refuse NUL (400) or find nothing (404 for one image); either keeps it away from SQL errors
LOOKUP_NOTE = "issue 7: NUL is refused with 400, or a lookup with it finds nothing"


def created(name, fields):
    return case(G, f"create: NUL in {name}", 400, lambda c: c.create({**BASE, **fields}))


def cases():
    yield created("name", {"name": "a\u0000b"})
    yield created("name (only NUL)", {"name": "\u0000"})
    yield created("property key", {"k\u0000ey": "v"})
    yield created("property value", {"key": "v\u0000"})
    yield created("tag", {"tags": ["a\u0000b"]})
    yield created("second tag", {"tags": ["ok", "\u0000"]})
    yield created("container_format", {"container_format": "bare\u0000"})
    yield created("disk_format", {"disk_format": "raw\u0000"})
    yield created("visibility", {"visibility": "private\u0000"})
    yield created("id", {"id": "8c7a3f0e-5b1d-4e6f-a9b2-c3d4e5f6071\u0000"})
    yield case(G, "create: raw NUL byte inside a JSON string", 400,
               lambda c: c.create(b'{"name": "a\x00b", "disk_format": "raw", "container_format": "bare"}'))
    yield case(G, "create: raw NUL byte between JSON tokens", 400,
               lambda c: c.create(b'{"name": "ab",\x00 "disk_format": "raw", "container_format": "bare"}'))
    for op, path, value in (("add", "/k\u0000", "v"), ("add", "/key", "v\u0000"),
                            ("replace", "/name", "a\u0000"), ("add", "/tags", ["t\u0000"]),
                            ("remove", "/k\u0000ey", None)):
        change = {"op": op, "path": path}
        expect, note = 400, ""
        if value is None:
            change.pop("value", None)
            expect, note = (400, 409), "a remove only looks the key up: 'does not exist' (409) is also clean"
        else:
            change["value"] = value
        yield case(G, f"patch: {op} {json.dumps(path)} value {json.dumps(value)}", expect,
                   lambda c, ch=change: c.patch(c.new_image(), [ch]), note=note)
    yield case(G, "patch v2.0: NUL in path", 400,
               lambda c: c.patch(c.new_image(), [{"add": "/k\u0000", "value": "1"}], PATCH_V20))
    yield case(G, "PUT tag a%00b", 400, lambda c: c.request("PUT", f"/v2/images/{c.new_image()}/tags/a%00b"))
    yield case(G, "DELETE tag a%00b", (400, 404),
               lambda c: c.request("DELETE", f"/v2/images/{c.new_image()}/tags/a%00b"), note=LOOKUP_NOTE)
    yield case(G, "GET image a%00b", (400, 404), lambda c: c.request("GET", "/v2/images/a%00b"), note=LOOKUP_NOTE)
    yield case(G, "GET image <uuid>%00", (400, 404),
               lambda c: c.request("GET", f"/v2/images/{c.fixture('active')}%00"), note=LOOKUP_NOTE)
    yield case(G, "PATCH image a%00b", (400, 404),
               lambda c: c.request("PATCH", "/v2/images/a%00b", b"[]",
                                   {"Content-Type": "application/openstack-images-v2.1-json-patch"}),
               note=LOOKUP_NOTE)
    yield case(G, "DELETE image a%00b", (400, 404), lambda c: c.request("DELETE", "/v2/images/a%00b"),
               note=LOOKUP_NOTE)
    yield case(G, "GET file of a%00b", (400, 404), lambda c: c.request("GET", "/v2/images/a%00b/file"),
               note=LOOKUP_NOTE)
    yield case(G, "GET members of a%00b", (400, 404), lambda c: c.request("GET", "/v2/images/a%00b/members"),
               note=LOOKUP_NOTE)
    lst = "list filters may refuse NUL (400) or match nothing (200, empty list)"
    for query in ("name=a%00b", "tag=a%00b", "disk_format=raw%00", "status=active%00", "owner=a%00b",
                  "visibility=public%00", "hw_prop=a%00b", "id=in:a%00b", "name=in:a,%00"):
        expect, note = ((400,), "") if query.startswith(("visibility", )) else ((200, 400), lst)
        yield case(G, f"list ?{query}", expect, lambda c, q=query: c.request("GET", f"/v2/images?{q}"), note=note)
    yield case(G, "list ?marker=a%00b", 400, lambda c: c.request("GET", "/v2/images?marker=a%00b"))
    yield case(G, "list ?sort_key=name%00", 400, lambda c: c.request("GET", "/v2/images?sort_key=name%00"))
    yield case(G, "list ?sort_dir=asc%00", 400, lambda c: c.request("GET", "/v2/images?sort_dir=asc%00"))
    yield case(G, "list ?limit=1%00", 400, lambda c: c.request("GET", "/v2/images?limit=1%00"))
    yield case(G, "list ?created_at=gt:2020-01-01T00:00:00Z%00", 400,
               lambda c: c.request("GET", "/v2/images?created_at=gt:2020-01-01T00:00:00Z%00"))
    yield case(G, "list ?member_status=all%00", 400, lambda c: c.request("GET", "/v2/images?member_status=all%00"))
