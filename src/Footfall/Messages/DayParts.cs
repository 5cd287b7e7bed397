using Footfall.Config;

namespace Footfall.Messages;

/// <summary>Which part of the day a moment falls in, by the wall clock of the site's time zone.</summary>
public static class DayParts
{
    /// <summary>Night 0-6 h, morning 7-11, noon 12-14, afternoon 15-18, evening 19-23.</summary>
    public static DayPart Of(DateTimeOffset at, TimeZoneInfo timeZone) => TimeZoneInfo.ConvertTime(at, timeZone).Hour switch
    {
        <= 6 => DayPart.Night,
        <= 11 => DayPart.Morning,
        <= 14 => DayPart.Noon,
        <= 18 => DayPart.Afternoon,
        _ => DayPart.Evening,
    };
}
