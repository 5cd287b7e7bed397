# shellcheck shell=bash
# scripts/lib/image-test-update.sh — signed A/B updates from a USB stick, end to end in QEMU
# (sourced by scripts/image-test after the target's own checks; docs/updates.md is what it proves).
#
# Bundles are made here from the image's own root A, signed with the image's development key
# (artifacts/keys, as build-image made it), in variants: a newer version (the happy path), one
# whose footfall never becomes healthy, one whose kernel cannot boot (it panics), one for the
# other target, one older, one signed by a stranger's key, and the newer one with one byte flipped.
# The target provides: update_start (the VM running slot A with UPDATE_TEST_OPTIONS on its kernel
# command line, which an update's slot gets too), update_boot [STICK] (power on with STICK in, the
# good config's by default, keeping the boot state — the pc's EFI variables, the Pi's boot
# partition — from one boot to the next), OTHER_TARGET, and may replace wait_reboots (the Pi's
# restarts go through the test's firmware stand-in). UPDATE_LEAVE names what a target's full image test leaves to the other target's, for
# CI's time, where the same scripts and RAUC do the same (--updates-only leaves nothing out):
#   refusals      a stranger's signature, a flipped byte and an older bundle (the other target's
#                 bundle is refused on each);
#   power-cut     QEMU killed mid-install;
#   reboot        a reboot after the commit (the rollback that follows ends on the kept slot,
#                 which shows the commit held as well);
#   never-healthy a footfall that never becomes healthy;
#   panic         a kernel that panics.
# The pc leaves the panic (and the reboot), the Pi everything but the panic: each target's own boot
# machinery is still tried, kept and rolled back on both.

# shellcheck source=bundle.sh
source "$SCRIPT_DIR/lib/bundle.sh"

UPD=$WORK/update
KEYS=$ROOT/artifacts/keys
# The trial's hold and give-up, shortened: a minute healthy keeps it, 120 s without gives up.
UPDATE_TEST_OPTIONS="footfall.update_hold=60 footfall.update_give_up=120"
# How long a trial that fails may take, from plugging in to the old slot running again: the
# install, two restarts and the give-up (the target may say more). 431 s alone on 2 cores, 689 s
# beside two emulated Pis; one CI run, beside the Pi's Debian base being made, did not come back
# within 900 s (what it printed did not say where it stood; stuck_said does now).
FAILED_TRIAL_LIMIT=${FAILED_TRIAL_LIMIT:-1500}
# ... a good one, from plugging in to footfall running the new slot;
INSTALL_LIMIT=${INSTALL_LIMIT:-600}
# ... and a reboot asked for, until footfall runs again.
REBOOT_LIMIT=${REBOOT_LIMIT:-300}
UPDATE_LEAVE=${UPDATE_LEAVE:-}
# leaves CASE — this run leaves CASE to the other target's (UPDATE_LEAVE).
leaves() { [[ " $UPDATE_LEAVE " == *" $1 "* ]]; }

# image_root OUT — root A's squashfs, out of the image (its superblock says how long it is).
image_root() {
    local used
    dd if="$IMG" of="$1.part" bs=1M skip="$ROOTA_START_MIB" count="$ROOT_MIB" status=none
    used=$(od -An -t u8 -j 40 -N 8 "$1.part" | tr -d ' ')
    head -c $(((used + 4095) / 4096 * 4096)) "$1.part" >"$1" && rm -f "$1.part"
}

# variant VERSION OUT [EDIT] — root A with VERSION as its footfall version and EDIT (a function
# given the unpacked root) applied, as squashfs OUT.
variant() {
    local dir=$UPD/rootfs
    echo "$1" >"$dir/usr/share/footfall/version"
    [[ -z ${3:-} ]] || "$3" "$dir"
    mksquashfs "$dir" "$2" -noappend -comp zstd -Xcompression-level 3 -quiet -no-progress >/dev/null
    [[ -z ${3:-} ]] || { rm -rf "$dir" && unsquashfs -q -n -d "$dir" "$UPD/root-a.squashfs" >/dev/null; }
}
# A footfall that never says it is healthy: the service runs, the process sleeps.
never_healthy() { printf '#!/bin/sh\nexec sleep infinity\n' >"$1/usr/lib/footfall/start"; }
# A kernel that cannot reach its root: the initramfs is garbage, so the kernel panics (panic=10).
bad_initramfs() { local f; for f in "$1"/boot/initrd.img-*; do head -c 4096 /dev/zero >"$f"; done; }

