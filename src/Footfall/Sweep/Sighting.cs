using Footfall.Net;

namespace Footfall.Sweep;

public enum SightingKind : byte
{
    /// <summary>An answer to a request (ours or anyone's).</summary>
    Reply,
    /// <summary>The host asked for someone else's address.</summary>
    Request,
    /// <summary>The host announced its own address, as phones do when they join the network.</summary>
    Gratuitous,
    /// <summary>An RFC 5227 probe: the host wants <see cref="Sighting.Ip"/> and has no address yet.</summary>
    Probe,
    /// <summary>A DHCP DISCOVER or REQUEST: the device is joining or renewing; <see cref="Sighting.Dhcp"/> says who it claims to be.</summary>
    Dhcp,
    /// <summary>An IPv6 neighbour solicitation or advertisement: the device is here, whatever its IPv4 does.</summary>
    NeighborDiscovery,
}

/// <summary>
/// One device seen on the wire: its MAC, its IPv4 address (<see cref="Ipv4Address.Any"/> when the frame
/// did not tell one: IPv6, a DHCP DISCOVER), when, and how; for DHCP, the hostname and client id it sent.
/// </summary>
public readonly record struct Sighting(MacAddress Mac, Ipv4Address Ip, long Timestamp, SightingKind Kind, DhcpIdentity? Dhcp = null)
{
    /// <summary>Whether the device itself claims <see cref="Ip"/> as its address now (not a probe for it, not a DHCP wish).</summary>
    public bool ClaimsIp => Ip != Ipv4Address.Any && Kind is SightingKind.Reply or SightingKind.Request or SightingKind.Gratuitous;

    /// <summary>What an ARP frame tells of its sender. For a probe the address is the one asked for.</summary>
    public static Sighting Of(in ArpFrame frame, long timestamp)
    {
        if (frame.IsProbe)
        {
            return new Sighting(frame.SenderMac, frame.TargetIp, timestamp, SightingKind.Probe);
        }
        SightingKind kind = frame.IsGratuitous ? SightingKind.Gratuitous
            : frame.Operation == ArpOperation.Reply ? SightingKind.Reply
            : SightingKind.Request;
        return new Sighting(frame.SenderMac, frame.SenderIp, timestamp, kind);
    }
}

/// <summary>Receives every sighting, in the receive loop: implementations must be quick and must not allocate.</summary>
public interface ISightingSink
{
    void OnSighting(in Sighting sighting);
}
