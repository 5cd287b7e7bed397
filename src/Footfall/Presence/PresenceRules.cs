namespace Footfall.Presence;

/// <summary>The timing rules of presence, from the configuration's presence section.</summary>
public sealed record PresenceRules
{
    /// <summary>How long none of a person's devices may be silent before a departure check.</summary>
    public TimeSpan AwayAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether people found on the first sweep after a start are announced (normally they are only recorded).</summary>
    public bool AnnounceOnStartup { get; init; }

    /// <summary>
    /// How long a departure check waits for any of the person's devices to answer its unicast requests.
    /// Phones in Wi-Fi power save wake for their DTIM beacon, a few hundred ms; a few seconds is plenty.
    /// </summary>
    public TimeSpan DepartureCheckWindow { get; init; } = TimeSpan.FromSeconds(3);
}