# bundle_stick NAME BUNDLE — a FAT stick NAME holding BUNDLE at its top (and the office's notes).
bundle_stick() {
    local kib=$(($(stat -c %s "$2") / 1024 + 8192))
    rm -f "$WORK/$1.img"
    mkfs.vfat -C -n UPDATE "$WORK/$1.img" "$kib" >/dev/null
    echo "the office's own notes" >"$UPD/notes.txt"
    mcopy -i "$WORK/$1.img" "$2" "$UPD/notes.txt" ::/
}

# make_update_sticks — the bundles and a stick for each ($UPD), from the image's root A.
make_update_sticks() {
    local v
    ensure_packages squashfs-tools rauc mtools openssl
    rm -rf "$UPD" && mkdir -p "$UPD"
    [[ -f $KEYS/dev.key.pem ]] || { log "no development key in $KEYS (built with --signing-key?): the update checks need it"; return 1; }
    image_root "$UPD/root-a.squashfs" || return 1
    unsquashfs -q -n -d "$UPD/rootfs" "$UPD/root-a.squashfs" >/dev/null || return 1
    IMAGE_VERSION=$(cat "$UPD/rootfs/usr/share/footfall/version")
    NEWER=$IMAGE_VERSION.1 UNHEALTHY=$IMAGE_VERSION.2 PANICS=$IMAGE_VERSION.3
    variant "$NEWER" "$UPD/newer.squashfs"
    variant "$UNHEALTHY" "$UPD/unhealthy.squashfs" never_healthy
    variant "$PANICS" "$UPD/panics.squashfs" bad_initramfs
    local k=$KEYS/dev.key.pem c=$KEYS/dev.cert.pem
    make_bundle "$target" "$NEWER" "$UPD/newer.squashfs" "$k" "$c" "$UPD/footfall-$target-$NEWER.raucb" &&
        make_bundle "$target" "$UNHEALTHY" "$UPD/unhealthy.squashfs" "$k" "$c" "$UPD/footfall-$target-$UNHEALTHY.raucb" &&
        make_bundle "$target" "$PANICS" "$UPD/panics.squashfs" "$k" "$c" "$UPD/footfall-$target-$PANICS.raucb" &&
        make_bundle "$OTHER_TARGET" "$NEWER" "$UPD/newer.squashfs" "$k" "$c" "$UPD/footfall-$OTHER_TARGET-$NEWER.raucb" &&
        make_bundle "$target" 0.0.1 "$UPD/root-a.squashfs" "$k" "$c" "$UPD/footfall-$target-0.0.1.raucb" || return 1
    dev_keys "$UPD/stranger" && mv "$UPD/stranger/dev.key.pem" "$UPD/stranger.key" && mv "$UPD/stranger/dev.cert.pem" "$UPD/stranger.cert"
    make_bundle "$target" "$NEWER" "$UPD/newer.squashfs" "$UPD/stranger.key" "$UPD/stranger.cert" "$UPD/stranger/footfall-$target-$NEWER-stranger.raucb" || return 1
    # One byte flipped in the middle of the bundle: inside the root's image, past the manifest.
    cp "$UPD/footfall-$target-$NEWER.raucb" "$UPD/footfall-$target-$NEWER-flipped.raucb"
    local at=$(($(stat -c %s "$UPD/footfall-$target-$NEWER-flipped.raucb") / 2)) byte
    byte=$(od -An -t u1 -j "$at" -N 1 "$UPD/footfall-$target-$NEWER-flipped.raucb" | tr -d ' ')
    printf "\\x$(printf %02x $((byte ^ 0xff)))" |
        dd of="$UPD/footfall-$target-$NEWER-flipped.raucb" bs=1 seek="$at" conv=notrunc status=none
    bundle_stick upd-newer "$UPD/footfall-$target-$NEWER.raucb"
    bundle_stick upd-unhealthy "$UPD/footfall-$target-$UNHEALTHY.raucb"
    bundle_stick upd-panics "$UPD/footfall-$target-$PANICS.raucb"
    bundle_stick upd-other "$UPD/footfall-$OTHER_TARGET-$NEWER.raucb"
    bundle_stick upd-older "$UPD/footfall-$target-0.0.1.raucb"
    bundle_stick upd-stranger "$UPD/stranger/footfall-$target-$NEWER-stranger.raucb"
    bundle_stick upd-flipped "$UPD/footfall-$target-$NEWER-flipped.raucb"
    rm -rf "$UPD/rootfs" "$UPD"/*.squashfs
    log "update bundles: $(for b in "$UPD"/*.raucb; do printf '%s %s KiB; ' "$(basename "$b")" $(($(stat -c %s "$b") / 1024)); done)"
}

# --- what the checks look at ------------------------------------------------------------------------

UPDATE_WORD='head -n 1 /run/footfall/update-status 2>/dev/null'
slot_is() { vm "grep -q 'rauc.slot=$1 ' /proc/cmdline || grep -q 'rauc.slot=$1\$' /proc/cmdline"; }
running_is() { vm "test \"\$(cat /usr/share/footfall/version)\" = '$1'"; }
primary_is() { vm "test \"\$(/usr/lib/footfall/boot-slot get-primary)\" = $1"; }
# update_said — what the VM says of updates, for the log: the status, the slots, this boot's and
# the boot before's lines of the updater.
update_said() {
    VM_TIMEOUT=20 vm "paste -sd'|' /run/footfall/update-status; echo primary \$(/usr/lib/footfall/boot-slot get-primary); ls /sys/firmware/efi/efivars | grep '^LoaderEntry'; journalctl -D /var/log/journal -b -1 -t stick-update -t update-commit -o cat --no-pager | tail -n 3; journalctl -b -t stick-update -t update-commit -o cat --no-pager | tail -n 3" | sed 's/^/    /' >&2 || true
}
# trial_on SLOT VERSION — this boot came from SLOT, running VERSION, and the other slot is still the default.
trial_on() { slot_is "$1" && running_is "$2" && ! primary_is "$1"; }
# on_slot SLOT [VERSION] — this boot came from SLOT, which is the one to boot next, running VERSION.
on_slot() { slot_is "$1" && primary_is "$1" && { [[ -z ${2:-} ]] || running_is "$2"; }; }
# page_update WORDS — the page's /api/health, fetched from a laptop on the LAN, says WORDS in its update field.
page_update() {
    ip netns exec "ffl-$LAB-bob" curl -fsS --max-time 10 "http://$VM_IP/api/health" 2>/dev/null | jq -e --arg w "$1" '.update // "" | contains($w)' >/dev/null
}
# update_says PATTERN — this boot's update scripts (stick-update, update-commit) said PATTERN. Read
# from the console where their lines reach it (the pc's serial console: nothing is sent to a VM that
# may be restarting, which OVMF would take as key presses), else (UPDATE_SAYS_ON_CONSOLE=0: the Pi's
# console gets no service's lines) from the journal through the test shell, which is safe there:
# the Pi's restarts halt until the test powers it on again.
UPDATE_SAYS_ON_CONSOLE=${UPDATE_SAYS_ON_CONSOLE:-1}
update_says() {
    if ((UPDATE_SAYS_ON_CONSOLE)); then
        grep -aq "$1" "$CONSOLE"
    else
        VM_TIMEOUT=10 vm "journalctl -b -t stick-update -t update-commit -o cat --no-pager | grep -q '$1'"
    fi
}
# reboots_seen N — the console has seen N more kernels start than when BANNERS was noted.
reboots_seen() { (($(banners) >= BANNERS + $1)); }
# wait_reboots N LIMIT — until N more kernels started (a reset each), then the shell and footfall.
wait_reboots() {
    wait_host "$2" reboots_seen "$1" || return 1
    VM_T0=$(date +%s)
    back_up
}
# stuck_said — where a VM that did not come back is: the kernels its console saw start since the
# step began, QEMU's state, the console's last lines (a CI run keeps only what is printed).
stuck_said() {
    log "kernels started since: $(($(banners) - ${BANNERS:-0})); QEMU: $(echo 'info status' | socat - "UNIX-CONNECT:$WORK/monitor" 2>/dev/null | grep -a 'VM status' | tr -d '\r' || echo gone); the console's last lines:"
    tail -n 25 "$CONSOLE" | tr -d '\r' | cut -c1-200 | sed 's/^/    /' >&2
    update_said
}
# console_since BOOT PATTERN — the console of boot BOOT (vm_start's count) or of a later one saw PATTERN.
console_since() {
    local f b
    for f in "$WORK"/console-*.log; do
        b=${f##*/console-} b=${b%%[-.]*}
        ((b >= $1)) && grep -aq "$2" "$f" && return 0
    done
    return 1
}
# history_intact N — who still lists Alice, and every event read before the updates is still there.
history_intact() {
    log_json >"$WORK/upd-after.json" || true
    check "$1 who lists Alice and the history holds every event from before the updates ($(events_count "$WORK/upd-before.json") read then; missing now: $(events_lost "$WORK/upd-before.json" "$WORK/upd-after.json"))" \
        test "$(events_lost "$WORK/upd-before.json" "$WORK/upd-after.json")" = 0
    check "$1 ... and footfall who lists Alice" vm 'footfall who --data /data/footfall | grep -q Alice'
}

