"""Locations and SSRF: with show_multiple_locations and show_image_direct_url off (the defaults),
locations can be neither set nor seen; import URIs pointing inside must never be fetched."""
from ..case import case

G = "locations"
URLS = ("file:///etc/passwd", "filesystem:///etc/shadow", "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:22/", "http://2130706433/", "http://0x7f000001/", "http://[::ffff:127.0.0.1]/",
        "swift+config://ref1/container/obj", "sheepdog://127.0.0.1:7000:image", "rbd://fsid/pool/image/snap",
        "cinder://volume-id", "gopher://127.0.0.1:25/")
INVISIBLE = "upstream: locations cannot be changed while they are invisible (show_multiple_locations off)"


def cases():
    for url in URLS:
        yield case(G, f"patch add /locations/- {url}", 403, lambda c, u=url: c.patch(
            c.new_image(), [{"op": "add", "path": "/locations/-", "value": {"url": u, "metadata": {}}}]),
            note=INVISIBLE)
    yield case(G, "patch add /locations/0 on an active image", 403, lambda c: c.patch(
        c.fixture("active"), [{"op": "add", "path": "/locations/0",
                               "value": {"url": "file:///etc/passwd", "metadata": {}}}]))
    yield case(G, "patch replace /locations with a host file", 403, lambda c: c.patch(
        c.new_image(), [{"op": "replace", "path": "/locations",
                         "value": [{"url": "file:///etc/passwd", "metadata": {}}]}]))
    yield case(G, "patch replace /locations with [] (OSSA-2016-006)", 403, lambda c: c.patch(
        c.fixture("active"), [{"op": "replace", "path": "/locations", "value": []}]))
    yield case(G, "patch remove /locations/0 of an active image", 403, lambda c: c.patch(
        c.fixture("active"), [{"op": "remove", "path": "/locations/0"}]))
    yield case(G, "patch add /locations (no index)", 400, lambda c: c.patch(
        c.new_image(), [{"op": "add", "path": "/locations", "value": {"url": "file:///etc/passwd"}}]))
    yield case(G, "patch add /locations/- with a non-object value", (400, 403), lambda c: c.patch(
        c.new_image(), [{"op": "add", "path": "/locations/-", "value": "file:///etc/passwd"}]),
        note="schema error (400) or invisible locations (403), whichever is checked first")
    yield case(G, "create with locations", 403, lambda c: c.create(
        {"disk_format": "raw", "container_format": "bare",
         "locations": [{"url": "http://169.254.169.254/", "metadata": {}}]}))
    for url in ("http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:22/", "file:///etc/passwd",
                "http://2130706433/"):
        yield case(G, f"web-download import from {url}", (400, 403, 404, 405, 409), lambda c, u=url: c.request(
            "POST", f"/v2/images/{c.new_image()}/import",
            '{"method": {"name": "web-download", "uri": "%s"}}' % u, {"Content-Type": "application/json"}),
            note="import is not enabled here: any refusal, never 202 (the URI must not be fetched)")
    yield case(G, "POST /v2/images/{id}/locations with a host file", (400, 403, 404, 405), lambda c: c.request(
        "POST", f"/v2/images/{c.new_image()}/locations", '{"url": "file:///etc/passwd"}',
        {"Content-Type": "application/json"}),
        note="the 2.17 add-location API: refused (403 for non-http URLs) or absent (404/405), never 202")
    yield case(G, "GET /v2/images/{id}/locations", (200, 403, 404, 405), lambda c: c.request(
        "GET", f"/v2/images/{c.fixture('active')}/locations"),
        note="upstream's service_api (service or admin roles: the unauthenticated caller here is an admin),"
             " else 403; absent (404/405) where the API is not served")
    yield case(G, "no direct_url or locations in the image", 200, _not_exposed)
    yield case(G, "no direct_url or locations in the list", 200, _not_exposed_in_list)


def _not_exposed(c):
    res = c.request("GET", f"/v2/images/{c.fixture('active')}")
    doc = res.json() or {}
    c.check("direct_url" not in doc and "locations" not in doc, f"locations exposed: {sorted(doc)}")
    c.check(b"file://" not in res.body, "a file:// URL appears in the image document")
    return res


def _not_exposed_in_list(c):
    res = c.request("GET", "/v2/images?limit=1000")
    c.check(b"file://" not in res.body and b"direct_url" not in res.body, "locations exposed in the list")
    return res
