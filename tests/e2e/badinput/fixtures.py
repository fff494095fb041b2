"""Images shared by many cases, made once before the cases run."""
from .case import CaseFailure
from .diskimages import DiskImages
from .groups.ranges import DATA


def set_up(runner, work_dir):
    runner.fixtures["images"] = DiskImages(work_dir)
    client = runner.client()
    res = client.request("POST", "/v2/images", b'{"name": "bad-input active", "disk_format": "raw", '
                         b'"container_format": "bare"}', {"Content-Type": "application/json"})
    if res.status != 201:
        raise CaseFailure(f"fixture: creating an image answered {res.status}: {res.body[:300]!r}")
    image_id = res.json()["id"]
    runner.add_fixture("active", image_id)
    res = client.request("PUT", f"/v2/images/{image_id}/file", DATA, {"Content-Type": "application/octet-stream"})
    if res.status != 204:
        raise CaseFailure(f"fixture: uploading 1000 bytes answered {res.status}: {res.body[:300]!r}")

