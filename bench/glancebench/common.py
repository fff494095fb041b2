"""Constants, the error type, logging and the summary statistics every part uses."""

import math
import sys
import time

MB = 1_000_000  # throughput figures are in MB/s = 10^6 bytes per second
MIB = 1 << 20
PHASES = ("nginx", "upload", "download", "create", "list", "show")


class BenchError(Exception):
    pass


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(1, math.ceil(p / 100.0 * len(s)))
    return s[k - 1]


def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2.0
