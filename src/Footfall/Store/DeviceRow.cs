using Footfall.Net;
using Footfall.Presence;

namespace Footfall.Store;

/// <summary>A device seen on the LAN, for <c>footfall devices</c>. <paramref name="Person"/> is null for a device nobody claims.</summary>
public sealed record DeviceRow(MacAddress Mac, Ipv4Address LastIp, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? Person)
{
    /// <summary>Randomised (private) MACs, as phones use per network: the admin should not expect them to be stable.</summary>
    public bool IsLocallyAdministered => Mac.IsLocallyAdministered;

    /// <summary>The hostname and client id of its last DHCP request, or null.</summary>
    public DhcpIdentity? Dhcp { get; init; }

    /// <summary>True when <see cref="Person"/> owns it through people[].hostnames.</summary>
    public bool ByHostname { get; init; }

    /// <summary>For an unknown private MAC: whose configured device sent the same DHCP identity before, or null.</summary>
    public string? ProbablyOf { get; init; }

    /// <summary>Another MAC answering for <see cref="LastIp"/> at the same time, or null.</summary>
    public MacAddress? ConflictWith { get; init; }

    /// <summary>As the tracker keeps it after a restart.</summary>
    public DeviceSeen ToSeen() =>
        new(Mac, LastIp, LastSeen, Person) { Dhcp = Dhcp, ByHostname = ByHostname, ProbablyOf = ProbablyOf, ConflictWith = ConflictWith };
}
