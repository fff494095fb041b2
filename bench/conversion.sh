#!/usr/bin/env bash
# Time of the image_conversion import plugin, this service's against upstream's installed release (Debian's
# python3-glance), on the same staged qcow2, interleaved run by run:
#   bench/conversion.sh [--size-mib 1024] [--runs 3] [--from qcow2] [--to raw] [--dir /tmp/glance-conversion-bench]
# The sample is SIZE MiB of random data written by qemu-img convert; each run stages a fresh copy (not timed).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
size_mib=1024 runs=3 from=qcow2 to=raw dir=/tmp/glance-conversion-bench
while (($#)); do
    case $1 in
        --size-mib) size_mib=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --from) from=$2; shift 2 ;;
        --to) to=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
(cd "$here" && mvn -B -q -DskipTests package && mvn -B -q test-compile) >/dev/null 2>&1
mkdir -p "$dir"
sample=$dir/sample.$from
if [[ ! -f $sample ]]; then
    head -c "$((size_mib << 20))" /dev/urandom > "$dir/sample.raw"
    qemu-img convert -f raw -O "$from" "$dir/sample.raw" "$sample"
    rm -f "$dir/sample.raw"
fi
classpath="$here/target/glance-java.jar:$here/target/lib/*:$here/target/test-classes"
ours() {
    "$JAVA_HOME/bin/java" -cp "$classpath" org.glancej.imports.plugins.ConversionBench "$1" "$from" "$to"
}
upstream() {
    /usr/bin/python3 "$here/bench/upstream_conversion.py" "$1" "$from" "$to" 2>/dev/null
}
declare -a ours_s upstream_s
for ((run = 1; run <= runs; run++)); do
    order=(ours upstream); ((run % 2 == 0)) && order=(upstream ours)
    for side in "${order[@]}"; do
        rm -rf "$dir/staging"; mkdir "$dir/staging"
        staged=$dir/staging/bench-image
        cp "$sample" "$staged"; sync
        read -r seconds format size < <("$side" "$staged")
        echo "run $run $side: ${seconds}s -> $format, $size bytes"
        if [[ $side == ours ]]; then ours_s+=("$seconds"); else upstream_s+=("$seconds"); fi
    done
done
rm -rf "$dir/staging"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
m_ours=$(median "${ours_s[@]}") m_up=$(median "${upstream_s[@]}")
echo "median: ours ${m_ours}s, upstream ${m_up}s, upstream/ours $(awk -v a="$m_up" -v b="$m_ours" 'BEGIN {printf "%.2f", a / b}')x"
