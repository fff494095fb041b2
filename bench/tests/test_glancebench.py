"""Unit tests of the glancebench package's pure parts: statistics, formatting, the report, CPU
arithmetic, endpoint URLs, the parallel helpers on fake clients, and the command line.

    cd bench && python3 -m unittest discover -s tests -v
"""

import io
import os
import re
import socket
import subprocess
import sys
import threading
import unittest
from contextlib import redirect_stderr, redirect_stdout
from types import SimpleNamespace
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import glancebench  # noqa: E402
from glancebench import (PHASES, ROWS, BenchError, CpuMeter, Endpoint, combine_cpu, delete_images,  # noqa: E402
                         fmt, list_all, log, median, parser, percentile, port_in_use, print_table,
                         process_tree, result_json, run_parallel, title)

URL = "http://127.0.0.1:9292"


class StatisticsTest(unittest.TestCase):
    def test_percentile_nearest_rank(self):
        self.assertEqual(percentile([5], 50), 5)
        self.assertEqual(percentile([5], 99), 5)
        self.assertEqual(percentile([4, 1, 3, 2], 50), 2)
        self.assertEqual(percentile([4, 1, 3, 2], 75), 3)
        self.assertEqual(percentile([4, 1, 3, 2], 76), 4)
        values = list(range(100, 0, -1))
        self.assertEqual(percentile(values, 99), 99)
        self.assertEqual(percentile(values, 100), 100)
        self.assertEqual(percentile(values, 0), 1)
        self.assertEqual(percentile([3, 1, 2], 99), 3)

    def test_median(self):
        self.assertEqual(median([7]), 7)
        self.assertEqual(median([3, 1, 2]), 2)
        self.assertEqual(median([4, 1, 3, 2]), 2.5)
        self.assertEqual(median([1, 2]), 1.5)
        self.assertIsInstance(median([1, 2]), float)

    def test_inputs_left_unsorted(self):
        values = [3, 1, 2]
        median(values)
        percentile(values, 50)
        self.assertEqual(values, [3, 1, 2])


class FormatTest(unittest.TestCase):
    def test_fmt(self):
        self.assertEqual(fmt(None), "-")
        self.assertEqual(fmt(1234.4), "1234")
        self.assertEqual(fmt(100.0), "100")
        self.assertEqual(fmt(-250.0), "-250")
        self.assertEqual(fmt(12.34), "12.3")
        self.assertEqual(fmt(10.0), "10.0")
        self.assertEqual(fmt(9.999), "10.00")
        self.assertEqual(fmt(0.5), "0.50")
        self.assertEqual(fmt(0.0), "0.00")
        self.assertEqual(fmt(3), "3")
        self.assertEqual(fmt("x"), "x")

    def test_title(self):
        a = SimpleNamespace(concurrency=4, wrk_connections=16)
        self.assertEqual(title("creates, N clients", a), "creates, 4 clients")
        self.assertEqual(title("show, wrk C conns", a), "show, wrk 16 conns")
        self.assertEqual(title("list limit=25 p50", a), "list limit=25 p50")

    def test_rows_and_phases(self):
        keys = [r[0] for r in ROWS]
        self.assertEqual(len(keys), len(set(keys)))
        self.assertTrue(all(r[3] in "+-" for r in ROWS))
        self.assertEqual(PHASES, ("nginx", "upload", "download", "create", "list", "show"))

    def test_log(self):
        err = io.StringIO()
        with redirect_stderr(err):
            log("hello")
        self.assertRegex(err.getvalue(), r"^\[\d\d:\d\d:\d\d\] hello\n$")


def delta(wall, busy, bench, servers, rest):
    return {"wall_s": wall, "busy_cpus": busy, "bench_cpus": bench, "server_cpus": servers, "rest_cpus": rest}


