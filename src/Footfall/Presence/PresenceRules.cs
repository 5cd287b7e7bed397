namespace Footfall.Presence;

/// <summary>The timing rules of presence, from the configuration's presence section.</summary>
public sealed record PresenceRules
{
    /// <summary>How long none of a person's devices may be silent before a departure check.</summary>
    public TimeSpan AwayAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether people found on the first sweep after a start are announced (normally they are only recorded).</summary>
    public bool AnnounceOnStartup { get; init; }

    /// <summary>How a departure check asks each device: ARP, a wake by mDNS, ARP again.</summary>
    public DeparturePlan Departure { get; init; } = new();

    /// <summary>
    /// How long a departure check waits for any of the person's devices to answer its unicast requests:
    /// the whole of <see cref="Departure"/>.
    /// </summary>
    public TimeSpan DepartureCheckWindow => Departure.Window;

    /// <summary>Two MACs claiming one IPv4 address by turns within this time are an IP conflict.</summary>
    public TimeSpan ConflictWindow { get; init; } = TimeSpan.FromMinutes(2);
}
