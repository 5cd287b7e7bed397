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

# _deps_installed PKG — true if dpkg reports PKG fully installed. A bare name means the machine's
# own architecture (or "all"): with arm64 added for cross builds, dpkg lists libc6-dev twice.
_deps_installed() {
    local native
    native=$(dpkg --print-architecture)
    dpkg-query -W -f='${Status} ${Architecture}\n' "$1" 2>/dev/null |
        grep -Eq "^install ok installed ($native|all)\$" && return 0
    # PKG:ARCH names one architecture, and dpkg-query answers for that one alone.
    [[ $1 == *:* ]] && dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -qx 'install ok installed'
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

# ensure_foreign_arch ARCH — let dpkg install ARCH's packages (libc6-dev:arm64 for cross builds).
ensure_foreign_arch() {
    [[ $1 == "$(dpkg --print-architecture)" ]] && return 0
    dpkg --print-foreign-architectures | grep -qx "$1" && return 0
    if ((EUID != 0)); then
        echo "deps: dpkg does not know architecture $1 and not root: run 'dpkg --add-architecture $1' as root" >&2
        return 1
    fi
    echo "deps: adding architecture $1 to dpkg" >&2
    dpkg --add-architecture "$1"
    _DEPS_APT_UPDATED=0   # the package lists must now be fetched for $1 too
}

# ensure_arm64_cross — clang, lld and an arm64 libc: what NativeAOT needs to link a linux-arm64
# binary here. Debian's cross packages put the arm64 libc where clang finds it without a SysRoot.
ensure_arm64_cross() {
    ensure_foreign_arch arm64 || return 1
    ensure_packages clang lld llvm binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu \
        libc6-dev-arm64-cross libc6-dev:arm64 zlib1g-dev:arm64
}

# ensure_arm64_exec — run arm64 binaries here through qemu-user: qemu-user-static, and binfmt_misc
# mounted with qemu-aarch64 registered (a container may start with binfmt_misc unmounted).
ensure_arm64_exec() {
    [[ $(uname -m) == aarch64 ]] && return 0
    ensure_packages qemu-user-static binfmt-support || return 1
    if [[ ! -e /proc/sys/fs/binfmt_misc/register ]]; then
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || {
            echo "deps: cannot mount binfmt_misc, so arm64 binaries cannot run here" >&2
            return 1
        }
    fi
    [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
    [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || {
        echo "deps: qemu-aarch64 is not registered with binfmt_misc (update-binfmts --enable qemu-aarch64 failed)" >&2
        return 1
    }
}

# ensure_libpcap [ARCH] — libpcap.so.0.8, which footfall captures and sends through (SharpPcap), for
# this machine's architecture or for ARCH (arm64: the Pi's binary under qemu-user needs the arm64
# library). Debian renamed the package for the 64-bit time_t move: libpcap0.8t64 from trixie on,
# libpcap0.8 before it.
ensure_libpcap() {
    local arch=${1:-$(dpkg --print-architecture)} suffix="" pkg
    [[ $arch != "$(dpkg --print-architecture)" ]] && suffix=":$arch"
    for pkg in libpcap0.8t64 libpcap0.8; do
        _deps_installed "$pkg$suffix" && return 0
    done
    [[ -n $suffix ]] && { ensure_foreign_arch "$arch" || return 1; }
    if ((_DEPS_APT_UPDATED == 0)) && ((EUID == 0)); then
        apt-get update >/dev/null 2>&1 && _DEPS_APT_UPDATED=1
    fi
    for pkg in libpcap0.8t64 libpcap0.8; do
        if apt-cache show "$pkg$suffix" >/dev/null 2>&1; then
            ensure_packages "$pkg$suffix"
            return
        fi
    done
    echo "deps: no libpcap package for $arch in the package lists" >&2
    return 1
}
