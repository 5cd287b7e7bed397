using System.Buffers.Binary;

namespace Footfall.Net;

/// <summary>An IPv4 address as a host-order uint: arithmetic on subnets stays simple and nothing is allocated.</summary>
public readonly record struct Ipv4Address(uint Value) : IComparable<Ipv4Address>
{
    public const int Length = 4;

    public static readonly Ipv4Address Any = new(0);

    public static Ipv4Address Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32BigEndian(source));

    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    /// <summary>224.0.0.0/4 multicast, 240.0.0.0/4 reserved, and the limited broadcast: never a host's own address.</summary>
    public bool IsMulticastOrReserved => Value >= 0xE000_0000;

    public int CompareTo(Ipv4Address other) => Value.CompareTo(other.Value);

    /// <summary>Parses dotted-quad notation strictly: four decimal octets, no leading '+', no spaces.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv4Address address)
    {
        address = default;
        uint value = 0;
        int octets = 0;
        int i = 0;
        while (octets < 4)
        {
            int start = i;
            int octet = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 3)
            {
                octet = (octet * 10) + (text[i] - '0');
                i++;
            }
            if (i == start || octet > 255 || (i - start > 1 && text[start] == '0'))
            {
                return false;
            }
            value = (value << 8) | (uint)octet;
            octets++;
            if (octets < 4)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }
                i++;
            }
        }
        if (i != text.Length)
        {
            return false;
        }
        address = new Ipv4Address(value);
        return true;
    }

    /// <summary>Writes dotted-quad text without allocating; at most 15 chars.</summary>
    public bool TryFormat(Span<char> destination, out int written)
    {
        written = 0;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            if (!((Value >> shift) & 0xFF).TryFormat(destination[written..], out int n))
            {
                return false;
            }
            written += n;
            if (shift > 0)
            {
                if (written >= destination.Length)
                {
                    return false;
                }
                destination[written++] = '.';
            }
        }
        return true;
    }

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[15];
        TryFormat(buffer, out int written);
        return new string(buffer[..written]);
    }
}
