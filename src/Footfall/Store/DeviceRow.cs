using Footfall.Net;

namespace Footfall.Store;

/// <summary>A device seen on the LAN, for <c>footfall devices</c>. <paramref name="Person"/> is null for a device nobody claims.</summary>
public sealed record DeviceRow(MacAddress Mac, Ipv4Address LastIp, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? Person)
{
    /// <summary>Randomised (private) MACs, as phones use per network: the admin should not expect them to be stable.</summary>
    public bool IsLocallyAdministered => Mac.IsLocallyAdministered;
}
