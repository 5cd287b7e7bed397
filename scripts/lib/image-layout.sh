# shellcheck shell=bash disable=SC2034  # used by the scripts that source it
# scripts/lib/image-layout.sh — the appliance disk layout, shared by build-image and image-test.
#
# MBR (the Pi's boot ROM reads nothing else), 1 MiB-aligned:
#   1  boot    FAT32, BOOT_MIB   kernel, initramfs, bootloader or Pi firmware
#   2  root A  squashfs, ROOT_MIB  the running system, read-only
#   3  root B  ROOT_MIB, empty   reserved for A/B updates
#   4  data    ext4, the rest    made on first boot by footfall-data.service (not in the image)

BOOT_START_MIB=4
BOOT_MIB=256
ROOT_MIB=512
ROOTA_START_MIB=$((BOOT_START_MIB + BOOT_MIB))
ROOTB_START_MIB=$((ROOTA_START_MIB + ROOT_MIB))
IMAGE_MIB=$((ROOTB_START_MIB + ROOT_MIB))

image_bytes() { echo $((IMAGE_MIB * 1048576)); }

# root_partuuid DISKID — MBR partition UUIDs are the disk id and the partition number.
root_partuuid() { echo "$1-02"; }

# kernel_cmdline DISKID — what every target's kernel needs to find and mount the root.
# panic=10: reboot 10 s after a kernel panic instead of hanging; fsck.mode=skip: squashfs has no fsck.
kernel_cmdline() { echo "root=PARTUUID=$(root_partuuid "$1") rootfstype=squashfs ro rootwait panic=10 fsck.mode=skip"; }

# partition_table DISKID — sfdisk input. The boot partition is an EFI system partition (ef) for
# the pc target's UEFI firmware and FAT32-LBA (c) for the Pi's boot ROM.
partition_table() {
    local boot_type=c
    [[ ${target:-} == pc ]] && boot_type=ef
    cat <<TABLE
label: dos
label-id: 0x$1
start=${BOOT_START_MIB}MiB, size=${BOOT_MIB}MiB, type=$boot_type, bootable
start=${ROOTA_START_MIB}MiB, size=${ROOT_MIB}MiB, type=83
start=${ROOTB_START_MIB}MiB, size=${ROOT_MIB}MiB, type=83
TABLE
}
