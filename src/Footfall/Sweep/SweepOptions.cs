namespace Footfall.Sweep;

/// <summary>How hard and how long a sweep tries. Defaults suit a wired or Wi-Fi office LAN.</summary>
public sealed record SweepOptions
{
    /// <summary>Requests per second. 2,000 sends a /24 in an eighth of a second and is a trickle for any LAN.</summary>
    public int RatePerSecond { get; init; } = 2000;

    /// <summary>Extra passes for addresses that have not answered. Two retries ride out 20% frame loss.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>How long to wait for stragglers after each pass but the last.</summary>
    public TimeSpan RetryWait { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>How long to wait for replies after the last pass. Later replies still count as passive sightings.</summary>
    public TimeSpan FinalWait { get; init; } = TimeSpan.FromMilliseconds(80);

    public const int MaximumRate = 100_000;
    public const int MaximumRetries = 10;
}
