# Sourced by end-to-end scripts that report one PASS/FAIL line per check and a summary at the end.
# The script sets CHECKS_WORK (a directory for the list of failures) before the first check.

CHECKS_PASSED=0

# check WHAT COMMAND...: the command must succeed; its output is shown when it does not. Returns 0 either
# way, so that one run lists every difference.
check() {
    local what=$1 out
    shift
    if out=$("$@" 2>&1); then
        echo "PASS  $what"
        CHECKS_PASSED=$((CHECKS_PASSED + 1))
        return 0
    fi
    echo "FAIL  $what"
    echo "$what" >>"$CHECKS_WORK/failures"
    [[ -z $out ]] || sed 's/^/      /' <<<"$out" | tail -n 12
    return 0
}

# checks_summary NAME [LOG]: prints the counts (and the failures with LOG's tail); exits 1 on any failure.
checks_summary() {
    local failed=0
    [[ -f $CHECKS_WORK/failures ]] && failed=$(wc -l <"$CHECKS_WORK/failures")
    echo
    if ((failed)); then
        echo "$1: $failed failed:"
        sed 's/^/  - /' "$CHECKS_WORK/failures"
        if [[ -n ${2:-} && -f $2 ]]; then
            echo "log tail ($2):"
            tail -n 20 "$2"
        fi
    fi
    echo "$CHECKS_PASSED passed, $failed failed"
    ((failed == 0)) || exit 1
}
