#!/usr/bin/python3
"""Times every list query of the scale benchmark on one or more Glance endpoints side by side.

For each query of bench/scale_queries.py and each caller: every endpoint gets the first page and the page its
`next` link names (checked: the same ids in the same order as the first endpoint's), then timed samples in
blocks of a few, the endpoints taking turns, until --samples or --time-box seconds per endpoint (at least
--min-samples). Prints a Markdown table: p50 / p90 per endpoint, the ratio of each endpoint's p50 to the
first's, the rows of the first page and whether the ids agreed; the differences follow the table.
"""
import argparse
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from glancebench import BenchError, CpuMeter, Endpoint, log, percentile  # noqa: E402
import scale_queries  # noqa: E402

TOKEN_RENEW_S = 20 * 60


class Caller:
    """Who asks: no token (no authentication), a fixed token, or a Keystone user scoped to a project."""

    def __init__(self, spec, keystone):
        self.label, _, how = spec.partition("=")
        self.keystone = keystone
        self.token = None
        self.password = None
        self.fetched = 0.0
        if how.startswith("token:"):
            self.token = how[len("token:"):]
        elif how.startswith("password:"):
            parts = how.split(":")
            if len(parts) != 4 or not keystone:
                raise BenchError(f"--caller {spec}: password:USER:PASSWORD:PROJECT and --keystone URL")
            self.password = parts[1:]
        elif how not in ("", "none"):
            raise BenchError(f"--caller {spec}: LABEL=none, LABEL=token:TOKEN or LABEL=password:USER:PASSWORD:PROJECT")

    def headers(self):
        if self.password and time.monotonic() - self.fetched > TOKEN_RENEW_S:
            self.token = self.issue()
            self.fetched = time.monotonic()
        return {"X-Auth-Token": self.token} if self.token else {}

    def issue(self):
        user, password, project = self.password
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"id": "default"}, "password": password}}},
            "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
        request = urllib.request.Request(self.keystone.rstrip("/") + "/v3/auth/tokens", json.dumps(body).encode(),
                                         {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.headers["X-Subject-Token"]
        except urllib.error.HTTPError as e:
            raise BenchError(f"Keystone refused a token for {user}/{project}: HTTP {e.code}") from e


kept_alive = {}  # endpoint label -> its kept-alive Client (--keep-alive)


class Page:
    def __init__(self, status, ids, next_link, body):
        self.status, self.ids, self.next, self.body = status, ids, next_link, body


def fetch(ep, caller, path, fresh):
    """One GET; (milliseconds, Page). fresh: on a new connection, else on the endpoint's kept-alive one."""
    client = ep.client(fresh=True) if fresh else kept_alive.setdefault(ep.label, ep.client(fresh=False))
    headers = caller.headers()
    t0 = time.perf_counter()
    status, _, data = client.request("GET", path, headers=headers, expect=range(100, 600))
    ms = (time.perf_counter() - t0) * 1000
    ids, next_link = [], None
    if status == 200:
        doc = json.loads(data)
        ids = [image["id"] for image in doc["images"]]
        next_link = doc.get("next")
    return ms, Page(status, ids, next_link, data[:300])




def differs(reference, page):
    """None when the pages agree, else what differs."""
    if reference.status != page.status:
        return f"HTTP {reference.status} vs {page.status}"
    if reference.ids == page.ids:
        return None
    for i, (a, b) in enumerate(zip(reference.ids, page.ids)):
        if a != b:
            return f"position {i + 1}: {a} vs {b}"
    return f"{len(reference.ids)} vs {len(page.ids)} rows"


def check(eps, caller, path, fresh):
    """First and second page on every endpoint; (rows on the first page, [differences])."""
    pages = {}
    for ep in eps:
        _, first = fetch(ep, caller, path, fresh)
        second = None
        if first.next:
            _, second = fetch(ep, caller, first.next, fresh)
        pages[ep.label] = (first, second)
    ref_first, ref_second = pages[eps[0].label]
    problems = []
    for ep in eps[1:]:
        first, second = pages[ep.label]
        if (d := differs(ref_first, first)):
            problems.append(f"{ep.label}, first page: {d}")
        elif (ref_second is None) != (second is None):
            problems.append(f"{ep.label}: next link {'absent' if second is None else 'present'}, "
                            f"{eps[0].label}'s {'absent' if ref_second is None else 'present'}")
        elif second is not None and (d := differs(ref_second, second)):
            problems.append(f"{ep.label}, second page: {d}")
    rows = len(ref_first.ids) if ref_first.status == 200 else f"HTTP {ref_first.status}"
    if ref_first.status != 200:
        log(f"{eps[0].label}: GET {path} -> HTTP {ref_first.status}: {ref_first.body!r}")
    return rows, problems


def sample(eps, caller, path, a):
    """Timed samples per endpoint, interleaved in blocks, each endpoint time-boxed."""
    times = {ep.label: [] for ep in eps}
    spent = {ep.label: 0.0 for ep in eps}

    def wanted(label):
        n = len(times[label])
        return n < a.samples and (n < a.min_samples or spent[label] < a.time_box)

    while any(wanted(ep.label) for ep in eps):
        for ep in eps:
            for _ in range(a.block):
                if not wanted(ep.label):
                    break
                ms, _ = fetch(ep, caller, path, not a.keep_alive)
                times[ep.label].append(ms)
                spent[ep.label] += ms / 1000
    return times


def fmt_ms(v):
    if v is None:
        return "-"
    return f"{v:.1f}" if v < 100 else f"{v:,.0f}"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--endpoint", action="append", required=True, help="NAME=URL; the first is the reference")
    p.add_argument("--caller", action="append", default=[],
                   help="LABEL=none | LABEL=token:TOKEN | LABEL=password:USER:PASSWORD:PROJECT (default admin=none)")
    p.add_argument("--token", help="shorthand for --caller admin=token:TOKEN")
    p.add_argument("--keystone", help="Keystone URL for password callers")
    p.add_argument("--images", type=int, default=100_000, help="images in the data set (default 100000)")
    p.add_argument("--samples", type=int, default=20)
    p.add_argument("--min-samples", type=int, default=3)
    p.add_argument("--time-box", type=float, default=5.0, help="seconds of samples per query and endpoint")
    p.add_argument("--block", type=int, default=5, help="samples in a row before the next endpoint's turn")
    p.add_argument("--target-ms", type=float, default=0, help="mark the first endpoint's p50 above this")
    p.add_argument("--warmup-seconds", type=float, default=30, help="of the timed queries in turn, per endpoint, before timing")
    p.add_argument("--only", help="regular expression: the queries to run")
    p.add_argument("--keep-alive", action="store_true", help="one kept-alive connection (default: one per request)")
    p.add_argument("--pid", action="append", default=[],
                   help="NAME=PID of an endpoint's server, or db=PID of the database server: their CPU is kept "
                        "apart from the rest of the machine's, shown per query")
    p.add_argument("--json-out")
    a = p.parse_args()

    eps = []
    for spec in a.endpoint:
        label, _, url = spec.partition("=")
        if not url:
            p.error(f"--endpoint {spec}: NAME=URL")
        eps.append(Endpoint(label, url))
    pids = dict(spec.split("=", 1) for spec in a.pid)
    for ep in eps:
        ep.pid = int(pids[ep.label]) if ep.label in pids else None
    if "db" in pids:
        eps[0].db_pid = int(pids["db"])
    meter = CpuMeter(eps)
    specs = a.caller or ([f"admin=token:{a.token}"] if a.token else ["admin=none"])
    callers = [Caller(s, a.keystone) for s in specs]
    admin = callers[0]

    # the deep marker and its neighbours, as the first caller sees them on the first endpoint
    deep_n = scale_queries.deep_number(a.images)
    _, page = fetch(eps[0], admin, f"/v2/images?name={scale_queries.name(deep_n)}", False)
    _, other = fetch(eps[0], admin, f"/v2/images?name={scale_queries.name(deep_n // 3 * 3 + 300)}", False)
    if len(page.ids) != 1:
        raise BenchError(f"{eps[0].label}: image {scale_queries.name(deep_n)} not found: is the data set of "
                         f"--images {a.images} there? {page.body!r}")
    _, shown = fetch_image(eps[0], admin, page.ids[0])
    values = {"deep": page.ids[0], "other": (other.ids or page.ids)[0], "owner": shown["owner"]}
    log(f"deep marker: {scale_queries.name(deep_n)} {values['deep']} (owner {values['owner']})")

    queries = [(g, q.format(**values)) for g, q in scale_queries.catalogue(a.images)]
    if a.only:
        queries = [(g, q) for g, q in queries if re.search(a.only, q) or re.search(a.only, g)]
    warm_up(eps, callers, ["/v2/images" + (f"?{q}" if q else "") for _, q in queries], a)
    results = []
    for caller in callers:
        for group, q in queries:
            path = "/v2/images" + (f"?{q}" if q else "")
            rows, problems = check(eps, caller, path, not a.keep_alive)
            before = meter.snap()
            times = sample(eps, caller, path, a)
            cpu = meter.delta(before, meter.snap())
            r = {"group": group, "query": q, "caller": caller.label, "rows": rows, "differences": problems,
                 "rest_cpus": cpu["rest_cpus"], "cpu": cpu,
                 "endpoints": {label: {"p50_ms": percentile(t, 50), "p90_ms": percentile(t, 90), "samples": len(t)}
                               for label, t in times.items()}}
            results.append(r)
            log(f"{caller.label} {q or '(default)'}: " + ", ".join(
                f"{label} p50 {fmt_ms(e['p50_ms'])} ms" for label, e in r["endpoints"].items())
                + (f"  DIFFERENT: {'; '.join(problems)}" if problems else ""))
    print_table(eps, results, a)
    if a.json_out:
        with open(a.json_out, "w") as f:
            json.dump({"images": a.images, "endpoints": {ep.label: ep.url for ep in eps}, "results": results}, f,
                      indent=1)
    return 1 if any(r["differences"] for r in results) else 0


def warm_up(eps, callers, paths, a):
    """--warmup-seconds per endpoint of the timed queries in turn, each with its next page, as every caller,
    before anything is timed: a JIT compiler gets to work and caches fill. All of them, not a few: a compiler
    that has seen only some pages recompiles when a new one shows it other data (a deeper page's queued images,
    without size or checksum), and on two cores that took CPU from the next second of requests (1,000-image
    pages timed 25-32 ms right after a warm-up of five other lists, 17-21 ms once every page had been seen)."""
    for ep in eps:
        done, end = 0, time.monotonic() + a.warmup_seconds
        while time.monotonic() < end:
            caller, path = callers[done // len(paths) % len(callers)], paths[done % len(paths)]
            _, page = fetch(ep, caller, path, not a.keep_alive)
            if page.next and time.monotonic() < end:
                fetch(ep, caller, page.next, not a.keep_alive)
            done += 1
        if done:
            log(f"{ep.label}: {done} warm-up queries (each with its next page)")


def fetch_image(ep, caller, image_id):
    client = ep.client(fresh=True)
    _, _, data = client.request("GET", f"/v2/images/{image_id}", headers=caller.headers())
    return 200, json.loads(data)


def print_table(eps, results, a):
    ref = eps[0].label
    head = ["query", "caller"]
    for ep in eps:
        head += [f"{ep.label} p50", f"{ep.label} p90", "n"]
    head += [f"{ep.label}/{ref} p50" for ep in eps[1:]] + ["rows", "ids", "rest CPUs"]
    print()
    print(f"{a.images:,} images; ms; p50/p90 nearest rank over n samples "
          f"({'kept-alive connection' if a.keep_alive else 'a new connection per request'}); "
          f"ids: first and second page the same as {ref}'s; rest CPUs: what the rest of the machine used while "
          f"sampling (not the servers{' and database' if eps[0].db_pid else ''} named by --pid, not this client), "
          f"of {os.cpu_count()}" + (f"; * {ref} p50 above {a.target_ms:g} ms"
                                                                 if a.target_ms else ""))
    print()
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results:
        e = r["endpoints"]
        cells = [f"`{r['query'] or '(default)'}`", r["caller"]]
        for ep in eps:
            p50 = fmt_ms(e[ep.label]["p50_ms"])
            if ep is eps[0] and a.target_ms and e[ep.label]["p50_ms"] > a.target_ms:
                p50 += " *"
            cells += [p50, fmt_ms(e[ep.label]["p90_ms"]), str(e[ep.label]["samples"])]
        cells += [f"{e[ep.label]['p50_ms'] / e[ref]['p50_ms']:.1f}" for ep in eps[1:]]
        cells += [str(r["rows"]), "DIFFERENT" if r["differences"] else "same", f"{r['rest_cpus']:.2f}"]
        print("| " + " | ".join(cells) + " |")
    diffs = [r for r in results if r["differences"]]
    if diffs:
        print()
        print(f"Different ids ({len(diffs)} of {len(results)}):")
        for r in diffs:
            for d in r["differences"]:
                print(f"- {r['caller']} `{r['query'] or '(default)'}`: {d}")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"scale run: {e}", file=sys.stderr)
        sys.exit(2)
