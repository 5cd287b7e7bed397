#!/usr/bin/env python3
"""mdns-resolve.py NAME.local FROM_IP [TIMEOUT] — ask the LAN's multicast DNS for NAME.local's IPv4
address, as a laptop's resolver does (RFC 6762 one-shot query on 224.0.0.251:5353, sent from the
interface that has FROM_IP), and print it. Exit 1 when nobody answers within TIMEOUT seconds (3).
Only the Python standard library: it runs in a lab device's namespace, where no resolver runs."""
import socket
import struct
import sys
import time

GROUP, PORT = "224.0.0.251", 5353


def query(name):
    header = struct.pack("!HHHHHH", 0, 0, 1, 0, 0, 0)
    labels = b"".join(bytes([len(p)]) + p.encode() for p in name.rstrip(".").split(".")) + b"\0"
    return header + labels + struct.pack("!HH", 1, 1)  # A, IN


def skip_name(data, at):
    while True:
        length = data[at]
        if length == 0:
            return at + 1
        if length & 0xC0 == 0xC0:
            return at + 2
        at += 1 + length


def read_name(data, at):
    parts = []
    while True:
        length = data[at]
        if length == 0:
            return ".".join(parts)
        if length & 0xC0 == 0xC0:
            at = ((length & 0x3F) << 8) | data[at + 1]
            continue
        parts.append(data[at + 1:at + 1 + length].decode(errors="replace"))
        at += 1 + length


def answers(data, name):
    _, flags, qd, an, _, _ = struct.unpack("!HHHHHH", data[:12])
    if not flags & 0x8000:
        return
    at = 12
    for _ in range(qd):
        at = skip_name(data, at) + 4
    for _ in range(an):
        owner = read_name(data, at)
        at = skip_name(data, at)
        rtype, _, _, length = struct.unpack("!HHIH", data[at:at + 10])
        at += 10
        if rtype == 1 and length == 4 and owner.lower() == name.lower().rstrip("."):
            yield socket.inet_ntoa(data[at:at + 4])
        at += length


def main():
    name, source = sys.argv[1], sys.argv[2]
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("", PORT))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(GROUP) + socket.inet_aton(source))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(source))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
    deadline = time.monotonic() + timeout
    next_ask = 0.0
    while time.monotonic() < deadline:
        if time.monotonic() >= next_ask:
            s.sendto(query(name), (GROUP, PORT))
            next_ask = time.monotonic() + 1.0
        s.settimeout(max(0.05, min(next_ask, deadline) - time.monotonic()))
        try:
            data, _ = s.recvfrom(9000)
        except socket.timeout:
            continue
        for address in answers(data, name):
            print(address)
            return 0
    print(f"mdns-resolve: no answer for {name} within {timeout:g} s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
