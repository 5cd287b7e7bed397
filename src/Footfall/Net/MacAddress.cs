using System.Buffers.Binary;
using Footfall.Runtime;

namespace Footfall.Net;

/// <summary>A 48-bit Ethernet hardware address, held in the low bits of a ulong so it copies and compares for free.</summary>
public readonly record struct MacAddress(ulong Value)
{
    public const int Length = 6;
    private const ulong Mask = 0xFFFF_FFFF_FFFF;

    public static readonly MacAddress Broadcast = new(Mask);
    public static readonly MacAddress Zero = new(0);

    public static MacAddress Read(ReadOnlySpan<byte> source) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(source) << 32) | BinaryPrimitives.ReadUInt32BigEndian(source[2..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(Value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)Value);
    }

    /// <summary>Group (multicast or broadcast) addresses have the lowest bit of the first octet set.</summary>
    public bool IsGroup => (Value & 0x0100_0000_0000) != 0;

    /// <summary>Locally administered addresses (randomised phone MACs among them) have the second bit of the first octet set.</summary>
    public bool IsLocallyAdministered => (Value & 0x0200_0000_0000) != 0;

    /// <summary>A usable sender address: not zero, not a group address.</summary>
    public bool IsUnicast => Value != 0 && !IsGroup;

    /// <summary>Parses "3c:22:fb:00:00:01" (also with '-' separators, any case).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress mac)
    {
        mac = default;
        if (text.Length != 17)
        {
            return false;
        }
        char separator = text[2];
        if (separator != ':' && separator != '-')
        {
            return false;
        }
        ulong value = 0;
        for (int i = 0; i < Length; i++)
        {
            int at = i * 3;
            if (i > 0 && text[at - 1] != separator)
            {
                return false;
            }
            int high = HexValue(text[at]);
            int low = HexValue(text[at + 1]);
            if (high < 0 || low < 0)
            {
                return false;
            }
            value = (value << 8) | (uint)((high << 4) | low);
        }
        mac = new MacAddress(value);
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Writes the lowercase, colon-separated form (17 chars) without allocating.</summary>
    public bool TryFormat(Span<char> destination, out int written)
    {
        written = 0;
        if (destination.Length < 17)
        {
            return false;
        }
        for (int i = 0; i < Length; i++)
        {
            int octet = (int)(Value >> (40 - (8 * i))) & 0xFF;
            int at = i * 3;
            destination[at] = "0123456789abcdef"[octet >> 4];
            destination[at + 1] = "0123456789abcdef"[octet & 0xF];
            if (i < Length - 1)
            {
                destination[at + 2] = ':';
            }
        }
        written = 17;
        return true;
    }

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[17];
        TryFormat(buffer, out _);
        return new string(buffer);
    }
}
