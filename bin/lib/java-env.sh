# Sourced by the launchers in bin/: finds a JDK >= 25, (re)builds the jar when sources are newer, and
# runs a main class from it.   Usage:  source lib/java-env.sh; glancej_run org.glancej.Main "$@"
# Honours JAVA_HOME (when >= 25) and GLANCEJ_SKIP_BUILD=1 (use the existing jar as is).

GLANCEJ_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
GLANCEJ_MIN_JAVA=25

# major version of the java binary $1, or nothing if it does not run
glancej_java_major() {
    local version
    version=$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}') || return 0
    version=${version#1.}   # 1.8.0 style
    echo "${version%%[.+-]*}"
}

glancej_find_java() {
    local candidate major best="" best_major=0
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        major=$(glancej_java_major "$JAVA_HOME/bin/java")
        if [[ -n $major ]] && ((major >= GLANCEJ_MIN_JAVA)); then echo "$JAVA_HOME"; return 0; fi
    fi
    if candidate=$(command -v java 2>/dev/null); then
        major=$(glancej_java_major "$candidate")
        if [[ -n $major ]] && ((major >= GLANCEJ_MIN_JAVA)); then
            candidate=$(readlink -f "$candidate"); echo "${candidate%/bin/java}"; return 0
        fi
    fi
    for candidate in /usr/lib/jvm/*/bin/java; do
        [[ -x $candidate ]] || continue
        major=$(glancej_java_major "$candidate")
        if [[ -n $major ]] && ((major >= GLANCEJ_MIN_JAVA && major > best_major)); then
            best=${candidate%/bin/java}; best_major=$major
        fi
    done
    if [[ -n $best ]]; then echo "$best"; return 0; fi
    echo "error: no Java $GLANCEJ_MIN_JAVA or newer found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
    return 1
}

glancej_ensure_built() {
    local jar=$GLANCEJ_HOME/target/glance-java.jar
    if [[ ${GLANCEJ_SKIP_BUILD:-0} == 1 && -f $jar ]]; then return 0; fi
    if [[ -f $jar && -d $GLANCEJ_HOME/target/lib ]] \
            && [[ -z $(find "$GLANCEJ_HOME/pom.xml" "$GLANCEJ_HOME/src/main" -newer "$jar" -print -quit) ]]; then
        return 0
    fi
    if ! command -v mvn >/dev/null 2>&1; then
        echo "error: $jar is missing or stale and Maven (mvn) is not installed to build it" >&2
        return 1
    fi
    echo "building $jar ..." >&2
    local log
    log=$(mktemp)
    if ! (cd "$GLANCEJ_HOME" && JAVA_HOME=$GLANCEJ_JAVA_HOME mvn -q -B -DskipTests package) >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"
        echo "error: build failed" >&2
        return 1
    fi
    rm -f "$log"
}

# glancej_run MAIN_CLASS ARGS...: replaces the shell with the JVM
glancej_run() {
    GLANCEJ_JAVA_HOME=$(glancej_find_java) || exit 1
    glancej_ensure_built || exit 1
    local main=$1; shift
    # the SQLite and JNA drivers load native code
    exec "$GLANCEJ_JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${GLANCEJ_JAVA_OPTS:-} \
        -cp "$GLANCEJ_HOME/target/glance-java.jar:$GLANCEJ_HOME/target/lib/*" "$main" "$@"
}
