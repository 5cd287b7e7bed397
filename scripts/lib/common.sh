# shellcheck shell=bash
# scripts/lib/common.sh — what every footfall script does the same way: messages, giving up, and
# cleaning up on the way out. Sourced, not run:
#
#   source "$SCRIPT_DIR/lib/common.sh"
#   log "building lab $LAB"                 # "lab: building lab office" on stderr
#   [[ -f $IMG ]] || die "no image at $IMG"   # "image-test: error: no image at ..." on stderr, exit 1
#   WORK=$(mktemp -d); on_exit 'rm -rf "$WORK"'   # removed however the script ends
#
# Messages go to stderr, so a script's stdout stays its output (a table, a summary line). Each
# starts with the script's name: scripts/test and the CI logs grep for "image-test: PASS",
# "build-image: error" and the like, so keep that shape.

# Sourced twice (a script and a library it sources both ask for it): define everything once.
[[ -n ${_COMMON_SH_LOADED:-} ]] && return 0
_COMMON_SH_LOADED=1

# --- messages ------------------------------------------------------------------------------------

# PROG — the name messages start with. A script may set it (scripts/lab sets PROG=lab); unset, it is
# the name the script was run by (scripts/bench-zoo -> bench-zoo). Read at each message, so it may
# be set before or after this file is sourced.
#
# LOG_QUIET — 1 silences log (scripts/lab -q: quiet when other scripts call it); die always speaks.
# Starts at 0 here, whatever the environment says, so no stray variable silences a script.
LOG_QUIET=0

# log MESSAGE... — "PROG: MESSAGE" on stderr: progress, results, what was kept.
log() { ((LOG_QUIET)) || echo "${PROG:-${0##*/}}: $*" >&2; }

# die [--code N] MESSAGE... — "PROG: error: MESSAGE" on stderr, then exit 1 (or N). Say what to fix:
# die "run as root: the lab is made of network namespaces". Cleanups registered with on_exit run.
die() {
    local code=1
    if [[ ${1:-} == --code ]]; then
        code=$2
        shift 2
    fi
    echo "${PROG:-${0##*/}}: error: $*" >&2
    exit "$code"
}

# --- cleanup on exit -----------------------------------------------------------------------------

# on_exit COMMAND — run COMMAND (a string, evaluated then, so variables are read at exit: quote it
# in single quotes) when the script ends: normally, by exit or die, by a failed command under
# set -e, by Ctrl-C (INT) or by kill (TERM). Call it once per thing to undo, right after making the
# thing; the commands run once, the last registered first (what was made last is undone first,
# as with nested setup). A failing command does not stop the ones after it.
#
# The script's exit code is kept: what it exited with, 130 after Ctrl-C, 143 after TERM (as a shell
# reports a process killed by those signals); EXIT_ON_TERM changes the latter for scripts that have
# always exited 130 on TERM too. While the commands run, INT and TERM are back to their defaults:
# a second Ctrl-C stops the cleanup at once instead of starting it again.
#
# For a trap that is only wanted for a while (scripts/lab tears a half-built lab down only while
# building it), set and clear your own trap instead; this is for "undo this whenever we leave".
_ON_EXIT=()
EXIT_ON_INT=130
EXIT_ON_TERM=143
on_exit() {
    _ON_EXIT+=("$1")
    if ((${#_ON_EXIT[@]} == 1)); then
        trap _on_exit_run EXIT
        trap 'exit "$EXIT_ON_INT"' INT
        trap 'exit "$EXIT_ON_TERM"' TERM
    fi
}

# _on_exit_run — the EXIT trap: every on_exit command, newest first, then exit with the script's code.
# shellcheck disable=SC2317  # called by the trap
_on_exit_run() {
    local rc=$? i
    trap - EXIT INT TERM
    for ((i = ${#_ON_EXIT[@]} - 1; i >= 0; i--)); do
        eval "${_ON_EXIT[i]}" || true
    done
    exit "$rc"
}
