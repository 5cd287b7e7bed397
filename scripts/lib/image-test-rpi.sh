# shellcheck shell=bash disable=SC2016  # commands in single quotes are expanded by the VM's shell
# scripts/lib/image-test-rpi.sh — scripts/image-test --target rpi: the Raspberry Pi image in
# qemu-system-aarch64 -accel tcg. Sourced by scripts/image-test after the common setup.
#
# Two emulated machines boot the same card (a copy of footfall-rpi.img, padded to 2 GiB: QEMU's SD
# card must be a power of two in size), each with Debian's arm64 kernel and initramfs taken from the
# card's boot partition and the kernel command line of its cmdline.txt. QEMU does not run the Pi's
# GPU firmware, which on a real Pi reads config.txt (or tryboot.txt) and starts the kernel of the
# slot folder its os_prefix names: here the test reads them the same way (firmware_read) and QEMU
# starts that kernel. A restart halts the kernel (nothing in it can reset raspi3b here, below): the
# test powers the board on again through the same stand-in (wait_reboots).
#
#   raspi3b  the Pi 3B's SoC (BCM2837) with the image's own bcm2837-rpi-3-b.dtb: its SD card
#            controller, its GPIO chip (pinctrl-bcm2835, 54 lines) and its USB (dwc2) with a hub
#            carrying a USB network adapter (usb-net: cdc_ether) into the lab, the USB stick
#            (usb-storage) and a USB serial adapter (usb-serial: ftdi_sio, ttyUSB0) for the test
#            shell: the mini UART carries the console and the PL011 belongs to Bluetooth.
#            QEMU's model of the BCM2835 watchdog resets the board as soon as it is started, with
#            no countdown, so these boots add modprobe.blacklist=bcm2835_wdt: footfall finds no
#            /dev/watchdog and carries on without one (the watchdog is checked on virt).
#   virt     QEMU's generic arm64 board (Cortex-A53) with an i6300esb watchdog, virtio disk and
#            NIC: the same root, kernel and initramfs, for the watchdog. The image's console
#            (ttyS1, the Pi's mini UART) does not exist there, so console=ttyAMA0 is added; the
#            test shell is on a PCI serial port (ttyS0: a USB serial adapter on its xHCI
#            controller was seen attached as ttyUSB0, but the shell on it never answered).
#
# Checks:
#   1 raspi3b: boot from the SD card with cmdline.txt's command line and the boot partition's DTB;
#     / the read-only squashfs, /data made on first boot, footfall as its own user; it sweeps
#   2 raspi3b: a stick on usb-storage configures it; Alice's phone joining (through usb-net) is
#     logged as an arrival and posted once, correctly signed, on the fake X server
#   3 raspi3b: person LEDs on the Pi's own GPIO chip (leds.chip "pinctrl-bcm2835"): a person's line
#     is driven high on arrival, low on departure (read back from /sys/kernel/debug/gpio)
#   4 power cut on raspi3b while events are written, then booted on virt: integrity ok, nothing
#     committed lost, nobody announced twice
#   5 virt: footfall frozen with SIGSTOP: the i6300esb resets the VM, which comes back working
#   6 raspi3b (run after 3): the under-voltage sensor, raspberrypi-hwmon built out of tree: in the
#     image for its kernel, registered by the firmware driver, loaded by udev, bound, rpi_volt's
#     in0_lcrit_alarm readable and read by footfall (hwmon_check)
#   7 (run after 3) raspi3b: a support report onto a stick through the Pi's USB (dwc2), as the
#     pc's check 9 (scripts/lib/image-test.sh, report_checks), in the first boot: no boot before it
#   clock (run after 3) footfall-clock restores the newest time the card recorded, never back
#  10 (run after 7) raspi3b: signed A/B updates from a stick (scripts/lib/image-test-update.sh, as
#     the pc's check 10, lean: the Pi's own parts): the other target's bundle refused; the newer one
#     installed into B/ and root B, tried once through tryboot.txt and the flag footfall-tryboot
#     sets (QEMU's mailbox trace shows the tag), kept in config.txt once healthy; one whose kernel
#     panics tried in A and back on B. --updates-only runs all of the pc's check 10 here instead.
# With --card (scripts/bench-card), between 3 and 4, card_day measures the whole card idle for
# FFL_CARD_SECONDS (1200: a whole number of footfall's 20-minute persists) on raspi3b: bytes a day
# per partition, footfall's share, the clock's touch, the daily clean-up, footfall's wakeups. They
# are figures of a benchmark, printed, not checks.

ensure_packages qemu-system-arm
# The emulated Pi is slower to boot than the PC, and its first boot formats /data on the SD card.
BOOT_LIMIT=${FFL_IMAGE_BOOT_LIMIT:-480}
DISK=$WORK/sd.img
cp --sparse=always "$IMG" "$DISK"
truncate -s 2G "$DISK"   # a card larger than the image (first boot fills it with /data), 2^n bytes
DTB=bcm2837-rpi-3-b.dtb

