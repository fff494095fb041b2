"""The servers' memory (VmHWM, VmRSS) and the machine's CPU use, from /proc."""

import os
import threading
import time

from .common import BenchError, log


def _status_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return None


def process_tree(pid):
    """pid and all its descendants."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                st = f.read()
            ppid = int(st[st.rindex(")") + 2:].split()[1])
        except (OSError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


class MemSampler(threading.Thread):
    """Samples, for each endpoint with a PID, the sum over the process tree of
    VmHWM and of VmRSS; keeps the peak of each sum."""

    def __init__(self, endpoints, interval=0.25):
        super().__init__(daemon=True)
        self.eps = [e for e in endpoints if e.pid]
        self.interval = interval
        self.stop_ev = threading.Event()
        self.peak_hwm = {e.label: 0 for e in self.eps}
        self.peak_rss = {e.label: 0 for e in self.eps}
        self.nproc = {e.label: 0 for e in self.eps}
        for e in self.eps:
            if _status_kib(e.pid, "VmHWM") is None:
                raise BenchError(f"--pid {e.pid}: no such process (or not readable)")

    def sample(self):
        for e in self.eps:
            tree = process_tree(e.pid)
            hwm = sum(_status_kib(p, "VmHWM") or 0 for p in tree)
            rss = sum(_status_kib(p, "VmRSS") or 0 for p in tree)
            self.peak_hwm[e.label] = max(self.peak_hwm[e.label], hwm)
            self.peak_rss[e.label] = max(self.peak_rss[e.label], rss)
            self.nproc[e.label] = max(self.nproc[e.label], len(tree))

    def run(self):
        while not self.stop_ev.is_set():
            self.sample()
            self.stop_ev.wait(self.interval)

    def stop(self):
        self.stop_ev.set()
        self.join()
        self.sample()


CLK = os.sysconf("SC_CLK_TCK")


def machine_cpu():
    """(busy, total) CPU-seconds of the whole machine since boot."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    idle = v[3] + v[4]  # idle + iowait
    return (sum(v) - idle) / CLK, sum(v) / CLK


def tree_cpu(pid):
    """CPU-seconds (user + system) used so far by pid and its descendants."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                st = f.read()
            fields = st[st.rindex(")") + 2:].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            pass
    return total / CLK


def self_cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class CpuMeter:
    """Splits the machine's CPU use over an interval into the servers (--pid)
    and their databases (--db-pid), this benchmark with its children (curl,
    wrk, nginx), and the rest of the machine. A large rest on a shared machine
    means the figures of that interval are noisy."""

    def __init__(self, endpoints):
        self.parts = {}  # name -> pid; a database shared by both endpoints counts once
        for e in endpoints:
            if e.pid:
                self.parts[e.label] = e.pid
        for e in endpoints:
            if e.db_pid and e.db_pid not in self.parts.values():
                self.parts[f"{e.label} db"] = e.db_pid
        self.ncpu = os.cpu_count() or 1

    def snap(self):
        return (time.monotonic(), machine_cpu()[0], self_cpu(),
                {k: tree_cpu(p) for k, p in self.parts.items()})

    def delta(self, a, b):
        wall = max(b[0] - a[0], 1e-6)
        busy = (b[1] - a[1]) / wall
        bench = (b[2] - a[2]) / wall
        servers = {k: (b[3][k] - a[3][k]) / wall for k in a[3]}
        rest = max(0.0, busy - bench - sum(servers.values()))
        return {"wall_s": wall, "busy_cpus": busy, "bench_cpus": bench,
                "server_cpus": servers, "rest_cpus": rest}


def combine_cpu(deltas):
    """Wall-time weighted average of CpuMeter deltas (the measured phases,
    without the waits between them)."""
    wall = sum(d["wall_s"] for d in deltas)
    if not wall:
        return None

    def avg(key):
        return sum(d[key] * d["wall_s"] for d in deltas) / wall

    servers = {k: sum(d["server_cpus"][k] * d["wall_s"] for d in deltas) / wall
               for k in deltas[0]["server_cpus"]}
    return {"wall_s": wall, "busy_cpus": avg("busy_cpus"), "bench_cpus": avg("bench_cpus"),
            "server_cpus": servers, "rest_cpus": avg("rest_cpus")}


def wait_quiet(eps, limit_s, threshold=0.3, window=3.0):
    """Wait up to limit_s seconds for a window in which the machine, apart
    from the servers under test, uses less than `threshold` CPUs."""
    meter = CpuMeter(eps)
    t_end = time.monotonic() + limit_s
    while True:
        a = meter.snap()
        time.sleep(window)
        d = meter.delta(a, meter.snap())
        if d["rest_cpus"] < threshold:
            log(f"machine quiet: rest {d['rest_cpus']:.2f} CPUs")
            return
        if time.monotonic() >= t_end:
            log(f"machine still busy after {limit_s:.0f} s (rest {d['rest_cpus']:.2f} CPUs); running anyway")
            return
        log(f"waiting for a quiet machine: rest {d['rest_cpus']:.2f} CPUs")
