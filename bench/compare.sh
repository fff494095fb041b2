#!/usr/bin/env bash
# Benchmark two Glance v2 endpoints in one run, measurements interleaved, and
# print each figure side by side with the ratio A/B. See bench/README.md.
#   bench/compare.sh --endpoint http://127.0.0.1:9292 [--token T] [--pid PID] [--label ours] \
#                    --vs-endpoint http://127.0.0.1:9393 [--vs-token T] [--vs-pid PID] [--vs-label upstream] \
#                    [--size-mib 1024] [--images 1000] [--json] ...
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=${BENCH_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
for tool in curl wrk; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool not found (Debian: apt-get install curl wrk nginx-light)" >&2; exit 1; }
done
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" exec "$PY" -m glancebench compare "$@"