# The firmware stand-in. On a Pi the GPU firmware reads config.txt from the boot partition — or
# tryboot.txt, for the one boot after the kernel set the tryboot flag — and starts the kernel,
# initramfs, device tree and cmdline.txt of the folder its os_prefix names (A/ or B/: the update
# slots). QEMU cannot run that firmware, so firmware_read does its part at every power-on: it reads
# the card's boot partition as it is then and gives QEMU those files. The flag is what
# footfall-tryboot said on the console as the boot before restarted (TRYBOOT_FLAG, set by
# wait_reboots below); as on a Pi it is cleared as it is read. FIRMWARE_READ says what was read.
# Every raspi3b boot also gets the updates' shortened trial (UPDATE_TEST_OPTIONS, check 10).
TRYBOOT_FLAG=0
firmware_read() {
    local txt=config.txt prefix boot=$DISK@@${BOOT_START_MIB}M
    ((TRYBOOT_FLAG)) && txt=tryboot.txt
    TRYBOOT_FLAG=0
    mcopy -n -i "$boot" "::/$txt" "$WORK/firmware.txt" || { log "the firmware stand-in cannot read $txt"; return 1; }
    prefix=$(sed -n 's|^[[:space:]]*os_prefix=||p' "$WORK/firmware.txt" | tail -n 1)
    rm -f "$WORK/vmlinuz" "$WORK/initrd.img" "$WORK/cmdline.txt" "$WORK/$DTB"
    mcopy -n -i "$boot" "::/${prefix}vmlinuz" "::/${prefix}initrd.img" "::/${prefix}cmdline.txt" "::/$prefix$DTB" "$WORK/" ||
        { log "the firmware stand-in cannot read $txt's ${prefix}vmlinuz, initrd.img, cmdline.txt and $DTB"; return 1; }
    IMAGE_CMDLINE=$(tr -d '\n' <"$WORK/cmdline.txt")
    RASPI_CMDLINE="$IMAGE_CMDLINE footfall.testshell=ttyUSB0 modprobe.blacklist=bcm2835_wdt $UPDATE_TEST_OPTIONS"
    VIRT_CMDLINE="$IMAGE_CMDLINE footfall.testshell=ttyS0 console=ttyAMA0,115200"
    FIRMWARE_READ="$txt: ${prefix:-no os_prefix}"
}

write_config "$WORK/good.json" pinctrl-bcm2835 "{ \"timeout\": \"${WATCHDOG_TIMEOUT}s\" }"
make_stick good "$WORK/good.json"
lab_start

# --- 10. the updates: raspi3b, restarts through the firmware stand-in ------------------------------

# shellcheck source=image-test-update.sh
source "$SCRIPT_DIR/lib/image-test-update.sh"
OTHER_TARGET=pc
UPDATE_SAYS_ON_CONSOLE=0   # the console (the Pi's serial port) gets the kernel's lines, not the services'
update_boot() { boot raspi3b "${1:-good}"; }
# update_start — the raspi3b the checks before left running (the stand-in gives every boot the
# shortened trial, UPDATE_TEST_OPTIONS), or a new boot.
update_start() { [[ -n $QEMU_PID && $CONSOLE == *raspi3b* ]] || update_boot; }
# pi_restarting — this boot's kernel went down to restart: "reboot: Restarting system" (a reboot)
# or "Rebooting in N seconds" (a panic). The test keeps bcm2835-wdt out (QEMU's model of it resets
# at once), so no driver restarts raspi3b and the kernel halts there: the power-cycle is the test's.
pi_restarting() { grep -saqE 'reboot: Restarting system|Rebooting in [0-9]+ seconds' "$CONSOLE"; }
# wait_reboots N LIMIT — raspi3b restarts N times within LIMIT s, each one started again through
# the firmware stand-in with the tryboot flag as footfall-tryboot set it (its console line) and the
# stick still in, as a Pi's USB port keeps it; then the test shell and footfall.
wait_reboots() {
    local i t0 left
    t0=$(date +%s)
    for ((i = 1; i <= $1; i++)); do
        left=$(($2 - ($(date +%s) - t0)))
        ((left > 0)) && wait_host "$left" pi_restarting || return 1
        sleep 2
        grep -aq 'footfall-tryboot: tryboot flag set' "$CONSOLE" && TRYBOOT_FLAG=1
        vm_kill
        vm_start raspi3b "${PLUGGED:-}" || return 1
        log "restart $i of $1: the firmware stand-in read $FIRMWARE_READ"
    done
    back_up
}
FAILED_TRIAL_LIMIT=1800 INSTALL_LIMIT=1000 REBOOT_LIMIT=600
# The trial's flag reached the firmware: QEMU's trace of the mailbox saw SET_REBOOT_FLAGS (0x00038064)
# asked, and what its model answered (it keeps no flag: the stand-in reads the module's word).
tryboot_asked() { awk '/tag:0x00038064/ { print; found = 1; exit } END { exit !found }' "$WORK"/qemu-raspi-*.log; }
tryboot_check() {
    check "10 the tryboot flag reached the firmware's mailbox (QEMU's trace: $(tryboot_asked | sed 's/.*mbox property //' || echo none))" tryboot_asked
}

# The Pi has no clock that runs without power: it boots with the time of its last save and gets
# the right one by NTP, which the lab does not serve. The test sets it from the host instead, as
# soon as it can (the fake X server refuses signatures from a clock that is far off).
shell_up() { vm "date -u -s @$(date +%s) >/dev/null"; }

