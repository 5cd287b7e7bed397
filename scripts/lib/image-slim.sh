# shellcheck shell=bash
# scripts/lib/image-slim.sh — the slim stage of scripts/build-image: what leaves the staging root
# before it becomes the squashfs, and the initramfs. Sourced; needs $ROOT (the checkout), log and
# $BUILD (for logs); each step logs what it kept or removed. Every function takes the staging
# root (and the target, pc or rpi), so the same code prunes either image; chroot commands run the
# root's own tools (through qemu-user for rpi).
#
#   slim_modules RFS TARGET     keep only image/modules/{common,TARGET}.list, what they need, and
#                               the firmware they name; depmod
#   slim_files RFS path         remove the paths image/prune.list names
#   slim_initramfs RFS TARGET   rebuild the initramfs with only the "initramfs" entries of those lists
#   slim_files RFS package      remove the packages image/prune.list names, and the files in /var
#   slim_squashfs_excludes RFS  paths the squashfs leaves out: boot files, already on the boot partition

# _slim_kib PATH... — KiB that PATH... take on disk.
_slim_kib() { du -sck "$@" 2>/dev/null | tail -n 1 | cut -f1; }
_slim_mib() { echo "$(( ($1 + 512) / 1024 )) MiB"; }

# slim_module_list TARGET [initramfs] — module names from common.list and TARGET.list; with
# "initramfs", only those marked for the initramfs.
slim_module_list() {
    local lists=$ROOT/image/modules
    sed 's/#.*//' "$lists/common.list" "$lists/$1.list" | awk -v want="${2:-}" '
        NF == 0 { next }
        NF > 2 || (NF == 2 && $2 != "initramfs") { print "image/modules: bad line: " $0 > "/dev/stderr"; bad = 1; next }
        want == "" || $2 == want { print $1 }
        END { exit bad }'
}

# slim_kernel RFS — the version of the one kernel in RFS.
slim_kernel() {
    local k=("$1"/usr/lib/modules/*)
    if ((${#k[@]} != 1)) || [[ ! -d ${k[0]} ]]; then
        log "expected one kernel in $1/usr/lib/modules, found ${#k[@]}"
        return 1
    fi
    echo "${k[0]##*/}"
}

