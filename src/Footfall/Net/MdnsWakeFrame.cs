using System.Buffers.Binary;

namespace Footfall.Net;

/// <summary>
/// A unicast mDNS query (RFC 6762 5.5) to a device's UDP port 5353, as a whole Ethernet frame: sleeping
/// iPhones, which stop answering ARP and pings once their screen is off, wake their Wi-Fi for it. The
/// question is the PTR of the device's own address ("4.3.2.10.in-addr.arpa"), which Apple and Android
/// mDNS responders answer, with the unicast-response bit set so that any answer comes back to us alone.
/// Written without allocating.
/// </summary>
public static class MdnsWakeFrame
{
    public const ushort Port = 5353;

    // Ethernet, IPv4 without options, UDP, the DNS header, then the question.
    private const int IpOffset = ArpFrame.EthernetHeaderLength;
    private const int Ipv4HeaderLength = 20;
    private const int UdpOffset = IpOffset + Ipv4HeaderLength;
    private const int UdpHeaderLength = 8;
    private const int DnsOffset = UdpOffset + UdpHeaderLength;
    private const int DnsHeaderLength = 12;
    private const byte ProtocolUdp = 17;
    private const ushort DontFragment = 0x4000;
    private const byte Ttl = 255; // RFC 6762 11: mDNS packets are sent with IP TTL 255.
    private const ushort TypePtr = 12;
    private const ushort ClassInWithUnicastResponse = 0x8001;

    // "255.255.255.255.in-addr.arpa" as labels: 4 × (1 + 3) + 8 ("\7in-addr") + 5 ("\4arpa") + 1 (root).
    private const int LongestQuestion = 16 + 8 + 5 + 1 + 4;

    /// <summary>Room for the longest such frame.</summary>
    public const int MaximumLength = DnsOffset + DnsHeaderLength + LongestQuestion;

    /// <summary>Writes the query into <paramref name="destination"/> (at least <see cref="MaximumLength"/>, padded to 60); returns the length.</summary>
    public static int Write(Span<byte> destination, MacAddress ourMac, Ipv4Address ourIp, MacAddress deviceMac, Ipv4Address deviceIp)
    {
        Span<byte> frame = destination[..MaximumLength];
        frame.Clear();
        deviceMac.Write(frame);
        ourMac.Write(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], DhcpRequest.EtherTypeIpv4);

        int question = DnsOffset + DnsHeaderLength;
        int end = WriteReverseName(frame[question..], deviceIp) + question;
        BinaryPrimitives.WriteUInt16BigEndian(frame[end..], TypePtr);
        BinaryPrimitives.WriteUInt16BigEndian(frame[(end + 2)..], ClassInWithUnicastResponse);
        end += 4;
        // DNS header: id 0 and flags 0 (a standard query), one question.
        BinaryPrimitives.WriteUInt16BigEndian(frame[(DnsOffset + 4)..], 1);

        int udpLength = end - UdpOffset;
        Span<byte> udp = frame[UdpOffset..end];
        BinaryPrimitives.WriteUInt16BigEndian(udp, Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);

        Span<byte> ip = frame[IpOffset..UdpOffset];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(end - IpOffset));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], DontFragment);
        ip[8] = Ttl;
        ip[9] = ProtocolUdp;
        ourIp.Write(ip[12..]);
        deviceIp.Write(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Finish(InternetChecksum.Add(0, ip)));

        uint sum = InternetChecksum.Add(0, ip[12..20]);
        sum = InternetChecksum.Add(sum, ProtocolUdp);
        sum = InternetChecksum.Add(sum, (ushort)udpLength);
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, udp));
        // A computed zero is sent as all ones: zero would mean "no checksum" (RFC 768).
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return Math.Max(end, ArpFrame.PaddedLength);
    }

    private static int WriteReverseName(Span<byte> destination, Ipv4Address address)
    {
        int at = 0;
        for (int shift = 0; shift < 32; shift += 8)
        {
            byte octet = (byte)(address.Value >> shift);
            octet.TryFormat(destination[(at + 1)..], out int digits, provider: System.Globalization.CultureInfo.InvariantCulture);
            destination[at] = (byte)digits;
            at += 1 + digits;
        }
        foreach (byte b in "\u0007in-addr\u0004arpa\0"u8)
        {
            destination[at++] = b;
        }
        return at;
    }
}