# vm_start raspi3b|virt [STICK] — power on that machine with STICK (from make_stick) plugged in.
vm_start() {
    BOOTS=$((BOOTS + 1))
    local machine stick=()
    firmware_read || return 1
    CONSOLE=$WORK/console-$BOOTS-$1.log
    if [[ $1 == raspi3b ]]; then
        # The DTB's console is the mini UART, QEMU's second serial port; the first (PL011) is wired
        # to Bluetooth in the DTB. dwc2 has one root port: everything USB sits behind a hub.
        machine=(-M raspi3b -dtb "$WORK/$DTB" -append "$RASPI_CMDLINE"
            -drive "file=$DISK,if=sd,format=raw,cache=writeback"
            -netdev "tap,id=n0,ifname=$TAP,script=no,downscript=no" -device usb-hub,id=hub
            -device "usb-net,netdev=n0,mac=$VM_MAC" -device usb-serial,chardev=sh
            -serial null -serial "file:$CONSOLE"
            # What QEMU's firmware model was asked and what it answered, and what its models do
            # not do (hwmon_check reads it).
            -d unimp,guest_errors -trace bcm2835_mbox_property -D "$WORK/qemu-raspi-$BOOTS.log")
    else
        machine=(-M virt -cpu cortex-a53 -smp 2 -m 1024 -append "$VIRT_CMDLINE"
            -drive "file=$DISK,if=virtio,format=raw,cache=writeback"
            -netdev "tap,id=n0,ifname=$TAP,script=no,downscript=no" -device "virtio-net-pci,netdev=n0,mac=$VM_MAC"
            -device qemu-xhci -device pci-serial,chardev=sh
            -device i6300esb -action watchdog=reset -serial "file:$CONSOLE")
    fi
    [[ -n ${2:-} ]] && stick=(-drive "if=none,id=$2,format=raw,file=$WORK/$2.img"
        -device "usb-storage,drive=$2,id=$2-dev,serial=$2")
    shell_pipes
    VM_T0=$(date +%s)
    nsenter --net="$SW_NS" qemu-system-aarch64 -accel tcg -display none \
        -kernel "$WORK/vmlinuz" -initrd "$WORK/initrd.img" "${machine[@]}" \
        -chardev "pipe,id=sh,path=$WORK/sh" "${stick[@]}" \
        -monitor "unix:$WORK/monitor,server=on,wait=off" >"$WORK/qemu-$BOOTS.log" 2>&1 &
    QEMU_PID=$!
    shell_open
}

# stick_let_go NAME — raspi3b: before QEMU pulls stick NAME out, the VM unbinds its driver (what an
# eject does), so no transfer to it is in flight. CI saw QEMU abort once at a device_del in check 7
# (qemu-system-aarch64 7.2; its message was not kept, the monitor now prints it). The likely trigger:
# dwc2's model completes a transfer by looking its device up again, and with the device gone
# usb_ep_get's assert ends QEMU. For footfall it is a pull all the same: the disk goes away under
# whatever had it open, then the USB device.
stick_let_go() {
    local let_go
    if ! let_go=$(VM_TIMEOUT=30 vm "for d in /sys/bus/usb/devices/*; do test \"\$(cat \$d/serial 2>/dev/null)\" = $1 || continue; for i in \$d/*:*; do test -e \$i/driver && echo -n \${i##*/} >\$i/driver/unbind && echo \${i##*/}; done; done; true"); then
        log "the VM did not answer before stick $1 was pulled out: pulled out as it was"
    elif [[ -z $let_go ]]; then
        log "the VM had no driver bound to a USB device with serial $1: pulled out as it was"
    else
        log "stick $1: the VM unbound $(echo $let_go) before the pull"
    fi
}

# hwmon_check N — raspi3b: the under-voltage sensor. raspberrypi-hwmon is built out of tree for the
# image's kernel (image/kmod/build-rpi-modules); nothing lists it to load: the firmware driver (built
# in) registers the raspberrypi-hwmon platform device when the firmware answers GET_THROTTLED, and
# udev loads the module by its alias. What a real Pi does, and QEMU's raspi3b too, but there the
# value means nothing: QEMU 7.2's firmware model does not implement GET_THROTTLED, answers it with
# no value (its trace, logged at the end, says "out_sz:0" and "unhandled tag"), and the driver
# reads back the 0xffff it sent: an alarm of 0, always. docs/image.md has what only a real Pi shows.
hwmon_check() {
    local n=$1
    log "$n. raspi3b: the under-voltage sensor (raspberrypi-hwmon, built out of tree)"
    check "$n the image carries raspberrypi-hwmon.ko built for its own kernel, with the alias udev loads it by" vm \
        'modinfo -n raspberrypi-hwmon | grep -q "/modules/$(uname -r)/updates/raspberrypi-hwmon.ko$" && modinfo -F vermagic raspberrypi-hwmon | grep -q "^$(uname -r) " && modinfo -F alias raspberrypi-hwmon | grep -qx platform:raspberrypi-hwmon'
    check "$n nothing but udev loads it (no modules-load.d, no softdep)" vm \
        '! grep -rqs raspberrypi.hwmon /etc/modules-load.d /usr/lib/modules-load.d /etc/modprobe.d /usr/lib/modprobe.d'
    check "$n the firmware driver registered the raspberrypi-hwmon device under its node" vm \
        'readlink -f /sys/bus/platform/devices/raspberrypi-hwmon | grep -q "/soc:firmware/raspberrypi-hwmon$"'
    check "$n udev loaded the module, and it bound to that device" wait_vm 30 \
        'grep -q "^raspberrypi_hwmon " /proc/modules && test -e /sys/bus/platform/drivers/raspberrypi-hwmon/raspberrypi-hwmon'
    # The path footfall reads (src/Footfall/Hardware/PiSensors.cs): the hwmon device named rpi_volt
    # among /sys/class/hwmon/*, its in0_lcrit_alarm.
    check "$n the device shows as hwmon rpi_volt with an in0_lcrit_alarm of 0 or 1" vm \
        'for h in /sys/class/hwmon/*; do test "$(cat $h/name)" = rpi_volt && grep -qx "[01]" $h/in0_lcrit_alarm && echo found; done | grep -q found'
    check "$n footfall watches it (its journal) and keeps its reading (who --json: underVoltage false)" wait_vm 90 \
        'journalctl -b -u footfall --no-pager -o cat | grep -Eq "Pi: watching.*the supply \(rpi_volt\)|under-voltage alarm \(rpi_volt\) can be read now" && footfall who --data /data/footfall --json | grep -q "\"underVoltage\": false"'
    # QEMU's trace of the firmware's mailbox: each tag asked, with the bytes it wrote back (out_sz).
    local qlog=$WORK/qemu-raspi-$BOOTS.log asked
    asked=$(grep -c "bcm2835_mbox_property.*tag:0x00030046" "$qlog") || true
    log "QEMU's firmware model was asked GET_THROTTLED (0x00030046) $asked times: $(
        grep -m1 "bcm2835_mbox_property.*tag:0x00030046" "$qlog" | sed 's/.*mbox property //') $(
        grep -m1 "unhandled tag 0x00030046" "$qlog")"
    log "raspi3b's rpi_volt: $(vm 'for h in /sys/class/hwmon/*; do echo "$(readlink -f $h) name=$(cat $h/name) in0_lcrit_alarm=$(cat $h/in0_lcrit_alarm 2>/dev/null)"; done; dmesg | grep -Ei "raspberrypi-firmware|raspberrypi-hwmon|rpi_volt|undervoltage|voltage normalised"' | tr '\n' ';' || echo '?')"
}

