using System.Buffers.Binary;

namespace Footfall.Net;

/// <summary>
/// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words.
/// Summed in pieces so that a pseudo-header and a payload can be added without copying them together.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running sum; an odd last byte is padded with zero.</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }
        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }
        // Fold now and then would do; folding each call keeps the sum far from overflow for any frame.
        return Fold(sum);
    }

    public static uint Add(uint sum, ushort word) => Fold(sum + word);

    /// <summary>The checksum to write into a header whose checksum field was zero when summed.</summary>
    public static ushort Finish(uint sum) => (ushort)~Fold(sum);

    /// <summary>True when a sum over data that includes its own checksum field verifies (all ones).</summary>
    public static bool Verifies(uint sum) => Fold(sum) == 0xFFFF;

    private static uint Fold(uint sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return sum;
    }
}
