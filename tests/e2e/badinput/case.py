"""A case: one hostile request (or a short sequence) and the answers Glance would give to it."""
import json
from dataclasses import dataclass, field
from typing import Callable

PATCH_V21 = "application/openstack-images-v2.1-json-patch"
PATCH_V20 = "application/openstack-images-v2.0-json-patch"
OCTET = "application/octet-stream"


@dataclass(frozen=True)
class Case:
    group: str
    name: str
    # the statuses a Glance-compatible service may answer; more than one only with a note saying why
    expect: frozenset
    run: Callable  # run(ctx) -> the decisive Response
    note: str = ""
    # an upload case: if refused, the image must be back to `queued` with no data kept
    upload: bool = False
    # check the webob JSON error body on 4xx answers
    json_error: bool = True

    @property
    def key(self):
        return f"{self.group}/{self.name}"


def case(group, name, expect, run, note="", upload=False, json_error=True):
    statuses = frozenset([expect] if isinstance(expect, int) else expect)
    if len(statuses) > 1 and not note:
        raise ValueError(f"{group}/{name}: several acceptable answers need a note saying why")
    return Case(group, name, statuses, run, note, upload, json_error)


class CaseFailure(Exception):
    """A set-up step or an extra assertion of the case failed."""


@dataclass
class CaseContext:
    """What a case's run function works with: the client, shared fixtures, and the images it made."""
    client: object
    fixtures: dict
    created: list = field(default_factory=list)
    uploads: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    # --- plain requests -------------------------------------------------------------------------
    def request(self, method, path, body=None, headers=None, **kw):
        return self.client.request(method, path, body, headers, **kw)

    def raw(self, parts, **kw):
        return self.client.raw(parts, **kw)

    def check(self, condition, message):
        """An extra assertion; a false one fails the case without stopping it."""
        if not condition:
            self.problems.append(message)
        return condition

    # --- images ---------------------------------------------------------------------------------
    def create(self, body, headers=None):
        """POST /v2/images with a body given as a dict (sent as JSON) or bytes/str (sent as is)."""
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        res = self.request("POST", "/v2/images", data, {"Content-Type": "application/json", **(headers or {})})
        self._track(res)
        return res

    def _track(self, res):
        doc = res.json() if res.status == 201 else None
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            self.created.append(doc["id"])

    def new_image(self, disk_format="raw", container_format="bare", **fields):
        """A fresh queued image for the case; a failure here is a set-up failure."""
        res = self.create({"name": "bad-input", "disk_format": disk_format,
                           "container_format": container_format, **fields})
        if res.status != 201:
            raise CaseFailure(f"set-up: creating an image answered {res.status}: {res.body[:300]!r}")
        return res.json()["id"]

    def image(self, image_id):
        res = self.request("GET", f"/v2/images/{image_id}")
        if res.status != 200:
            raise CaseFailure(f"GET image {image_id} answered {res.status}")
        return res.json()

    def upload(self, image_id, data, content_type=OCTET, headers=None):
        self.uploads.append(image_id)
        h = {"Content-Type": content_type} if content_type else {}
        h.update(headers or {})
        return self.request("PUT", f"/v2/images/{image_id}/file", data, h)

    def upload_new(self, data, disk_format, container_format="bare"):
        """Creates an image with the declared formats and uploads data to it."""
        return self.upload(self.new_image(disk_format, container_format), data)

    def patch(self, image_id, ops, content_type=PATCH_V21):
        """A PATCH; when it is refused, the image must read back as it was before."""
        data = ops if isinstance(ops, (bytes, str)) else json.dumps(ops)
        before = self.request("GET", f"/v2/images/{image_id}")
        res = self.request("PATCH", f"/v2/images/{image_id}", data, {"Content-Type": content_type})
        if res.status >= 400 and before.status == 200:
            after = self.request("GET", f"/v2/images/{image_id}")
            old, new = before.json() or {}, after.json() or {}
            changed = sorted(k for k in set(old) | set(new) if k != "updated_at" and old.get(k) != new.get(k))
            self.check(not changed, f"the refused PATCH changed {', '.join(changed)}")
        return res

    def fixture(self, name):
        return self.fixtures[name]