if ((updates_only)); then
    log "only the updates: a first boot with the good stick, Alice in, then check 10"
    if boot raspi3b good; then
        lab -q join "$LAB" alice
        wait_vm 90 'footfall log --data /data/footfall --json | grep -q "\"Alice\""' || log "Alice's arrival was not logged"
        update_checks 10
        tryboot_check
    else
        fail "10 footfall was not running $BOOT_LIMIT s after power-on (console: $CONSOLE)"
    fi
    vm_kill
    return
fi

# --- 1. raspi3b: boot from the SD card -----------------------------------------------------------

log "1. raspi3b: first boot from the SD card, no stick (creates /data); up to $BOOT_LIMIT s"
if boot raspi3b; then
    FIRST_BOOT=$BOOT_SECONDS
    pass "1 raspi3b booted to footfall running in $BOOT_SECONDS s (limit $BOOT_LIMIT s, first boot makes /data)"
    check "1 the kernel command line is the image's cmdline.txt (and the test's flags)" \
        test "$(vm cat /proc/cmdline)" = "$RASPI_CMDLINE"
    check "1 the device tree is the boot partition's $DTB (a Raspberry Pi 3 Model B)" \
        vm 'tr -d "\0" </proc/device-tree/model | grep -qx "Raspberry Pi 3 Model B" && grep -q raspberrypi,3-model-b /proc/device-tree/compatible'
    check "1 / is the read-only squashfs on the SD card (mmcblk0p2)" \
        vm 'findmnt -no SOURCE,FSTYPE,OPTIONS / | grep -q "^/dev/mmcblk0p2 *squashfs *ro"'
    check "1 /data was made on first boot (ext4 on mmcblk0p4) and holds the database" \
        vm 'journalctl -b -u footfall-data --no-pager | grep -q "first boot: creating partition" && findmnt -no SOURCE,FSTYPE /data | grep -q "^/dev/mmcblk0p4 *ext4" && test -s /data/footfall/footfall.db'
    check "1 footfall runs as user footfall with only CAP_NET_RAW and CAP_NET_BIND_SERVICE (the status page on port 80)" vm \
        'p=$(systemctl show -p MainPID --value footfall); test "$(stat -c %U /proc/$p)" = footfall && grep -q "^CapEff:.*0000000000002400$" /proc/$p/status'
    check "1 before any config: status says missing" test "$(config_status)" = missing
    check "1 it sweeps the office through the USB network adapter (footfall devices lists Bob's laptop)" \
        wait_vm 90 'footfall devices --data /data/footfall | grep -q 02:ff:01:00:00:0b'
    log "raspi3b, watchdog left out on purpose: $(vm 'journalctl -b -u footfall --no-pager -o cat | grep -m1 "watchdog:"' || echo '?')"
else
    fail "1 footfall was not running on raspi3b $BOOT_LIMIT s after power-on (console: $CONSOLE)"
    tail -n 30 "$CONSOLE" >&2
    why_not_up
    return
fi

# --- 2. raspi3b: a stick, an arrival, a post -----------------------------------------------------

log "2. raspi3b: plugging in a stick with a good config (usb-storage behind the hub)"
monitor "drive_add 0 if=none,id=stick1,format=raw,file=$WORK/good.img"
monitor "device_add usb-storage,drive=stick1,id=stickdev1"
good_sum=$(sha256sum <"$WORK/good.json" | cut -d' ' -f1)
check "2 the stick's config is applied without a reboot" \
    wait_vm 120 "test \"\$(head -n 1 /run/footfall/config-status)\" = applied && sha256sum </data/footfall/footfall.json | grep -q $good_sum"
check "2 footfall runs with it (who lists Alice and Bob)" \
    wait_vm 60 'footfall who --data /data/footfall | grep -q Alice && footfall who --data /data/footfall | grep -q Bob'
lab -q join "$LAB" alice
check "2 Alice's phone joins: an arrival is logged" \
    wait_vm 60 'footfall log --data /data/footfall --json | grep -q "\"Alice\""'
check_posted 2 Alice

