"""Lengths and counts: names, keys, values, tags, and the quotas the suite's configuration sets
([DEFAULT] image_property_quota = 8, image_tag_quota = 8)."""
from ..case import case

G = "limits"
BASE = {"disk_format": "raw", "container_format": "bare"}
PROPERTY_QUOTA = 8
TAG_QUOTA = 8


def created(name, fields, expect, note=""):
    return case(G, f"create: {name}", expect, lambda c: c.create({**BASE, **fields}), note=note)


def stored(name, fields):
    """Accepted, and read back exactly as sent."""
    return case(G, f"create: {name}", 201, lambda c: _kept(c, fields))


def _kept(c, fields):
    res = c.create({**BASE, **fields})
    if res.status == 201:
        doc = c.image(res.json()["id"])
        for key, value in fields.items():
            c.check(doc.get(key) == value, f"{key[:20]} read back differs from what was sent")
    return res


def patched(name, ops, expect):
    return case(G, f"patch: {name}", expect, lambda c: c.patch(c.new_image(), ops))


def cases():
    yield stored("name of 255 characters", {"name": "n" * 255})
    yield stored("name of 255 two-byte characters", {"name": "é" * 255})
    yield created("name of 256 characters", {"name": "n" * 256}, 400)
    yield created("name of 256 two-byte characters", {"name": "é" * 256}, 400)
    yield created("name of 64 KiB", {"name": "n" * 65536}, 400)
    yield case(G, "create: name with a 4-byte character (emoji)", (201, 400),
               lambda c: _kept(c, {"name": "x\U0001F600"}),
               note="stored and read back as sent (201), or refused where the database cannot store it (400)")
    yield case(G, "create: property value with 4-byte characters", (201, 400),
               lambda c: _kept(c, {"emoji": "\U0001F600" * 10}),
               note="stored and read back as sent (201), or refused where the database cannot store it (400)")
    yield stored("property key of 255 characters", {"k" * 255: "v"})
    yield created("property key of 256 characters", {"k" * 256: "v"}, 400)
    yield stored("property value of 65,535 bytes", {"big": "v" * 65535})
    yield created("property value of 65,536 bytes", {"big": "v" * 65536}, 400)
    yield created("property value of 40,000 two-byte characters (80,000 bytes)", {"big": "é" * 40000}, 400)
    yield stored("property value of 30,000 two-byte characters (60,000 bytes)", {"big": "é" * 30000})
    yield created("property value of 1 MiB", {"big": "v" * (1 << 20)}, (400, 413),
                  note="over the column size (400), or refused as a too large body (413)")
    yield stored("tag of 255 characters", {"tags": ["t" * 255]})
    yield created("tag of 256 characters", {"tags": ["t" * 256]}, 400)
    yield created(
        "empty property key", {"": "v"}, (201, 400),
        note="upstream's schema allows any key (201); refusing an empty key (400) is also clean")
    yield created("empty tag", {"tags": [""]}, (201, 400),
                  note="upstream stores an empty tag (201); refusing it (400) is also clean")
    # quotas
    props = {f"p{i}": "v" for i in range(PROPERTY_QUOTA)}
    yield stored(f"{PROPERTY_QUOTA} properties (at image_property_quota)", props)
    yield created(f"{PROPERTY_QUOTA + 1} properties (over image_property_quota)",
                  {**props, "one_more": "v"}, 413)
    yield created("1000 properties", {f"p{i}": "v" for i in range(1000)}, 413)
    tags = [f"t{i}" for i in range(TAG_QUOTA)]
    yield created(f"{TAG_QUOTA} tags (at image_tag_quota)", {"tags": tags}, 201)
    yield created(f"{TAG_QUOTA + 1} tags (over image_tag_quota)", {"tags": tags + ["more"]}, 413)
    yield created("1000 tags", {"tags": [f"t{i}" for i in range(1000)]}, 413)
    yield created(f"{TAG_QUOTA + 1} tags of which 2 duplicates", {"tags": tags + ["t0"]}, (201, 400, 413),
                  note="a duplicate tag is counted once (201) or the list refused (400, 413): never a 5xx")
    yield case(G, "patch: adding one property over the quota", 413,
               lambda c: c.patch(c.new_image(**props), [{"op": "add", "path": "/extra", "value": "v"}]))
    yield case(G, "patch: replacing tags with too many", 413,
               lambda c: c.patch(c.new_image(), [{"op": "replace", "path": "/tags", "value": tags + ["x"]}]))
    yield case(G, "PUT tag over the quota", 413,
               lambda c: c.request("PUT", f"/v2/images/{c.new_image(tags=tags)}/tags/extra"))
    yield case(G, "PUT tag of 256 characters", 400,
               lambda c: c.request("PUT", f"/v2/images/{c.new_image()}/tags/{'t' * 256}"))
    yield patched("property key of 256 characters (upstream 500, fix 400)",
                  [{"op": "add", "path": "/" + "k" * 256, "value": "v"}], 400)
    yield patched("property value of 65,536 bytes", [{"op": "add", "path": "/big", "value": "v" * 65536}], 400)
    yield patched("name of 256 characters", [{"op": "replace", "path": "/name", "value": "n" * 256}], 400)
    yield case(G, "patch: 10,000 add operations on one key", (200, 400, 413),
                           lambda c: c.patch(c.new_image(), [{"op": "add", "path": "/k", "value": "v"}] * 10000),
                           note="upstream applies them in turn (200); a limit on operations (400/413) is clean")
