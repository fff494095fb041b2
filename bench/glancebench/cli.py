"""Command line: run, compare and purge."""

import argparse
import http.client
import json
import os
import shutil
import signal

from . import __doc__ as DESCRIPTION
from .bench import Bench
from .client import Endpoint, delete_images, list_all
from .common import PHASES, BenchError, log
from .local import prepare_file
from .meter import CpuMeter, MemSampler, combine_cpu, wait_quiet
from .report import print_table, result_json


def common_args(p):
    p.add_argument("--size-mib", type=int, default=1024, help="size of the upload/download image (default 1024)")
    p.add_argument("--runs", type=int, default=3, help="runs per upload figure; median reported (default 3)")
    p.add_argument("--download-runs", type=int, default=5,
                   help="runs per download figure (endpoint and nginx); median reported (default 5)")
    p.add_argument("--images", type=int, default=1000, help="seeded images for the list figures (default 1000)")
    p.add_argument("--keep-seed", action="store_true",
                   help="keep the seeded images (bench_seed=1) for the next run")
    p.add_argument("--samples", type=int, default=120, help="samples per limit-25 list figure (default 120)")
    p.add_argument("--samples-1000", type=int, default=15, help="samples of limit=1000 (default 15)")
    p.add_argument("--concurrency", type=int, default=8, help="parallel clients for creates (default 8)")
    p.add_argument("--create-seconds", type=float, default=5.0, help="duration of each create figure (default 5)")
    p.add_argument("--create-warmup", type=float, default=2.0,
                   help="seconds of uncounted creates on each endpoint before the create figures (default 2)")
    p.add_argument("--create-max", type=int, default=20000, help="cap on creates per client per figure")
    p.add_argument("--wrk-connections", type=int, default=32, help="wrk connections for show (default 32)")
    p.add_argument("--wrk-seconds", type=int, default=10, help="wrk duration for show (default 10)")
    p.add_argument("--nginx-port", type=int, default=0, help="port for the nginx yardstick (default: a free one)")
    p.add_argument("--phases", default=",".join(PHASES),
                   help=f"comma-separated subset of {','.join(PHASES)} (default all)")
    p.add_argument("--fresh-connections", action="store_true",
                   help="creates and lists: a new TCP connection per request (default: keep-alive)")
    p.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                   help="before each phase, wait up to SECONDS for the rest of the machine to use < 0.3 CPUs")
    p.add_argument("--json", action="store_true", help="also print one JSON line with all figures")
    p.add_argument("--json-out", metavar="FILE", help="write the JSON document to FILE")
    p.add_argument("--bench-dir", default=os.environ.get("BENCH_DIR", "/tmp/glance-bench"),
                   help="cache dir for the test file (default $BENCH_DIR or /tmp/glance-bench)")


def check_endpoint(ep):
    c = ep.client()
    try:
        c.json("GET", "/v2/images?limit=1")
    except (OSError, http.client.HTTPException) as e:
        raise BenchError(f"{ep.label}: cannot reach {ep.url}: {e}")
    finally:
        c.close()


