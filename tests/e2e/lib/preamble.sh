# Sourced by every end-to-end script right after it sets HERE: the checks each makes before it starts anything,
# and new_id.

# e2e_keep_only ARGS...: the arguments of a script whose only option is --keep (sets KEEP to 1); -h/--help
# prints the script's usage and exits 0, anything else prints it and exits 2.
e2e_keep_only() {
    KEEP=0
    while (($#)); do
        case $1 in
            --keep) KEEP=1; shift ;;
            -h | --help) usage; exit 0 ;;
            *) usage >&2; exit 2 ;;
        esac
    done
}

# e2e_need_tools SCRIPT TOOL...: exits 2 naming the first TOOL that is not on PATH.
e2e_need_tools() {
    local script=$1 tool
    shift
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$script: '$tool' not found" >&2; exit 2; }
    done
}

# e2e_unset_os_env: no OS_* variable of the caller's shell may point the clients at another cloud.
e2e_unset_os_env() {
    local var
    for var in $(compgen -e); do
        case $var in OS_*) unset "$var" ;; esac
    done
}

# new_id: a fresh image id
new_id() { cat /proc/sys/kernel/random/uuid; }