# slim_modules RFS TARGET — delete every module the lists do not name or need; keep the firmware
# the kept ones name.
slim_modules() {
    local rfs=$1 target=$2 kver moddir out rc missing list names=() weak=() line dep m
    kver=$(slim_kernel "$rfs") || return 1
    moddir=$rfs/usr/lib/modules/$kver
    list=$(slim_module_list "$target") || return 1
    mapfile -t names <<<"$list"
    local -A keep=() named=()
    for m in "${names[@]}"; do named[${m//-/_}]=1; done
    # modprobe resolves names and aliases to files and adds what each needs (modules.dep) and
    # asks for (softdeps), in load order; built-in modules are reported as such. Weak
    # dependencies (modules.weakdep: a module may use them, but loads without) it does not
    # follow, so those are added to the names until there are no new ones.
    while true; do
        rc=0
        out=$(chroot "$rfs" modprobe --show-depends --set-version="$kver" -a "${names[@]}" 2>&1) || rc=$?
        missing=$(sed -n 's/.*Module \(.*\) not found.*/\1/p' <<<"$out" | paste -sd' ')
        [[ -z $missing ]] || { log "image/modules: kernel $kver has no module $missing"; return 1; }
        ((rc == 0)) || { log "modprobe --show-depends failed (exit $rc): $out"; return 1; }
        while read -r line; do
            [[ $line == insmod\ * ]] || continue
            line=${line#insmod }
            keep[${line%% *}]=1
        done <<<"$out"
        weak=()
        for m in "${!keep[@]}"; do
            m=${m##*/} m=${m%%.ko*} m=${m//-/_}
            # shellcheck disable=SC2013  # the names on the line, one by one
            for dep in $(sed -n "s/^weakdep $m: //p" "$moddir/modules.weakdep" 2>/dev/null); do
                [[ -n ${named[${dep//-/_}]:-} ]] || { named[${dep//-/_}]=1; weak+=("$dep"); }
            done
        done
        ((${#weak[@]})) || break
        names+=("${weak[@]}")
    done
    # Everything else goes. Paths are the chroot's (/lib/modules/KVER/...), the same files.
    local all=0 kept=0 before after f rel
    before=$(_slim_kib "$moddir")
    while IFS= read -r -d '' f; do
        all=$((all + 1))
        rel=/lib/modules/$kver/${f#"$moddir"/}
        if [[ -n ${keep[$rel]:-} ]]; then kept=$((kept + 1)); else rm -f "$f"; fi
    done < <(find "$moddir" -name '*.ko*' -type f -print0)
    find "$moddir" -mindepth 1 -type d -empty -delete
    chroot "$rfs" depmod "$kver" || { log "depmod $kver failed"; return 1; }
    after=$(_slim_kib "$moddir")
    log "  modules: kept $kept of $all ($(_slim_mib "$after") of $(_slim_mib "$before"); ${#names[@]} named in image/modules, the rest needed by them)"

    # Firmware: only files a kept module names (modinfo -F firmware), and what those link to.
    local fwdir=$rfs/usr/lib/firmware fw link
    if [[ ! -d $fwdir ]]; then
        log "  firmware: none in this root"
        return 0
    fi
    local -A fwkeep=()
    while read -r fw; do
        [[ -n $fw ]] || continue
        for f in "$fwdir/$fw" "$fwdir/$fw".{xz,zst}; do
            [[ -e $f || -L $f ]] || continue
            fwkeep[$f]=1
            # A link's target too (Debian's firmware links are relative, within the folder).
            if link=$(readlink "$f"); then
                if [[ $link == /* ]]; then link=$rfs$link; else link=$(realpath -m "$(dirname "$f")/$link"); fi
                fwkeep[$link]=1
            fi
        done
    done < <(((${#keep[@]})) && chroot "$rfs" modinfo -F firmware "${!keep[@]}" 2>/dev/null | sort -u)
    all=0 kept=0
    before=$(_slim_kib "$fwdir")
    while IFS= read -r -d '' f; do
        all=$((all + 1))
        if [[ -n ${fwkeep[$f]:-} ]]; then kept=$((kept + 1)); else rm -f "$f"; fi
    done < <(find "$fwdir" \( -type f -o -type l \) -print0)
    find "$fwdir" -mindepth 1 -type d -empty -delete
    log "  firmware: kept $kept of $all files ($(_slim_mib "$(_slim_kib "$fwdir")") of $(_slim_mib "$before"))"
}

# slim_initramfs RFS TARGET — the initramfs holds the modules marked "initramfs" (and what they
# need), not Debian's default of most of the kernel's storage, filesystem and input drivers.
# It needs no busybox: initramfs-tools' own klibc tools run its scripts (busybox is not installed).
slim_initramfs() {
    local rfs=$1 target=$2 kver list mods=() img ilog=$BUILD/initramfs.log
    kver=$(slim_kernel "$rfs") || return 1
    list=$(slim_module_list "$target" initramfs) || return 1
    mapfile -t mods <<<"$list"
    {
        echo "# Written by scripts/build-image from the \"initramfs\" entries of image/modules/: what it"
        echo "# takes to reach the squashfs root (root=PARTUUID=...-02) on an SD card, USB, virtio, NVMe or SATA."
        printf '%s\n' "${mods[@]}"
    } >"$rfs/etc/initramfs-tools/modules"
    printf '# scripts/build-image: only the listed modules (etc/initramfs-tools/modules)\nMODULES=list\nBUSYBOX=n\n' \
        >"$rfs/etc/initramfs-tools/conf.d/footfall.conf"
    # mkinitramfs, not update-initramfs: only the file is wanted, not the post-update hooks that
    # install it for a boot loader (raspi-firmware's fails outside a Pi: no /boot/firmware).
    if ! chroot "$rfs" mkinitramfs -o "/boot/initrd.img-$kver" "$kver" >"$ilog" 2>&1; then
        cat "$ilog" >&2
        log "mkinitramfs failed (above)"
        return 1
    fi
    img=$rfs/boot/initrd.img-$kver
    log "  initramfs: $((($(stat -c %s "$img") + 1023) / 1024)) KiB, $(chroot "$rfs" lsinitramfs "/boot/initrd.img-$kver" | grep -c '\.ko') modules (${#mods[@]} listed)"
}

# slim_files RFS path|package — remove the path entries of image/prune.list (before the initramfs
# is built), or its package entries and then the files in /var (after).
slim_files() {
    local rfs=$1 which=$2 kind what before files=() f g n=0
    before=$(_slim_kib "$rfs")
    if [[ $which == package ]]; then
        install -d "$rfs/usr/share/doc/footfall"
        # shellcheck disable=SC2016  # dpkg-query's fields, not the shell's
        chroot "$rfs" dpkg-query -W -f '${Package} ${Version}\n' >"$rfs/usr/share/doc/footfall/packages.txt"
    fi
    # Gather everything first: dpkg's own files are among what goes.
    while read -r kind what; do
        [[ $kind == path || $kind == package ]] || { log "image/prune.list: bad line: $kind $what"; return 1; }
        [[ $kind == "$which" ]] || continue
        if [[ $kind == path ]]; then
            for g in "$rfs"/$what; do [[ -e $g || -L $g ]] && files+=("$g"); done
            continue
        fi
        chroot "$rfs" dpkg-query -W "$what" >/dev/null 2>&1 || { log "image/prune.list: package $what is not installed"; return 1; }
        while IFS= read -r f; do
            # Files and links only (folders, or links to them like /lib, may be shared), and
            # never a copyright file.
            [[ $f == /* && $f != /usr/share/doc/*/copyright && ! -d $rfs$f ]] || continue
            files+=("$rfs$f")
        done < <(chroot "$rfs" dpkg-query -L "$what")
    done < <(sed 's/#.*//' "$ROOT/image/prune.list" | awk 'NF')
    for f in "${files[@]}"; do
        [[ -e $f || -L $f ]] || continue
        rm -rf "$f"
        n=$((n + 1))
    done
    if [[ $which == path ]]; then
        # Nothing is left to regenerate the hardware database from, nor anywhere to write it.
        systemctl --root="$rfs" mask --quiet systemd-hwdb-update.service || return 1
    else
        # Its folders and links (/var/run, /var/lock) stay, as they were before /var is mounted.
        find "$rfs/var" -mindepth 1 ! -type d ! -type l -delete
    fi
    if [[ $which == path ]]; then
        log "  files: removed $n paths of image/prune.list, $(_slim_mib $((before - $(_slim_kib "$rfs"))))"
    else
        log "  files: removed $n files of image/prune.list's packages and the files in /var, $(_slim_mib $((before - $(_slim_kib "$rfs"))))"
    fi
}

# slim_squashfs_excludes RFS — paths (relative to RFS) that only the boot partition needs: the
# kernel's device trees and the Pi's firmware (rpi), systemd-boot (pc). The partitions stage
# copies them from the staging root; the running system never reads them.
slim_squashfs_excludes() {
    local p
    for p in "$1"/usr/lib/linux-image-* "$1"/usr/lib/raspi-firmware "$1"/usr/lib/systemd/boot; do
        [[ -e $p ]] && echo "${p#"$1"/}"
    done
    return 0
}
