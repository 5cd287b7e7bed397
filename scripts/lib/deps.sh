# shellcheck shell=bash
# scripts/lib/deps.sh — install Debian packages the lab/bench scripts need.
#
# Sourced, not run. The machines this project runs on are handed over fresh
# (CI included), so every script installs what it uses instead of assuming a
# hand-prepared host. Checking dpkg first keeps the common case (everything
# already there) fast and offline.
#
#   ensure_packages iproute2 nftables ...

# apt-get update is slow and touches the network: do it at most once per
# process, and only when something actually has to be installed.
_DEPS_APT_UPDATED=${_DEPS_APT_UPDATED:-0}

# _deps_installed PKG — true if dpkg reports PKG fully installed.
_deps_installed() {
    local status
    status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
    [[ $status == "install ok installed" ]]
}

# ensure_packages PKG... — install whichever of PKG... is missing.
ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        _deps_installed "$pkg" || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0

    if ((EUID != 0)); then
        echo "deps: missing packages (${missing[*]}) and not root: run as root or install them first" >&2
        return 1
    fi
    echo "deps: installing ${missing[*]}" >&2
    # apt's chatter would swamp the caller's own messages: keep it in a log
    # and show it only when something goes wrong.
    local log rc=0
    log=$(mktemp /tmp/deps-apt.XXXXXX)
    if ((_DEPS_APT_UPDATED == 0)); then
        apt-get update >"$log" 2>&1 || rc=$?
        if ((rc != 0)); then
            cat "$log" >&2
            echo "deps: apt-get update failed (exit $rc)" >&2
            rm -f "$log"
            return 1
        fi
        _DEPS_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        "${missing[@]}" >"$log" 2>&1 || rc=$?
    if ((rc != 0)); then
        cat "$log" >&2
        echo "deps: apt-get install ${missing[*]} failed (exit $rc)" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
}
