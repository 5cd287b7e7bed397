using System.Buffers.Binary;
using Footfall.Net;
using Footfall.Tests.Support;

namespace Footfall.Tests.Net;

public class MdnsWakeFrameTests
{
    [Fact]
    public void IsAUnicastPtrQueryForTheDevicesOwnAddressToPort5353()
    {
        byte[] buffer = new byte[MdnsWakeFrame.MaximumLength];
        Assert.True(MacAddress.TryParse("02:ff:00:00:00:01", out MacAddress ours));
        Assert.True(MacAddress.TryParse(PhoneFrames.PhoneMac, out MacAddress phone));
        Assert.True(Ipv4Address.TryParse("10.160.0.1", out Ipv4Address ourIp));
        Assert.True(Ipv4Address.TryParse("10.160.0.123", out Ipv4Address phoneIp));
        int length = MdnsWakeFrame.Write(buffer, ours, ourIp, phone, phoneIp);
        byte[] f = buffer[..length];

        Assert.Equal(Frames.Mac(PhoneFrames.PhoneMac), f[0..6]);
        Assert.Equal(Frames.Mac("02:ff:00:00:00:01"), f[6..12]);
        Assert.Equal(new byte[] { 0x08, 0x00 }, f[12..14]);
        // IPv4: version 4, 20 bytes, TTL 255, UDP, our address to the phone's, header checksum right.
        Assert.Equal(0x45, f[14]);
        Assert.Equal(255, f[22]);
        Assert.Equal(17, f[23]);
        Assert.Equal(Frames.Ip("10.160.0.1"), f[26..30]);
        Assert.Equal(Frames.Ip("10.160.0.123"), f[30..34]);
        Assert.Equal(0, PhoneFrames.Checksum(f.AsSpan(14, 20)));
        int ipLength = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(16));
        // UDP 5353 to 5353, its checksum over the pseudo-header right.
        Assert.Equal(5353, BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(34)));
        Assert.Equal(5353, BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(36)));
        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(38));
        Assert.Equal(ipLength - 20, udpLength);
        byte[] pseudo = [.. f[26..34], 0, 17, (byte)(udpLength >> 8), (byte)udpLength, .. f.AsSpan(34, udpLength)];
        Assert.Equal(0, PhoneFrames.Checksum(pseudo));
        // DNS: one question, 123.0.160.10.in-addr.arpa PTR, class IN with the unicast-response bit.
        byte[] dns = f[42..(14 + ipLength)];
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, dns[..12]);
        byte[] name = [3, (byte)'1', (byte)'2', (byte)'3', 1, (byte)'0', 3, (byte)'1', (byte)'6', (byte)'0', 2, (byte)'1', (byte)'0',
            7, .. "in-addr"u8, 4, .. "arpa"u8, 0];
        Assert.Equal([.. name, 0, 12, 0x80, 1], dns[12..]);
    }
}
