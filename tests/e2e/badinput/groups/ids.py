"""Image ids: reuse after delete, in another letter case, malformed ids in paths."""
import uuid

from ..case import case

G = "ids"
BASE = {"disk_format": "raw", "container_format": "bare"}
DUP_NOTE = "409 is upstream's duplicate-id answer; a 400 refusing a non-canonical id is also clean"


def cases():
    yield case(G, "create with the id of a deleted image", 409, lambda c: _after_delete(c, str.lower))
    yield case(G, "create with the id of a deleted image in upper case", (400, 409),
               lambda c: _after_delete(c, str.upper), note=DUP_NOTE)
    yield case(G, "create with an existing id in upper case", (400, 409), lambda c: _existing(c, str.upper),
               note=DUP_NOTE)
    yield case(G, "create with an existing id", 409, lambda c: _existing(c, str.lower))
    yield case(G, "create with an upper-case id, then the same in lower case", (400, 409),
               lambda c: _upper_then_lower(c), note=DUP_NOTE)
    yield case(G, "GET a deleted image", 404, lambda c: _get_deleted(c, str.lower))
    yield case(G, "GET a deleted image by its id in upper case", 404, lambda c: _get_deleted(c, str.upper))
    yield case(G, "DELETE a deleted image", 404, lambda c: _delete_twice(c))
    for path in ("/v2/images/not-a-uuid", "/v2/images/" + "f" * 300, "/v2/images/%2e%2e",
                 "/v2/images/..%2fversions", "/v2/images/%zz", "/v2/images/%ff%fe",
                 "/v2/images/8c7a3f0e-5b1d-4e6f-a9b2-c3d4e5f60718%20"):
        yield case(G, f"GET {path[:60]}", (400, 404), lambda c, p=path: c.request("GET", p),
                   note="a malformed id finds no image (404); refusing the path (400) is also clean")
    yield case(G, "upload to a missing image", 404,
               lambda c: c.upload(str(uuid.uuid4()), b"data"))
    yield case(G, "download from a missing image", 404,
               lambda c: c.request("GET", f"/v2/images/{uuid.uuid4()}/file"))


def _after_delete(c, case_of):
    image_id = str(uuid.uuid4())
    res = c.create({**BASE, "id": image_id})
    if res.status != 201:
        return res
    c.request("DELETE", f"/v2/images/{image_id}")
    return c.create({**BASE, "id": case_of(image_id)})


def _existing(c, case_of):
    image_id = c.new_image(id=str(uuid.uuid4()))
    res = c.create({**BASE, "id": case_of(image_id)})
    c.check(c.image(image_id)["status"] == "queued", "the first image changed")
    return res


def _upper_then_lower(c):
    image_id = str(uuid.uuid4()).upper()
    res = c.create({**BASE, "id": image_id})
    if res.status != 201:
        return res
    return c.create({**BASE, "id": image_id.lower()})


def _get_deleted(c, case_of):
    image_id = c.new_image()
    c.request("DELETE", f"/v2/images/{image_id}")
    return c.request("GET", f"/v2/images/{case_of(image_id)}")


def _delete_twice(c):
    image_id = c.new_image()
    c.request("DELETE", f"/v2/images/{image_id}")
    return c.request("DELETE", f"/v2/images/{image_id}")