# refusal N STICK WORDS WHAT — check N: STICK's bundle is refused (WORDS: refused, failed, or a
# regular expression of them), one
# journal line, the page's word, nothing changed (slot A runs and stays primary, no trial).
refusal() {
    local n=$1 stick=$2 word=$3 what=$4 name
    name=$(mdir -b -i "$WORK/$stick.img" ::/ | grep -i '\.raucb$' | head -n 1)
    name=$(basename "$name")
    plug_stick "$stick"
    if wait_vm 300 "$UPDATE_WORD | grep -qxE '$word' && grep -qF '$name' /run/footfall/update-status"; then
        pass "$n $what: $word ($(vm 'sed -n 3p /run/footfall/update-status' | head -n 1))"
    else
        fail "$n $what: not $word within 300 s; the VM says:"
        VM_TIMEOUT=20 vm "cat /run/footfall/update-status; journalctl -b -u 'footfall-update@*' -o cat --no-pager | tail -n 8" >&2 || true
    fi
    check "$n ... one line in the journal" \
        vm "test \"\$(journalctl -b -u 'footfall-update@*' -o cat --no-pager | grep -F '$name' | grep -c 'nothing changed')\" = 1"
    check "$n ... the page says so (/api/health, from a laptop on the LAN)" wait_host 30 page_update "$name"
    check "$n ... nothing changed: slot A runs and stays the one to boot, no trial" \
        vm "grep -q 'rauc.slot=A' /proc/cmdline && test \"\$(/usr/lib/footfall/boot-slot get-primary)\" = A && ! test -e /data/footfall-update/trial && ! test -e /data/footfall-update/pending"
    pull_stick "$stick"
    sleep 2
}

