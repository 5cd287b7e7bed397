using System.Globalization;

namespace Footfall.Text;

/// <summary>A moment as a person reading the log wants it: the local time of day, "10:42:07".</summary>
public static class ClockTime
{
    public static string Format(DateTimeOffset? time) =>
        time is { } t ? t.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "?";
}
