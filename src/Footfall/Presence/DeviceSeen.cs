using Footfall.Net;

namespace Footfall.Presence;

/// <summary>The latest sighting of one device, as kept in the store's list of devices seen.</summary>
/// <param name="Person">The owner's name, or null for a device nobody claims (a visitor's phone).</param>
public sealed record DeviceSeen(MacAddress Mac, Ipv4Address Ip, DateTimeOffset LastSeen, string? Person)
{
    /// <summary>Randomised phone MACs are locally administered: they say nothing about the vendor.</summary>
    public bool IsLocallyAdministered => Mac.IsLocallyAdministered;

    /// <summary>The hostname and client id of its last DHCP request, or null if none was seen.</summary>
    public DhcpIdentity? Dhcp { get; init; }

    /// <summary>True when <see cref="Person"/> owns it through people[].hostnames, not through its MAC.</summary>
    public bool ByHostname { get; init; }

    /// <summary>
    /// For an unknown device with a private MAC: whose configured device used its DHCP hostname or client
    /// id before ("probably Alice's phone with a new private address"). Null otherwise.
    /// </summary>
    public string? ProbablyOf { get; init; }

    /// <summary>Another MAC that answers for the same IPv4 address now (an IP conflict), or null.</summary>
    public MacAddress? ConflictWith { get; init; }
}
