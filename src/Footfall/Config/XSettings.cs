namespace Footfall.Config;

/// <summary>The "announce.x" section: an X account's OAuth 1.0a credentials and where to reach the API.</summary>
public sealed record XSettings(Secret ConsumerKey, Secret ConsumerSecret, Secret AccessToken, Secret AccessTokenSecret)
{
    public static readonly Uri DefaultApiBaseUrl = new("https://api.x.com");

    /// <summary>The API's base address; tests point it at a fake server.</summary>
    public Uri ApiBaseUrl { get; init; } = DefaultApiBaseUrl;

    /// <summary>How long after posting an announcement deletes itself; null keeps posts.</summary>
    public TimeSpan? DeleteAfter { get; init; }
}
