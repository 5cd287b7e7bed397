using System.Globalization;
using Footfall.PiHealth;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Contracts;

/// <summary>
/// The Pi's health under `footfall who`: its episodes of the last week and the daemon's latest reading.
/// Pure: the store's rows, the moment and the time zone come in; text or JSON goes out. Nothing at all
/// when the daemon never read a sensor and kept no episode (not a Pi).
/// </summary>
internal static class PiFooter
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    // The daemon writes its reading every 20 to 40 minutes while all is well (with its next other write once 20
    // minutes have passed; every minute during an episode): one younger than this is what the Pi says now.
    private static readonly TimeSpan s_fresh = TimeSpan.FromMinutes(41);

    /// <summary>"Pi: 2 under-voltage episodes (last 10:02–10:05), 1 overheating (last peak 84.3 °C) in the last 7 days; now 47.2 °C".</summary>
    public static string? Line(IReadOnlyList<PiEpisode> episodes, PiReadingRow? last, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (episodes.Count == 0 && last is null)
        {
            return null;
        }
        var parts = new List<string>();
        foreach (PiEpisodeKind kind in Enum.GetValues<PiEpisodeKind>())
        {
            List<PiEpisode> ofKind = [.. episodes.Where(e => e.Kind == kind)];
            if (ofKind.Count > 0)
            {
                // The first count names what it counts; the next one reads on from it.
                string noun = parts.Count > 0 ? "" : ofKind.Count == 1 ? " episode" : " episodes";
                parts.Add($"{ofKind.Count} {PiEpisodeTracker.Name(kind)}{noun} ({Latest(ofKind[^1], now, zone)})");
            }
        }
        string told = parts.Count > 0 ? string.Join(", ", parts) : "no under-voltage or overheating";
        string line = $"Pi: {told} in the last {Window.Days} days";
        if (last?.Reading.Temperature is { } temperature)
        {
            line += now - last.At <= s_fresh ? $"; now {temperature}" : $"; {temperature} at {When(last.At, now, zone)} (the daemon's last reading)";
        }
        return line;
    }

    /// <param name="since">The start of the window the episodes cover: a week (<see cref="Window"/>) before now unless given.</param>
    public static PiJson? Json(IReadOnlyList<PiEpisode> episodes, PiReadingRow? last, DateTimeOffset now, DateTimeOffset? since = null)
    {
        if (episodes.Count == 0 && last is null)
        {
            return null;
        }
        return new PiJson(
            since ?? now - Window,
            episodes.Count(e => e.Kind == PiEpisodeKind.UnderVoltage),
            episodes.Count(e => e.Kind == PiEpisodeKind.Overheating),
            [.. episodes.Select(e => new PiEpisodeJson(StoredNames.Of(e.Kind), e.Start.ToUniversalTime(), e.End?.ToUniversalTime(), e.Peak?.Celsius))],
            last?.Reading.Temperature?.Celsius,
            last?.Reading.UnderVoltage,
            last?.At.ToUniversalTime());
    }

    private static string Latest(PiEpisode e, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (e.Kind == PiEpisodeKind.Overheating && e.Peak is { } peak)
        {
            return e.IsOpen ? $"going on since {When(e.Start, now, zone)}, peak {peak} so far" : $"last peak {peak}";
        }
        if (e.End is not { } end)
        {
            return $"going on since {When(e.Start, now, zone)}";
        }
        DateTimeOffset localStart = TimeZoneInfo.ConvertTime(e.Start, zone);
        DateTimeOffset localEnd = TimeZoneInfo.ConvertTime(end, zone);
        if (localEnd.Date == localStart.Date && Clock(localEnd) == Clock(localStart))
        {
            // "10:02–10:02" would say nothing: a short sag gets its length instead.
            return $"last {When(e.Start, now, zone)}, {HumanDuration.Format(TimeSpan.FromSeconds(Math.Round((end - e.Start).TotalSeconds)))}";
        }
        string to = localEnd.Date == localStart.Date ? Clock(localEnd) : When(end, now, zone);
        return $"last {When(e.Start, now, zone)}–{to}";
    }

    /// <summary>"10:02" today, "2026-11-20 10:02" on another day.</summary>
    private static string When(DateTimeOffset time, DateTimeOffset now, TimeZoneInfo zone)
    {
        DateTimeOffset local = TimeZoneInfo.ConvertTime(time, zone);
        return local.Date == TimeZoneInfo.ConvertTime(now, zone).Date
            ? Clock(local)
            : local.ToString("yyyy-MM-dd ", CultureInfo.InvariantCulture) + Clock(local);
    }

    private static string Clock(DateTimeOffset local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}
