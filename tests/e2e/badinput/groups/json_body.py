"""Malformed and mistyped JSON bodies on POST /v2/images and PATCH /v2/images/{id}."""
from ..case import PATCH_V21, case

G = "json"
BASE = '"disk_format": "raw", "container_format": "bare"'


def post(name, body, expect=400, note=""):
    return case(G, f"create: {name}", expect, lambda c: c.create(body), note=note)


def typed(name, fields, expect=400, note=""):
    return case(G, f"create with {name}", expect,
                lambda c: c.create({"disk_format": "raw", "container_format": "bare", **fields}), note=note)


def patched(name, body, expect=400, note=""):
    return case(G, f"patch: {name}", expect, lambda c: c.patch(c.new_image(), body), note=note)


def cases():
    # syntax
    yield post("truncated object", b'{"name": "x"')
    yield post("trailing garbage after the object", b'{"name": "x"} garbage')
    yield post("two concatenated objects", b'{"name": "x"}{"name": "y"}')
    yield post("object then a second value", b'{"name": "x"} 42')
    yield post("trailing comma", b'{"name": "x",}')
    yield post("single quotes", b"{'name': 'x'}")
    yield post("bare word", b"name")
    yield post("empty body", b"")
    yield post("whitespace only", b"   \n")
    yield post("JSON array body (upstream 500, fix 400)", b"[]")
    yield post("JSON string body", b'"image"')
    yield post("JSON number body", b"42")
    yield post("JSON null body", b"null")
    yield post("NaN value", b'{"min_ram": NaN}')
    yield post("Infinity value", b'{"min_ram": Infinity}')
    yield post("unterminated string", b'{"name": "abc}')
    yield post("bad escape \\x41", b'{"name": "\\x41"}')
    yield post("truncated unicode escape", b'{"name": "\\u12"}')
    yield post("control character in string", b'{"name": "a\x01b"}')
    yield post("invalid UTF-8 byte in a string", b'{"name": "caf\xe9"}')
    yield post("invalid UTF-8 in a key", b'{"x\xff": "1", ' + BASE.encode() + b"}")
    yield post("overlong UTF-8 encoding of /", b'{"name": "\xc0\xaf"}')
    yield post("UTF-16 encoded body", '{"name": "x"}'.encode("utf-16"))
    yield post("byte order mark then JSON (Python's json refuses it)", b'\xef\xbb\xbf{"name": "x"}')
    yield post("lone high surrogate in name", b'{"name": "\\ud800", ' + BASE.encode() + b"}")
    yield post("lone low surrogate in name", b'{"name": "\\udc00", ' + BASE.encode() + b"}")
    yield post("lone surrogate in a property key", b'{"k\\ud800": "1", ' + BASE.encode() + b"}")
    yield post("lone surrogate in a property value", b'{"k": "\\udbff", ' + BASE.encode() + b"}")
    yield post("lone surrogate in a tag", b'{"tags": ["\\ud800"], ' + BASE.encode() + b"}")
    yield post("reversed surrogate pair", b'{"name": "\\ude00\\ud83d", ' + BASE.encode() + b"}")
    # deep nesting must be a 400, never a stack overflow
    yield post("10,000 nested arrays", b"[" * 10000 + b"]" * 10000)
    yield post("100,000 nested objects (unterminated)", b'{"a":' * 100000)
    yield post("deeply nested property value", b'{"x": ' + b"[" * 5000 + b"]" * 5000 + b", " + BASE.encode() + b"}")
    # numbers
    yield post("min_ram 1e400", b'{"min_ram": 1e400, ' + BASE.encode() + b"}")
    yield post("min_ram 10^30", b'{"min_ram": 1000000000000000000000000000000, ' + BASE.encode() + b"}")
    yield post("min_disk 2^31 (beyond the INTEGER column)", b'{"min_disk": 2147483648, ' + BASE.encode() + b"}")
    yield post("min_disk 2^63", b'{"min_disk": 9223372036854775808, ' + BASE.encode() + b"}")
    yield post("min_ram -1", b'{"min_ram": -1, ' + BASE.encode() + b"}")
    yield post("min_ram 1.5", b'{"min_ram": 1.5, ' + BASE.encode() + b"}")
    yield post("min_ram 2^31-1 (fits)", b'{"min_ram": 2147483647, ' + BASE.encode() + b"}", 201)
    # wrong types for each base property
    wrong = {
        "name as number": {"name": 42},
        "name as object": {"name": {"a": 1}},
        "name as list": {"name": ["a"]},
        "visibility as number": {"visibility": 1},
        "visibility unknown": {"visibility": "everyone"},
        "protected as string": {"protected": "yes"},
        "protected as number": {"protected": 1},
        "os_hidden as string": {"os_hidden": "true"},
        "min_ram as string": {"min_ram": "5"},
        "min_ram as boolean": {"min_ram": True},
        "min_disk as null": {"min_disk": None},
        "tags as string": {"tags": "a,b"},
        "tags with a number": {"tags": [1]},
        "tags with null": {"tags": [None]},
        "tags as object": {"tags": {"a": "b"}},
        "container_format unknown": {"container_format": "tarball"},
        "disk_format unknown": {"disk_format": "exe"},
        "disk_format as number": {"disk_format": 3},
        "id not a UUID": {"id": "not-a-uuid"},
        "id as number": {"id": 12345},
        "id UUID without dashes": {"id": "8c7a3f0e5b1d4e6fa9b2c3d4e5f60718"},
        "id UUID in braces": {"id": "{8c7a3f0e-5b1d-4e6f-a9b2-c3d4e5f60718}"},
        "extra property as number": {"hw_cpu_cores": 4},
        "extra property as boolean": {"hw_flag": True},
        "extra property as null": {"hw_x": None},
        "extra property as object": {"hw_y": {"a": "b"}},
        "extra property as list": {"hw_z": ["a"]},
    }
    for label, fields in wrong.items():
        yield typed(label, fields)
    yield typed("name null (allowed)", {"name": None}, 201)
    yield post(
        "duplicate key name (last wins or refused)", b'{"name": "a", "name": "b", ' + BASE.encode() + b"}",
        (201, 400), "Python's json keeps the last duplicate (201); a strict parser refuses it (400)")
    # PATCH bodies
    yield patched("truncated", b'[{"op": "add", "path": "/x", "value": "1"}')
    yield patched("trailing garbage", b'[{"op": "add", "path": "/x", "value": "1"}] x')
    yield patched("two arrays", b'[{"op": "add", "path": "/x", "value": "1"}][]')
    yield patched("invalid UTF-8", b'[{"op": "add", "path": "/x", "value": "\xff"}]')
    yield patched("lone surrogate in value", b'[{"op": "add", "path": "/x", "value": "\\ud800"}]')
    yield patched("lone surrogate in path", b'[{"op": "add", "path": "/x\\udc00", "value": "1"}]')
    yield patched("deep nesting in value", b'[{"op": "add", "path": "/x", "value": ' + b"[" * 5000
                  + b"]" * 5000 + b"}]")
    yield patched("name as number", [{"op": "replace", "path": "/name", "value": 42}])
    yield patched("min_ram as string", [{"op": "replace", "path": "/min_ram", "value": "1"}])
    yield patched("min_ram 2^31", [{"op": "replace", "path": "/min_ram", "value": 2147483648}])
    yield patched("protected as string", [{"op": "replace", "path": "/protected", "value": "true"}])
    yield patched("visibility unknown", [{"op": "replace", "path": "/visibility", "value": "world"}])
    yield patched("tags as string", [{"op": "replace", "path": "/tags", "value": "a"}])
    yield patched("extra property as number", [{"op": "add", "path": "/hw_n", "value": 1}])
    yield patched("extra property as null", [{"op": "add", "path": "/hw_n", "value": None}])
    yield patched("empty body", b"")
    yield patched("JSON null", b"null")
    yield case(G, "patch: v2.1 media type with charset parameter", (200, 415),
               lambda c: c.request("PATCH", f"/v2/images/{c.new_image()}",
                                   b'[{"op": "add", "path": "/x", "value": "1"}]',
                                   {"Content-Type": PATCH_V21 + "; charset=UTF-8"}),
               note="webob's content_type drops parameters (200); an exact media-type match gives 415")
