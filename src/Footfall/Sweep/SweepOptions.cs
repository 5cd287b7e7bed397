namespace Footfall.Sweep;

/// <summary>How hard and how long a sweep tries. Defaults suit a wired or Wi-Fi office LAN.</summary>
public sealed record SweepOptions
{
    /// <summary>Requests per second. 5,000 (2.4 Mbit/s of 60-byte frames) sends a /24 in 50 ms and is a trickle for any LAN.</summary>
    public int RatePerSecond { get; init; } = 5000;

    /// <summary>
    /// At most this many extra passes for addresses that have not answered. The first retry always runs;
    /// if it finds nobody new the network is not losing replies and the sweep ends there. Three retries
    /// bring 20% reply loss down to a missed device in a few hundred sweeps.
    /// </summary>
    public int Retries { get; init; } = 3;

    /// <summary>How long to wait for stragglers after each pass but the last.</summary>
    public TimeSpan RetryWait { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>
    /// How long to wait for replies after the last pass. LAN hosts answer within a millisecond; a phone in
    /// Wi-Fi power save can take a few hundred, and the daemon, which never stops listening, still hears it.
    /// </summary>
    public TimeSpan FinalWait { get; init; } = TimeSpan.FromMilliseconds(60);

    public const int MaximumRate = 100_000;
    public const int MaximumRetries = 10;
}
