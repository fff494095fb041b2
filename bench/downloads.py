#!/usr/bin/env python3
"""Image downloads of one or more Glance endpoints beside nginx serving the same
file from disk, interleaved in one run. See bench/README.md ("Downloads beside nginx").

Each endpoint gets the test file uploaded once (checked: active, size, md5); then
every round downloads it once from every target, with the same `curl -o /dev/null`
command, starting the round with a different target each time so that no target
always follows another. A target's figure is min / median / max MB/s over the
rounds; a ratio is taken per round (endpoint / nginx in that same round), then
summarized the same way.
"""

import argparse
import json
import os
import sys

from types import SimpleNamespace

from glancebench import (BenchError, CpuMeter, Endpoint, Nginx, curl, curl_download, log, median,
                         prepare_file, wait_quiet)


def upload(ep, path, size, md5hex):
    """Creates an image on ep, uploads the file with curl and checks the result; its id."""
    c = ep.client()
    try:
        img = c.json("POST", "/v2/images", {"name": "bench-download", "disk_format": "raw",
                                           "container_format": "bare", "bench_tmp": "1"}, expect=(201,))
        code, _, _, _ = curl(["-X", "PUT", "-o", "/dev/null", "-H", "Content-Type: application/octet-stream",
                              "-H", "Expect:"] + ep.curl_auth() + ["-T", path, ep.full(f"/v2/images/{img['id']}/file")])
        got = c.json("GET", f"/v2/images/{img['id']}")
        if code != 204 or got.get("status") != "active" or got.get("size") != size or got.get("checksum") != md5hex:
            raise BenchError(f"{ep.label}: upload answered {code}, image {got.get('status')} {got.get('size')} "
                             f"{got.get('checksum')} (expected 204, active, {size}, {md5hex})")
        return img["id"]
    finally:
        c.close()


def delete(ep, image_id):
    c = ep.client()
    try:
        c.request("DELETE", f"/v2/images/{image_id}", expect=(204, 404))
    finally:
        c.close()


def spread(values):
    return {"min": min(values), "median": median(values), "max": max(values)}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--endpoint", action="append", required=True, metavar="LABEL=URL",
                   help="a Glance endpoint to download from (repeatable), e.g. ours=http://127.0.0.1:9292")
    p.add_argument("--token", help="X-Auth-Token for every endpoint")
    p.add_argument("--pid", action="append", default=[], metavar="LABEL=PID",
                   help="an endpoint's server process, so that its CPU is not counted as the rest of the machine's")
    p.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                   help="before each round, wait up to this long for the rest of the machine to use < 0.3 CPUs")
    p.add_argument("--size-mib", type=int, default=1024, help="size of the test file (default 1024)")
    p.add_argument("--runs", type=int, default=5, help="rounds, after one warm-up round (default 5)")
    p.add_argument("--nginx", choices=("off", "on", "both"), default="both",
                   help="nginx with sendfile off (bench/README's yardstick), on, or both (default)")
    p.add_argument("--cache-dir", default=os.environ.get("BENCH_DIR", "/tmp/glance-bench"))
    p.add_argument("--json-out", help="also write the figures and every run as JSON to this file")
    a = p.parse_args(argv)

    pids = dict(spec.split("=", 1) for spec in a.pid)
    eps = []
    for spec in a.endpoint:
        label, sep, url = spec.partition("=")
        if not sep:
            label, url = f"endpoint{len(eps) + 1}", spec
        eps.append(Endpoint(label, url, a.token, pid=int(pids[label]) if label in pids else None))
    path, size, md5hex, _ = prepare_file(a.cache_dir, a.size_mib)
    modes = {"off": [False], "on": [True], "both": [False, True]}[a.nginx]
    nginxes = [Nginx(os.path.dirname(path), sendfile=mode) for mode in modes]
    ids = {}
    try:
        for ep in eps:
            ids[ep.label] = upload(ep, path, size, md5hex)
        for ng in nginxes:
            ng.__enter__()
        targets = [(f"nginx-sendfile-{'on' if ng.sendfile else 'off'}",
                    f"http://127.0.0.1:{ng.port}/{os.path.basename(path)}", []) for ng in nginxes]
        targets += [(ep.label, ep.full(f"/v2/images/{ids[ep.label]}/file"), ep.curl_auth()) for ep in eps]
        # nginx runs as this script's child but is reaped only at the end: count it apart from the rest
        accounted = eps + [SimpleNamespace(label=f"nginx{i}", pid=ng.proc.pid, db_pid=None)
                           for i, ng in enumerate(nginxes)]
        meter = CpuMeter(accounted)
        runs = {label: [] for label, _, _ in targets}
        rest = []
        for r in range(a.runs + 1):
            if r > 0 and a.wait_quiet:
                wait_quiet(accounted, a.wait_quiet)
            order = targets[r % len(targets):] + targets[:r % len(targets)]
            before = meter.snap()
            for label, url, extra in order:
                mbs = curl_download(url, extra, size)
                if r > 0:
                    runs[label].append(mbs)
            if r > 0:
                rest.append(meter.delta(before, meter.snap())["rest_cpus"])
                log(f"round {r}: " + ", ".join(f"{label} {runs[label][-1]:.0f}" for label, _, _ in targets)
                    + f" MB/s (rest of the machine {rest[-1]:.2f} CPUs)")
    finally:
        for ng in nginxes:
            ng.__exit__(None, None, None)
        for ep in eps:
            if ep.label in ids:
                delete(ep, ids[ep.label])

    figures = {label: spread(v) for label, v in runs.items()}
    ratios = {}
    for ep in eps:
        for other, _, _ in targets:
            if other != ep.label:
                per_run = [x / y for x, y in zip(runs[ep.label], runs[other])]
                ratios[f"{ep.label} / {other}"] = dict(spread(per_run), runs=per_run)
    print(f"\n{a.size_mib} MiB download, {a.runs} interleaved rounds (MB/s = 10^6 B/s); rest of the machine "
          f"during the rounds {min(rest):.2f}-{max(rest):.2f} CPUs")
    print(f"{'target':<24} {'min':>7} {'median':>7} {'max':>7}   runs")
    for label, f in figures.items():
        print(f"{label:<24} {f['min']:7.0f} {f['median']:7.0f} {f['max']:7.0f}   "
              + " ".join(f"{x:.0f}" for x in runs[label]))
    print(f"\n{'ratio (per round)':<40} {'min':>6} {'median':>6} {'max':>6}")
    for name, f in ratios.items():
        print(f"{name:<40} {f['min']:6.2f} {f['median']:6.2f} {f['max']:6.2f}")
    if a.json_out:
        with open(a.json_out, "w") as out:
            json.dump({"size_mib": a.size_mib, "runs": runs, "rest_cpus": rest, "figures": figures,
                       "ratios": ratios}, out, indent=1)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"downloads.py: {e}", file=sys.stderr)
        sys.exit(1)
