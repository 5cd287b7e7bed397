# shellcheck shell=bash
# scripts/lib/lab-zoo.sh — the phone zoo: behaviours scripts/lab gives a device
# (`scripts/lab behave`), each made of real packets. Sourced by scripts/lab,
# which provides log, die, usage_error, dev_info, ns_sysctl, parse_subnet and
# the IPv4 helpers.
#
# What a behaviour is made of:
#   - nftables: table netdev ffl_lab_zoo in the device's namespace, an ingress
#     chain on eth0 that drops what a sleeping or dozing phone would not answer.
#     Timers are nftables set elements with a timeout, so "awake for 10 s after
#     a packet to 5353" is decided by the kernel on the packet path.
#   - a loop (dozing's bursts, ipv6-chatty's solicitations): one process per
#     device, started in its own session so that `down` ends it and its
#     children as a group. It checks every round that the namespace is still
#     there and stops when it is not.
#   - DHCP: dnsmasq in the switch namespace (br0 gets an address, like an
#     office router), busybox udhcpc in the device on `join`.
# State lives in $ZOO_RUN/LAB/: DEV.behaviour (what `join` and `leave` read),
# DEV.loop.pid, dnsmasq's pid, hosts and leases files.

ZOO_RUN=/run/ffl-lab-zoo
ZOO_NFT=ffl_lab_zoo
ZOO_ROUTER_MAC=02:ff:00:00:00:fe   # br0 once the lab serves DHCP
ZOO_V6_PREFIX=fdff                 # ULA prefix fdff::/64 for ipv6-chatty devices
ZOO_V6_ROUTER=fdff::1              # nobody answers it: each ping makes the kernel solicit
ZOO_BEHAVIOURS="normal sleepy dozing dhcp-joiner ipv6-chatty rotator"

zoo_dir() { printf '%s/%s' "$ZOO_RUN" "$1"; }
zoo_nsenter() { local ns=$1; shift; nsenter --net="$NETNS_DIR/$ns" "$@"; }

# zoo_get LAB DEV KEY — a value from the device's behaviour file ("" if none).
zoo_get() {
    local file line
    file="$(zoo_dir "$1")/$2.behaviour"
    [[ -r $file ]] || return 0
    while IFS= read -r line; do
        [[ $line == "$3="* ]] && { echo "${line#*=}"; return 0; }
    done <"$file"
}

zoo_kind() { zoo_get "$1" "$2" kind; }
zoo_is_dhcp() {
    [[ -e $ZOO_RUN/$1/$2.behaviour ]] || return 1 # the common case, without a fork
    case $(zoo_kind "$1" "$2") in dhcp-joiner | rotator) return 0 ;; esac; return 1; }

# zoo_kill_pidfile FILE — end the process group whose leader's pid FILE holds.
zoo_kill_pidfile() {
    local pid
    [[ -r $1 ]] || return 0
    pid=$(<"$1")
    if [[ $pid =~ ^[0-9]+$ ]]; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
    rm -f "$1"
}

