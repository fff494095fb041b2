#!/usr/bin/env python3
"""A web page's origin for the CORS test of tests/e2e/tls-proxy.sh: serves, on each given port of
127.0.0.1, a page whose script does what a dashboard's direct upload does against the Image API on
another origin (create an image, upload its data, show it), then posts what it saw back to its own
origin, which writes it to DIR/result-PORT.json.

    cors_origin.py DIR PORT...          # serve until killed
    cors_origin.py --md5                # the MD5 of the bytes the page uploads

The page reads its settings from its query string: api (the Image API's base URL), token, name.
"""
import hashlib
import http.server
import json
import os
import sys
import threading

UPLOAD_SIZE = 1024 * 1024

# Every request but the last is cross-origin; the answers' readable headers show what CORS exposed.
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>direct upload</title></head><body><script>
(async () => {
  const q = new URLSearchParams(location.search);
  const api = q.get("api"), token = q.get("token");
  const seen = {steps: []};
  try {
    let res = await fetch(api + "/v2/images", {method: "POST",
      headers: {"X-Auth-Token": token, "Content-Type": "application/json"},
      body: JSON.stringify({name: q.get("name"), disk_format: "raw", container_format: "bare"})});
    seen.steps.push("create");
    seen.create = res.status;
    seen.request_id = res.headers.get("x-openstack-request-id");
    const image = await res.json();
    seen.id = image.id;
    const data = new Uint8Array(%(size)d);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) & 255;
    res = await fetch(api + "/v2/images/" + image.id + "/file", {method: "PUT",
      headers: {"X-Auth-Token": token, "Content-Type": "application/octet-stream"}, body: data});
    seen.steps.push("upload");
    seen.upload = res.status;
    res = await fetch(api + "/v2/images/" + image.id, {headers: {"X-Auth-Token": token}});
    const shown = await res.json();
    seen.steps.push("show");
    seen.status = shown.status;
    seen.size = shown.size;
    seen.checksum = shown.checksum;
  } catch (e) {
    seen.error = String(e);
  }
  await fetch("/result", {method: "POST", body: JSON.stringify(seen)});
  document.body.textContent = "done";
})();
</script></body></html>
""" % {"size": UPLOAD_SIZE}


def upload_bytes():
    return bytes((i * 31 + 7) & 255 for i in range(UPLOAD_SIZE))


def handler_for(directory, port):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            data = self.rfile.read(length)
            path = os.path.join(directory, "result-%d.json" % port)
            with open(path + ".tmp", "wb") as out:
                out.write(data)
            os.replace(path + ".tmp", path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, fmt, *args):
            sys.stderr.write("origin %d: %s\n" % (port, fmt % args))

    return Handler


def main():
    if sys.argv[1:] == ["--md5"]:
        print(hashlib.md5(upload_bytes()).hexdigest())
        return
    directory, ports = sys.argv[1], [int(p) for p in sys.argv[2:]]
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", p), handler_for(directory, p)) for p in ports]
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
