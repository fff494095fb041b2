"""Benchmark for any Glance v2 image API endpoint.

Measures upload/download throughput of a large image (with curl), image
creates per second, list latency over a seeded set of images, show-image
requests per second (with wrk) and the server's peak memory, plus a loopback
yardstick: nginx serving the same file to the same curl command.

Modes:
  run      one endpoint                      (bench/run.sh)
  compare  two endpoints, interleaved, A/B    (bench/compare.sh)
  purge    delete every image this tool ever left behind on an endpoint

Only the Python standard library, curl, wrk and nginx are used.
"""

# Every name, for `from glancebench import ...` in the other bench scripts.
from .common import MB, MIB, PHASES, BenchError, log, median, percentile
from .client import STOP, Client, Endpoint, Workers, delete_images, list_all, run_parallel
from .meter import (CLK, CpuMeter, MemSampler, combine_cpu, machine_cpu, process_tree, self_cpu,
                    tree_cpu, wait_quiet)
from .local import CURL_W, Nginx, curl, curl_download, free_port, port_in_use, prepare_file
from .bench import Bench
from .report import ROWS, fmt, print_table, result_json, title
from .cli import check_endpoint, common_args, do_bench, do_purge, main, parser

__all__ = [
    "MB", "MIB", "PHASES", "BenchError", "log", "median", "percentile",
    "STOP", "Client", "Endpoint", "Workers", "delete_images", "list_all", "run_parallel",
    "CLK", "CpuMeter", "MemSampler", "combine_cpu", "machine_cpu", "process_tree", "self_cpu", "tree_cpu",
    "wait_quiet",
    "CURL_W", "Nginx", "curl", "curl_download", "free_port", "port_in_use", "prepare_file",
    "Bench",
    "ROWS", "fmt", "print_table", "result_json", "title",
    "check_endpoint", "common_args", "do_bench", "do_purge", "main", "parser",
]
