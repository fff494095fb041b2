"""Reserved, read-only and internal properties: on create and in PATCH (upstream answers 403)."""
from ..case import case

G = "reserved"
BASE = {"disk_format": "raw", "container_format": "bare"}
READ_ONLY = {"status": "active", "size": 1, "virtual_size": 1, "checksum": "0" * 32,
             "created_at": "2020-01-01T00:00:00Z", "updated_at": "2020-01-01T00:00:00Z",
             "direct_url": "file:///etc/passwd", "self": "/v2/images/x", "file": "/v2/images/x/file",
             "schema": "/v2/schemas/image", "stores": "file"}
RESERVED = {"location": "file:///etc/passwd", "deleted": "True", "deleted_at": "2020-01-01T00:00:00Z",
            "os_glance_import_task": "x", "os_glance_stage_host": "http://169.254.169.254/",
            "os_glance_failed_import": "file", "os_glance_importing_to_stores": "file",
            "os_glance": "x", "os_glance_anything": "x"}


def cases():
    for key, value in {**READ_ONLY, **RESERVED}.items():
        yield case(G, f"create with {key}", 403, lambda c, k=key, v=value: c.create({**BASE, k: v}))
    yield case(G, "create with locations list", 403, lambda c: c.create(
        {**BASE, "locations": [{"url": "file:///etc/passwd", "metadata": {}}]}))
    yield case(G, "create with os_hash_algo/os_hash_value (upstream drops them)", 201,
               lambda c: _created_without_hash(c))
    yield case(G, "create with status null", (400, 403), lambda c: c.create({**BASE, "status": None}),
               note="read-only attribute (403) or a schema type error first (400)")
    yield case(G, "create with OS_GLANCE_X (other case is not reserved)", 201,
               lambda c: c.create({**BASE, "OS_GLANCE_X": "x"}))
    patchable = {k: v for k, v in READ_ONLY.items() if k != "stores"}
    yield case(G, "patch add /stores", (200, 403),
               lambda c: c.patch(c.new_image(), [{"op": "add", "path": "/stores", "value": "file"}]),
               note="upstream's PATCH read-only list lacks stores (it may land as an extra property, 200)")
    for key, value in {**patchable, "id": "8c7a3f0e-5b1d-4e6f-a9b2-c3d4e5f60718", "os_hash_algo": "md5",
                       "os_hash_value": "0" * 128}.items():
        for op in ("replace", "add"):
            yield case(G, f"patch {op} /{key}", 403,
                       lambda c, o=op, k=key, v=value: c.patch(c.new_image(), [{"op": o, "path": f"/{k}", "value": v}]))
        yield case(G, f"patch remove /{key}", 403,
                   lambda c, k=key: c.patch(c.new_image(), [{"op": "remove", "path": f"/{k}"}]))
    for key, value in RESERVED.items():
        yield case(G, f"patch add /{key}", 403,
                   lambda c, k=key, v=value: c.patch(c.new_image(), [{"op": "add", "path": f"/{k}", "value": v}]))
    yield case(G, "patch replace /status on an active image", 403,
               lambda c: c.patch(c.fixture("active"), [{"op": "replace", "path": "/status", "value": "queued"}]))
    yield case(G, "patch replace /size on an active image", 403,
               lambda c: c.patch(c.fixture("active"), [{"op": "replace", "path": "/size", "value": 1}]))
    yield case(G, "X-Image-Meta-Status header on upload (OSSA-2015-019) is ignored", 204,
               lambda c: _upload_with_status_header(c), upload=True)


def _created_without_hash(c):
    res = c.create({**BASE, "os_hash_algo": "md5", "os_hash_value": "0" * 32})
    if res.status == 201:
        doc = res.json()
        c.check(doc.get("os_hash_value") is None, f"os_hash_value was stored: {doc.get('os_hash_value')}")
    return res


def _upload_with_status_header(c):
    image_id = c.new_image()
    res = c.upload(image_id, b"data", headers={"X-Image-Meta-Status": "queued", "X-Image-Meta-Size": "1"})
    if res.status == 204:
        doc = c.image(image_id)
        c.check(doc["status"] == "active" and doc["size"] == 4, f"image after upload: {doc['status']} {doc['size']}")
    return res
