using System.Buffers.Binary;

namespace Footfall.Net;

public enum NeighborDiscoveryType : byte
{
    Solicitation = 135,
    Advertisement = 136,
}

/// <summary>
/// An IPv6 neighbour solicitation or advertisement (ICMPv6 135/136, RFC 4861) in an Ethernet II frame,
/// parsed from a span: a device's own kernel sends these whenever it talks IPv6 at all, so they tell
/// that it is here even when its IPv4 is quiet. Parsing never throws and never allocates.
/// </summary>
public readonly record struct NeighborDiscoveryFrame(NeighborDiscoveryType Type, MacAddress Source)
{
    public const ushort EtherTypeIpv6 = 0x86DD;

    private const int EthernetHeaderLength = ArpFrame.EthernetHeaderLength;
    private const int EthernetSourceOffset = 6;
    private const int EtherTypeOffset = 12;

    // IPv6 header (RFC 8200).
    private const int Ipv6HeaderLength = 40;
    private const int PayloadLengthOffset = 4;
    private const int NextHeaderOffset = 6;
    private const int HopLimitOffset = 7;
    private const int SourceOffset = 8;
    private const int DestinationOffset = 24;
    private const int AddressLength = 16;
    private const byte NextHeaderIcmpv6 = 58;

    // RFC 4861 7.1.1 / 7.1.2: only the link's own routers' and hosts' messages have the full hop limit.
    private const byte RequiredHopLimit = 255;

    // ICMPv6 (RFC 4443) and the ND bodies: type, code, checksum, 4 bytes reserved or flags, target address.
    private const int ChecksumOffset = 2;
    private const int FlagsOffset = 4;
    private const int TargetOffset = 8;
    private const int BodyLength = TargetOffset + AddressLength;
    private const uint SolicitedFlag = 0x4000_0000;
    private const int OptionUnit = 8;

    public const int MinimumLength = EthernetHeaderLength + Ipv6HeaderLength + BodyLength;

    /// <summary>
    /// Parses a whole Ethernet frame. Refuses (returns false) anything but an IPv6 packet with no extension
    /// headers whose payload length fits the frame, hop limit 255, ICMPv6 type 135 or 136 with code 0, a
    /// checksum that verifies, a body of at least 24 bytes, a target that is not multicast, options each of
    /// non-zero length that end exactly at the payload's end, and a unicast Ethernet source; and the rules
    /// of RFC 4861 7.1: a solicitation from the unspecified address goes to a multicast address and carries
    /// no source link-layer option, an advertisement to a multicast address is not marked solicited.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out NeighborDiscoveryFrame parsed)
    {
        parsed = default;
        if (frame.Length < MinimumLength || frame.Length > ArpFrame.MaximumLength
            || BinaryPrimitives.ReadUInt16BigEndian(frame[EtherTypeOffset..]) != EtherTypeIpv6)
        {
            return false;
        }
        ReadOnlySpan<byte> ip = frame[EthernetHeaderLength..];
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[PayloadLengthOffset..]);
        if (ip[0] >> 4 != 6 || ip[NextHeaderOffset] != NextHeaderIcmpv6 || ip[HopLimitOffset] != RequiredHopLimit
            || payloadLength < BodyLength || Ipv6HeaderLength + payloadLength > ip.Length)
        {
            return false;
        }
        ReadOnlySpan<byte> source = ip.Slice(SourceOffset, AddressLength);
        ReadOnlySpan<byte> destination = ip.Slice(DestinationOffset, AddressLength);
        ReadOnlySpan<byte> icmp = ip.Slice(Ipv6HeaderLength, payloadLength);
        if (icmp[0] is not ((byte)NeighborDiscoveryType.Solicitation or (byte)NeighborDiscoveryType.Advertisement)
            || icmp[1] != 0 || IsMulticast(icmp.Slice(TargetOffset, AddressLength)))
        {
            return false;
        }
        // Pseudo-header (RFC 8200 8.1): source, destination, upper-layer length, next header.
        uint sum = InternetChecksum.Add(0, ip.Slice(SourceOffset, 2 * AddressLength));
        sum = InternetChecksum.Add(sum, (ushort)(payloadLength >> 16));
        sum = InternetChecksum.Add(sum, (ushort)payloadLength);
        sum = InternetChecksum.Add(sum, NextHeaderIcmpv6);
        if (!InternetChecksum.Verifies(InternetChecksum.Add(sum, icmp)))
        {
            return false;
        }
        var type = (NeighborDiscoveryType)icmp[0];
        if (!TryWalkOptions(icmp[BodyLength..], out bool sourceLinkLayer))
        {
            return false;
        }
        bool unspecifiedSource = source.IndexOfAnyExcept((byte)0) < 0;
        if (type == NeighborDiscoveryType.Solicitation && unspecifiedSource && (!IsMulticast(destination) || sourceLinkLayer))
        {
            return false;
        }
        if (type == NeighborDiscoveryType.Advertisement
            && (unspecifiedSource || (IsMulticast(destination) && (BinaryPrimitives.ReadUInt32BigEndian(icmp[FlagsOffset..]) & SolicitedFlag) != 0)))
        {
            return false;
        }
        MacAddress mac = MacAddress.Read(frame[EthernetSourceOffset..]);
        if (!mac.IsUnicast)
        {
            return false;
        }
        parsed = new NeighborDiscoveryFrame(type, mac);
        return true;
    }

    private static bool TryWalkOptions(ReadOnlySpan<byte> options, out bool sourceLinkLayer)
    {
        sourceLinkLayer = false;
        int i = 0;
        while (i < options.Length)
        {
            if (i + 2 > options.Length || options[i + 1] == 0)
            {
                return false;
            }
            int length = options[i + 1] * OptionUnit;
            if (i + length > options.Length)
            {
                return false;
            }
            sourceLinkLayer |= options[i] == 1;
            i += length;
        }
        return true;
    }

    private static bool IsMulticast(ReadOnlySpan<byte> address) => address[0] == 0xFF;
}
