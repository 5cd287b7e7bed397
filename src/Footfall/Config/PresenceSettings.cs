namespace Footfall.Config;

/// <summary>The "presence" section: when someone counts as gone, how they are asked first, and whether a restart announces.</summary>
public sealed record PresenceSettings
{
    public static readonly TimeSpan DefaultAwayAfter = TimeSpan.FromMinutes(10);

    /// <summary>How long none of a person's devices may be seen before they count as gone; always longer than the sweep interval.</summary>
    public TimeSpan AwayAfter { get; init; } = DefaultAwayAfter;

    /// <summary>Whether people found on the first sweep after a start are announced (by default they are only recorded).</summary>
    public bool AnnounceOnStartup { get; init; }

    /// <summary>The departure check: checkRequests, wakeQueries, checkSpacing, checkWait.</summary>
    public Presence.DeparturePlan Departure { get; init; } = new();
}