# --- 3. raspi3b: LEDs on the Pi's GPIO chip ------------------------------------------------------

# debugfs lists every requested line as " gpio-N (NAME|CONSUMER) out hi": the level read back from
# the chip's level register (GPLEV), which QEMU's model sets from what footfall writes.
log "3. raspi3b: LEDs on pinctrl-bcm2835, Alice's on GPIO17, Bob's on GPIO22"
vm 'mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug' || true
# footfall requests its lines through System.Device.Gpio's LibGpiodV2Driver, whose consumer name is
# "C#-LibGpiodV2Driver-PID" (debugfs shows its first 20 characters); that footfall is the holder is
# checked through its file descriptors below.
# led_is LINE hi|lo — until GPIO LINE, requested as an output by libgpiod, reads back at that level.
led_is() { wait_vm 60 "grep -Eq '\\(GPIO$1 *\\|C#-LibGpiodV2Driver[^)]*\\) out $2' /sys/kernel/debug/gpio"; }
check "3 the chip is the Pi's own: pinctrl-bcm2835 with 54 lines" \
    vm 'grep -q "^gpiochip0: GPIOs [0-9]*-[0-9]*, parent: platform/.*, pinctrl-bcm2835" /sys/kernel/debug/gpio && test "$(grep -c "^ gpio-" /sys/kernel/debug/gpio)" -ge 54'
check "3 footfall holds lines of the chip (gpio-line requests)" \
    wait_vm 60 'ls -l /proc/$(systemctl show -p MainPID --value footfall)/fd | grep -q gpio-line'
check "3 Alice is in: GPIO17 is driven high by footfall" led_is 17 hi
check "3 Bob is in: GPIO22 is high" led_is 22 hi
lab -q leave "$LAB" alice
check "3 Alice's phone leaves: GPIO17 goes low" led_is 17 lo
check "3 ... and GPIO22 stays high" led_is 22 hi
lab -q join "$LAB" alice
check "3 Alice is back: GPIO17 is high again" led_is 17 hi
vm 'grep LibGpiodV2Driver /sys/kernel/debug/gpio' | sed 's/^/    /' >&2 || true

# --- 6. raspi3b: the under-voltage sensor (before the power cut: raspi3b is up) -------------------

hwmon_check 6
# For whoever trims the image's kernel modules: what this board needed (the stick's included).
# (A few per line: a serial line of 600 characters was seen cut short.)
modules() { vm 'cut -d" " -f1 /proc/modules | sort | xargs -n 10' | tr '\n' ' '; }
log "kernel modules loaded on raspi3b: $(modules)"

# --- the whole card: what a day writes to it, and footfall's wakeups -----------------------------

# card_snapshot FILE — what the card's partitions have written so far (/proc/diskstats, sectors),
# footfall's main PID, its write_bytes and journald's (/proc/PID/io) and each of footfall's threads'
# name and context switches, as lines "part NAME SECTORS", "pid PID", "io BYTES", "jio BYTES",
# "task TID NAME SWITCHES" in FILE (here, on the host).
card_snapshot() {
    vm 'p=$(systemctl show -p MainPID --value footfall); echo pid $p; grep -E " mmcblk0(p[0-9]+)? " /proc/diskstats; grep ^write_bytes /proc/$p/io; echo jio $(grep ^write_bytes /proc/$(systemctl show -p MainPID --value systemd-journald)/io); for t in /proc/$p/task/*; do echo task ${t##*/} $(tr " " _ <$t/comm) $(grep -h ctxt $t/status); done' |
        awk '$1 == "pid" { print } $3 ~ /^mmcblk0/ { print "part", $3, $10 } $1 == "write_bytes:" { print "io", $2 }
            $1 == "jio" { print "jio", $3 } $1 == "task" { print "task", $2, $3, $5 + $7 }' >"$1"
}

# card_per_day BEFORE AFTER SECONDS — from two snapshots SECONDS apart, bytes a day ("NAME BYTES"
# lines): each partition, footfall's own, journald's, and the rest of /data's (ext4's journal and
# metadata; -1 for footfall's and the rest if footfall restarted between).
card_per_day() {
    awk -v s="$3" 'FNR == NR { if ($1 == "part") p0[$2] = $3; if ($1 == "io") io0 = $2; if ($1 == "jio") j0 = $2; if ($1 == "pid") pid0 = $2; next }
        $1 == "part" { b = ($3 - p0[$2]) * 512 * 86400 / s; print $2, b; if ($2 == "mmcblk0p4") data = b }
        $1 == "io" { io = ($2 - io0) * 86400 / s } $1 == "jio" { j = ($2 - j0) * 86400 / s } $1 == "pid" { same = ($2 == pid0) }
        END { print "footfall", (same ? io : -1); print "journald", j; print "rest", (same ? data - io - j : -1) }' "$1" "$2"
}
# card_mb NAME — NAME's bytes a day from card_per_day's lines in $WORK/card-day, in MB.
card_mb() { awk -v k="$1" '$1 == k { printf "%.2f MB", $2 / 1e6 }' "$WORK/card-day"; }

# card_trace_start — in the VM, trace what writes to the card (a tracefs instance of its own): ext4's
# write-back, fsyncs and inode changes by inode and caller, jbd2's commits, and each write request
# with its flags (M: metadata or ext4's journal). card_trace_report says what it saw.
card_trace_start() {
    vm 'T=/sys/kernel/tracing; mountpoint -q $T || mount -t tracefs none $T; mkdir -p $T/instances/card && cd $T/instances/card && echo 4096 >buffer_size_kb && for e in ext4/ext4_mark_inode_dirty ext4/ext4_writepages ext4/ext4_sync_file_enter jbd2/jbd2_run_stats block/block_rq_issue; do echo 1 >events/$e/enable; done && echo >trace && echo 1 >tracing_on' ||
        log "card: tracefs could not be set up in the VM: no break-down of the card's writes"
}

