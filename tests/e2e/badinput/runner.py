"""Runs cases one by one and checks, after each, what every case must leave true."""
import os
import re
import time
import traceback
from dataclasses import dataclass, field

from .case import CaseContext, CaseFailure
from .http import Client, Hang

# a logback line: date time LEVEL logger message
_LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ +(\w+) ")
_TRACE_LINE = re.compile(r"^(\s+at |Caused by: |\s+\.\.\. \d+ more|[\w.$]+(Exception|Error)\b)")


@dataclass
class Result:
    group: str
    name: str
    expect: list
    status: object = None      # decisive status, None on a hang
    statuses: list = field(default_factory=list)  # every status the case caused
    hang: bool = False
    server_errors: int = 0     # 5xx answers not listed as acceptable
    orphans: list = field(default_factory=list)
    saving: list = field(default_factory=list)
    traces: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    service_down: bool = False
    note: str = ""

    @property
    def passed(self):
        return not (self.problems or self.hang or self.server_errors or self.orphans or self.saving
                    or self.traces or self.service_down)

    @property
    def refused_cleanly(self):
        return isinstance(self.status, int) and 400 <= self.status < 500 and self.passed

    @property
    def accepted(self):
        return isinstance(self.status, int) and 200 <= self.status < 400


class Runner:
    def __init__(self, host, port, store_dir, log_path, timeout):
        self.host, self.port = host, port
        self.store_dir = store_dir
        self.log_path = log_path
        self.timeout = timeout
        self.fixtures = {}
        self._fixture_ids = []
        self._calls = []

    def _record(self, method, path, status):
        self._calls.append((method, path, status))

    def client(self):
        return Client(self.host, self.port, self.timeout, self._record)

    # --- checks around each case ----------------------------------------------------------------
    def _store_files(self):
        try:
            return set(os.listdir(self.store_dir))
        except FileNotFoundError:
            return set()

    def _log_size(self):
        try:
            return os.path.getsize(self.log_path)
        except OSError:
            return 0

    def _log_traces(self, offset):
        """ERROR lines of the service log written since offset that carry a stack trace."""
        try:
            with open(self.log_path, "rb") as f:
                f.seek(offset)
                lines = f.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return []
        found = []
        for i, line in enumerate(lines):
            m = _LOG_LINE.match(line)
            if m and m.group(1) == "ERROR":
                following = lines[i + 1:i + 3]
                if any(_TRACE_LINE.match(x) and not _LOG_LINE.match(x) for x in following):
                    found.append(line[:300] + " / " + " | ".join(x.strip()[:160] for x in following))
        return found

    def service_up(self):
        try:
            return self.client().request("GET", "/versions", timeout=5).status == 200
        except Exception:
            return False

    def run(self, case):
        result = Result(case.group, case.name, sorted(case.expect), note=case.note)
        ctx = CaseContext(self.client(), self.fixtures)
        before = self._store_files()
        log_offset = self._log_size()
        self._calls = []
        try:
            res = case.run(ctx)
            result.status = res.status
            self._check_answer(case, res, result)
        except Hang as e:
            result.hang = True
            result.problems.append(str(e))
        except CaseFailure as e:
            result.problems.append(str(e))
        except Exception as e:  # a connection reset, a broken assumption of the case
            result.problems.append(f"{type(e).__name__}: {e}")
            if os.environ.get("BAD_INPUT_DEBUG"):
                traceback.print_exc()
        result.problems.extend(ctx.problems)
        if not self.service_up():
            result.service_down = True
            result.problems.append("the service does not answer GET /versions after this case")
            result.statuses = [s for _, _, s in self._calls]
            return result
        self._after(case, ctx, result, before)
        result.statuses = [s for _, _, s in self._calls]
        for method, path, status in self._calls:
            if status is not None and status >= 500 and status not in case.expect:
                result.server_errors += 1
                result.problems.append(f"{status} answered to {method} {path[:120]}")
        if self._log_size() != log_offset:
            time.sleep(0.05)  # the service logged something: let it finish the lines of this case
        result.traces = self._log_traces(log_offset)
        for trace in result.traces[:2]:
            result.problems.append(f"ERROR with a stack trace in the service log: {trace}")
        return result

    def _check_answer(self, case, res, result):
        if res.status not in case.expect:
            result.problems.append(
                f"expected {'/'.join(map(str, sorted(case.expect)))}, got {res.status}: {res.body[:300]!r}")
        if case.json_error and res.status >= 400:
            doc = res.json()
            ok = isinstance(doc, dict) and isinstance(doc.get("message"), str) \
                and isinstance(doc.get("title"), str) and str(doc.get("code", "")).startswith(f"{res.status} ")
            if not ok:
                result.problems.append(f"error body is not webob's JSON (message, code, title): {res.body[:200]!r}")

    def _after(self, case, ctx, result, before):
        client = self.client()
        active = set()
        for image_id in ctx.created:
            try:
                res = client.request("GET", f"/v2/images/{image_id}")
            except Hang:
                result.problems.append(f"GET image {image_id} hung")
                continue
            if res.status != 200:
                continue
            status = res.json().get("status")
            if status == "saving":
                result.saving.append(image_id)
            if status == "active":
                active.add(image_id)
            if case.upload and image_id in ctx.uploads and result.status is not None \
                    and 400 <= result.status < 600 and status != "queued":
                result.problems.append(f"refused upload left image {image_id} '{status}', not 'queued'")
        # data the refused or failed uploads left in the store, before any delete
        new_files = self._store_files() - before
        result.orphans.extend(sorted(f for f in new_files if f.split(".")[0] not in active))
        for image_id in ctx.created:
            try:
                client.request("DELETE", f"/v2/images/{image_id}")
            except Hang:
                result.problems.append(f"DELETE image {image_id} hung")
        # data that outlives its image's deletion
        for name in sorted(self._store_files() - before):
            if name not in result.orphans:
                result.orphans.append(name)
        if result.orphans:
            result.problems.append(f"files left in the store: {', '.join(result.orphans)[:300]}")
        if result.saving:
            result.problems.append(f"images left 'saving': {', '.join(result.saving)}")

    def sweep(self):
        """After all cases: no image anywhere in `saving`, no file in the store without its active image."""
        result = Result("sweep", "nothing saving, no orphan file at the end", [200])
        self._calls = []
        client = self.client()
        res = client.request("GET", "/v2/images?status=saving&limit=1000")
        result.status = res.status
        result.saving = [i["id"] for i in (res.json() or {}).get("images", [])]
        active = set()
        marker = None
        while True:
            res = client.request("GET", "/v2/images?status=active&limit=1000" + (f"&marker={marker}" if marker else ""))
            page = (res.json() or {}).get("images", [])
            active.update(i["id"] for i in page)
            if len(page) < 1000:
                break
            marker = page[-1]["id"]
        result.orphans = sorted(f for f in self._store_files() if f.split(".")[0] not in active)
        # every case deletes the images it made: anything else is an image a refused request created
        res = client.request("GET", "/v2/images?visibility=all&limit=1000")
        left = [i for i in (res.json() or {}).get("images", []) if i["id"] not in self._fixture_ids]
        if left:
            result.problems.append(f"{len(left)} images no case accounts for (created by a refused request?): "
                                   + ", ".join(f"{i['id']} {str(i.get('name'))[:40]!r}" for i in left[:10]))
        if result.saving:
            result.problems.append(f"images in 'saving': {', '.join(result.saving)}")
        if result.orphans:
            result.problems.append(f"files without an active image: {', '.join(result.orphans)[:300]}")
        result.statuses = [s for _, _, s in self._calls]
        return result

    # --- shared fixtures ------------------------------------------------------------------------
    def add_fixture(self, name, image_id):
        self.fixtures[name] = image_id
        self._fixture_ids.append(image_id)

    def remove_fixtures(self):
        client = self.client()
        for image_id in self._fixture_ids:
            try:
                client.request("DELETE", f"/v2/images/{image_id}")
            except Exception:
                pass
