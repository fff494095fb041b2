#!/usr/bin/env bash
# Image downloads of Glance endpoints beside nginx serving the same file, interleaved in one run. See bench/README.md.
#   bench/downloads.sh --endpoint ours=http://127.0.0.1:9292 [--endpoint other=URL ...] [--token T]
#                      [--pid ours=PID ...] [--size-mib 1024] [--runs 5] [--nginx off|on|both] [--wait-quiet S]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=${BENCH_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
command -v curl >/dev/null || { echo "downloads.sh: curl not found" >&2; exit 1; }
exec "$PY" "$here/downloads.py" "$@"