# card_trace_report — stop the trace and print (on stderr): jbd2's commits and the blocks they
# logged; the write requests' KB with and without the metadata flag; ext4's events by inode (its
# path on /data) and caller, busiest first.
card_trace_report() {
    local cmd
    cmd=$(
        cat <<'VM'
cd /sys/kernel/tracing/instances/card && echo 0 >tracing_on
awk '/jbd2_run_stats:/ { n++; for (i = 1; i < NF; i++) if ($i == "blocks_logged") b += $(i + 1) } END { printf "jbd2: %d commits, %d blocks logged\n", n, b }' trace
awk 'match($0, /block_rq_issue: [0-9,]+ W[A-Z]* [0-9]+/) { split(substr($0, RSTART, RLENGTH), f, " "); k = (f[3] ~ /M/ ? "metadata and journal" : "data"); kb[k] += f[4] / 1024; c[k]++ } END { for (k in kb) printf "writes, %s: %d KB in %d requests\n", k, kb[k], c[k] }' trace
awk 'match($0, /ext4_[a-z_]+: dev [0-9,]+ ino [0-9]+/) { split(substr($0, RSTART, RLENGTH), f, " "); e = f[1]; sub(/:$/, "", e); c = ""; if ($(NF - 1) == "caller") { c = $NF; sub(/\+.*/, "", c) } k[e " " f[5] " " c]++ } END { for (x in k) print k[x], x }' trace | sort -rn | head -n 20 | while read -r n e i c; do echo "$n $e ino $i $(find /data -xdev -inum "$i" 2>/dev/null | head -n 1) $c"; done
cd / && rmdir /sys/kernel/tracing/instances/card
VM
    )
    VM_TIMEOUT=60 vm "$cmd" | sed 's/^/    card trace: /' >&2 || log "card: no trace from the VM"
}

# card_journal FROM TO — what the journal took in between (VM epoch seconds), by source, busiest first
# (on stderr, and "COUNT SOURCE EXAMPLE" lines in $WORK/card-journal): each line that reached journald is
# written into its files on /data, so these are the writers behind journald's share.
card_journal() {
    VM_TIMEOUT=60 vm "journalctl --since=@$1 --until=@$2 -o short-unix --no-pager -q" |
        awk '{ id = $3; sub(/\[[0-9]+\]:$/, "", id); sub(/:$/, "", id); n[id]++; if (!(id in ex)) { $1 = $2 = $3 = ""; ex[id] = substr($0, 4, 90) } }
            END { for (k in n) printf "%d %s %s\n", n[k], k, ex[k] }' | sort -rn | head -n 12 | tee "$WORK/card-journal" |
        awk '{ c = $1; id = $2; $1 = $2 = ""; printf "    card journal: %4d lines from %-22s e.g. %s\n", c, id, substr($0, 3) }' >&2 ||
        log "card: the VM's journal could not be read"
}

# card_office SWEEP AWAY — footfall's config on the card with sweepInterval SWEEP and awayAfter AWAY
# (sed on /data/footfall/footfall.json, which nothing else changes meanwhile), footfall restarted with
# it and past its first sweep. The card is measured with an office's defaults (10 s, 10m), not the
# test's quick 2 s and 8 s, which card_day puts back afterwards for the checks that follow.
card_office() {
    vm "sed -i -e 's/\"sweepInterval\": \"[0-9a-z]*\"/\"sweepInterval\": \"$1\"/' -e 's/\"awayAfter\": \"[0-9a-z]*\"/\"awayAfter\": \"$2\"/' /data/footfall/footfall.json && grep -q '\"sweepInterval\": \"$1\"' /data/footfall/footfall.json && systemctl restart footfall" &&
        wait_vm 120 'journalctl -b _PID=$(systemctl show -p MainPID --value footfall) -o cat | grep -q "first sweep done"' ||
        log "card: footfall did not restart with sweepInterval $1, awayAfter $2 (its journal: $(vm 'journalctl -b -u footfall -n 5 --no-pager -o cat' | tr '\n' ' '))"
}

# card_event NAME TIMES COMMAND — what COMMAND (run in the VM) and the 6 s after it took of /data,
# counted TIMES a day: printed, and added to $WORK/card-day as "NAME BYTES-A-DAY"; the journal's
# lines in the meantime are listed (by card_journal).
card_event() {
    local d0=$WORK/card-e0 d1=$WORK/card-e1 t0 kb
    vm 'journalctl --sync; sync'
    card_snapshot "$d0"
    t0=$(vm 'date +%s')
    vm "$3; sleep 6; sync"
    card_snapshot "$d1"
    kb=$(awk 'FNR == NR { if ($1 == "part") p0[$2] = $3; next } $1 == "part" && $2 == "mmcblk0p4" { print int(($3 - p0[$2]) / 2) }' "$d0" "$d1")
    echo "$1 $((kb * 1024 * $2))" >>"$WORK/card-day"
    log "card: $1, $2 a day: $kb KB to /data each ($(card_mb "$1") a day)"
    card_journal "$t0" "$(vm 'date +%s')"
}

