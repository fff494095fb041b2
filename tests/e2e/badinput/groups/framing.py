"""HTTP framing over raw sockets: chunked bodies, lengths, half-closed connections, HTTP/1.0,
Connection: close, oversized and malformed headers, methods and content types."""
import json
import socket
import struct
import time

from ..case import OCTET, case
from ..http import Hang, Response  # noqa: F401

G = "framing"
CREATE = json.dumps({"name": "framing", "disk_format": "raw", "container_format": "bare"}).encode()


def head(method, path, headers=(), version="HTTP/1.1"):
    lines = [f"{method} {path} {version}", "Host: 127.0.0.1", "Accept: application/json"] + list(headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def chunk(data):
    return b"%x\r\n%s\r\n" % (len(data), data)


def raw_case(name, expect, parts, note="", half_close=False, json_error=True):
    def run(c):
        res = c.raw(parts, half_close=half_close, label=name)
        if parts and parts[0].startswith(b"POST /v2/images "):
            c._track(res)  # an accepted create is deleted afterwards
        return res
    return case(G, name, expect, run, note=note, json_error=json_error)


def upload_case(name, expect, body_parts, headers, half_close=False, note=""):
    """A raw PUT /file on a fresh image; a refusal must leave it queued without data."""
    def run(c):
        image_id = c.new_image()
        c.uploads.append(image_id)
        return c.raw([head("PUT", f"/v2/images/{image_id}/file", [f"Content-Type: {OCTET}", *headers])]
                     + body_parts, half_close=half_close, label=name)
    return case(G, name, expect, run, note=note, upload=True)


def cases():
    post = ["Content-Type: application/json", "Transfer-Encoding: chunked"]
    yield raw_case("POST chunked, chunk size ZZ", 400, [head("POST", "/v2/images", post), b"ZZ\r\n{}\r\n0\r\n\r\n"])
    yield raw_case("POST chunked, chunk size -1", 400, [head("POST", "/v2/images", post), b"-1\r\n{}\r\n0\r\n\r\n"])
    yield raw_case("POST chunked, chunk size beyond 64 bits", 400,
                   [head("POST", "/v2/images", post), b"FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"])
    yield raw_case("POST chunked, chunk shorter than its size then EOF", 400,
                   [head("POST", "/v2/images", post), b"ff\r\n{}"], half_close=True)
    yield raw_case("POST chunked, no CRLF after the chunk data", 400,
                   [head("POST", "/v2/images", post), b"2\r\n{}XX0\r\n\r\n"])
    yield case(G, "POST chunked with a chunk extension (valid)", 201, _create_chunked_with_extension)
    yield raw_case("POST Content-Length 100, 20 bytes sent, then half-close", 400,
                   [head("POST", "/v2/images", ["Content-Type: application/json", "Content-Length: 100"]),
                    CREATE[:20]], half_close=True)
    yield raw_case("POST Content-Length abc", 400,
                   [head("POST", "/v2/images", ["Content-Type: application/json", "Content-Length: abc"]), CREATE],
                   json_error=False)
    yield raw_case("POST Content-Length -1", 400,
                   [head("POST", "/v2/images", ["Content-Type: application/json", "Content-Length: -1"]), CREATE],
                   json_error=False)
    yield raw_case("POST two different Content-Length headers", 400,
                   [head("POST", "/v2/images", ["Content-Type: application/json", f"Content-Length: {len(CREATE)}",
                                                "Content-Length: 5"]), CREATE], json_error=False)
    yield raw_case("POST Content-Length and Transfer-Encoding chunked", (201, 400),
                   [head("POST", "/v2/images", ["Content-Type: application/json", "Content-Length: 5",
                                                "Transfer-Encoding: chunked"]), chunk(CREATE), b"0\r\n\r\n"],
                   note="RFC 9112: chunked wins (201) or the message is refused (400); never both framings",
                   json_error=False)
    yield raw_case("POST Transfer-Encoding: bogus", (400, 501),
                   [head("POST", "/v2/images", ["Content-Type: application/json", "Transfer-Encoding: bogus"]),
                    CREATE], note="RFC 9112 says 501 for an unknown transfer coding; 400 is also clean",
                   json_error=False)
    # uploads cut off or malformed mid-body
    big = bytes(64 << 10)
    yield upload_case("PUT file chunked: 64 KiB chunk then chunk size ZZ", 400,
                      [chunk(big), b"ZZ\r\nabc\r\n0\r\n\r\n"], ["Transfer-Encoding: chunked"])
    yield upload_case("PUT file chunked: 64 KiB chunk then EOF without the last chunk", 400,
                      [chunk(big)], ["Transfer-Encoding: chunked"], half_close=True)
    yield upload_case("PUT file chunked: chunk size larger than the data, then EOF", 400,
                      [b"100000\r\n" + big], ["Transfer-Encoding: chunked"], half_close=True)
    yield upload_case("PUT file Content-Length 1000, 500 bytes sent, then half-close", 400,
                      [bytes(500)], ["Content-Length: 1000"], half_close=True)
    yield upload_case("PUT file Content-Length 1 MiB, 64 KiB sent, then half-close", 400,
                      [big], ["Content-Length: 1048576"], half_close=True)
    yield upload_case("PUT file x-openstack-image-size differs from the data", 400,
                      [bytes(100)], ["Content-Length: 100", "x-openstack-image-size: 200"],
                      note="upstream 31.x+: the declared size must equal the bytes received")
    yield upload_case("PUT file x-openstack-image-size not a number", 400,
                      [bytes(100)], ["Content-Length: 100", "x-openstack-image-size: abc"],
                      note="upstream master: Invalid or missing image size in request headers")
    yield upload_case("PUT file with Expect: 100-continue (valid)", 204,
                      [bytes(100)], ["Content-Length: 100", "Expect: 100-continue"])
    # clients that go away mid-upload: not a server error, and the image goes back to queued
    yield case(G, "client closes mid-upload (Content-Length 1 MiB, 64 KiB sent)", 200,
               lambda c: _abandoned_upload(c, [f"Content-Length: {1 << 20}"], big, reset=False))
    yield case(G, "client resets mid-upload (Content-Length 1 MiB, 64 KiB sent)", 200,
               lambda c: _abandoned_upload(c, [f"Content-Length: {1 << 20}"], big, reset=True))
    yield case(G, "client closes mid-upload (chunked, one 64 KiB chunk sent)", 200,
               lambda c: _abandoned_upload(c, ["Transfer-Encoding: chunked"], chunk(big), reset=False))
    yield raw_case("request line with a 100 KiB query string", (200, 400, 414),
                   [head("GET", "/v2/images?name=" + "a" * (100 << 10))],
                   note="served (200), or refused as too long (400 from eventlet, 414)", json_error=False)
    # HTTP/1.0 and connection handling
    yield case(G, "HTTP/1.0 GET /versions is served and closed", 200, lambda c: _http10(c, "/versions"),
               json_error=False)
    yield case(G, "HTTP/1.0 GET / is served (300)", 300, lambda c: _http10(c, "/"), json_error=False)
    yield case(G, "HTTP/1.0 GET /v2/images is served", 200, lambda c: _http10(c, "/v2/images"))
    yield case(G, "HTTP/1.0 POST /v2/images is served", 201, _http10_post)
    yield case(G, "Connection: close closes the socket after the response", 200, _connection_close)
    yield case(G, "Connection: close after an error closes the socket", 404, _connection_close_error)
    yield case(G, "two pipelined requests get two responses", 200, _pipelined)
    # malformed requests
    yield raw_case("garbage request line", 400, [b"GARBAGE\r\n\r\n"], json_error=False)
    yield raw_case("HTTP/2.0 request line over HTTP/1 framing", (400, 505),
                   [head("GET", "/versions", version="HTTP/2.0")],
                   note="refused as malformed (400) or as an unsupported version (505)", json_error=False)
    yield raw_case("header line without a colon", 400,
                   [b"GET /versions HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n"], json_error=False)
    yield raw_case("NUL byte in a header value", 400,
                   [b"GET /versions HTTP/1.1\r\nHost: x\r\nX-Test: a\x00b\r\n\r\n"], json_error=False)
    yield raw_case("NUL byte in the path", (400, 404), [b"GET /v2/images/a\x00b HTTP/1.1\r\nHost: x\r\n\r\n"],
                   note="refused as a malformed request line (400) or finds nothing (404)", json_error=False)
    yield raw_case("64 KiB header value", (400, 413, 431),
                   [head("GET", "/versions", ["X-Big: " + "a" * (64 << 10)])],
                   note="eventlet refuses a header line over 8 KiB (400); 413 and 431 are also clean",
                   json_error=False)
    yield raw_case("1000 headers", (200, 400, 413, 431),
                   [head("GET", "/versions", [f"X-H{i}: v" for i in range(1000)])],
                   note="served (200) or refused as too many headers (400/413/431)", json_error=False)
    yield raw_case("request id header over 64 characters", 431,
                   [head("GET", "/v2/images", ["X-Openstack-Request-ID: req-" + "a" * 70])],
                   note="the status upstream's context middleware means (it answers 500 by mistake)")
    yield raw_case("unknown method FOO on /v2/images", (405, 501), [head("FOO", "/v2/images")],
                   note="upstream rejects every other method on a route with 405; 501 is HTTP's answer for "
                        "an unknown method", json_error=False)
    for method, path in (("PUT", "/v2/images"), ("DELETE", "/v2/images"), ("POST", "/v2/images/{id}"),
                         ("HEAD", "/v2/images"), ("POST", "/v2/images/{id}/file"), ("PATCH", "/v2/images/{id}/file")):
        yield case(G, f"{method} {path}", 405, lambda c, m=method, p=path: _method(c, m, p),
                   json_error=method != "HEAD")
    # content types
    yield case(G, "PUT file with Content-Type application/json", 415,
               lambda c: c.upload(c.new_image(), b"data", content_type="application/json"), upload=True)
    yield case(G, "PUT file without Content-Type", 415,
               lambda c: c.upload(c.new_image(), b"data", content_type=None), upload=True)
    yield case(G, "PUT file with Content-Type text/plain", 415,
               lambda c: c.upload(c.new_image(), b"data", content_type="text/plain"), upload=True)
    yield case(G, "PUT file with Content-Type application/octet-stream; charset=x (valid)", 204,
               lambda c: c.upload(c.new_image(), b"data", content_type="application/octet-stream; charset=x"),
               upload=True)
    yield case(G, "POST /v2/images with Content-Type text/plain (upstream ignores it)", 201,
               lambda c: c.create(CREATE, {"Content-Type": "text/plain"}))
    yield case(G, "GET with a body", 400, lambda c: c.request("GET", "/v2/images", b'{"a": 1}',
                                                             {"Content-Type": "application/json"}))
    yield case(G, "DELETE with a body", 400, lambda c: c.request("DELETE", f"/v2/images/{c.new_image()}",
                                                                b'{"a": 1}', {"Content-Type": "application/json"}))


def _abandoned_upload(c, headers, body, reset):
    image_id = c.new_image()
    c.uploads.append(image_id)
    sock = socket.create_connection((c.client.host, c.client.port), timeout=c.client.timeout)
    try:
        sock.sendall(head("PUT", f"/v2/images/{image_id}/file", [f"Content-Type: {OCTET}", *headers]) + body)
        time.sleep(0.2)
        if reset:  # an abortive close: the peer sees a reset, not an end of stream
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    finally:
        sock.close()
    deadline = time.monotonic() + 5
    while True:
        res = c.request("GET", f"/v2/images/{image_id}")
        status = (res.json() or {}).get("status")
        if status != "saving" or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    c.check(status == "queued", f"the abandoned upload left its image '{status}', not 'queued'")
    return res


def _create_chunked_with_extension(c):
    res = c.raw([head("POST", "/v2/images", ["Content-Type: application/json", "Transfer-Encoding: chunked"]),
                 b"%x;name=value\r\n%s\r\n0\r\n\r\n" % (len(CREATE), CREATE)], label="chunk extension")
    c._track(res)
    return res


def _http10(c, path):
    res = c.raw([head("GET", path, version="HTTP/1.0")], wait_close=3, label=f"HTTP/1.0 GET {path}")
    c.check(res.closed, "the connection stays open after an HTTP/1.0 response without keep-alive")
    return res


def _http10_post(c):
    res = c.raw([head("POST", "/v2/images", ["Content-Type: application/json", f"Content-Length: {len(CREATE)}"],
                      version="HTTP/1.0"), CREATE], wait_close=3, label="HTTP/1.0 POST")
    c._track(res)
    return res


def _connection_close(c):
    res = c.raw([head("GET", "/versions", ["Connection: close"])], wait_close=3, label="Connection: close")
    c.check(res.closed, "the socket stays open after a response to Connection: close")
    return res


def _connection_close_error(c):
    res = c.raw([head("GET", "/v2/images/8c7a3f0e-5b1d-4e6f-a9b2-c3d4e5f60718",
                      ["Connection: close", "Accept: application/json"])], wait_close=3, label="close after 404")
    c.check(res.closed, "the socket stays open after an error response to Connection: close")
    return res


def _pipelined(c):
    sock = socket.create_connection((c.client.host, c.client.port), timeout=3)
    data = b""
    try:
        sock.sendall(head("GET", "/versions") + head("GET", "/versions", ["Connection: close"]))
        while True:
            part = sock.recv(65536)
            if not part:
                break
            data += part
    except (socket.timeout, TimeoutError) as e:
        if data.count(b"HTTP/1.1 ") < 2:
            raise Hang(f"pipelined requests: {data.count(b'HTTP/1.1 ')} responses within 3s") from e
        c.check(False, "no EOF within 3s after the response to the request with Connection: close")
    finally:
        sock.close()
    count = data.count(b"HTTP/1.1 200")
    c.check(count == 2, f"{count} responses to two pipelined requests")
    return Response(200 if count else 0, "", [], b"")


def _method(c, method, path):
    res = c.request(method, path.replace("{id}", c.fixture("active")))
    if res.status == 405:
        c.check("allow" in res.headers, "405 without an Allow header")
    return res
