using Footfall.Store;

namespace Footfall.Contracts;

/// <summary>The note beside a device in <c>footfall devices</c> and on the page.</summary>
public static class DeviceNotes
{
    /// <summary>What an admin should know about a device beyond its owner: how it is owned, whose it probably is, a conflict.</summary>
    public static string Of(DeviceRow device)
    {
        var parts = new List<string>(3);
        if (device.ByHostname && device.Person is { } owner)
        {
            parts.Add($"counts for {owner} by DHCP hostname (people[].hostnames)");
        }
        if (device.ProbablyOf is { } probable && device.Person is null)
        {
            parts.Add($"probably {probable}'s phone with a new private address");
        }
        if (device.ConflictWith is { } other)
        {
            parts.Add($"IP conflict with {other}");
        }
        return string.Join("; ", parts);
    }
}
