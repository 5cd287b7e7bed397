using Footfall.Config;

namespace Footfall.Feed;

/// <summary>
/// How the feed aggregates and throttles. The window and the cooldown are the X posts' own
/// (<see cref="AnnounceSettings"/>), so the feed and the posts group the same arrivals.
/// </summary>
public sealed record FeedRules
{
    /// <summary>Arrivals (and departures, and unknown devices) this close together are one line.</summary>
    public TimeSpan Window { get; init; } = AnnounceSettings.DefaultAggregateWindow;

    /// <summary>Someone back this soon after leaving "is back" rather than "walked in".</summary>
    public TimeSpan BackWithin { get; init; } = AnnounceSettings.DefaultCooldown;

    /// <summary>An unknown device that comes and goes is mentioned at most once in this time.</summary>
    public TimeSpan UnknownDeviceEvery { get; init; } = TimeSpan.FromHours(1);

    /// <summary>At most this many lines in any minute; more are counted in one summary line when there is room.</summary>
    public int MaxLinesPerMinute { get; init; } = 5;

    /// <summary>The rules with the window and cooldown of the configuration's "announce" section (null: the defaults).</summary>
    public static FeedRules From(AnnounceSettings? announce) => announce is null
        ? new FeedRules()
        : new FeedRules { Window = announce.AggregateWindow, BackWithin = announce.Cooldown };
}