def do_bench(args, eps):
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    for p in phases:
        if p not in PHASES:
            raise BenchError(f"unknown phase {p!r} (known: {', '.join(PHASES)})")
    for tool in ("curl",) + (("wrk",) if "show" in phases else ()):
        if not shutil.which(tool):
            raise BenchError(f"{tool} not found")
    for ep in eps:
        check_endpoint(ep)
        ep.fresh = args.fresh_connections
    bench = Bench(args, eps)
    sampler = MemSampler(eps)
    meter = CpuMeter(eps)
    with open("/proc/loadavg") as f:
        bench.loadavg_start = f.read().split()[0]
    sampler.start()
    # SIGTERM -> clean exit through the finally below
    def on_term(*_):
        raise KeyboardInterrupt()

    signal.signal(signal.SIGTERM, on_term)
    try:
        if {"nginx", "upload", "download"} & set(phases):
            path, size, md5hex, _ = prepare_file(args.bench_dir, args.size_mib)
        steps = {"nginx": lambda: bench.phase_nginx(path, size),
                 "upload": lambda: bench.phase_upload(path, size, md5hex),
                 "download": lambda: bench.phase_download(path, size, md5hex),
                 "create": bench.phase_create,
                 "list": bench.phase_list,
                 "show": bench.phase_show}
        for name in PHASES:
            if name not in phases:
                continue
            if args.wait_quiet:
                wait_quiet(eps, args.wait_quiet)
            t0 = meter.snap()
            steps[name]()
            d = meter.delta(t0, meter.snap())
            bench.cpu[name] = d
            srv = ", ".join(f"{k} {v:.2f}" for k, v in d["server_cpus"].items())
            log(f"phase {name}: {d['wall_s']:.0f} s; CPUs busy {d['busy_cpus']:.2f} of {meter.ncpu}: "
                f"benchmark {d['bench_cpus']:.2f}, {srv + ', ' if srv else ''}rest {d['rest_cpus']:.2f}")
        if bench.cpu:
            bench.cpu["all"] = combine_cpu(list(bench.cpu.values()))
    finally:
        sampler.stop()
        bench.cleanup()
    for ep in eps:
        f = bench.fig[ep.label]
        if ep.pid:
            f["peak_rss_mib"] = sampler.peak_hwm[ep.label] / 1024.0
            f["peak_rss_now_mib"] = sampler.peak_rss[ep.label] / 1024.0
            f["processes"] = sampler.nproc[ep.label]
        if bench.nginx_mbs and "download_mbs" in f:
            f["download_vs_nginx"] = f["download_mbs"] / bench.nginx_mbs
    print_table(bench, args)
    doc = result_json(bench, args)
    if args.json:
        print(json.dumps(doc, separators=(",", ":")))
    if args.json_out:
        with open(args.json_out, "w") as fh:
            json.dump(doc, fh, indent=1)
    return 0


def do_purge(args):
    ep = Endpoint(args.label, args.endpoint, args.token)
    c = ep.client()
    ids = {i["id"] for q in ("bench_tmp=1", "bench_seed=1") for i in list_all(c, q + "&limit=1000")}
    c.close()
    n = delete_images(ep, ids, threads=8)
    log(f"{ep.label}: deleted {n} images left by the benchmark")
    return 0


def parser():
    """The command line of run, compare and purge."""
    ap = argparse.ArgumentParser(prog="glancebench", description=DESCRIPTION,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)

    r = sub.add_parser("run", help="benchmark one endpoint")
    r.add_argument("--endpoint", required=True, help="Glance endpoint, e.g. http://127.0.0.1:9292")
    r.add_argument("--token", help="sent as X-Auth-Token")
    r.add_argument("--pid", type=int, help="server PID: peak memory of it and its children")
    r.add_argument("--db-pid", type=int, help="database server PID: its CPU use is shown apart")
    r.add_argument("--label", default="glance", help="name in the output (default glance)")
    common_args(r)

    c = sub.add_parser("compare", help="benchmark two endpoints in one run, A/B ratios")
    c.add_argument("--endpoint", required=True, help="endpoint A (ours)")
    c.add_argument("--token", help="token for A")
    c.add_argument("--pid", type=int, help="server PID of A")
    c.add_argument("--db-pid", type=int, help="database server PID of A")
    c.add_argument("--label", default="ours", help="name of A (default ours)")
    c.add_argument("--vs-endpoint", required=True, help="endpoint B (upstream)")
    c.add_argument("--vs-token", help="token for B")
    c.add_argument("--vs-pid", type=int, help="server PID of B")
    c.add_argument("--vs-db-pid", type=int, help="database server PID of B")
    c.add_argument("--vs-label", default="upstream", help="name of B (default upstream)")
    common_args(c)

    pg = sub.add_parser("purge", help="delete all images left by the benchmark (bench_tmp=1, bench_seed=1)")
    pg.add_argument("--endpoint", required=True)
    pg.add_argument("--token")
    pg.add_argument("--label", default="glance")
    return ap


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        if args.mode == "purge":
            return do_purge(args)
        eps = [Endpoint(args.label, args.endpoint, args.token, args.pid, args.db_pid)]
        if args.mode == "compare":
            if args.vs_label == args.label:
                raise BenchError("--label and --vs-label must differ")
            eps.append(Endpoint(args.vs_label, args.vs_endpoint, args.vs_token, args.vs_pid,
                                args.vs_db_pid))
        return do_bench(args, eps)
    except BenchError as e:
        log(f"FAILED: {e}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130

