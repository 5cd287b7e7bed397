using System.Buffers.Binary;
using Footfall.Net;

namespace Footfall.Sweep;

/// <summary>What a frame turned out to be.</summary>
public enum FrameVerdict
{
    /// <summary>None of ARP, a DHCP request or IPv6 neighbour discovery, or malformed.</summary>
    Refused,
    /// <summary>Well formed, but from our own MAC: nothing to see.</summary>
    Ours,
    /// <summary>A sighting of another device.</summary>
    Seen,
}

/// <summary>
/// Turns a received Ethernet frame into a sighting of the device that sent it: an ARP frame of its
/// sender, a DHCP DISCOVER or REQUEST of its client (with the hostname and client id it sent), an IPv6
/// neighbour solicitation or advertisement of its Ethernet source. Used by the sweeper on the wire and
/// by replay on a recording, so both see the same. Allocates nothing, except a client's DHCP identity
/// the first time it is sent (kept while it stays the same).
/// </summary>
public sealed class SightingReader(MacAddress ourMac)
{
    private const int EtherTypeOffset = 12;

    private readonly DhcpIdentities _dhcpIdentities = new();

    /// <summary>Reads <paramref name="frame"/>, which must be whole; <paramref name="sighting"/> is set when the verdict is <see cref="FrameVerdict.Seen"/>.</summary>
    public FrameVerdict Read(ReadOnlySpan<byte> frame, long timestamp, out Sighting sighting)
    {
        sighting = default;
        if (frame.Length < ArpFrame.EthernetHeaderLength)
        {
            return FrameVerdict.Refused;
        }
        return BinaryPrimitives.ReadUInt16BigEndian(frame[EtherTypeOffset..]) switch
        {
            ArpFrame.EtherTypeArp => ReadArp(frame, timestamp, out sighting),
            DhcpRequest.EtherTypeIpv4 => ReadDhcp(frame, timestamp, out sighting),
            NeighborDiscoveryFrame.EtherTypeIpv6 => ReadNeighborDiscovery(frame, timestamp, out sighting),
            _ => FrameVerdict.Refused,
        };
    }

    private FrameVerdict ReadArp(ReadOnlySpan<byte> frame, long timestamp, out Sighting sighting)
    {
        sighting = default;
        if (!ArpFrame.TryParse(frame, out ArpFrame arp))
        {
            return FrameVerdict.Refused;
        }
        if (arp.SenderMac == ourMac || arp.EthernetSource == ourMac)
        {
            return FrameVerdict.Ours;
        }
        sighting = Sighting.Of(arp, timestamp);
        return FrameVerdict.Seen;
    }

    private FrameVerdict ReadDhcp(ReadOnlySpan<byte> frame, long timestamp, out Sighting sighting)
    {
        sighting = default;
        if (!DhcpRequest.TryParse(frame, out DhcpRequest dhcp))
        {
            return FrameVerdict.Refused;
        }
        if (dhcp.ClientMac == ourMac)
        {
            return FrameVerdict.Ours;
        }
        DhcpIdentity identity = _dhcpIdentities.Get(dhcp.ClientMac, dhcp.Hostname(frame), dhcp.ClientId(frame));
        sighting = new Sighting(dhcp.ClientMac, dhcp.ClientIp, timestamp, SightingKind.Dhcp, identity);
        return FrameVerdict.Seen;
    }

    private FrameVerdict ReadNeighborDiscovery(ReadOnlySpan<byte> frame, long timestamp, out Sighting sighting)
    {
        sighting = default;
        if (!NeighborDiscoveryFrame.TryParse(frame, out NeighborDiscoveryFrame nd))
        {
            return FrameVerdict.Refused;
        }
        if (nd.Source == ourMac)
        {
            return FrameVerdict.Ours;
        }
        sighting = new Sighting(nd.Source, Ipv4Address.Any, timestamp, SightingKind.NeighborDiscovery);
        return FrameVerdict.Seen;
    }
}