class CpuTest(unittest.TestCase):
    def test_combine_cpu_weights_by_wall_time(self):
        d = combine_cpu([delta(1, 1.0, 0.2, {"a": 0.5}, 0.3), delta(3, 2.0, 0.6, {"a": 1.0}, 0.1)])
        self.assertEqual(d["wall_s"], 4)
        self.assertAlmostEqual(d["busy_cpus"], 1.75)
        self.assertAlmostEqual(d["bench_cpus"], 0.5)
        self.assertAlmostEqual(d["server_cpus"]["a"], 0.875)
        self.assertAlmostEqual(d["rest_cpus"], 0.15)

    def test_combine_cpu_without_time(self):
        self.assertIsNone(combine_cpu([]))
        self.assertIsNone(combine_cpu([delta(0, 1.0, 0.0, {}, 0.0)]))

    def test_meter_parts_count_a_shared_database_once(self):
        a = Endpoint("a", URL, pid=10, db_pid=30)
        b = Endpoint("b", URL, pid=20, db_pid=30)
        self.assertEqual(CpuMeter([a, b]).parts, {"a": 10, "b": 20, "a db": 30})
        self.assertEqual(CpuMeter([Endpoint("c", URL)]).parts, {})

    def test_meter_delta(self):
        m = CpuMeter([])
        d = m.delta((0.0, 10.0, 1.0, {"a": 5.0}), (2.0, 13.0, 1.5, {"a": 6.0}))
        self.assertEqual(d, delta(2.0, 1.5, 0.25, {"a": 0.5}, 0.75))
        d = m.delta((0.0, 0.0, 0.0, {"a": 0.0}), (1.0, 1.0, 0.5, {"a": 1.0}))
        self.assertEqual(d["rest_cpus"], 0.0)  # never negative

    def test_process_tree_holds_children(self):
        child = subprocess.Popen(["sleep", "30"])
        try:
            tree = process_tree(os.getpid())
            self.assertEqual(tree[0], os.getpid())
            self.assertIn(child.pid, tree)
        finally:
            child.kill()
            child.wait()


class EndpointTest(unittest.TestCase):
    def test_url_parts(self):
        e = Endpoint("x", "http://example.test:1234/image/", token="tok", pid=7)
        self.assertEqual((e.url, e.host, e.port, e.prefix), ("http://example.test:1234/image", "example.test",
                                                            1234, "/image"))
        self.assertEqual(e.path("/v2/images"), "/image/v2/images")
        self.assertEqual(e.full("/v2/images"), "http://example.test:1234/image/v2/images")
        self.assertEqual(e.auth_headers(), {"X-Auth-Token": "tok"})
        self.assertEqual(e.curl_auth(), ["-H", "X-Auth-Token: tok"])
        self.assertFalse(e.fresh)

    def test_default_ports_and_no_token(self):
        self.assertEqual(Endpoint("x", "http://h").port, 80)
        e = Endpoint("x", "https://h")
        self.assertEqual((e.port, e.prefix), (443, ""))
        self.assertEqual((e.auth_headers(), e.curl_auth()), ({}, []))

    def test_bad_urls(self):
        for url in ("ftp://h", "http://", "127.0.0.1:9292"):
            with self.assertRaises(BenchError):
                Endpoint("x", url)


class FakeClient:
    def __init__(self, pages=None):
        self.pages = list(pages or [])
        self.calls = []
        self.closed = False

    def json(self, method, path, body=None, expect=(200,)):
        self.calls.append((method, path))
        return self.pages.pop(0)

    def request(self, method, path, body=None, headers=None, expect=(200,)):
        self.calls.append((method, path, expect))

    def close(self):
        self.closed = True


class FakeEndpoint:
    def __init__(self):
        self.clients = []
        self.lock = threading.Lock()

    def client(self):
        with self.lock:
            self.clients.append(FakeClient())
            return self.clients[-1]


