namespace Footfall.PiHealth;

public enum PiEpisodeKind
{
    /// <summary>The supply sagged: the seed project's Pi froze "every now and then" from this.</summary>
    UnderVoltage,

    /// <summary>The SoC reached health.maxTemperature.</summary>
    Overheating,
}

/// <summary>
/// One stretch of under-voltage or overheating. <paramref name="End"/> is null while it lasts;
/// <paramref name="Peak"/> is the highest SoC temperature read during it (null without a thermal sensor).
/// An episode is known by its kind and start: the store keeps one row per pair.
/// </summary>
public sealed record PiEpisode(PiEpisodeKind Kind, DateTimeOffset Start, DateTimeOffset? End, Temperature? Peak)
{
    public bool IsOpen => End is null;
}