# failed_trial N STICK WHAT WORDS — check N: STICK's bundle is installed into A, tried, and given up
# on: two restarts later slot B runs NEWER again, and the page says WORDS.
failed_trial() {
    local n=$1 stick=$2 t0
    BANNERS=$(banners) t0=$(date +%s)
    plug_stick "$stick"
    if wait_reboots 2 "$FAILED_TRIAL_LIMIT"; then
        check "$n $3: tried, then back on slot B with $NEWER ($(($(date +%s) - t0)) s from plugging in)" wait_host 60 on_slot B "$NEWER"
        check "$n ... and the page says $4" wait_host 60 page_update "$4"
    else
        fail "$n $3: no trial and return within $FAILED_TRIAL_LIMIT s (console: $CONSOLE)"
        stuck_said
        return 1
    fi
    update_said
    pull_stick "$stick"
}

# update_power_cut N — QEMU killed once RAUC wrote 8 MiB of slot B, then powered on with the stick
# still in, as an office leaves it: slot A boots, says the install was cut short, and installs it
# again by itself (the happy path goes on from there: UPD_RESUMED). What the VM says then is read
# as update_says does.
UPD_RESUMED=0
update_power_cut() {
    plug_stick upd-newer
    if wait_vm 300 "$UPDATE_WORD | grep -qx installing"; then
        check "$1 the newer bundle is being installed: the page says updating to $NEWER" wait_host 20 page_update "updating to $NEWER"
        # The cut comes once RAUC has written 8 MiB of slot B (the partition's own write count).
        wait_vm 120 "test \"\$(awk '{ print \$7 }' /sys/class/block/\$(basename \$(readlink -f /dev/footfall/root-b))/stat)\" -gt 16384" ||
            log "$1 slot B did not get 8 MiB written within 120 s: cutting the power anyway"
        log "$1 power cut during the install (the VM said: $(VM_TIMEOUT=10 vm "$UPDATE_WORD" | head -n 1))"
        vm_kill
        if update_boot upd-newer; then
            PLUGGED=upd-newer BANNERS=$(banners) UPD_RESUMED=1
            check "$1 after the cut: slot A boots (with the stick still in)" slot_is A
            check "$1 ... says the install was cut short" wait_host 120 update_says "slot B: failed: the install was cut short"
            check "$1 ... and installs it again from the stick by itself" wait_host 300 update_says "installing footfall $NEWER from"
        else
            fail "$1 did not boot after a power cut during an install (console: $CONSOLE)"
            return 1
        fi
    else
        fail "$1 the newer bundle's install did not start within 300 s"
        return 1
    fi
}

