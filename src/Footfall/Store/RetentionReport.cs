namespace Footfall.Store;

/// <summary>What one pass of retention removed, for the daemon's log.</summary>
public sealed record RetentionReport(int Devices, int Events, int Sessions)
{
    /// <summary>Ended episodes of under-voltage or overheating.</summary>
    public int PiEpisodes { get; init; }

    public int Total => Devices + Events + Sessions + PiEpisodes;
}
