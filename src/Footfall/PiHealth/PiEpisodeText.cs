using Footfall.Text;

namespace Footfall.PiHealth;

/// <summary>The daemon's log lines for episodes: one when an episode starts, one when it ends. Pure.</summary>
public static class PiEpisodeText
{
    /// <summary>The line for <paramref name="change"/>, or null for a risen peak (kept, not told).</summary>
    public static string? Describe(PiEpisodeChange change, Temperature limit)
    {
        PiEpisode e = change.Episode;
        return (change.Change, e.Kind) switch
        {
            (PiEpisodeChangeKind.Started, PiEpisodeKind.UnderVoltage) =>
                "Pi: under-voltage: the power supply cannot keep up (a proper 5 V supply and a short, thick cable fix it)",
            (PiEpisodeChangeKind.Started, PiEpisodeKind.Overheating) =>
                $"Pi: overheating: {e.Peak}, at or above health.maxTemperature ({limit}); give it air or a heatsink",
            (PiEpisodeChangeKind.Ended, _) => $"Pi: {PiEpisodeTracker.Name(e.Kind)} over: {Span(e)}{Peak(e)}",
            _ => null,
        };
    }

    /// <summary>"10:02:05 to 10:05:10, 3m5s".</summary>
    public static string Span(PiEpisode e)
    {
        if (e.End is not { } end)
        {
            return $"since {ClockTime.Format(e.Start)}";
        }
        TimeSpan lasted = TimeSpan.FromSeconds(Math.Max(0, Math.Round((end - e.Start).TotalSeconds)));
        return $"{ClockTime.Format(e.Start)} to {ClockTime.Format(end)}, {HumanDuration.Format(lasted)}";
    }

    private static string Peak(PiEpisode e) => e.Peak is { } peak ? $", peak {peak}" : "";
}