# update_checks N — the whole story, on a disk that has run the image (update_start boots it if need be).
update_checks() {
    local n=$1 t0 t1
    log "$n. signed A/B updates from a USB stick"
    if ! make_update_sticks; then
        fail "$n could not make the update bundles (above)"
        return
    fi
    if ! update_start; then
        fail "$n did not boot with the test's options on slot A (console: $CONSOLE)"
        return
    fi
    check "$n booted from slot A, which is the one to boot" wait_host 60 on_slot A
    log_json >"$WORK/upd-before.json" || true

    # Refusals: each one line, the page's word, the LED's problem code; the running system untouched.
    if leaves refusals; then
        skip "$n refusals of a stranger's signature, a flipped byte and an older bundle: the $OTHER_TARGET's run has them (the same scripts)"
    else
        refusal "$n" upd-stranger refused "a bundle signed by a stranger's key"
        refusal "$n" upd-flipped 'refused|failed' "the newer bundle with one byte flipped"
    fi
    refusal "$n" upd-other refused "a bundle for $OTHER_TARGET"
    leaves refusals || refusal "$n" upd-older refused "a bundle older than the running footfall"
    check "$n the status LED shows the update's problem code while a refusal stands (/api/health's led)" \
        sh -c "ip netns exec ffl-$LAB-bob curl -fsS --max-time 10 http://$VM_IP/api/health | jq -e '.led | test(\"8 blinks\")' >/dev/null"

    if leaves power-cut; then
        skip "$n a power cut during an install: the $OTHER_TARGET's run has it (RAUC's, the same on both)"
    else
        update_power_cut "$n" || return
    fi

    # The happy path: installed into B, tried once, kept once healthy (after a power cut, the
    # stick left in installs it).
    local from="plugging in"
    if ((UPD_RESUMED)); then
        t0=$VM_T0 from="powering on after the cut"
    else
        BANNERS=$(banners) t0=$(date +%s)
        plug_stick upd-newer
    fi
    if wait_reboots 1 "$INSTALL_LIMIT"; then
        t1=$(date +%s)
        check "$n the newer bundle installed and the machine restarted into slot B ($((t1 - t0)) s from $from to footfall up)" \
            wait_host 60 trial_on B "$NEWER"
        check "$n ... as a trial: the page says it is being tried" wait_host 60 page_update "trying $NEWER"
        if wait_vm 300 "$UPDATE_WORD | grep -qx updated"; then
            check "$n ... kept once footfall was healthy for its hold (60 s here): slot B is the one to boot" primary_is B
        else
            fail "$n ... not kept within 300 s"
        fi
        update_said
    else
        fail "$n no restart into the update within $INSTALL_LIMIT s of $from (console: $CONSOLE)"
        stuck_said
        return
    fi
    pull_stick upd-newer
    if leaves reboot; then
        skip "$n a reboot after the commit: the rollback below ends on B, which shows the commit held"
    else
        BANNERS=$(banners)
        VM_TIMEOUT=5 vm 'systemctl --no-block reboot' >/dev/null 2>&1 || true
        if wait_reboots 1 "$REBOOT_LIMIT"; then
            check "$n after a reboot: still slot B with $NEWER" wait_host 60 on_slot B "$NEWER"
            check "$n ... and the page says updated from $IMAGE_VERSION to $NEWER" wait_host 60 page_update "updated from $IMAGE_VERSION to $NEWER"
        else
            fail "$n did not come back after a reboot on slot B"
        fi
    fi

    # A footfall that never becomes healthy: tried in A, given up on, back to B.
    # (A trial that did not come back leaves the VM where it is: the next one would only wait too.)
    if leaves never-healthy; then
        skip "$n a bundle whose footfall is never healthy: the $OTHER_TARGET's run has it (update-commit, the same on both)"
    else
        failed_trial "$n" upd-unhealthy "a bundle whose footfall is never healthy" \
            "rolled back from $UNHEALTHY to $NEWER: footfall was not healthy" ||
            { skip "$n a bundle whose kernel panics: the trial before did not come back"; return; }
    fi
    # A kernel that panics: the trial never gets going, the reset after the panic returns to B.
    if leaves panic; then
        skip "$n a bundle whose kernel panics: the $OTHER_TARGET's run has it (the rollback that follows a failed trial is tried above)"
    else
        t1=$BOOTS
        failed_trial "$n" upd-panics "a bundle whose kernel panics" "rolled back from $PANICS to $NEWER" || return
        check "$n ... the console saw the panic" console_since "$t1" "Kernel panic"
    fi
    history_intact "$n"
}
