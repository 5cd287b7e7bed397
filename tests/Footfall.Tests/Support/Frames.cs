using System.Buffers.Binary;

namespace Footfall.Tests.Support;

/// <summary>
/// Hand-built Ethernet/ARP frames, written byte by byte from RFC 826 rather than with the code under test.
/// </summary>
public static class Frames
{
    public static byte[] Arp(
        ushort operation = 1,
        string senderMac = "3c:22:fb:00:00:01",
        string senderIp = "192.168.1.20",
        string targetMac = "00:00:00:00:00:00",
        string targetIp = "192.168.1.1",
        string ethernetDestination = "ff:ff:ff:ff:ff:ff",
        string? ethernetSource = null,
        int length = 60)
    {
        byte[] frame = new byte[length];
        Span<byte> f = frame;
        Mac(ethernetDestination).CopyTo(f[0..]);
        Mac(ethernetSource ?? senderMac).CopyTo(f[6..]);
        f[12] = 0x08; f[13] = 0x06;
        f[14] = 0x00; f[15] = 0x01;             // hardware type: Ethernet
        f[16] = 0x08; f[17] = 0x00;             // protocol type: IPv4
        f[18] = 6; f[19] = 4;                   // address lengths
        BinaryPrimitives.WriteUInt16BigEndian(f[20..], operation);
        Mac(senderMac).CopyTo(f[22..]);
        Ip(senderIp).CopyTo(f[28..]);
        Mac(targetMac).CopyTo(f[32..]);
        Ip(targetIp).CopyTo(f[38..]);
        return frame;
    }

    /// <summary>A copy of <paramref name="frame"/> with the given bytes changed.</summary>
    public static byte[] With(byte[] frame, params (int At, byte Value)[] changes)
    {
        byte[] copy = (byte[])frame.Clone();
        foreach ((int at, byte value) in changes)
        {
            copy[at] = value;
        }
        return copy;
    }

    public static byte[] Mac(string text) => text.Split(':').Select(h => Convert.ToByte(h, 16)).ToArray();

    public static byte[] Ip(string text) => text.Split('.').Select(byte.Parse).ToArray();

    /// <summary>
    /// An independent statement of what a valid frame is, by raw byte positions, used as the oracle
    /// for property tests of the parser.
    /// </summary>
    public static bool IsValidArpFrame(ReadOnlySpan<byte> f)
    {
        if (f.Length < 42 || f.Length > 1514) return false;
        if (f[12] != 0x08 || f[13] != 0x06) return false;
        if (f[14] != 0 || f[15] != 1 || f[16] != 0x08 || f[17] != 0 || f[18] != 6 || f[19] != 4) return false;
        if (f[20] != 0 || (f[21] != 1 && f[21] != 2)) return false;
        bool macZero = f.Slice(22, 6).IndexOfAnyExcept((byte)0) < 0;
        bool macGroup = (f[22] & 1) != 0;
        if (macZero || macGroup) return false;
        if (f[28] >= 224) return false;
        bool ipZero = f.Slice(28, 4).IndexOfAnyExcept((byte)0) < 0;
        if (ipZero && f[21] == 2) return false;
        return true;
    }
}
