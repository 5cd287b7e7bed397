# shellcheck shell=bash
# update-lib.sh — what the update scripts share (sourced by stick-update, update-check,
# update-commit): where things are, the status file the daemon shows, and how versions compare.
#
# RAUC does the updating (/etc/rauc/system.conf); these scripts only decide when, and say what
# happened: in the journal, and in /run/footfall/update-status for the status LED and the page
# (image/README.md, "update-status", has the contract).

RUN=/run/footfall
UPDATE_STATUS=$RUN/update-status
# What outlives a reboot: the trial in progress and the last outcome (root only, on /data).
UPDATE_DIR=/data/footfall-update
TRIAL=$UPDATE_DIR/trial
LAST=$UPDATE_DIR/last
# There once update-commit has dealt with this boot's records (so a pending install left on /data
# is one a power cut broke off, not one under way).
CHECKED=$RUN/update-checked
VERSION_FILE=/usr/share/footfall/version

# update_status STATE [FIELD...] — publish a state atomically (one field a line).
update_status() {
    mkdir -p "$RUN"
    printf '%s\n' "$@" >"$UPDATE_STATUS.tmp" && mv -f "$UPDATE_STATUS.tmp" "$UPDATE_STATUS"
}

# boot_checked — say that this boot's records are dealt with (update-commit, at every boot).
boot_checked() { mkdir -p "$RUN" && : >"$CHECKED"; }

# update_record FILE STATE [FIELD...] — the same lines kept on /data, synced before this returns:
# a power cut right after loses nothing that was said.
update_record() {
    local file=$1
    shift
    mkdir -p "$UPDATE_DIR" && chmod 0700 "$UPDATE_DIR"
    printf '%s\n' "$@" >"$file.tmp" && sync "$file.tmp" && mv -f "$file.tmp" "$file" && sync "$UPDATE_DIR"
}

# running_version — this root's footfall version (build-image writes it).
running_version() { cat "$VERSION_FILE" 2>/dev/null || echo 0; }

# version_newer NEW OLD — NEW is a later version than OLD (dotted numbers, as sort -V orders them).
version_newer() {
    [[ $1 != "$2" && $(printf '%s\n%s\n' "$2" "$1" | sort -V | tail -n 1) == "$1" ]]
}

# booted_slot — A or B: the slot this boot came from (rauc.slot= on the kernel command line).
booted_slot() { sed -n 's/.*rauc\.slot=\([AB]\).*/\1/p' /proc/cmdline; }

# cmdline_seconds NAME DEFAULT — footfall.NAME=SECONDS from the kernel command line, or DEFAULT
# (scripts/image-test shortens the trial's times this way).
cmdline_seconds() {
    local v
    v=$(sed -n "s/.*footfall\.$1=\([0-9][0-9]*\).*/\1/p" /proc/cmdline)
    echo "${v:-$2}"
}
