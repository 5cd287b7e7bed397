using System.Buffers.Binary;

namespace Footfall.Net;

public enum DhcpMessageType : byte
{
    Discover = 1,
    Request = 3,
}

/// <summary>
/// A DHCP DISCOVER or REQUEST (RFC 2131) from a client, in an Ethernet II / IPv4 / UDP 68→67 frame,
/// parsed from a span. Like <see cref="ArpFrame"/>, parsing never throws and never allocates: the
/// hostname (option 12) and client identifier (option 61) are given as places in the frame, which
/// the caller reads with <see cref="Hostname"/> and <see cref="ClientId"/> while it still holds it.
/// </summary>
public readonly record struct DhcpRequest(
    DhcpMessageType Type,
    MacAddress ClientMac,
    Ipv4Address ClientIp,
    int HostnameOffset,
    int HostnameLength,
    int ClientIdOffset,
    int ClientIdLength)
{
    public const ushort EtherTypeIpv4 = 0x0800;
    public const ushort ClientPort = 68;
    public const ushort ServerPort = 67;

    private const int EthernetHeaderLength = ArpFrame.EthernetHeaderLength;
    private const int EtherTypeOffset = 12;

    // IPv4 header (RFC 791).
    private const int Ipv4MinimumHeaderLength = 20;
    private const int Ipv4TotalLengthOffset = 2;
    private const int Ipv4FragmentOffset = 6;
    private const int Ipv4ProtocolOffset = 9;
    private const int Ipv4SourceOffset = 12;
    private const int Ipv4DestinationOffset = 16;
    private const ushort MoreFragmentsAndOffsetMask = 0x3FFF;
    private const byte ProtocolUdp = 17;

    // UDP header (RFC 768).
    private const int UdpHeaderLength = 8;

    // BOOTP fixed part (RFC 2131 figure 1), then the magic cookie and the options.
    private const int OpOffset = 0;
    private const int HardwareTypeOffset = 1;
    private const int HardwareLengthOffset = 2;
    private const int ClientIpOffset = 12;
    private const int ClientHardwareOffset = 28;
    private const int MagicCookieOffset = 236;
    private const int OptionsOffset = 240;
    private const uint MagicCookie = 0x63825363;
    private const byte BootRequest = 1;
    private const byte HardwareTypeEthernet = 1;

    // Options (RFC 2132).
    private const byte OptionPad = 0;
    private const byte OptionEnd = 255;
    private const byte OptionHostname = 12;
    private const byte OptionRequestedIp = 50;
    private const byte OptionMessageType = 53;
    private const byte OptionClientId = 61;
    private const int MinimumClientIdLength = 2;

    /// <summary>Ethernet, a bare IPv4 header, UDP and BOOTP up to the end of the magic cookie.</summary>
    public const int MinimumLength = EthernetHeaderLength + Ipv4MinimumHeaderLength + UdpHeaderLength + OptionsOffset;

    /// <summary>The hostname's bytes (printable ASCII, checked), empty when the client sent none.</summary>
    public ReadOnlySpan<byte> Hostname(ReadOnlySpan<byte> frame) => frame.Slice(HostnameOffset, HostnameLength);

    /// <summary>The client identifier's bytes (its type byte first), empty when the client sent none.</summary>
    public ReadOnlySpan<byte> ClientId(ReadOnlySpan<byte> frame) => frame.Slice(ClientIdOffset, ClientIdLength);

    /// <summary>
    /// Parses a whole Ethernet frame. Refuses (returns false) anything that is not exactly an unfragmented
    /// IPv4/UDP datagram from port 68 to port 67 whose lengths agree with the frame and whose IPv4 (and, when
    /// present, UDP) checksum verifies, carrying a BOOTREQUEST for an Ethernet client with a unicast
    /// <c>chaddr</c>, the magic cookie, and options that walk cleanly to an End option with exactly one
    /// message type of DISCOVER or REQUEST. Options 12, 50, 53 and 61 may appear once each; a hostname
    /// must be printable ASCII (trailing NULs, which some clients add, are dropped), a client id at least
    /// two bytes, a requested address four bytes and not multicast or reserved.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out DhcpRequest parsed)
    {
        parsed = default;
        if (frame.Length < MinimumLength || frame.Length > ArpFrame.MaximumLength
            || BinaryPrimitives.ReadUInt16BigEndian(frame[EtherTypeOffset..]) != EtherTypeIpv4)
        {
            return false;
        }
        ReadOnlySpan<byte> ip = frame[EthernetHeaderLength..];
        int headerLength = (ip[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[Ipv4TotalLengthOffset..]);
        // Ethernet pads short frames, so the IP datagram may end before the frame does, never after.
        if (ip[0] >> 4 != 4 || headerLength < Ipv4MinimumHeaderLength || totalLength > ip.Length
            || totalLength < headerLength + UdpHeaderLength + OptionsOffset
            || (BinaryPrimitives.ReadUInt16BigEndian(ip[Ipv4FragmentOffset..]) & MoreFragmentsAndOffsetMask) != 0
            || ip[Ipv4ProtocolOffset] != ProtocolUdp
            || !InternetChecksum.Verifies(InternetChecksum.Add(0, ip[..headerLength])))
        {
            return false;
        }
        ReadOnlySpan<byte> udp = ip[headerLength..totalLength];
        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        if (BinaryPrimitives.ReadUInt16BigEndian(udp) != ClientPort
            || BinaryPrimitives.ReadUInt16BigEndian(udp[2..]) != ServerPort
            || udpLength != udp.Length)
        {
            return false;
        }
        // A zero UDP checksum means the sender did not compute one (legal over IPv4).
        if (BinaryPrimitives.ReadUInt16BigEndian(udp[6..]) != 0)
        {
            uint sum = InternetChecksum.Add(0, ip.Slice(Ipv4SourceOffset, 8));
            sum = InternetChecksum.Add(sum, ProtocolUdp);
            sum = InternetChecksum.Add(sum, (ushort)udpLength);
            if (!InternetChecksum.Verifies(InternetChecksum.Add(sum, udp)))
            {
                return false;
            }
        }
        ReadOnlySpan<byte> bootp = udp[UdpHeaderLength..];
        if (bootp[OpOffset] != BootRequest || bootp[HardwareTypeOffset] != HardwareTypeEthernet
            || bootp[HardwareLengthOffset] != MacAddress.Length
            || BinaryPrimitives.ReadUInt32BigEndian(bootp[MagicCookieOffset..]) != MagicCookie)
        {
            return false;
        }
        MacAddress client = MacAddress.Read(bootp[ClientHardwareOffset..]);
        Ipv4Address clientIp = Ipv4Address.Read(bootp[ClientIpOffset..]);
        if (!client.IsUnicast || clientIp.IsMulticastOrReserved)
        {
            return false;
        }
        int bootpStart = EthernetHeaderLength + headerLength + UdpHeaderLength;
        if (!TryWalkOptions(bootp[OptionsOffset..], out Options options))
        {
            return false;
        }
        if (clientIp == Ipv4Address.Any && options.RequestedIp is { } requested)
        {
            clientIp = requested;
        }
        int optionsStart = bootpStart + OptionsOffset;
        parsed = new DhcpRequest(
            options.Type,
            client,
            clientIp,
            optionsStart + options.HostnameOffset,
            options.HostnameLength,
            optionsStart + options.ClientIdOffset,
            options.ClientIdLength);
        return true;
    }

    private static bool TryWalkOptions(ReadOnlySpan<byte> options, out Options found)
    {
        found = default;
        bool sawType = false, sawHostname = false, sawClientId = false, sawRequestedIp = false;
        int i = 0;
        while (true)
        {
            if (i >= options.Length)
            {
                return false; // no End option
            }
            byte code = options[i];
            if (code == OptionPad)
            {
                i++;
                continue;
            }
            if (code == OptionEnd)
            {
                break;
            }
            if (i + 2 > options.Length)
            {
                return false;
            }
            int length = options[i + 1];
            int data = i + 2;
            if (data + length > options.Length)
            {
                return false;
            }
            ReadOnlySpan<byte> value = options.Slice(data, length);
            switch (code)
            {
                case OptionMessageType:
                    if (sawType || length != 1 || value[0] is not ((byte)DhcpMessageType.Discover or (byte)DhcpMessageType.Request))
                    {
                        return false;
                    }
                    found.Type = (DhcpMessageType)value[0];
                    sawType = true;
                    break;
                case OptionHostname:
                    int trimmed = value.TrimEnd((byte)0).Length;
                    if (sawHostname || trimmed == 0 || value[..trimmed].IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
                    {
                        return false;
                    }
                    found.HostnameOffset = data;
                    found.HostnameLength = trimmed;
                    sawHostname = true;
                    break;
                case OptionClientId:
                    if (sawClientId || length < MinimumClientIdLength)
                    {
                        return false;
                    }
                    found.ClientIdOffset = data;
                    found.ClientIdLength = length;
                    sawClientId = true;
                    break;
                case OptionRequestedIp:
                    if (sawRequestedIp || length != Ipv4Address.Length)
                    {
                        return false;
                    }
                    Ipv4Address requested = Ipv4Address.Read(value);
                    if (requested.IsMulticastOrReserved)
                    {
                        return false;
                    }
                    found.RequestedIp = requested == Ipv4Address.Any ? null : requested;
                    sawRequestedIp = true;
                    break;
            }
            i = data + length;
        }
        return sawType;
    }

    private struct Options
    {
        public DhcpMessageType Type;
        public int HostnameOffset;
        public int HostnameLength;
        public int ClientIdOffset;
        public int ClientIdLength;
        public Ipv4Address? RequestedIp;
    }
}
