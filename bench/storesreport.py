"""The tables bench/stores.py prints: figures per backend beside the other endpoint and the yardstick, and
the first endpoint's memory for the small and the large image."""

ROWS = [("upload_cl_mbs", "upload, Content-Length"), ("upload_chunked_mbs", "upload, chunked"),
        ("download_mbs", "download"), ("concurrent_mbs", "concurrent uploads, aggregate")]


def ratio_span(a_runs, b_runs):
    """min-max over the runs of A's run i / B's run i (the two measured back to back)."""
    pairs = [x / y for x, y in zip(a_runs, b_runs) if y]
    if not pairs:
        return "-"
    return f"{min(pairs):.2f}-{max(pairs):.2f}" if len(pairs) > 1 else f"{pairs[0]:.2f}"


def print_table(bench, args, eps):
    a, b = eps[0].label, (eps[1].label if len(eps) > 1 else None)
    if args.phases:
        print_throughput(bench, args, a, b)
    if args.big_mib and eps[0].pid:
        print_memory(bench, args, a)
    rest = [d["rest_cpus"] for d in bench.cpu.values()]
    if rest:
        print(f"\nRest of the machine during the measured phases: {max(rest):.2f} CPUs at most, "
              f"{sum(rest) / len(rest):.2f} on average.")


def print_throughput(bench, args, a, b):
    print(f"\nStores, {args.size_mib} MiB image, MB/s (median of runs; ratios per run min-max)\n")
    head = ["backend", "figure", a] + ([b, f"{a}/{b}", "per run"] if b else []) + ["baseline", f"{a}/baseline"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for backend in args.backends:
        figs = bench.fig.get(backend, {})
        base_label = bench.baselines.name(backend)
        for key, title in ROWS:
            fa = figs.get(a, {})
            if key not in fa:
                continue
            if key == "concurrent_mbs":
                title = f"{args.concurrent} {title}"
            row = [backend, title, f"{fa[key]:.0f}"]
            if b:
                fb = figs.get(b, {})
                row += [f"{fb[key]:.0f}", f"{fa[key] / fb[key]:.2f}", ratio_span(fa[key + "_runs"], fb[key + "_runs"])]
            base = figs.get(base_label, {}).get(key)
            row += [f"{base:.0f} ({base_label})" if base else "-",
                    f"{fa[key] / base:.2f} ({ratio_span(fa[key + '_runs'], figs[base_label][key + '_runs'])})"
                    if base else "-"]
            print("| " + " | ".join(row) + " |")


def print_memory(bench, args, a):
    print(f"\nMemory of {a} (-Xmx as started), one image up and down; MiB\n")
    print(f"| backend | peak RSS {args.size_mib} MiB | peak RSS {args.big_mib} MiB | peak heap in use "
          f"{args.size_mib} / {args.big_mib} MiB | peak old gen. {args.size_mib} / {args.big_mib} MiB | heap capacity |")
    print("|---|---|---|---|---|---|")
    for backend in args.backends:
        f = bench.fig.get(backend, {}).get(a, {})
        if "large_peak_rss_mib" not in f:
            continue
        print(f"| {backend} | {f['small_peak_rss_mib']:.0f} | {f['large_peak_rss_mib']:.0f} | "
              f"{f.get('small_peak_heap_used_mib', 0):.0f} / {f.get('large_peak_heap_used_mib', 0):.0f} | "
              f"{f.get('small_peak_old_used_mib', 0):.0f} / {f.get('large_peak_old_used_mib', 0):.0f} | "
              f"{f.get('large_heap_capacity_mib', 0):.0f} |")