# card_day SECONDS — the SD card's day while footfall idles, from counts (not times: what the
# emulated raspi3b gives holds on a Pi), printed beside the target of 10 MB a day:
# - an idle window of SECONDS with footfall configured (two people in all day, an office's 10 s
#   sweeps): what each partition took (/proc/diskstats: boot, root A and B, /data), footfall's own
#   share (/proc/PID/io write_bytes), journald's, and the rest (ext4's journal and metadata), as a
#   day; the journal's lines in it, by source; footfall's context switches a second (wakeups, every
#   thread, sampled every 15 s so that pool workers that retire still count);
# - what happens on a schedule, each measured on its own and counted as often as it comes: the
#   clock's hourly touch (footfall-clock-save; the night's case, when nothing else keeps the time)
#   and systemd's daily clean-up of temporary files (systemd-tmpfiles-clean, 15 min after boot, then
#   daily), whose timer is stopped for the window.
# docs/benchmarks.md ("The whole card") has the figures and what holds them. The last line,
# "card: the day ...", carries every part; scripts/bench-card reads it.
card_day() {
    local seconds=$1 end vt0 window_lines d0=$WORK/card-0 d1=$WORK/card-1 tasks=$WORK/card-tasks day
    # ext4 zeroes the inode tables of a freshly made /data in the background (ext4lazyinit), once,
    # after the first boot: tens of MB that a day without a re-format never sees. Wait for it.
    local t0=$SECONDS
    card_snapshot "$d0"
    wait_vm 900 '! grep -qx ext4lazyinit /proc/[0-9]*/comm' ||
        log "card: ext4lazyinit still running after 900 s: /data's figures include it"
    vm sync
    card_snapshot "$d1"
    log "card: waited $((SECONDS - t0)) s for ext4lazyinit (first boot only), /data took $(awk 'FNR == NR { if ($1 == "part") p0[$2] = $3; next }
        $1 == "part" && $2 == "mmcblk0p4" { printf "%.1f MB", ($3 - p0[$2]) * 512 / 1e6 }' "$d0" "$d1") meanwhile"
    card_office 10s 10m
    log "card: the active timers: $(vm 'systemctl list-units --type=timer --state=active --plain --no-legend --no-pager' | awk '{ printf "%s%s", s, $1; s = ", " }')"
    # The daily clean-up is measured on its own below: its timer is stopped for the window (its first
    # run comes 15 minutes after boot, and would otherwise be counted as every 20 minutes).
    vm 'systemctl stop systemd-tmpfiles-clean.timer' || log "card: systemd-tmpfiles-clean.timer could not be stopped"
    # The restart for the office's defaults is the test's doing, not a day's: its log lines and
    # footfall's start-up writes (the WAL's reserve) reach the card before the window opens.
    sleep 45
    vm 'journalctl --sync; sync'
    sleep 5
    card_trace_start
    card_snapshot "$d0"
    cp "$d0" "$tasks"
    vt0=$(vm 'date +%s')
    log "card: measuring $seconds s of footfall idle on raspi3b (pid $(awk '$1 == "pid" { print $2 }' "$d0"))"
    end=$((SECONDS + seconds))
    while ((SECONDS < end)); do
        sleep $((end - SECONDS < 15 ? end - SECONDS : 15))
        card_snapshot "$d1"
        # Each thread's latest count: one that ended since keeps what it had.
        awk '$1 == "task" { last[$2] = $0 } END { for (t in last) print last[t] }' "$tasks" "$d1" >"$tasks.new"
        mv "$tasks.new" "$tasks"
    done
    vm sync
    card_snapshot "$d1"
    card_per_day "$d0" "$d1" "$seconds" >"$WORK/card-day"
    card_trace_report
    card_journal "$vt0" "$(vm 'date +%s')"
    # A kernel warning in the window (QEMU's dwc2, the Pi's USB, gave one: 39 lines) is journald's
    # writes for a day's worth of windows: the last line names the window's journal lines by source.
    window_lines=$(awk '{ printf "%s%d from %s", s, $1, $2; s = ", " } END { if (!NR) printf "none" }' "$WORK/card-journal")
    log "card, the idle window as a day ($seconds s): whole card $(card_mb mmcblk0); boot (p1) $(card_mb mmcblk0p1), root A (p2) $(card_mb mmcblk0p2), root B (p3) $(card_mb mmcblk0p3), /data (p4) $(card_mb mmcblk0p4): footfall's own $(card_mb footfall), journald's $(card_mb journald), ext4's journal and metadata and the rest $(card_mb rest)"
    # Footfall's wakeups: all its threads' context switches (voluntary and not) over the window, and
    # by thread name (/proc/PID/task/TID/comm), busiest first.
    awk -v s="$seconds" 'FNR == NR { if ($1 == "task") t0[$2] = $4; next }
        $1 == "task" { d = $4 - ($2 in t0 ? t0[$2] : 0); by[$3] += d; c[$3]++; total += d; n++ }
        END { printf "total %.1f %d\n", total / s, n; for (k in by) printf "%s %.1f %d\n", k, by[k] / s, c[k] }' "$d0" "$tasks" >"$WORK/card-wakeups"
    log "card: footfall's wakeups on raspi3b: $(awk '$1 == "total" { printf "%s a second (%d threads seen)", $2, $3 }' "$WORK/card-wakeups")"
    grep -v '^total ' "$WORK/card-wakeups" | sort -k2,2 -rn | awk '{ printf "    %-24s %6s a second (%d threads)\n", $1, $2, $3 }' >&2
    # In the day (footfall wrote within the hour) the hourly unit touches nothing and says nothing.
    card_event clock-keep 0 'systemctl start footfall-clock-save.service'
    card_event clock-touch 24 '/usr/lib/footfall/clock save'
    card_event tmpfiles-clean 1 'systemctl start systemd-tmpfiles-clean.service'
    vm 'systemctl start systemd-tmpfiles-clean.timer' || true
    card_office 2s 8s
    day=$(awk '$1 == "mmcblk0" || $1 == "clock-touch" || $1 == "tmpfiles-clean" { t += $2 } END { printf "%d", t }' "$WORK/card-day")
    echo "day $day" >>"$WORK/card-day"
    log "card: the day $day bytes, $(card_mb day) (target 10 MB): the idle window $(card_mb mmcblk0) (footfall's own $(card_mb footfall), journald's $(card_mb journald), ext4's and the rest $(card_mb rest)), the clock's touch $(card_mb clock-touch), the daily clean-up $(card_mb tmpfiles-clean); the window's journal lines: $window_lines; footfall's wakeups on raspi3b $(awk '$1 == "total" { print $2 }' "$WORK/card-wakeups") a second"
}

