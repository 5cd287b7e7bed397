using Footfall.Net;

namespace Footfall.Presence;

/// <summary>The latest sighting of one device, as kept in the store's list of devices seen.</summary>
/// <param name="Person">The owner's name, or null for a device nobody claims (a visitor's phone).</param>
public sealed record DeviceSeen(MacAddress Mac, Ipv4Address Ip, DateTimeOffset LastSeen, string? Person)
{
    /// <summary>Randomised phone MACs are locally administered: they say nothing about the vendor.</summary>
    public bool IsLocallyAdministered => Mac.IsLocallyAdministered;
}
