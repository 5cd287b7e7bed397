namespace Footfall.Leds;

/// <summary>
/// What the status LED says, in order of priority: when several hold, the first one listed wins
/// (see <see cref="StatusJudge"/>). The patterns are in <see cref="StatusPatterns"/> and docs/operating.md.
/// </summary>
public enum StatusCondition
{
    /// <summary>
    /// An update from a USB stick is being installed, or is installed and the appliance restarts into it.
    /// First of all, like a stick's report: someone stands at the appliance with the stick, and pulling it
    /// or the power now would cost them the update.
    /// </summary>
    Updating,

    /// <summary>
    /// A support report is being written to a USB stick. First but for an update: someone is standing at the appliance
    /// with the stick in hand, and what they need to know now is whether they may pull it out.
    /// </summary>
    StickWriting,

    /// <summary>The support report is done (or failed, harmlessly): the stick is unmounted and may be pulled out.</summary>
    StickDone,
    ConfigRejected,

    /// <summary>An update was refused or failed (nothing changed), or the appliance rolled back from one: the old version runs on.</summary>
    UpdateFailed,
    NoNetwork,
    StorageFailing,

    /// <summary>A worker is down or the sweeper is late: the watchdog is no longer fed.</summary>
    Stuck,

    /// <summary>Started, the first sweep not done yet.</summary>
    Booting,
    AnnounceFailing,
    ClockNotSynchronised,

    /// <summary>
    /// Under-voltage or overheating, now or in the last day. Last of the problems: each one above is
    /// something footfall fails to do now, while this may be hours old and the fix is in the room.
    /// </summary>
    PiPowerOrHeat,
    HealthySomeoneIn,
    HealthyNobodyIn,
}