# zoo_stop_matching PATTERN — before namespaces matching PATTERN (ffl-LAB-* or
# ffl-*) are deleted: end the zoo's loops and DHCP server of those labs.
zoo_stop_matching() {
    local dir lab f
    [[ -d $ZOO_RUN ]] || return 0
    for dir in "$ZOO_RUN"/*/; do
        [[ -d $dir ]] || continue
        lab=$(basename "$dir")
        # shellcheck disable=SC2053  # the pattern is meant to glob
        [[ $LAB_NS_PREFIX$lab-sw == $1 ]] || continue
        for f in "$dir"*.pid; do zoo_kill_pidfile "$f"; done
        rm -rf "$dir"
    done
}

# zoo_lab_subnet LAB — SUBNET, PREFIX, NET_INT, ... from the appliance's address.
zoo_lab_subnet() {
    local out ipi
    out=$(ip -n "$(lab_app_ns "$1")" -4 addr show dev "$LAB_APP_IF")
    [[ $out =~ inet\ ([0-9.]+)/([0-9]+) ]] || die "lab $1: $LAB_APP_IF has no IPv4 address"
    local pfx=${BASH_REMATCH[2]} net
    ip_to_int ipi "${BASH_REMATCH[1]}"
    int_to_ip net $((ipi & ~((1 << (32 - pfx)) - 1) & 0xffffffff))
    parse_subnet "$net/$pfx"
}

# --- nftables -----------------------------------------------------------------

zoo_nft_clear() {
    zoo_nsenter "$1" nft -f - <<EOF
table netdev $ZOO_NFT
delete table netdev $ZOO_NFT
EOF
}

# zoo_nft_sleepy NS IP IDLE WAKE — set "screen" holds IP while the screen is on
# (IDLE s from now); set "woke" holds it for WAKE s after each unicast UDP
# packet to 5353. Asleep: broadcast ARP requests and pings are dropped, unicast
# ARP requests pass only while "woke" holds the address.
zoo_nft_sleepy() {
    local ns=$1 ip=$2 idle=$3 wake=$4
    zoo_nft_clear "$ns"
    zoo_nsenter "$ns" nft -f - <<EOF
table netdev $ZOO_NFT {
    set screen { type ipv4_addr; flags timeout; timeout ${idle}s; elements = { $ip } }
    set woke { type ipv4_addr; flags dynamic,timeout; timeout ${wake}s; }
    chain ingress {
        type filter hook ingress device "$LAB_DEV_IF" priority 0; policy accept;
        meta pkttype host ip daddr $ip udp dport 5353 update @woke { ip daddr } counter accept
        arp daddr ip @screen accept
        ip daddr @screen accept
        arp operation request meta pkttype host arp daddr ip @woke counter accept
        arp operation request counter drop
        icmp type echo-request counter drop
    }
}
EOF
}

# zoo_nft_dozing NS IP — asleep unless set "awake" holds IP (the loop adds it
# for a burst): every ARP request and every IPv4 packet to the device dropped.
zoo_nft_dozing() {
    local ns=$1 ip=$2 burst=$3
    zoo_nft_clear "$ns"
    zoo_nsenter "$ns" nft -f - <<EOF
table netdev $ZOO_NFT {
    set awake { type ipv4_addr; flags timeout; timeout ${burst}s; }
    chain ingress {
        type filter hook ingress device "$LAB_DEV_IF" priority 0; policy accept;
        arp daddr ip @awake accept
        ip daddr @awake accept
        arp operation request counter drop
        meta protocol ip counter drop
    }
}
EOF
}

# zoo_nft_v4quiet NS — IPv4 "rarely used": ARP requests to the device dropped.
zoo_nft_v4quiet() {
    zoo_nft_clear "$1"
    zoo_nsenter "$1" nft -f - <<EOF
table netdev $ZOO_NFT {
    chain ingress {
        type filter hook ingress device "$LAB_DEV_IF" priority 0; policy accept;
        arp operation request counter drop
    }
}
EOF
}

# --- loops --------------------------------------------------------------------

# zoo_start_loop LAB DEV ARGS... — run `scripts/lab _zoo-loop LAB DEV ARGS...` in
# a session of its own (setsid: its pid is its process group).
zoo_start_loop() {
    local lab=$1 dev=$2 dir
    dir=$(zoo_dir "$lab")
    zoo_kill_pidfile "$dir/$dev.loop.pid"
    setsid "$SCRIPT_DIR/lab" -q _zoo-loop "$@" </dev/null >>"$dir/$dev.log" 2>&1 &
    echo "$!" >"$dir/$dev.loop.pid"
}

# zoo_loop LAB DEV KIND ARGS... — the loop itself (internal command _zoo-loop).
zoo_loop() {
    local lab=$1 dev=$2 kind=$3 ns
    ns=$(lab_dev_ns "$lab" "$dev")
    shift 3
    case $kind in
    dozing)
        # ARGS: IP QUIET BURST FIRST APP_IP
        local ip=$1 quiet=$2 burst=$3 first=$4 app=$5
        sleep "$first"
        while [[ -e $NETNS_DIR/$ns ]]; do
            zoo_nsenter "$ns" nft add element netdev "$ZOO_NFT" awake "{ $ip timeout ${burst}s }" || true
            # The maintenance window's traffic: the phone asks for its gateway.
            zoo_nsenter "$ns" arping -q -c 1 -w 1 -I "$LAB_DEV_IF" "$app" || true
            sleep $((burst + quiet))
        done
        ;;
    ipv6-chatty)
        # ARGS: EVERY
        local every=$1
        while [[ -e $NETNS_DIR/$ns ]]; do
            # A neighbour the kernel has not resolved: it sends solicitations.
            zoo_nsenter "$ns" ip -6 neigh flush dev "$LAB_DEV_IF" 2>/dev/null || true
            zoo_nsenter "$ns" busybox ping -6 -q -c 1 -W 1 "$ZOO_V6_ROUTER" >/dev/null 2>&1 || true
            sleep "$every"
        done
        ;;
    *) die "internal: no loop for $kind" ;;
    esac
}

# --- DHCP ---------------------------------------------------------------------

# zoo_dhcp_server LAB — dnsmasq on br0 in the switch namespace, started once per
# lab. Addresses come only from $dir/dhcp.hosts (NAME,IP by the hostname the
# client sends), reread on SIGHUP; no DNS (port 0).
zoo_dhcp_server() {
    local lab=$1 dir sw
    dir=$(zoo_dir "$lab") sw=$(lab_sw_ns "$lab")
    if [[ -r $dir/dhcp.pid ]] && kill -0 "$(<"$dir/dhcp.pid")" 2>/dev/null; then
        kill -HUP "$(<"$dir/dhcp.pid")"
        return 0
    fi
    zoo_lab_subnet "$lab"
    # The router takes the highest host address no device has.
    local -A used=()
    local d ns ipi host rip
    while read -r d; do
        ns=$(lab_dev_ns "$lab" "$d")
        dev_info "$ns"
        [[ $DI_IP != - ]] && ip_to_int ipi "$DI_IP" && used[$ipi]=1
        ipi=$(zoo_get "$lab" "$d" ip)
        [[ -n $ipi ]] && ip_to_int ipi "$ipi" && used[$ipi]=1
    done < <(lab_device_names "$lab")
    for ((host = BCAST_INT - 1; host > APP_IP_INT; host--)); do
        [[ -z ${used[$host]:-} ]] && break
    done
    ((host > APP_IP_INT)) || die "lab $lab: no free address for the DHCP server"
    int_to_ip rip "$host"
    local mask
    int_to_ip mask $(((0xffffffff << (32 - PREFIX)) & 0xffffffff))
    printf '%s\n' "link set $LAB_BRIDGE address $ZOO_ROUTER_MAC" "addr add $rip/$PREFIX dev $LAB_BRIDGE" |
        ip -n "$sw" -batch -
    echo "$rip" >"$dir/router"
    : >>"$dir/dhcp.hosts"
    ip netns exec "$sw" dnsmasq --conf-file=/dev/null --port=0 --interface="$LAB_BRIDGE" \
        --bind-interfaces --except-interface=lo --dhcp-range="${SUBNET%/*},static,$mask,1h" \
        --dhcp-hostsfile="$dir/dhcp.hosts" --dhcp-leasefile="$dir/dhcp.leases" \
        --dhcp-authoritative --no-ping --pid-file="$dir/dhcp.pid" --log-facility="$dir/dhcp.log" \
        --log-dhcp --user=root --group=root ||
        die "lab $lab: dnsmasq did not start (see $dir/dhcp.log)"
    log "lab $lab: DHCP server (dnsmasq) on $LAB_BRIDGE, $rip, MAC $ZOO_ROUTER_MAC"
}

# zoo_dhcp_script LAB DEV — udhcpc's event script: on a lease, the address goes
# on eth0 and the device announces it (arp_notify, as at join).
zoo_dhcp_script() {
    local file
    file="$(zoo_dir "$1")/$2.udhcpc"
    cat >"$file" <<EOF
#!/bin/sh
case "\$1" in
deconfig) ip -4 addr flush dev $LAB_DEV_IF ;;
bound|renew)
    ip -4 addr flush dev $LAB_DEV_IF
    ip addr add "\$ip/\${mask:-$PREFIX}" dev $LAB_DEV_IF
    mac=\$(cat /sys/class/net/$LAB_DEV_IF/address)
    ip link set $LAB_DEV_IF address "\$mac"
    ;;
esac
EOF
    chmod +x "$file"
    echo "$file"
}

# zoo_random_mac — a random locally administered unicast MAC (what phones'
# private addresses are).
zoo_random_mac() {
    local b
    read -r -a b < <(od -An -tu1 -N6 /dev/urandom)
    printf '%02x:%02x:%02x:%02x:%02x:%02x' $(((b[0] & 0xfc) | 2)) "${b[1]}" "${b[2]}" "${b[3]}" "${b[4]}" "${b[5]}"
}

# zoo_before_join LAB DEV NS — a rotator that has joined before comes back with
# a new MAC.
zoo_before_join() {
    local lab=$1 dev=$2 ns=$3 dir n mac
    [[ -e $ZOO_RUN/$lab/$dev.behaviour ]] || return 0 # the common case, without a fork
    [[ $(zoo_kind "$lab" "$dev") == rotator ]] || return 0
    dir=$(zoo_dir "$lab")
    n=$(cat "$dir/$dev.joins" 2>/dev/null || echo 0)
    if ((n > 0)); then
        mac=$(zoo_random_mac)
        ip -n "$ns" link set "$LAB_DEV_IF" address "$mac"
        echo "$mac" >>"$dir/$dev.macs"
        zoo_dhcp_hosts "$lab"
        log "lab $lab: $dev comes back with MAC $mac"
    fi
    echo $((n + 1)) >"$dir/$dev.joins"
}

# zoo_dhcp_join LAB DEV... — the DHCP exchange of joined dhcp devices, all at
# once: DISCOVER, OFFER, REQUEST, ACK with the hostname (option 12) and busybox's
# client id (option 61: 01 + MAC), then the address and its announcement.
zoo_dhcp_join() {
    local lab=$1 d ns script rc=0
    shift
    local -a pids=() names=()
    zoo_lab_subnet "$lab"
    for d in "$@"; do
        ns=$(lab_dev_ns "$lab" "$d")
        script=$(zoo_dhcp_script "$lab" "$d")
        ip netns exec "$ns" busybox udhcpc -f -q -n -t 5 -T 1 -i "$LAB_DEV_IF" \
            -x "hostname:$(zoo_get "$lab" "$d" hostname)" -V "$(zoo_get "$lab" "$d" vendor)" \
            -s "$script" >>"$(zoo_dir "$lab")/$d.log" 2>&1 &
        pids+=($!) names+=("$d")
    done
    local i
    for i in "${!pids[@]}"; do
        wait "${pids[i]}" || { rc=1; log "lab $lab: ${names[i]} got no DHCP lease"; }
    done
    return "$rc"
}

# --- the behave command ---------------------------------------------------------

cmd_behave() {
    (($# >= 3)) || usage_error "behave: expected LAB DEV BEHAVIOUR [OPTIONS]"
    local lab=$1 dev=$2 kind=$3
    shift 3
    lab_name_ok "$lab" || usage_error "lab name '$lab' must be [a-z0-9]{1,8}"
    [[ " $ZOO_BEHAVIOURS " == *" $kind "* ]] || usage_error "behave: unknown behaviour '$kind' (one of: $ZOO_BEHAVIOURS)"
    [[ $dev != all ]] || usage_error "behave: one device at a time"
    local -A opt=([idle]=30 [wake]=10 [quiet]=240 [burst]=10 [first]="" [every]=30 [ipv4]=quiet
        [hostname]=$dev [vendor]="")
    local -A allowed=([normal]="" [sleepy]="idle wake" [dozing]="quiet burst first"
        [dhcp-joiner]="hostname vendor" [rotator]="hostname vendor" [ipv6-chatty]="every ipv4")
    local key val
    while (($#)); do
        [[ $1 == --* ]] || usage_error "behave $kind: unexpected argument '$1'"
        key=${1#--} val=
        if [[ $key == *=* ]]; then val=${key#*=} key=${key%%=*}; shift
        else (($# >= 2)) || usage_error "behave $kind: --$key needs a value"; val=$2; shift 2; fi
        [[ " ${allowed[$kind]} " == *" $key "* ]] || usage_error "behave $kind: no option --$key"
        opt[$key]=$val
    done
    for key in idle wake quiet burst every; do
        if ! [[ ${opt[$key]} =~ ^[0-9]+$ ]] || ((10#${opt[$key]} < 1)); then usage_error "behave $kind: --$key '${opt[$key]}' must be a whole number of seconds, at least 1"; fi
        opt[$key]=$((10#${opt[$key]}))
    done
    [[ -z ${opt[first]} || ${opt[first]} =~ ^[0-9]+$ ]] || usage_error "behave dozing: --first '${opt[first]}' must be seconds"
    opt[first]=${opt[first]:-${opt[quiet]}}
    [[ ${opt[ipv4]} == quiet || ${opt[ipv4]} == on ]] || usage_error "behave ipv6-chatty: --ipv4 must be quiet or on"
    [[ ${opt[hostname]} =~ ^[A-Za-z0-9][A-Za-z0-9-]{0,62}$ ]] ||
        usage_error "behave $kind: --hostname '${opt[hostname]}' must be letters, digits and '-' (at most 63)"
    [[ -z ${opt[vendor]} || ${opt[vendor]} =~ ^[A-Za-z0-9._:-]{1,64}$ ]] ||
        usage_error "behave $kind: --vendor '${opt[vendor]}' must be [A-Za-z0-9._:-], at most 64"

    require_lab "$lab"
    resolve_devices "$lab" "$dev"
    local ns dir prev
    ns=$(lab_dev_ns "$lab" "$dev") dir=$(zoo_dir "$lab")
    mkdir -p "$dir"
    dev_info "$ns"
    prev=$(zoo_kind "$lab" "$dev")
    local ip=$DI_IP
    [[ $ip == - ]] && ip=$(zoo_get "$lab" "$dev" ip)
    [[ -n $ip && $ip != - ]] || die "lab $lab: $dev has no IPv4 address to behave with"

    if [[ $kind == dhcp-joiner || $kind == rotator ]]; then
        [[ $DI_STATE == down ]] || die "lab $lab: $dev has joined: a $kind must be given its behaviour before it joins (up --down, or leave first)"
        ensure_packages busybox dnsmasq-base
    fi
    [[ $kind == ipv6-chatty ]] && ensure_packages busybox

    # Start from a plain device: no rules, no loop.
    zoo_kill_pidfile "$dir/$dev.loop.pid"
    zoo_nft_clear "$ns"
    if [[ $prev == ipv6-chatty ]]; then
        ns_sysctl "$ns" "net.ipv6.conf.$LAB_DEV_IF.disable_ipv6=1"
    fi

    case $kind in
    normal) ;;
    sleepy) zoo_nft_sleepy "$ns" "$ip" "${opt[idle]}" "${opt[wake]}" ;;
    dozing)
        zoo_lab_subnet "$lab"
        zoo_nft_dozing "$ns" "$ip" "${opt[burst]}"
        zoo_start_loop "$lab" "$dev" dozing "$ip" "${opt[quiet]}" "${opt[burst]}" "${opt[first]}" "$APP_IP"
        ;;
    ipv6-chatty)
        local a b c d6
        IFS=. read -r a b c d6 <<<"$ip"
        ns_sysctl "$ns" "net.ipv6.conf.$LAB_DEV_IF.ndisc_notify=1" "net.ipv6.conf.$LAB_DEV_IF.accept_ra=0" \
            "net.ipv6.conf.$LAB_DEV_IF.disable_ipv6=0"
        ip -n "$ns" -6 addr replace "$(printf '%s::%x:%x' "$ZOO_V6_PREFIX" $(((a << 8) | b)) $(((c << 8) | d6)))/64" dev "$LAB_DEV_IF"
        [[ ${opt[ipv4]} == quiet ]] && zoo_nft_v4quiet "$ns"
        zoo_start_loop "$lab" "$dev" ipv6-chatty "${opt[every]}"
        ;;
    dhcp-joiner | rotator)
        rm -f "$dir/$dev.joins"
        echo "$DI_MAC" >"$dir/$dev.macs"
        ip -n "$ns" -4 addr flush dev "$LAB_DEV_IF"
        ;;
    esac
    {
        echo "kind=$kind"
        echo "ip=$ip"
        for key in ${allowed[$kind]}; do echo "$key=${opt[$key]}"; done
    } >"$dir/$dev.behaviour"
    if [[ $kind == dhcp-joiner || $kind == rotator ]]; then
        zoo_dhcp_hosts "$lab"
        zoo_dhcp_server "$lab"
    elif [[ $prev == dhcp-joiner || $prev == rotator ]]; then
        # Back to its static address.
        zoo_lab_subnet "$lab"
        ip -n "$ns" -4 addr replace "$ip/$PREFIX" dev "$LAB_DEV_IF"
        zoo_dhcp_hosts "$lab"
    fi
    log "lab $lab: $dev is $kind$(for key in ${allowed[$kind]}; do [[ -n ${opt[$key]} ]] && printf ' --%s %s' "$key" "${opt[$key]}"; done)"
}

# zoo_dhcp_hosts LAB — dnsmasq's hosts file from the dhcp devices' behaviours.
zoo_dhcp_hosts() {
    local lab=$1 dir d
    dir=$(zoo_dir "$lab")
    while read -r d; do
        case $(zoo_kind "$lab" "$d") in
        dhcp-joiner) echo "$(zoo_get "$lab" "$d" hostname),$(zoo_get "$lab" "$d" ip)" ;;
        # By every MAC it has had: dnsmasq then gives the address to the new
        # one and abandons the old one's lease (one host, several interfaces).
        rotator) echo "$(paste -sd, "$dir/$d.macs"),$(zoo_get "$lab" "$d" ip)" ;;
        esac
    done < <(lab_device_names "$lab") >"$dir/dhcp.hosts.new"
    mv "$dir/dhcp.hosts.new" "$dir/dhcp.hosts"
    [[ -r $dir/dhcp.pid ]] && kill -HUP "$(<"$dir/dhcp.pid")" 2>/dev/null
    return 0
}
