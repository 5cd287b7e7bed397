using System.Buffers.Binary;
using System.Text;
using Footfall.Net;
using Footfall.Tests.Support;

namespace Footfall.Tests.Net;

public class DhcpRequestTests
{
    [Fact]
    public void ParsesADiscoverWithHostnameAndClientId()
    {
        byte[] frame = PhoneFrames.Dhcp(clientId: [1, 0x3c, 0x22, 0xfb, 0, 0, 1]);
        Assert.True(DhcpRequest.TryParse(frame, out DhcpRequest dhcp));
        Assert.Equal(DhcpMessageType.Discover, dhcp.Type);
        Assert.Equal(PhoneFrames.PhoneMac, dhcp.ClientMac.ToString());
        Assert.Equal(Ipv4Address.Any, dhcp.ClientIp);
        Assert.Equal("Alices-iPhone", Encoding.ASCII.GetString(dhcp.Hostname(frame)));
        Assert.Equal(new byte[] { 1, 0x3c, 0x22, 0xfb, 0, 0, 1 }, dhcp.ClientId(frame).ToArray());
    }

    [Fact]
    public void ARequestTellsTheAddressItAsksFor()
    {
        Assert.True(DhcpRequest.TryParse(PhoneFrames.Dhcp(messageType: 3, requestedIp: "10.160.0.23"), out DhcpRequest dhcp));
        Assert.Equal(DhcpMessageType.Request, dhcp.Type);
        Assert.Equal("10.160.0.23", dhcp.ClientIp.ToString());
    }

    [Fact]
    public void ARenewalTellsItsCurrentAddress()
    {
        Assert.True(DhcpRequest.TryParse(PhoneFrames.Dhcp(messageType: 3, clientIp: "10.160.0.24", hostname: null), out DhcpRequest dhcp));
        Assert.Equal("10.160.0.24", dhcp.ClientIp.ToString());
        Assert.Equal(0, dhcp.HostnameLength);
        Assert.Equal(0, dhcp.ClientIdLength);
    }

    [Fact]
    public void AcceptsPaddingIpOptionsNoUdpChecksumAndAHostnameEndingInNul()
    {
        Assert.True(DhcpRequest.TryParse(PhoneFrames.Dhcp(padTo: 1514), out _));
        Assert.True(DhcpRequest.TryParse(PhoneFrames.Dhcp(ipOptionWords: 2), out _));
        Assert.True(DhcpRequest.TryParse(PhoneFrames.Dhcp(udpChecksum: false), out _));
        byte[] nul = PhoneFrames.Dhcp(hostname: "phone\0");
        Assert.True(DhcpRequest.TryParse(nul, out DhcpRequest dhcp));
        Assert.Equal("phone", Encoding.ASCII.GetString(dhcp.Hostname(nul)));
        // Options the parser does not know are stepped over, pads too.
        Assert.True(DhcpRequest.TryParse(PhoneFrames.DhcpWithOptions([0, 0, 53, 1, 1, 55, 3, 1, 3, 6, 0, 255]), out _));
    }

