"""Property keys and tags that a case-insensitive or pad-space collation (MariaDB) takes for equal.
Never stored silently as one: refused (409 or 400), or, where accepted, read back exactly as sent."""
from ..case import case

G = "collisions"
BASE = {"disk_format": "raw", "container_format": "bare"}
REFUSED_NOTE = "issue 7: case-colliding keys are refused with 409 or 400, never 201"
KEPT_NOTE = "refused (409/400), or accepted with every key and value read back as sent"


def cases():
    for a, b in (("Foo", "foo"), ("k", "k "), ("KEY", "key"), ("hw_Disk_Bus", "hw_disk_bus")):
        yield case(G, f"create with {a!r} and {b!r}", (400, 409),
                   lambda c, a=a, b=b: c.create({**BASE, a: "1", b: "2"}), note=REFUSED_NOTE)
        if b.strip() == a:
            # upstream strips each json-patch path segment: adding "/k " is adding "/k", which replaces it
            yield case(G, f"patch adding {b!r} to an image with {a!r} replaces it", 200,
                       lambda c, a=a, b=b: _patch_replaces(c, a, b))
            continue
        yield case(G, f"patch adding {b!r} to an image with {a!r}", (400, 409),
                   lambda c, a=a, b=b: _patch_collides(c, a, b), note=REFUSED_NOTE)
    for a, b in (("é", "e"), ("ß", "ss"), ("Ä", "a"), ("k\t", "k")):
        yield case(G, f"create with {a!r} and {b!r}", (201, 400, 409),
                   lambda c, a=a, b=b: _kept(c, {a: "1", b: "2"}), note=KEPT_NOTE)
    yield case(G, "tags 'a' and 'A'", (201, 400, 409), lambda c: _tags_kept(c, ["a", "A"]), note=KEPT_NOTE)
    yield case(G, "tags 'a' and 'a '", (201, 400, 409), lambda c: _tags_kept(c, ["a", "a "]), note=KEPT_NOTE)
    yield case(G, "PUT tag 'A' on an image tagged 'a'", (204, 400, 409),
               lambda c: _put_tag_kept(c, "a", "A"), note=KEPT_NOTE)
    yield case(G, "replace 'Foo' while 'foo' is requested", (409,),
               lambda c: c.patch(c.new_image(Foo="1"), [{"op": "replace", "path": "/foo", "value": "2"}]))
    yield case(G, "remove 'foo' from an image with 'Foo'", (409,),
               lambda c: _remove_other_case(c))


def _patch_collides(c, a, b):
    image_id = c.new_image(**{a: "1"})
    res = c.patch(image_id, [{"op": "add", "path": f"/{b}", "value": "2"}])
    doc = c.image(image_id)
    c.check(doc.get(a) == "1", f"{a!r} is now {doc.get(a)!r}")
    return res


def _patch_replaces(c, a, b):
    image_id = c.new_image(**{a: "1"})
    res = c.patch(image_id, [{"op": "add", "path": f"/{b}", "value": "2"}])
    doc = c.image(image_id)
    c.check(doc.get(a) == "2" and b not in doc, f"{a!r} is {doc.get(a)!r}, {b!r} present: {b in doc}")
    return res


def _kept(c, props):
    res = c.create({**BASE, **props})
    if res.status == 201:
        doc = c.image(res.json()["id"])
        for key, value in props.items():
            c.check(doc.get(key) == value, f"{key!r} read back as {doc.get(key)!r}, sent {value!r}")
    return res


def _tags_kept(c, tags):
    res = c.create({**BASE, "tags": tags})
    if res.status == 201:
        got = sorted(c.image(res.json()["id"]).get("tags", []))
        c.check(got == sorted(tags), f"tags read back as {got!r}, sent {tags!r}")
    return res


def _put_tag_kept(c, first, second):
    image_id = c.new_image(tags=[first])
    res = c.request("PUT", f"/v2/images/{image_id}/tags/{second}")
    if res.status == 204:
        got = sorted(c.image(image_id).get("tags", []))
        c.check(got == sorted([first, second]), f"tags read back as {got!r}")
    return res


def _remove_other_case(c):
    image_id = c.new_image(Foo="1")
    res = c.patch(image_id, [{"op": "remove", "path": "/foo"}])
    c.check(c.image(image_id).get("Foo") == "1", "removing 'foo' removed 'Foo'")
    return res
