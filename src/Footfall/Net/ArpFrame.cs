using System.Buffers.Binary;

namespace Footfall.Net;

public enum ArpOperation : ushort
{
    Request = 1,
    Reply = 2,
}

/// <summary>
/// An Ethernet II frame carrying an IPv4-over-Ethernet ARP packet (RFC 826), parsed from a span.
/// Parsing never throws and never allocates: anything that is not exactly such a frame is refused.
/// </summary>
public readonly record struct ArpFrame(
    MacAddress EthernetDestination,
    MacAddress EthernetSource,
    ArpOperation Operation,
    MacAddress SenderMac,
    Ipv4Address SenderIp,
    MacAddress TargetMac,
    Ipv4Address TargetIp)
{
    // Ethernet II header.
    public const int EthernetHeaderLength = 14;
    private const int EthernetDestinationOffset = 0;
    private const int EthernetSourceOffset = 6;
    private const int EtherTypeOffset = 12;
    public const ushort EtherTypeArp = 0x0806;

    // ARP payload for hardware type Ethernet and protocol IPv4: 28 bytes.
    public const int ArpLength = 28;
    private const int HardwareTypeOffset = 0;
    private const int ProtocolTypeOffset = 2;
    private const int HardwareLengthOffset = 4;
    private const int ProtocolLengthOffset = 5;
    private const int OperationOffset = 6;
    private const int SenderMacOffset = 8;
    private const int SenderIpOffset = 14;
    private const int TargetMacOffset = 18;
    private const int TargetIpOffset = 24;
    private const ushort HardwareTypeEthernet = 1;
    private const ushort ProtocolTypeIpv4 = 0x0800;

    /// <summary>Header plus ARP payload, without the padding most senders add.</summary>
    public const int MinimumLength = EthernetHeaderLength + ArpLength;

    /// <summary>Ethernet's minimum frame (without FCS): what we send, zero-padded.</summary>
    public const int PaddedLength = 60;

    /// <summary>
    /// The largest untagged Ethernet frame without FCS (1500-byte payload). Padding up to it is legal;
    /// anything longer is a jumbo or corrupt frame and is refused.
    /// </summary>
    public const int MaximumLength = 1514;

    /// <summary>A request whose sender IP is 0.0.0.0: a host checking that an address is free before taking it (RFC 5227).</summary>
    public bool IsProbe => Operation == ArpOperation.Request && SenderIp == Ipv4Address.Any;

    /// <summary>A host announcing its own address (sender IP == target IP): sent when a phone joins a network.</summary>
    public bool IsGratuitous => SenderIp == TargetIp && SenderIp != Ipv4Address.Any;

    /// <summary>
    /// Parses a whole Ethernet frame. Refuses (returns false) when the frame is shorter than an ARP frame,
    /// longer than <see cref="MaximumLength"/>, VLAN-tagged or of another EtherType, not Ethernet/IPv4 ARP
    /// (hardware type 1, protocol 0x0800, lengths 6 and 4), of an operation other than request or reply,
    /// or when its sender is impossible: a zero or group MAC, a multicast/reserved IP, or a reply from 0.0.0.0.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out ArpFrame parsed)
    {
        parsed = default;
        if (frame.Length < MinimumLength || frame.Length > MaximumLength)
        {
            return false;
        }
        // A VLAN tag (0x8100, 0x88a8) sits where the EtherType would be; such frames belong to
        // another network than the one we sweep, so they are refused rather than unwrapped.
        if (BinaryPrimitives.ReadUInt16BigEndian(frame[EtherTypeOffset..]) != EtherTypeArp)
        {
            return false;
        }
        ReadOnlySpan<byte> arp = frame.Slice(EthernetHeaderLength, ArpLength);
        if (BinaryPrimitives.ReadUInt16BigEndian(arp[HardwareTypeOffset..]) != HardwareTypeEthernet
            || BinaryPrimitives.ReadUInt16BigEndian(arp[ProtocolTypeOffset..]) != ProtocolTypeIpv4
            || arp[HardwareLengthOffset] != MacAddress.Length
            || arp[ProtocolLengthOffset] != Ipv4Address.Length)
        {
            return false;
        }
        ushort operation = BinaryPrimitives.ReadUInt16BigEndian(arp[OperationOffset..]);
        if (operation is not ((ushort)ArpOperation.Request or (ushort)ArpOperation.Reply))
        {
            return false;
        }
        MacAddress senderMac = MacAddress.Read(arp[SenderMacOffset..]);
        Ipv4Address senderIp = Ipv4Address.Read(arp[SenderIpOffset..]);
        if (!senderMac.IsUnicast || senderIp.IsMulticastOrReserved
            || (operation == (ushort)ArpOperation.Reply && senderIp == Ipv4Address.Any))
        {
            return false;
        }
        parsed = new ArpFrame(
            MacAddress.Read(frame[EthernetDestinationOffset..]),
            MacAddress.Read(frame[EthernetSourceOffset..]),
            (ArpOperation)operation,
            senderMac,
            senderIp,
            MacAddress.Read(arp[TargetMacOffset..]),
            Ipv4Address.Read(arp[TargetIpOffset..]));
        return true;
    }

    /// <summary>Writes this frame into <paramref name="destination"/>, zero-padded to 60 bytes; returns the length written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        Span<byte> frame = destination[..PaddedLength];
        frame.Clear();
        EthernetDestination.Write(frame[EthernetDestinationOffset..]);
        EthernetSource.Write(frame[EthernetSourceOffset..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[EtherTypeOffset..], EtherTypeArp);
        Span<byte> arp = frame.Slice(EthernetHeaderLength, ArpLength);
        BinaryPrimitives.WriteUInt16BigEndian(arp[HardwareTypeOffset..], HardwareTypeEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(arp[ProtocolTypeOffset..], ProtocolTypeIpv4);
        arp[HardwareLengthOffset] = MacAddress.Length;
        arp[ProtocolLengthOffset] = Ipv4Address.Length;
        BinaryPrimitives.WriteUInt16BigEndian(arp[OperationOffset..], (ushort)Operation);
        SenderMac.Write(arp[SenderMacOffset..]);
        SenderIp.Write(arp[SenderIpOffset..]);
        TargetMac.Write(arp[TargetMacOffset..]);
        TargetIp.Write(arp[TargetIpOffset..]);
        return PaddedLength;
    }

    /// <summary>A who-has request for <paramref name="target"/>: broadcast for a sweep, or unicast to a known MAC to check a sleepy device.</summary>
    public static ArpFrame Request(MacAddress ourMac, Ipv4Address ourIp, Ipv4Address target, MacAddress destination) =>
        new(destination, ourMac, ArpOperation.Request, ourMac, ourIp, MacAddress.Zero, target);
}