    public static TheoryData<string, byte[]> MalformedFrames()
    {
        byte[] valid = PhoneFrames.Dhcp();
        int ip = 14, udp = 34, bootp = 42, options = bootp + 240;
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "cut before the magic cookie", valid[..(options - 1)] },
            { "cut inside the options (IP length says more)", valid[..(valid.Length - 3)] },
            { "oversized", PhoneFrames.Dhcp(padTo: 1515) },
            { "ARP ethertype", Frames.With(valid, (12, 0x08), (13, 0x06)) },
            { "IPv6 version", Resum(Frames.With(valid, (ip, 0x65))) },
            { "IHL below 5", Resum(Frames.With(valid, (ip, 0x44))) },
            { "IP total length beyond the frame", Resum(WithWord(valid, ip + 2, valid.Length)) },
            { "a first fragment (MF)", Resum(Frames.With(valid, (ip + 6, 0x20))) },
            { "a later fragment", Resum(Frames.With(valid, (ip + 7, 0x10))) },
            { "TCP", Resum(Frames.With(valid, (ip + 9, 6))) },
            { "bad IP header checksum", Frames.With(valid, (ip + 10, (byte)(valid[ip + 10] ^ 0x40))) },
            { "from the server port", WithWord(valid, udp, 67) },
            { "to the client port", WithWord(valid, udp + 2, 68) },
            { "UDP length shorter than the datagram", WithWord(valid, udp + 4, valid.Length - udp - 1) },
            { "bad UDP checksum", Frames.With(valid, (udp + 6, (byte)(valid[udp + 6] ^ 1))) },
            { "BOOTREPLY", PhoneFrames.Dhcp() is var reply ? NoUdpSum(Frames.With(reply, (bootp, 2))) : [] },
            { "hardware type 6", NoUdpSum(Frames.With(valid, (bootp + 1, 6))) },
            { "hardware length 16", NoUdpSum(Frames.With(valid, (bootp + 2, 16))) },
            { "broadcast chaddr", PhoneFrames.Dhcp(clientMac: "ff:ff:ff:ff:ff:ff") },
            { "zero chaddr", PhoneFrames.Dhcp(clientMac: "00:00:00:00:00:00") },
            { "multicast ciaddr", PhoneFrames.Dhcp(clientIp: "224.0.0.1") },
            { "no magic cookie", NoUdpSum(Frames.With(valid, (bootp + 236, 0))) },
            { "no End option", PhoneFrames.Dhcp(end: false) },
            { "no message type", PhoneFrames.DhcpWithOptions([12, 2, 0x61, 0x62, 255]) },
            { "message type twice", PhoneFrames.DhcpWithOptions([53, 1, 1, 53, 1, 1, 255]) },
            { "message type of length 2", PhoneFrames.DhcpWithOptions([53, 2, 1, 1, 255]) },
            { "an OFFER (from a server)", PhoneFrames.Dhcp(messageType: 2) },
            { "a RELEASE", PhoneFrames.Dhcp(messageType: 7) },
            { "an option running past the end", PhoneFrames.DhcpWithOptions([53, 1, 1, 12, 40, 0x61, 0x62]) },
            { "an option code with no length byte", PhoneFrames.DhcpWithOptions([53, 1, 1, 12]) },
            { "an empty hostname", PhoneFrames.DhcpWithOptions([53, 1, 1, 12, 0, 255]) },
            { "a hostname of NULs", PhoneFrames.Dhcp(hostname: "\0\0") },
            { "a hostname with a newline", PhoneFrames.Dhcp(hostname: "alice\nbob") },
            { "a hostname with an escape", PhoneFrames.Dhcp(hostname: "\u001b[31mred") },
            { "a hostname with a high byte", PhoneFrames.DhcpWithOptions([53, 1, 1, 12, 2, 0x61, 0xE9, 255]) },
            { "hostname twice", PhoneFrames.DhcpWithOptions([53, 1, 1, 12, 1, 0x61, 12, 1, 0x62, 255]) },
            { "a one-byte client id", PhoneFrames.Dhcp(clientId: [1]) },
            { "requested address of 3 bytes", PhoneFrames.DhcpWithOptions([53, 1, 3, 50, 3, 10, 0, 0, 255]) },
            { "requested broadcast address", PhoneFrames.Dhcp(messageType: 3, requestedIp: "255.255.255.255") },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public void RefusesMalformedFrames(string why, byte[] frame)
    {
        Assert.False(DhcpRequest.TryParse(frame, out DhcpRequest parsed), why);
        Assert.Equal(default, parsed);
    }

    [Fact]
    public void EveryOneByteCorruptionOfTheDatagramIsRefused()
    {
        // The IPv4 and UDP checksums cover every byte of the datagram: a corrupted byte is caught by
        // one of them, or by a field check first. Only a UDP checksum that became zero ("none") may pass.
        var random = new Random(15);
        byte[] valid = PhoneFrames.Dhcp(messageType: 3, requestedIp: "10.160.0.9", clientId: [1, 2, 3]);
        int udpChecksum = 14 + 20 + 6;
        for (int position = 14; position < valid.Length; position++)
        {
            for (int trial = 0; trial < 16; trial++)
            {
                byte[] corrupt = (byte[])valid.Clone();
                corrupt[position] = (byte)(valid[position] ^ random.Next(1, 256));
                bool checksumOff = corrupt[udpChecksum] == 0 && corrupt[udpChecksum + 1] == 0;
                if (!checksumOff)
                {
                    Assert.False(DhcpRequest.TryParse(corrupt, out _), $"byte {position} corrupted to {corrupt[position]:x2} was accepted");
                }
            }
        }
    }

    [Fact]
    public void RandomBytesNeverThrowAndNeverPassAnInvalidFrame()
    {
        var random = new Random(2026_11_28);
        byte[] template = PhoneFrames.Dhcp(udpChecksum: false);
        for (int i = 0; i < 100_000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 1600)];
            random.NextBytes(bytes);
            if (i % 2 == 0)
            {
                // A valid header with random options and lengths: the option walk gets exercised.
                template.AsSpan(0, Math.Min(template.Length - 4, bytes.Length)).CopyTo(bytes);
            }
            if (DhcpRequest.TryParse(bytes, out DhcpRequest dhcp))
            {
                // Whatever passed satisfies what the parser promises.
                Assert.InRange(bytes.Length, DhcpRequest.MinimumLength, 1514);
                Assert.Equal(0, PhoneFrames.Checksum(bytes.AsSpan(14, (bytes[14] & 0xF) * 4)));
                Assert.True(dhcp.ClientMac.IsUnicast);
                Assert.True(dhcp.Hostname(bytes).IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0);
            }
        }
    }

    private static byte[] WithWord(byte[] frame, int at, int value)
    {
        byte[] copy = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(at), (ushort)value);
        return copy;
    }

    /// <summary>Recomputes the IPv4 header checksum so that only the field under test is wrong.</summary>
    private static byte[] Resum(byte[] frame)
    {
        int headerLength = Math.Max(20, (frame[14] & 0xF) * 4);
        frame[24] = 0;
        frame[25] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(24), PhoneFrames.Checksum(frame.AsSpan(14, headerLength)));
        return frame;
    }

    /// <summary>Turns the UDP checksum off, so that only the BOOTP field under test is wrong.</summary>
    private static byte[] NoUdpSum(byte[] frame)
    {
        frame[40] = 0;
        frame[41] = 0;
        return frame;
    }
}
