namespace Footfall.Runtime;

/// <summary>
/// The areas of <see cref="Health.SetProblem"/> that the status LED knows: each has its blink code
/// (see <see cref="Leds.StatusPatterns"/>). Other areas are logged but not shown.
/// </summary>
public static class HealthAreas
{
    /// <summary>The configuration was rejected (set by whoever loads it, e.g. the image's USB stick flow).</summary>
    public const string Config = "config";

    /// <summary>The interface is down or has no IPv4 address (no DHCP lease yet).</summary>
    public const string Network = "network";

    /// <summary>An announcer keeps failing (X says 401, say). A bus's problems are "announce:mqtt" and the like: the LED shows them alike.</summary>
    public const string Announce = "announce";

    /// <summary>The system clock is not synchronised (announcements and times would be wrong).</summary>
    public const string Clock = "clock";

    /// <summary>
    /// The Pi's supply sagged or its SoC overheated, now or within the last day (see PiHealth). A human
    /// should fix the power supply or the cooling; footfall itself works on, so the watchdog stays fed.
    /// </summary>
    public const string Pi = "pi";

    /// <summary>The image's updater is installing an update from a USB stick, or has and restarts into it: leave the stick in and the power on.</summary>
    public const string UpdateInstalling = "update:installing";

    /// <summary>The image's updater refused an update, it failed, or the image rolled back from one: the running version stays.</summary>
    public const string UpdateFailed = "update:failed";

    /// <summary>A support report is being written to a USB stick (the image's stick-report): leave the stick in.</summary>
    public const string StickWriting = "stick:writing";

    /// <summary>A support report is written, or could not be (a full stick): the stick is unmounted and may be pulled out.</summary>
    public const string StickDone = "stick:done";
}
