using Footfall.Net;

namespace Footfall.Config;

/// <summary>The "network" section: where to sweep and how often.</summary>
public sealed record NetworkSettings
{
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromSeconds(10);

    /// <summary>The interface to sweep from; null means the default route's.</summary>
    public string? Interface { get; init; }

    /// <summary>The subnets to sweep, normalised and distinct; empty means the interface's own subnet.</summary>
    public IReadOnlyList<Ipv4Subnet> Subnets { get; init; } = [];

    public TimeSpan SweepInterval { get; init; } = DefaultSweepInterval;
}
