namespace Footfall.Config;

/// <summary>The parts of the day that announcement messages are grouped by ("announce.messages"). Where one ends is the announcer's to say.</summary>
public enum DayPart
{
    Night,
    Morning,
    Noon,
    Afternoon,
    Evening,
}
