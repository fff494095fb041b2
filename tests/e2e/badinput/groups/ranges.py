"""Range (and legacy Content-Range) headers on GET /file of an active image of 1000 known bytes."""
from ..case import case

G = "ranges"
DATA = (bytes(range(256)) * 4)[:1000]


def get(c, header, value, image="active"):
    return c.request("GET", f"/v2/images/{c.fixture(image)}/file", headers={header: value})


def served(name, value, start, end, header="Range"):
    """206 with exactly bytes start..end inclusive and a matching Content-Range."""
    def run(c):
        res = get(c, header, value)
        if res.status == 206:
            c.check(res.body == DATA[start:end + 1], f"body is {len(res.body)} bytes, not bytes {start}-{end}")
            c.check(res.headers.get("content-range") == f"bytes {start}-{end}/1000",
                    f"Content-Range {res.headers.get('content-range')!r}")
        return res
    return case(G, name, 206, run, json_error=False)


def refused(name, value, expect, header="Range", note=""):
    return case(G, name, expect, lambda c: get(c, header, value), note=note)


def cases():
    yield served("bytes=0-99", "bytes=0-99", 0, 99)
    yield served("bytes=0-0", "bytes=0-0", 0, 0)
    yield served("bytes=999-999", "bytes=999-999", 999, 999)
    yield served("bytes=900- (open end)", "bytes=900-", 900, 999)
    yield served("bytes=-100 (suffix)", "bytes=-100", 900, 999)
    yield served("bytes=990-5000 (end beyond the size is clipped)", "bytes=990-5000", 990, 999)
    yield served("legacy Content-Range bytes 0-9/*", "bytes 0-9/*", 0, 9, header="Content-Range")
    yield refused("two ranges", "bytes=0-1,5-6", 400)
    yield refused("two ranges, one open", "bytes=0-,-5", 400)
    for value in ("bytes=1000-", "bytes=1000-2000", "bytes=5000-6000", "bytes=99999999999999999999-"):
        yield refused(f"start at or beyond the size: {value}", value, 416)
    for value in ("bytes=99-0", "items=0-10", "bytes=abc", "bytes=", "bytes=-", "bytes 0-10", "=0-10",
                  "bytes=0-1-2", "bytes=--5", "bytes=0x10-0x20", "bytes=1.5-2", "bytes=-1-2",
                  "bytes = 0-10 junk"):
        yield refused(f"malformed {value!r}", value, 416)
    yield refused("bytes=0-18446744073709551616 (beyond 64 bits)", "bytes=0-18446744073709551616", (206, 416),
                  note="webob parses the end as a number and clips it (206); refusing it (416) is also clean")
    yield refused("legacy Content-Range beyond the size", "bytes 0-5000/*", 416, header="Content-Range")
    yield refused("legacy Content-Range starting at the size", "bytes 1000-1001/*", 416, header="Content-Range")
    yield refused("legacy Content-Range garbage", "garbage", 416, header="Content-Range")
    yield case(G, "Range on an image without data (upstream 500)", (204, 416),
               lambda c: c.request("GET", f"/v2/images/{c.new_image()}/file", headers={"Range": "bytes=0-9"}),
               note="reference §10: fix upstream's 500; no data answers 204, or the range cannot be met (416)",
               json_error=False)
