using System.Globalization;

namespace Footfall.Text;

/// <summary>
/// Times as a person at the site reads them: in site.timeZone, the clock the page and the posts use, so the
/// command line never shows a second clock. Pure: the zone comes in.
/// </summary>
public sealed class SiteClock(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>A table's time to the second, "2026-11-28 09:54:12"; "-" for none.</summary>
    public string DateTime(DateTimeOffset? time) =>
        time is { } t ? TimeZoneInfo.ConvertTime(t, Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    /// <summary>The line under a table that names the zone once.</summary>
    public string Footer => $"Times in {Name(Zone)}.";

    /// <summary>The zone's IANA name ("Europe/Amsterdam"); the machine's own zone may have only a display name.</summary>
    public static string Name(TimeZoneInfo zone) => zone.Id is { Length: > 0 } id && id != "Local" ? id : zone.DisplayName;

    /// <summary>
    /// The clock for the site's zone as the store keeps it (<paramref name="storedId"/>, null when the daemon
    /// never recorded one), or <paramref name="fallback"/> (the machine's zone) when there is none or this
    /// machine does not know it.
    /// </summary>
    public static SiteClock For(string? storedId, TimeZoneInfo fallback)
    {
        if (storedId is { Length: > 0 })
        {
            try
            {
                return new SiteClock(TimeZoneInfo.FindSystemTimeZoneById(storedId));
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // A database copied from another machine may name a zone this one lacks: its own clock is the best left.
            }
        }
        return new SiteClock(fallback);
    }
}
