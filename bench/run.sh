#!/usr/bin/env bash
# Benchmark one Glance v2 endpoint. See bench/README.md.
#   bench/run.sh --endpoint http://127.0.0.1:9292 [--token TOKEN] [--pid PID] [--size-mib 1024]
#                [--images 1000] [--nginx-port 8089] [--label NAME] [--json] [--keep-seed] ...
#   bench/run.sh --purge --endpoint URL [--token TOKEN]   # delete images the benchmark left behind
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=${BENCH_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
for tool in curl wrk; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found (Debian: apt-get install curl wrk nginx-light)" >&2; exit 1; }
done
if [ "${1:-}" = --purge ]; then shift; PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" exec "$PY" -m glancebench purge "$@"; fi
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" exec "$PY" -m glancebench run "$@"
