"""The runner's own checks against a fake service that misbehaves on purpose: each check must catch
its fault (a 5xx, a hang, a non-webob error body, a file left in the store, an image left saving, an
ERROR stack trace in the log) and pass a clean refusal.   Run: /usr/bin/python3 -m badinput.selftest"""
import json
import os
import tempfile
import threading
import time
import unittest
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .case import case
from .runner import Runner


class FakeService(BaseHTTPRequestHandler):
    images = {}
    mode = "clean"
    store_dir = ""
    log_path = ""

    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status, title):
        self._send(status, json.dumps({"message": "m", "code": f"{status} {title}", "title": title}).encode())

    def do_GET(self):
        if self.path == "/versions":
            return self._send(200, b"{}")
        image_id = self.path.rsplit("/", 1)[-1]
        if image_id in self.images:
            return self._send(200, json.dumps({"id": image_id, "status": self.images[image_id]}).encode())
        self._error(404, "Not Found")

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        image_id = str(uuid.uuid4())
        self.images[image_id] = "queued"
        self._send(201, json.dumps({"id": image_id, "status": "queued"}).encode())

    def do_DELETE(self):
        self.images.pop(self.path.rsplit("/", 1)[-1], None)
        self._send(204)

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        image_id = self.path.split("/")[3]
        mode = FakeService.mode
        if mode == "orphan":
            with open(os.path.join(self.store_dir, image_id), "wb") as f:
                f.write(b"partial")
        if mode == "saving":
            self.images[image_id] = "saving"
        if mode == "trace":
            with open(self.log_path, "a") as f:
                f.write("2026-01-01 00:00:00.000 ERROR org.x.Y failed\njava.lang.IllegalStateException: x\n"
                        "\tat org.x.Y.z(Y.java:1)\n")
        if mode == "hang":
            time.sleep(2)
        if mode == "plain":
            return self._send(400, b"400 Bad Request", "text/plain")
        if mode == "5xx":
            return self._error(500, "Internal Server Error")
        self._error(400, "Bad Request")


def upload_case():
    return case("self", "upload", 400, lambda c: c.upload(c.new_image(), b"data"), upload=True)


class RunnerChecks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        FakeService.store_dir = os.path.join(cls.dir, "store")
        os.makedirs(FakeService.store_dir)
        FakeService.log_path = os.path.join(cls.dir, "service.log")
        open(FakeService.log_path, "w").close()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeService)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.runner = Runner("127.0.0.1", cls.server.server_address[1], FakeService.store_dir,
                            FakeService.log_path, timeout=1)

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()

    def run_in(self, mode, c=None):
        FakeService.mode = mode
        return self.runner.run(c or upload_case())

    def test_a_clean_refusal_passes(self):
        result = self.run_in("clean")
        self.assertTrue(result.passed, result.problems)
        self.assertTrue(result.refused_cleanly)

    def test_an_unexpected_status_fails(self):
        result = self.run_in("clean", case("self", "x", 204, lambda c: c.upload(c.new_image(), b"d")))
        self.assertFalse(result.passed)

    def test_a_file_left_in_the_store_is_an_orphan(self):
        result = self.run_in("orphan")
        self.assertEqual(len(result.orphans), 1, result.problems)
        self.assertFalse(result.passed)

    def test_an_image_left_saving_is_counted(self):
        result = self.run_in("saving")
        self.assertEqual(len(result.saving), 1, result.problems)
        self.assertFalse(result.passed)

    def test_an_error_stack_trace_in_the_log_is_reported(self):
        result = self.run_in("trace")
        self.assertEqual(len(result.traces), 1, result.problems)
        self.assertFalse(result.passed)

    def test_a_missing_answer_is_a_hang(self):
        result = self.run_in("hang")
        self.assertTrue(result.hang)
        self.assertFalse(result.passed)

    def test_an_error_body_that_is_not_webob_json_fails(self):
        result = self.run_in("plain")
        self.assertFalse(result.passed)
        self.assertIn("webob", " ".join(result.problems))

    def test_a_5xx_is_counted_even_when_listed_nowhere(self):
        result = self.run_in("5xx", case("self", "y", (400, 500), lambda c: c.upload(c.new_image(), b"d"),
                                         note="a 5xx the case lists (501, 505) is an answer, not a server error"))
        self.assertEqual(result.server_errors, 0)  # a status the case lists is not an unexpected 5xx
        result = self.run_in("5xx")
        self.assertEqual(result.server_errors, 1)
        self.assertFalse(result.passed)


if __name__ == "__main__":
    unittest.main()
