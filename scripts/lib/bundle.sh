# shellcheck shell=bash
# scripts/lib/bundle.sh — footfall's signed updates: RAUC bundles of a root squashfs. Shared by
# build-image (the release's bundle) and image-test (the bundles it tries). Needs lib/common.sh
# and lib/deps.sh. The format and why: docs/updates.md.
#
#   dev_keys DIR                  a development key pair in DIR (dev.key.pem, dev.cert.pem), made once
#   make_bundle TARGET VERSION ROOT KEY CERT OUT
#                                 OUT: a verity bundle for footfall-TARGET holding ROOT (a squashfs)
#                                 as the rootfs slot's image, VERSION in its manifest, signed

# dev_keys DIR — a self-signed EC key pair for development builds, made once and kept (never
# committed: artifacts/ is ignored). Valid from now for 30 years: the image checks a bundle's
# signature at the time it was signed (use-bundle-signing-time), so an appliance whose clock is
# wrong still takes it, and expiry never strands one in a drawer.
dev_keys() {
    local dir=$1
    [[ -f $dir/dev.key.pem && -f $dir/dev.cert.pem ]] && return 0
    ensure_packages openssl || return 1
    mkdir -p "$dir" && chmod 0700 "$dir"
    # Two builds at once (scripts/test makes the images in the background) make one pair, not two
    # halves: under a lock, in a subshell that lets it go.
    (
        flock 9
        [[ -f $dir/dev.key.pem && -f $dir/dev.cert.pem ]] && exit 0
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 10958 \
            -subj "/O=footfall development/CN=footfall development key (not for release)" \
            -addext "keyUsage=critical,digitalSignature" \
            -keyout "$dir/dev.key.pem.partial" -out "$dir/dev.cert.pem.partial" 2>/dev/null || exit 1
        chmod 0600 "$dir/dev.key.pem.partial"
        mv "$dir/dev.cert.pem.partial" "$dir/dev.cert.pem"
        mv "$dir/dev.key.pem.partial" "$dir/dev.key.pem"
    ) 9>"$dir/.lock"
}

# make_bundle TARGET VERSION ROOT KEY CERT OUT — sign ROOT into OUT (verity format: the payload is
# checked block by block as it is read, so one flipped byte anywhere fails the install).
make_bundle() {
    local target=$1 version=$2 root=$3 key=$4 cert=$5 out=$6 dir
    ensure_packages rauc squashfs-tools || return 1
    dir=$(mktemp -d "${TMPDIR:-/tmp}/footfall-bundle.XXXXXX") || return 1
    ln "$root" "$dir/root.squashfs" 2>/dev/null || cp "$root" "$dir/root.squashfs"
    cat >"$dir/manifest.raucm" <<MANIFEST
[update]
compatible=footfall-$target
version=$version

[bundle]
format=verity

[image.rootfs]
filename=root.squashfs
MANIFEST
    rm -f "$out" "$out.partial"
    # The root squashfs is compressed already: the bundle's own squashfs stores it as it is.
    if rauc bundle --cert="$cert" --key="$key" --mksquashfs-args="-noI -noD -noF -noX" \
        "$dir" "$out.partial" >"$dir.log" 2>&1; then
        mv "$out.partial" "$out"
        rm -rf "$dir" "$dir.log"
    else
        tail -n 5 "$dir.log" >&2
        rm -rf "$dir" "$dir.log" "$out.partial"
        return 1
    fi
}
