#!/usr/bin/env bash
# Latency under load, creates per second, and idle/slow clients, for one or two endpoints. See bench/README.md.
#   bench/latency.sh --endpoint ours=http://127.0.0.1:9292 [--endpoint upstream=http://127.0.0.1:9393] \
#                    [--pid ours=PID ...] [--token TOKEN] [--phases show,list,mixed,create,idle] ...
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=${BENCH_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
for tool in curl wrk; do
  command -v "$tool" >/dev/null || { echo "latency.sh: $tool not found (Debian: apt-get install curl wrk)" >&2; exit 1; }
done
exec "$PY" "$here/latency.py" "$@"
