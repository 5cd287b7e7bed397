namespace Footfall.Config;

/// <summary>The "announce.x" section: an X account's OAuth 1.0a credentials and where to reach the API.</summary>
public sealed record XSettings(Secret ConsumerKey, Secret ConsumerSecret, Secret AccessToken, Secret AccessTokenSecret)
{
    public static readonly Uri DefaultApiBaseUrl = new("https://api.x.com");

    /// <summary>The API's base address; tests point it at a fake server.</summary>
    public Uri ApiBaseUrl { get; init; } = DefaultApiBaseUrl;

    /// <summary>systemd-timesyncd's marker: it exists once the clock has been synchronised since boot.</summary>
    public const string TimesyncdMarker = "/run/systemd/timesync/synchronized";

    /// <summary>
    /// A file whose existence means the system clock is right (OAuth signatures carry the time, and a Pi
    /// has no battery-backed clock); null trusts the clock as it is ("clockSync": "system").
    /// </summary>
    public string? ClockSyncMarker { get; init; } = TimesyncdMarker;

    /// <summary>How long after posting an announcement deletes itself; null keeps posts.</summary>
    public TimeSpan? DeleteAfter { get; init; }
}
