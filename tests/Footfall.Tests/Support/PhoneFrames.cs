using System.Buffers.Binary;
using System.Text;

namespace Footfall.Tests.Support;

/// <summary>
/// Hand-built DHCP (RFC 2131/2132) and IPv6 neighbour discovery (RFC 4861) frames, written byte by byte
/// from the RFCs with this file's own checksum, not with the code under test.
/// </summary>
public static class PhoneFrames
{
    public const string PhoneMac = "3c:22:fb:00:00:01";

    /// <summary>Options as (code, bytes), in order; End is added unless <paramref name="end"/> is false.</summary>
    public static byte[] Dhcp(
        byte messageType = 1,
        string clientMac = PhoneMac,
        string? hostname = "Alices-iPhone",
        byte[]? clientId = null,
        string? requestedIp = null,
        string clientIp = "0.0.0.0",
        bool udpChecksum = true,
        IEnumerable<(byte Code, byte[] Value)>? extraOptions = null,
        bool end = true,
        int ipOptionWords = 0,
        int padTo = 0)
    {
        var options = new List<byte>();
        void Option(byte code, byte[] value)
        {
            options.Add(code);
            options.Add((byte)value.Length);
            options.AddRange(value);
        }
        Option(53, [messageType]);
        if (clientId is not null)
        {
            Option(61, clientId);
        }
        if (requestedIp is not null)
        {
            Option(50, Frames.Ip(requestedIp));
        }
        if (hostname is not null)
        {
            Option(12, Encoding.ASCII.GetBytes(hostname));
        }
        foreach ((byte code, byte[] value) in extraOptions ?? [])
        {
            Option(code, value);
        }
        if (end)
        {
            options.Add(255);
        }
        return DhcpWithOptions([.. options], clientMac, clientIp, udpChecksum, ipOptionWords, padTo);
    }

    /// <summary>A BOOTREQUEST with exactly these option bytes after the magic cookie.</summary>
    public static byte[] DhcpWithOptions(byte[] options, string clientMac = PhoneMac, string clientIp = "0.0.0.0", bool udpChecksum = true, int ipOptionWords = 0, int padTo = 0)
    {
        var bootp = new byte[240 + options.Length];
        bootp[0] = 1;                                   // op: BOOTREQUEST
        bootp[1] = 1;                                   // htype: Ethernet
        bootp[2] = 6;                                   // hlen
        BinaryPrimitives.WriteUInt32BigEndian(bootp.AsSpan(4), 0x1234_5678); // xid
        Frames.Ip(clientIp).CopyTo(bootp, 12);          // ciaddr
        Frames.Mac(clientMac).CopyTo(bootp, 28);        // chaddr
        bootp[236] = 0x63; bootp[237] = 0x82; bootp[238] = 0x53; bootp[239] = 0x63;
        options.CopyTo(bootp, 240);

        byte[] udp = new byte[8 + bootp.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(0), 68);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), 67);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        bootp.CopyTo(udp, 8);
        byte[] source = Frames.Ip(clientIp), destination = [255, 255, 255, 255];
        if (udpChecksum)
        {
            byte[] pseudo = [.. source, .. destination, 0, 17, (byte)(udp.Length >> 8), (byte)udp.Length];
            ushort sum = Checksum([.. pseudo, .. udp]);
            BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(6), sum == 0 ? (ushort)0xFFFF : sum);
        }

        int headerLength = 20 + 4 * ipOptionWords;
        byte[] ip = new byte[headerLength + udp.Length];
        ip[0] = (byte)(0x40 | (headerLength / 4));
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;                                     // TTL
        ip[9] = 17;                                     // UDP
        source.CopyTo(ip, 12);
        destination.CopyTo(ip, 16);
        for (int i = 20; i < headerLength; i++)
        {
            ip[i] = 1;                                  // NOP options
        }
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), Checksum(ip.AsSpan(0, headerLength)));
        udp.CopyTo(ip, headerLength);

        byte[] frame = new byte[Math.Max(14 + ip.Length, padTo)];
        Frames.Mac("ff:ff:ff:ff:ff:ff").CopyTo(frame, 0);
        Frames.Mac(clientMac).CopyTo(frame, 6);
        frame[12] = 0x08; frame[13] = 0x00;
        ip.CopyTo(frame, 14);
        return frame;
    }

    /// <summary>
    /// A neighbour solicitation (135) or advertisement (136) from <paramref name="sourceMac"/>, with a
    /// link-layer address option (source for 135, target for 136) unless <paramref name="linkLayerOption"/> is false.
    /// </summary>
    public static byte[] NeighborDiscovery(
        byte type = 135,
        string sourceMac = PhoneMac,
        string sourceIp = "fdff::2",
        string destinationIp = "ff02::1:ff00:1",
        string target = "fdff::1",
        byte hopLimit = 255,
        uint flags = 0,
        bool linkLayerOption = true,
        byte[]? rawOptions = null,
        int padTo = 0)
    {
        byte[] options = rawOptions ?? (linkLayerOption ? [(byte)(type == 135 ? 1 : 2), 1, .. Frames.Mac(sourceMac)] : []);
        byte[] icmp = new byte[24 + options.Length];
        icmp[0] = type;
        BinaryPrimitives.WriteUInt32BigEndian(icmp.AsSpan(4), flags);
        System.Net.IPAddress.Parse(target).GetAddressBytes().CopyTo(icmp, 8);
        options.CopyTo(icmp, 24);
        byte[] src = System.Net.IPAddress.Parse(sourceIp).GetAddressBytes();
        byte[] dst = System.Net.IPAddress.Parse(destinationIp).GetAddressBytes();
        byte[] pseudo = [.. src, .. dst, 0, 0, (byte)(icmp.Length >> 8), (byte)icmp.Length, 0, 0, 0, 58];
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(2), Checksum([.. pseudo, .. icmp]));

        byte[] ip = new byte[40 + icmp.Length];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)icmp.Length);
        ip[6] = 58;
        ip[7] = hopLimit;
        src.CopyTo(ip, 8);
        dst.CopyTo(ip, 24);
        icmp.CopyTo(ip, 40);

        byte[] frame = new byte[Math.Max(14 + ip.Length, padTo)];
        Frames.Mac("33:33:ff:00:00:01").CopyTo(frame, 0);
        Frames.Mac(sourceMac).CopyTo(frame, 6);
        frame[12] = 0x86; frame[13] = 0xDD;
        ip.CopyTo(frame, 14);
        return frame;
    }

    /// <summary>RFC 1071, written plainly: the ones' complement of the ones' complement sum.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        long sum = 0;
        for (int i = 0; i < data.Length; i += 2)
        {
            sum += (data[i] << 8) + (i + 1 < data.Length ? data[i + 1] : 0);
        }
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