((card)) && card_day "${FFL_CARD_SECONDS:-1200}"

# The Pi has no clock of its own: footfall-clock restores the newest time the card recorded (the
# database, its WAL, the journal's files, /data/clock), never back. Set two hours back, as a Pi
# starts, the real script must bring it to that time; the test's clock is put back afterwards.
# "The newest time recorded" is read once the clock is back, as the script sees it: systemd logs the
# change at once, and that write gives the journal's file a modification time two hours old.
# The card records something at least hourly (footfall-clock keep), so the restored time is within
# the hour before the VM's time before the set-back, and never past it. All of it is the VM's own
# clock, which may run a little ahead of this host's. Each step keeps its figure in a file of the VM's
# and the figures are read at the end: one run beside the lab tests got nothing back in 60 s from the
# whole in one command.
newest_recorded='find /data/clock /data/footfall /data/journal -xdev -type f \( -path /data/clock -o -name "footfall.db*" -o -name "*.journal" \) -printf "%T@\n" 2>/dev/null | sort -n | tail -n 1 | cut -d. -f1'
vm 'rm -f /run/ffl-clock-*; date +%s >/run/ffl-clock-before && date -u -s @$(($(cat /run/ffl-clock-before) - 7200)) >/dev/null' || true
sleep 2
VM_TIMEOUT=240 vm "$newest_recorded >/run/ffl-clock-newest" || true
VM_TIMEOUT=240 vm '/usr/lib/footfall/clock restore; date +%s >/run/ffl-clock-after' >"$WORK/clock-restore" || true
read -r clock_before newest clock_after < <(vm 'for f in before newest after; do printf "%s " "$(cat /run/ffl-clock-$f 2>/dev/null || echo "?")"; done; echo') || true
shell_up
# clock_ok BEFORE NEWEST AFTER — all three are times, and AFTER is at or past NEWEST, within the hour
# before BEFORE, and not past it (5 s for the commands in between).
clock_ok() {
    [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ && $3 =~ ^[0-9]+$ ]] && (($3 >= $2 && $3 >= $1 - 3600 && $3 <= $1 + 5))
}
check "clock footfall-clock restores the newest time the card recorded ($(head -n 1 "$WORK/clock-restore"); the card's newest ${newest:-?}, restored to ${clock_after:-?}, the VM's time before ${clock_before:-?})" \
    clock_ok "${clock_before:-}" "${newest:-}" "${clock_after:-}"

# --- 7. raspi3b: a support report on a stick -----------------------------------------------------

report_checks 7 first

# --- 10. raspi3b: signed A/B updates from a stick --------------------------------------------------

# The Pi's own part (the rest is the pc's, UPDATE_LEAVE): its boot files per slot, the trial through
# the tryboot flag, the commit in config.txt, a kernel that panics; on the raspi3b the checks before
# left running.
UPDATE_LEAVE="refusals power-cut reboot never-healthy" update_checks 10
tryboot_check

# --- 4. a power cut on raspi3b, the card booted again on virt ------------------------------------

power_cut 4
log "4. the same card on virt (i6300esb watchdog)"
if boot virt; then
    log "virt booted to footfall running in $BOOT_SECONDS s; kernel modules loaded: $(modules)"
    power_cut_after 4
else
    fail "4 did not boot on virt after the power cut (console: $CONSOLE)"
    tail -n 30 "$CONSOLE" >&2
    why_not_up
    return
fi

# --- 5. virt: a hang and the watchdog ------------------------------------------------------------

watchdog_check 5

vm_kill
# mdir's total: "  N files   1 234 567 bytes" (digit groups separated by spaces)
boot_mib=$(($(mdir -/ -i "$IMG@@${BOOT_START_MIB}M" ::/ |
    awk '/Total files listed/ { getline; gsub(/ /, ""); sub(/.*files/, ""); sub(/bytes/, ""); print }') / 1048576))
squash_mib=$(($(od -An -t u8 -j $((ROOTA_START_MIB * 1048576 + 40)) -N 8 "$IMG") / 1048576))
log "boot time (raspi3b, first boot, no stick) ${FIRST_BOOT:-?} s; image $(($(stat -c %s "$IMG") / 1048576)) MiB raw$(
    [[ -f $IMG.xz ]] && echo ", $(($(stat -c %s "$IMG.xz") / 1048576)) MiB xz"), squashfs root $squash_mib MiB, boot partition $boot_mib MiB used; test took $(($(date +%s) - TEST_START)) s"
