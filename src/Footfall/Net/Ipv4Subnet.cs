using Footfall.Runtime;

namespace Footfall.Net;

/// <summary>An IPv4 network in CIDR form, always held normalised (host bits cleared).</summary>
public readonly record struct Ipv4Subnet
{
    public Ipv4Subnet(Ipv4Address address, int prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 32);
        PrefixLength = prefixLength;
        Network = new Ipv4Address(address.Value & MaskFor(prefixLength));
    }

    public Ipv4Address Network { get; }

    public int PrefixLength { get; }

    public uint Mask => MaskFor(PrefixLength);

    public Ipv4Address Broadcast => new(Network.Value | ~Mask);

    /// <summary>Every address the subnet spans, network and broadcast included.</summary>
    public long Size => 1L << (32 - PrefixLength);

    /// <summary>
    /// The addresses a sweep should probe. Network and broadcast addresses are not hosts,
    /// except on /31 point-to-point links (RFC 3021) and /32, where every address is one.
    /// </summary>
    public (Ipv4Address First, Ipv4Address Last) HostRange => PrefixLength >= 31
        ? (Network, Broadcast)
        : (new Ipv4Address(Network.Value + 1), new Ipv4Address(Broadcast.Value - 1));

    public long HostCount => PrefixLength >= 31 ? Size : Size - 2;

    public bool Contains(Ipv4Address address) => (address.Value & Mask) == Network.Value;

    public static uint MaskFor(int prefixLength) => prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);

    /// <summary>Prefix length of a contiguous netmask such as 255.255.252.0, or -1 if the mask has holes.</summary>
    public static int PrefixLengthOf(Ipv4Address netmask)
    {
        int prefix = System.Numerics.BitOperations.LeadingZeroCount(~netmask.Value);
        return MaskFor(prefix) == netmask.Value ? prefix : -1;
    }

    /// <summary>Parses "192.168.1.0/24"; a bare address means /32; host bits are cleared ("10.0.0.7/24" is 10.0.0.0/24).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv4Subnet subnet)
    {
        subnet = default;
        int slash = text.IndexOf('/');
        ReadOnlySpan<char> addressText = slash < 0 ? text : text[..slash];
        if (!Ipv4Address.TryParse(addressText, out Ipv4Address address))
        {
            return false;
        }
        int prefix = 32;
        if (slash >= 0)
        {
            ReadOnlySpan<char> prefixText = text[(slash + 1)..];
            if (prefixText.Length is < 1 or > 2 || !char.IsAsciiDigit(prefixText[0]) || !char.IsAsciiDigit(prefixText[^1]))
            {
                return false;
            }
            prefix = prefixText.Length == 1 ? prefixText[0] - '0' : ((prefixText[0] - '0') * 10) + (prefixText[1] - '0');
            if (prefix > 32)
            {
                return false;
            }
        }
        subnet = new Ipv4Subnet(address, prefix);
        return true;
    }

    public override string ToString() => $"{Network}/{PrefixLength}";
}
