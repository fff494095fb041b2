"""JSON-patch semantics: media types, operations, pointers and escapes, missing and base properties."""
from ..case import PATCH_V20, PATCH_V21, case

G = "patch"


def patched(name, ops, expect, content_type=PATCH_V21, note="", **image):
    return case(G, name, expect, lambda c: c.patch(c.new_image(**image), ops, content_type), note=note)


def cases():
    add = {"op": "add", "path": "/k", "value": "v"}
    yield case(G, "media type application/json", 415,
               lambda c: _patch_415(c, "application/json"))
    yield case(G, "no Content-Type", 415, lambda c: _patch_415(c, None))
    yield case(G, "media type v2.2 json-patch", 415,
               lambda c: _patch_415(c, "application/openstack-images-v2.2-json-patch"))
    yield patched("body is an object", add, 400)
    yield patched("operation is a string", ["add"], 400)
    yield patched("operation is null", [None], 400)
    yield patched("operation without op", [{"path": "/k", "value": "v"}], 400)
    yield patched("operation without path", [{"op": "add", "value": "v"}], 400)
    yield patched("add without value", [{"op": "add", "path": "/k"}], 400)
    yield patched("replace without value", [{"op": "replace", "path": "/name"}], 400)
    for op in ("move", "copy", "test", "ADD", "Replace", "", "delete"):
        yield patched(f"op {op!r}", [{"op": op, "path": "/k", "value": "v", "from": "/name"}], 400)
    yield patched("op as number", [{"op": 1, "path": "/k", "value": "v"}], 400)
    yield patched("path as number", [{"op": "add", "path": 1, "value": "v"}], 400)
    yield patched("path '//k' (upstream strips the leading slashes)", [{"op": "add", "path": "//k", "value": "v"}],
                  200)
    for path in ("k", "", "/k/", "/a//b", "/~2", "/k~", "/~", "/a~b", "/ /", "/name/x", "/tags/0",
                 "/tags/-", "/k/x/y", "/min_ram/0"):
        yield patched(f"path {path!r}", [{"op": "add", "path": path, "value": "v"}], 400)
    yield case(G, "path /a~1b adds property a/b", 200, lambda c: _added(c, "/a~1b", "a/b"))
    yield case(G, "path /a~0b adds property a~b", 200, lambda c: _added(c, "/a~0b", "a~b"))
    yield case(G, "path /~01 adds property ~1", 200, lambda c: _added(c, "/~01", "~1"))
    yield case(G, "path /Name adds a property, not the name", 200, lambda c: _added(c, "/Name", "Name"))
    yield patched("replace a missing property", [{"op": "replace", "path": "/missing", "value": "v"}], 409)
    yield patched("remove a missing property", [{"op": "remove", "path": "/missing"}], 409)
    for base in ("name", "tags", "min_ram", "min_disk", "visibility", "protected", "os_hidden",
                 "container_format", "disk_format", "owner"):
        yield patched(f"remove base property /{base}", [{"op": "remove", "path": f"/{base}"}], 403)
    yield patched("replace visibility with an unknown value", [{"op": "replace", "path": "/visibility",
                                                                "value": "all"}], 400)
    yield patched("replace disk_format with an unknown value", [{"op": "replace", "path": "/disk_format",
                                                                 "value": "exe"}], 400)
    yield patched("replace min_ram with -1", [{"op": "replace", "path": "/min_ram", "value": -1}], 400)
    yield patched("replace name with null (allowed)", [{"op": "replace", "path": "/name", "value": None}], 200)
    yield patched("empty operation list", [], 200)
    yield case(G, "a failing operation undoes the whole PATCH", 409, _atomic)
    yield patched("v2.0: replace name", [{"replace": "/name", "value": "x"}], 200, PATCH_V20)
    yield patched("v2.0: two operation members", [{"add": "/k", "replace": "/name", "value": "x"}], 400, PATCH_V20)
    yield patched("v2.0: no operation member", [{"path": "/k", "value": "x"}], 400, PATCH_V20)
    yield patched("v2.0: add an existing property", [{"add": "/k", "value": "x"}], 409, PATCH_V20, k="v")
    yield patched("v2.0: v2.1 style operation", [add], 400, PATCH_V20)
    yield patched("v2.1: v2.0 style operation", [{"add": "/k", "value": "x"}], 400)
    yield case(G, "PATCH a missing image", 404,
               lambda c: c.patch("8c7a3f0e-5b1d-4e6f-a9b2-c3d4e5f60718", [add]))
    yield case(G, "PATCH the image collection", 405,
               lambda c: c.request("PATCH", "/v2/images", b"[]", {"Content-Type": PATCH_V21}))


def _patch_415(c, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    res = c.request("PATCH", f"/v2/images/{c.new_image()}", b'[{"op":"add","path":"/k","value":"v"}]', headers)
    if res.status == 415:
        c.check("application/openstack-images-v2.1-json-patch" in res.headers.get("accept-patch", ""),
                f"415 without Accept-Patch listing the patch media types: {res.headers.get('accept-patch')!r}")
    return res


def _added(c, path, key):
    res = c.patch(c.new_image(), [{"op": "add", "path": path, "value": "v"}])
    if res.status == 200:
        c.check(res.json().get(key) == "v", f"property {key!r} not set by path {path!r}")
    return res


def _atomic(c):
    image_id = c.new_image()
    res = c.patch(image_id, [{"op": "replace", "path": "/name", "value": "changed"},
                             {"op": "add", "path": "/new", "value": "v"},
                             {"op": "remove", "path": "/missing"}])
    doc = c.image(image_id)
    c.check(doc.get("name") == "bad-input" and "new" not in doc, "a refused PATCH changed the image")
    return res
