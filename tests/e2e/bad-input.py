#!/usr/bin/python3
"""The bad-input suite: hostile requests against a running, unauthenticated Image service.
See tests/e2e/README.md. Run it through bad-input.sh, which starts the service per database.

  bad-input.py --url URL --store-dir DIR --log FILE --work DIR [--database NAME] [--group G[,G]]
               [--match TEXT] [--results FILE] [--timeout S] [--verbose]
  bad-input.py --report RESULTS.json...     tables for earlier runs
  bad-input.py --list [--group G]           the cases, with their expected answers
"""
import argparse
import os
import sys
import time
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from badinput import fixtures, report  # noqa: E402
from badinput.groups import GROUPS  # noqa: E402
from badinput.runner import Runner  # noqa: E402


def selected_cases(groups, match):
    names = groups.split(",") if groups else list(GROUPS)
    unknown = [n for n in names if n not in GROUPS]
    if unknown:
        sys.exit(f"unknown group(s) {', '.join(unknown)}; groups: {', '.join(GROUPS)}")
    cases = [c for n in names for c in GROUPS[n].cases()]
    if match:
        cases = [c for c in cases if match.lower() in c.key.lower()]
    keys = [c.key for c in cases]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        sys.exit(f"duplicate case names: {sorted(duplicates)}")
    return cases


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url")
    p.add_argument("--store-dir")
    p.add_argument("--log")
    p.add_argument("--work")
    p.add_argument("--database", default="service")
    p.add_argument("--group", help=f"comma-separated groups: {', '.join(GROUPS)}")
    p.add_argument("--match", help="only cases whose group/name contains this text")
    p.add_argument("--results", help="write the results as JSON to this file")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default 10)")
    p.add_argument("--verbose", action="store_true", help="print every case, not only failures")
    p.add_argument("--report", nargs="+", metavar="RESULTS", help="print the tables of saved results")
    p.add_argument("--list", action="store_true")
    args = p.parse_args()

    if args.report:
        runs = [report.load(path) for path in args.report]
        for run in runs:
            report.table(run["database"], run["results"], sys.stdout)
        return 0
    cases = selected_cases(args.group, args.match)
    if args.list:
        for c in cases:
            print(f"{c.key}  -> {'/'.join(map(str, sorted(c.expect)))}" + (f"  ({c.note})" if c.note else ""))
        print(f"{len(cases)} cases")
        return 0
    if not (args.url and args.store_dir and args.log and args.work):
        p.error("--url, --store-dir, --log and --work are required to run cases")

    url = urlsplit(args.url)
    runner = Runner(url.hostname, url.port or 80, args.store_dir, args.log, args.timeout)
    if not runner.service_up():
        sys.exit(f"the service at {args.url} does not answer GET /versions")
    fixtures.set_up(runner, args.work)
    t0 = time.monotonic()
    results = []
    for c in cases:
        result = runner.run(c)
        results.append(result)
        if args.verbose or not result.passed:
            mark = "ok  " if result.passed else "FAIL"
            print(f"[{args.database}] {mark} {c.key} -> {result.status}", flush=True)
            for problem in result.problems:
                print(f"         {problem[:400]}", flush=True)
        if result.service_down:
            print(f"[{args.database}] the service is down; the remaining cases are not run", flush=True)
            break
    if not any(r.service_down for r in results):
        results.append(runner.sweep())
    runner.remove_fixtures()
    records = [report.as_record(r) for r in results]
    report.table(args.database, records, sys.stdout)
    print(f"{len(results)} cases in {time.monotonic() - t0:.1f}s", flush=True)
    if args.results:
        report.save(args.results, args.database, results)
    report.failures_by_group(args.database, records, sys.stdout)
    return 0 if all(r.passed for r in results) and len(results) > len(cases) else 1


if __name__ == "__main__":
    sys.exit(main())
