"""The state of one benchmark run and its create phase; the other phases are in transfer and reads."""

import shutil
import tempfile
import time
import uuid

from .client import STOP, Workers, delete_images, list_all
from .common import log
from .reads import ReadPhases
from .transfer import TransferPhases


class Bench(TransferPhases, ReadPhases):
    """State of one benchmark run over one or more endpoints."""

    def __init__(self, args, endpoints):
        self.a = args
        self.eps = endpoints
        self.run_id = uuid.uuid4().hex[:12]
        self.tmp_ids = {e.label: set() for e in endpoints}   # deleted at the end
        self.seed_new = {e.label: [] for e in endpoints}     # seeded by this run
        self.seed_ids = {}                                   # label -> list of ids
        self.fig = {e.label: {} for e in endpoints}
        self.nginx_mbs = None
        self.cpu = {}  # phase -> CpuMeter.delta
        self.loadavg_start = None
        self.body_tmp = tempfile.mkdtemp(prefix="glance-bench-")

    # ---- image bookkeeping -------------------------------------------------

    def tmp_body(self, name):
        return {"name": name, "disk_format": "raw", "container_format": "bare",
                "bench_tmp": "1", "bench_run": self.run_id}

    def create_tmp(self, c, name):
        img = c.json("POST", "/v2/images", self.tmp_body(name), expect=(201,))
        self.tmp_ids[c.ep.label].add(img["id"])
        return img

    def cleanup(self):
        for ep in self.eps:
            try:
                c = ep.client()
                # anything tagged with this run, even if we lost track of its id
                ids = set(self.tmp_ids[ep.label])
                ids |= {i["id"] for i in list_all(c, f"bench_run={self.run_id}&limit=1000")}
                c.close()
                n = delete_images(ep, ids)
                if n:
                    log(f"{ep.label}: deleted {n} temporary images")
                if self.seed_new[ep.label] and not self.a.keep_seed:
                    n = delete_images(ep, self.seed_new[ep.label])
                    log(f"{ep.label}: deleted the {n} seeded images this run created "
                        f"(--keep-seed keeps them for the next run)")
            except Exception as e:  # noqa: BLE001 - cleanup must go on
                log(f"{ep.label}: cleanup failed: {e}")
        shutil.rmtree(self.body_tmp, ignore_errors=True)

    # ---- creates ------------------------------------------------------------

    def creates(self, ep, clients, seconds=None):
        """Create images for --create-seconds (or `seconds`) with `clients` parallel clients."""
        deadline = time.perf_counter() + (self.a.create_seconds if seconds is None else seconds)
        counts = [0] * clients
        errors = []

        def worker(k):
            c = ep.client()
            try:
                while (time.perf_counter() < deadline and counts[k] < self.a.create_max
                       and not STOP.is_set()):
                    self.create_tmp(c, f"bench-create-{k}-{counts[k]}")
                    counts[k] += 1
            except Exception as e:  # noqa: BLE001 - re-raised below
                errors.append(e)
            finally:
                c.close()

        t0 = time.perf_counter()
        Workers(worker, [(k,) for k in range(clients)]).wait()
        elapsed = time.perf_counter() - t0
        if errors:
            raise errors[0]
        return sum(counts) / elapsed, sum(counts)

    def phase_create(self):
        # steady state on both sides: a JIT-compiled server is slower on its first requests of a kind
        for ep in self.eps:
            if self.a.create_warmup > 0:
                _, n = self.creates(ep, self.a.concurrency, self.a.create_warmup)
                log(f"{ep.label}: {n} warm-up creates, not counted")
        for clients, key in ((1, "create_seq_per_s"), (self.a.concurrency, "create_conc_per_s")):
            for ep in self.eps:
                rate, n = self.creates(ep, clients)
                self.fig[ep.label][key] = rate
                log(f"{ep.label}: {n} creates with {clients} client(s): {rate:.1f}/s")
        for ep in self.eps:
            n = delete_images(ep, self.tmp_ids[ep.label], threads=self.a.concurrency)
            self.tmp_ids[ep.label].clear()
            log(f"{ep.label}: deleted {n} created images")
