# shellcheck shell=bash disable=SC2034  # used by the scripts that source it
# scripts/lib/image-layout.sh — the appliance disk layout, shared by build-image and image-test.
#
# MBR (the Pi's boot ROM reads nothing else), 1 MiB-aligned:
#   1  boot    FAT32, BOOT_MIB     kernel, initramfs, bootloader or Pi firmware
#   2  root A  squashfs, ROOT_MIB  the running system, read-only
#   3  root B  ROOT_MIB, empty     the other slot of A/B updates (RAUC): made on first boot, right after root A
#   4  data    ext4, the rest      made on first boot, after root B
# Partitions 3 and 4 are added by footfall-data.service (/usr/lib/footfall/data-setup) on the
# card itself, so the image ends with root A: nothing empty is written to every card.
# Sizes: the rpi boot files take about 70 MiB (a 37 MiB arm64 kernel, the Pi firmware) and the
# squashfs root about 35 MiB; each slot leaves room for a second set of boot files and for the
# root to grow several times over.

BOOT_START_MIB=4
BOOT_MIB=192
ROOT_MIB=384
ROOTA_START_MIB=$((BOOT_START_MIB + BOOT_MIB))
ROOTB_START_MIB=$((ROOTA_START_MIB + ROOT_MIB))   # where data-setup puts root B
IMAGE_MIB=$ROOTB_START_MIB

image_bytes() { echo $((IMAGE_MIB * 1048576)); }

# root_partuuid DISKID — MBR partition UUIDs are the disk id and the partition number.
root_partuuid() { echo "$1-02"; }

# kernel_cmdline DISKID — what every target's kernel needs to find and mount the root.
# rootwait=60 panic=10: a root that has not appeared in a minute (a kernel or initramfs that cannot
# reach it) is a kernel panic, and a panic reboots 10 s later instead of hanging: during an update's
# trial, into the old slot (plain rootwait would wait for ever); fsck.mode=skip: squashfs has no
# fsck; rauc.slot=A: the slot RAUC sees booted (an update's entry for slot B says B, with partition
# 3 as its root).
kernel_cmdline() { echo "root=PARTUUID=$(root_partuuid "$1") rootfstype=squashfs ro rootwait=60 panic=10 fsck.mode=skip rauc.slot=A"; }

# partition_table DISKID — sfdisk input: boot and root A (root B and data come on first boot). The
# boot partition is an EFI system partition (ef) for the pc target's UEFI firmware and FAT32-LBA
# (c) for the Pi's boot ROM.
partition_table() {
    local boot_type=c
    [[ ${target:-} == pc ]] && boot_type=ef
    cat <<TABLE
label: dos
label-id: 0x$1
start=${BOOT_START_MIB}MiB, size=${BOOT_MIB}MiB, type=$boot_type, bootable
start=${ROOTA_START_MIB}MiB, size=${ROOT_MIB}MiB, type=83
TABLE
}
