namespace Footfall.PiHealth;

public enum PiEpisodeChangeKind
{
    Started,

    /// <summary>The peak rose by <see cref="PiEpisodeTracker.PeakStep"/> or more since last said: worth keeping in case the Pi freezes.</summary>
    PeakRose,
    Ended,
}

/// <summary>What one reading changed about an episode; <paramref name="Episode"/> is its state after the reading.</summary>
public sealed record PiEpisodeChange(PiEpisodeChangeKind Change, PiEpisode Episode);
