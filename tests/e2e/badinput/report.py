"""Tables of results: per group, per database, and the failures by group."""
import json
from dataclasses import asdict

COLUMNS = ("tried", "refused cleanly", "accepted", "failed", "5xx", "hangs", "orphan files",
           "left saving", "log traces")


def counts(results):
    return {
        "tried": len(results),
        "refused cleanly": sum(1 for r in results if r["refused_cleanly"]),
        "accepted": sum(1 for r in results if r["accepted"]),
        "failed": sum(1 for r in results if not r["passed"]),
        "5xx": sum(r["server_errors"] for r in results),
        "hangs": sum(1 for r in results if r["hang"]),
        "orphan files": sum(len(r["orphans"]) for r in results),
        "left saving": sum(len(r["saving"]) for r in results),
        "log traces": sum(len(r["traces"]) for r in results),
    }


def as_record(result):
    record = asdict(result)
    record.update(passed=result.passed, refused_cleanly=result.refused_cleanly, accepted=result.accepted)
    return record


def save(path, database, results):
    with open(path, "w") as f:
        json.dump({"database": database, "results": [as_record(r) for r in results]}, f, indent=1)


def load(path):
    with open(path) as f:
        return json.load(f)


def table(database, records, out):
    groups = []
    for r in records:
        if r["group"] not in groups:
            groups.append(r["group"])
    widths = [max(len("group"), *(len(g) for g in groups), len("total"))] + [len(c) for c in COLUMNS]
    print(f"\n{database}: bad-input cases", file=out)
    print("  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(("group",) + COLUMNS, widths))),
          file=out)
    for name in groups + ["total"]:
        rows = records if name == "total" else [r for r in records if r["group"] == name]
        c = counts(rows)
        cells = [name.ljust(widths[0])] + [str(c[col]).rjust(w) for col, w in zip(COLUMNS, widths[1:])]
        print("  ".join(cells), file=out)


def failures_by_group(database, records, out):
    failed = [r for r in records if not r["passed"]]
    if not failed:
        return
    print(f"\n{database}: failed cases by group", file=out)
    for group in dict.fromkeys(r["group"] for r in failed):
        names = [r["name"] for r in failed if r["group"] == group]
        print(f"  {group} ({len(names)}):", file=out)
        for name in names:
            print(f"    - {name}", file=out)
