"""The figures' table and the JSON document."""

import os
import sys
import time

ROWS = [
    # key, title, unit, better ('+' higher, '-' lower)
    ("upload_cl_mbs", "upload, Content-Length", "MB/s", "+"),
    ("upload_chunked_mbs", "upload, chunked", "MB/s", "+"),
    ("download_mbs", "download", "MB/s", "+"),
    ("download_vs_nginx", "download / nginx", "ratio", "+"),
    ("create_seq_per_s", "creates, 1 client", "1/s", "+"),
    ("create_conc_per_s", "creates, N clients", "1/s", "+"),
    ("list25_p50_ms", "list limit=25 p50", "ms", "-"),
    ("list25_p99_ms", "list limit=25 p99", "ms", "-"),
    ("list25_fresh_p50_ms", "list limit=25 p50, new conn.", "ms", "-"),
    ("list25_fresh_p99_ms", "list limit=25 p99, new conn.", "ms", "-"),
    ("list1000_p50_ms", "list limit=1000 p50", "ms", "-"),
    ("list1000_p99_ms", "list limit=1000 p99", "ms", "-"),
    ("list_prop_p50_ms", "list bench_group=7 p50", "ms", "-"),
    ("list_prop_p99_ms", "list bench_group=7 p99", "ms", "-"),
    ("list_tag_p50_ms", "list tag=t7 p50", "ms", "-"),
    ("list_tag_p99_ms", "list tag=t7 p99", "ms", "-"),
    ("show_rps", "show, wrk C conns", "req/s", "+"),
    ("show_p50_ms", "show p50 (wrk)", "ms", "-"),
    ("show_p99_ms", "show p99 (wrk)", "ms", "-"),
    ("peak_rss_mib", "peak RSS, sum VmHWM", "MiB", "-"),
    ("peak_rss_now_mib", "peak of sum VmRSS", "MiB", "-"),
]


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        if abs(v) >= 100:
            return f"{v:.0f}"
        if abs(v) >= 10:
            return f"{v:.1f}"
        return f"{v:.2f}"
    return str(v)


def title(row_title, a):
    return (row_title.replace("N clients", f"{a.concurrency} clients")
            .replace("C conns", f"{a.wrk_connections} conns"))


def print_table(bench, args):
    eps = bench.eps
    rows = []
    for key, t, unit, better in ROWS:
        vals = [bench.fig[e.label].get(key) for e in eps]
        if all(v is None for v in vals):
            continue
        rows.append((key, title(t, args), unit, better, vals))
    if bench.nginx_mbs is not None:
        rows.insert(0, ("nginx_mbs", "nginx download (yardstick)", "MB/s", "+",
                        [bench.nginx_mbs] * len(eps) if len(eps) == 1 else [bench.nginx_mbs, None]))
    w = max(len(r[1]) for r in rows) if rows else 10
    out = sys.stdout
    if len(eps) == 1:
        print(f"\n{eps[0].label}  {eps[0].url}", file=out)
        print(f"{'figure':<{w}}  {'value':>9}  unit", file=out)
        for _, t, unit, _, vals in rows:
            print(f"{t:<{w}}  {fmt(vals[0]):>9}  {unit}", file=out)
    else:
        a, b = eps
        print(f"\nA = {a.label} {a.url}   B = {b.label} {b.url}", file=out)
        ratio_h = f"{a.label}/{b.label}"
        print(f"{'figure':<{w}}  {a.label:>9}  {b.label:>9}  {ratio_h:>9}  unit", file=out)
        for key, t, unit, better, vals in rows:
            if key == "nginx_mbs":
                print(f"{t:<{w}}  {fmt(bench.nginx_mbs):>9}  {'':>9}  {'':>9}  {unit}", file=out)
                continue
            r = vals[0] / vals[1] if vals[0] is not None and vals[1] else None
            print(f"{t:<{w}}  {fmt(vals[0]):>9}  {fmt(vals[1]):>9}  {fmt(r):>9}  {unit}"
                  f" ({'higher' if better == '+' else 'lower'} is better)", file=out)
    d = bench.cpu.get("all")
    if d:
        busiest = max((v["rest_cpus"], k) for k, v in bench.cpu.items() if k != "all")
        print(f"machine: load average {bench.loadavg_start} at start; CPUs used by the rest of the "
              f"machine (other work; the database unless --db-pid) while measuring: {d['rest_cpus']:.2f} of "
              f"{os.cpu_count()} on average, "
              f"at most {busiest[0]:.2f} (phase {busiest[1]})", file=out)
    out.flush()


def result_json(bench, args):
    doc = {"tool": "glance-bench", "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
           "size_mib": args.size_mib, "runs": args.runs, "download_runs": args.download_runs, "images": args.images,
           "concurrency": args.concurrency, "wrk_connections": args.wrk_connections,
           "fresh_connections": args.fresh_connections,
           "nginx_mbs": bench.nginx_mbs, "loadavg_start": bench.loadavg_start,
           "cpu": {k: {kk: (round(vv, 3) if isinstance(vv, float) else
                            {a: round(b, 3) for a, b in vv.items()} if isinstance(vv, dict) else vv)
                       for kk, vv in v.items()} for k, v in bench.cpu.items()},
           "endpoints": []}
    for e in bench.eps:
        f = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in bench.fig[e.label].items()}
        doc["endpoints"].append({"label": e.label, "url": e.url, "pid": e.pid, **f})
    if len(bench.eps) == 2:
        a, b = (bench.fig[e.label] for e in bench.eps)
        doc["ratio"] = {k: round(a[k] / b[k], 4) for k in a
                        if isinstance(a.get(k), (int, float)) and isinstance(b.get(k), (int, float)) and b[k]}
    return doc