class HelpersTest(unittest.TestCase):
    def test_run_parallel_keeps_order_and_closes_clients(self):
        ep = FakeEndpoint()
        self.assertEqual(run_parallel(ep, 3, lambda c, i: i * 2, range(10)), [i * 2 for i in range(10)])
        self.assertEqual(len(ep.clients), 3)
        self.assertTrue(all(c.closed for c in ep.clients))
        self.assertEqual(run_parallel(ep, 4, lambda c, i: i, []), [])

    def test_run_parallel_raises_the_error(self):
        def fn(c, i):
            if i == 3:
                raise ValueError("three")
            return i

        with self.assertRaisesRegex(ValueError, "three"):
            run_parallel(FakeEndpoint(), 2, fn, range(6))

    def test_list_all_follows_next_until_an_empty_page(self):
        c = FakeClient([{"images": [{"id": "1"}], "next": "/v2/images?marker=1"},
                        {"images": [{"id": "2"}], "next": "/v2/images?marker=2"},
                        {"images": [], "next": "/v2/images?marker=2"}])
        self.assertEqual([i["id"] for i in list_all(c, "limit=1")], ["1", "2"])
        self.assertEqual(c.calls, [("GET", "/v2/images?limit=1"), ("GET", "/v2/images?marker=1"),
                                   ("GET", "/v2/images?marker=2")])
        c = FakeClient([{"images": [{"id": "1"}]}])
        self.assertEqual(len(list_all(c, "limit=25")), 1)

    def test_delete_images_once_each(self):
        ep = FakeEndpoint()
        self.assertEqual(delete_images(ep, ["a", "b", "a", None, ""]), 2)
        calls = sorted(call for c in ep.clients for call in c.calls)
        self.assertEqual(calls, [("DELETE", "/v2/images/a", (204, 404)), ("DELETE", "/v2/images/b", (204, 404))])
        self.assertEqual(delete_images(FakeEndpoint(), []), 0)

    def test_port_in_use(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            s.listen(1)
            self.assertTrue(port_in_use(s.getsockname()[1]))


def fake_bench(figs, nginx_mbs=None, cpu=None):
    eps = [Endpoint(label, URL, pid=100 + i) for i, label in enumerate(figs)]
    return SimpleNamespace(eps=eps, fig=figs, nginx_mbs=nginx_mbs, cpu=cpu or {}, loadavg_start="1.50")


def run_args(*extra):
    return parser().parse_args(["run", "--endpoint", URL] + list(extra))


class ReportTest(unittest.TestCase):
    def table(self, bench, args):
        out = io.StringIO()
        with redirect_stdout(out):
            print_table(bench, args)
        return out.getvalue()

    def test_table_one_endpoint(self):
        bench = fake_bench({"glance": {"download_mbs": 1500.0, "create_conc_per_s": 612.3, "show_p99_ms": 7.25}},
                           nginx_mbs=2000.0)
        self.assertEqual(self.table(bench, run_args("--concurrency", "4")), (
            "\nglance  http://127.0.0.1:9292\n"
            "figure                          value  unit\n"
            "nginx download (yardstick)       2000  MB/s\n"
            "download                         1500  MB/s\n"
            "creates, 4 clients                612  1/s\n"
            "show p99 (wrk)                   7.25  ms\n"))

    def test_table_two_endpoints_with_machine_line(self):
        bench = fake_bench({"ours": {"download_mbs": 1500.0, "list25_p50_ms": 2.0, "peak_rss_mib": 300.0},
                            "up": {"download_mbs": 1000.0, "list25_p50_ms": 4.0}},
                           nginx_mbs=2000.0,
                           cpu={"list": delta(1, 1.0, 0.1, {}, 0.7), "all": delta(1, 1.0, 0.1, {}, 0.5)})
        lines = self.table(bench, run_args()).split("\n")
        self.assertEqual(lines[:7], [
            "",
            f"A = ours {URL}   B = up {URL}",
            "figure                           ours         up    ours/up  unit",
            "nginx download (yardstick)       2000                        MB/s",
            "download                         1500       1000       1.50  MB/s (higher is better)",
            "list limit=25 p50                2.00       4.00       0.50  ms (lower is better)",
            "peak RSS, sum VmHWM               300          -          -  MiB (lower is better)",
        ])
        self.assertEqual(lines[7], (
            "machine: load average 1.50 at start; CPUs used by the rest of the machine (other work; the "
            f"database unless --db-pid) while measuring: 0.50 of {os.cpu_count()} on average, at most 0.70 "
            "(phase list)"))
        self.assertEqual(lines[8:], [""])

    def test_result_json(self):
        bench = fake_bench({"ours": {"download_mbs": 1500.12345, "download_mbs_runs": [1500.1], "processes": 2},
                            "up": {"download_mbs": 1000.0, "download_mbs_runs": [1000.0], "processes": 0}},
                           nginx_mbs=2000.0, cpu={"all": delta(2.0, 1.23456, 0.1, {"ours": 0.98765}, 0.5)})
        doc = result_json(bench, run_args("--size-mib", "32", "--images", "40"))
        self.assertEqual(list(doc), ["tool", "time", "size_mib", "runs", "download_runs", "images", "concurrency",
                                     "wrk_connections", "fresh_connections", "nginx_mbs", "loadavg_start", "cpu",
                                     "endpoints", "ratio"])
        self.assertEqual(doc["tool"], "glance-bench")
        self.assertRegex(doc["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$")
        self.assertEqual((doc["size_mib"], doc["runs"], doc["download_runs"], doc["images"], doc["concurrency"],
                          doc["wrk_connections"], doc["fresh_connections"]), (32, 3, 5, 40, 8, 32, False))
        self.assertEqual(doc["cpu"], {"all": {"wall_s": 2.0, "busy_cpus": 1.235, "bench_cpus": 0.1,
                                              "server_cpus": {"ours": 0.988}, "rest_cpus": 0.5}})
        self.assertEqual(doc["endpoints"][0], {"label": "ours", "url": URL, "pid": 100, "download_mbs": 1500.123,
                                               "download_mbs_runs": [1500.1], "processes": 2})
        self.assertEqual(doc["ratio"], {"download_mbs": 1.5001})  # lists and a zero divisor left out

    def test_result_json_one_endpoint_has_no_ratio(self):
        doc = result_json(fake_bench({"glance": {"show_rps": 10.0}}), run_args())
        self.assertNotIn("ratio", doc)
        self.assertEqual(doc["endpoints"], [{"label": "glance", "url": URL, "pid": 100, "show_rps": 10.0}])
        self.assertIsNone(doc["nginx_mbs"])


class CommandLineTest(unittest.TestCase):
    def test_run_defaults(self):
        with mock.patch.dict(os.environ):
            os.environ.pop("BENCH_DIR", None)
            a = run_args()
        self.assertEqual(a.mode, "run")
        self.assertEqual(a.endpoint, URL)
        self.assertEqual((a.token, a.pid, a.db_pid, a.label), (None, None, None, "glance"))
        self.assertEqual((a.size_mib, a.runs, a.download_runs, a.images), (1024, 3, 5, 1000))
        self.assertEqual((a.samples, a.samples_1000, a.concurrency), (120, 15, 8))
        self.assertEqual((a.create_seconds, a.create_warmup, a.create_max), (5.0, 2.0, 20000))
        self.assertEqual((a.wrk_connections, a.wrk_seconds, a.nginx_port), (32, 10, 0))
        self.assertEqual(a.phases, "nginx,upload,download,create,list,show")
        self.assertEqual((a.keep_seed, a.fresh_connections, a.wait_quiet, a.json, a.json_out),
                         (False, False, 0, False, None))
        self.assertEqual(a.bench_dir, "/tmp/glance-bench")

    def test_run_options(self):
        with mock.patch.dict(os.environ, {"BENCH_DIR": "/var/tmp/b"}):
            a = run_args("--size-mib", "32", "--create-seconds", "1.5", "--pid", "42", "--json",
                         "--fresh-connections", "--phases", "list,show")
        self.assertEqual((a.size_mib, a.create_seconds, a.pid, a.json, a.fresh_connections, a.phases),
                         (32, 1.5, 42, True, True, "list,show"))
        self.assertEqual(a.bench_dir, "/var/tmp/b")

    def test_compare_and_purge_defaults(self):
        a = parser().parse_args(["compare", "--endpoint", URL, "--vs-endpoint", "http://127.0.0.1:9393"])
        self.assertEqual((a.mode, a.label, a.vs_label, a.vs_endpoint, a.vs_pid, a.vs_token),
                         ("compare", "ours", "upstream", "http://127.0.0.1:9393", None, None))
        self.assertEqual(a.runs, 3)
        a = parser().parse_args(["purge", "--endpoint", URL])
        self.assertEqual((a.mode, a.endpoint, a.token, a.label), ("purge", URL, None, "glance"))

    def test_usage_errors_exit_2(self):
        for argv in ([], ["run"], ["compare", "--endpoint", URL], ["purge", "--endpoint", URL, "--size-mib", "1"],
                     ["bogus"], ["run", "--endpoint", URL, "--runs", "x"]):
            with self.subTest(argv=argv), redirect_stderr(io.StringIO()), self.assertRaises(SystemExit) as cm:
                parser().parse_args(argv)
            self.assertEqual(cm.exception.code, 2)

    def main_fails(self, argv):
        err = io.StringIO()
        with redirect_stderr(err):
            rc = glancebench.main(argv)
        return rc, err.getvalue()

    def test_same_labels_fail_with_1(self):
        rc, err = self.main_fails(["compare", "--endpoint", URL, "--vs-endpoint", URL, "--label", "x",
                                   "--vs-label", "x"])
        self.assertEqual(rc, 1)
        self.assertRegex(err, r"FAILED: --label and --vs-label must differ\n$")
        rc, _ = self.main_fails(["compare", "--endpoint", URL, "--vs-endpoint", URL, "--vs-label", "ours"])
        self.assertEqual(rc, 1)

    def test_bad_endpoint_and_phase_fail_with_1(self):
        rc, err = self.main_fails(["run", "--endpoint", "ftp://h"])
        self.assertEqual(rc, 1)
        self.assertIn("FAILED: bad endpoint URL 'ftp://h'", err)
        rc, err = self.main_fails(["run", "--endpoint", "http://127.0.0.1:1", "--phases", "list,bogus"])
        self.assertEqual(rc, 1)
        self.assertIn("FAILED: unknown phase 'bogus' (known: nginx, upload, download, create, list, show)", err)

    def test_help_describes_the_modes(self):
        out = io.StringIO()
        with redirect_stdout(out), self.assertRaises(SystemExit) as cm:
            parser().parse_args(["--help"])
        self.assertEqual(cm.exception.code, 0)
        self.assertTrue(out.getvalue().startswith("usage: glancebench [-h] {run,compare,purge} ...\n"))
        self.assertTrue(re.search(r"^  compare  two endpoints, interleaved, A/B", out.getvalue(), re.M))


if __name__ == "__main__":
    unittest.main()
