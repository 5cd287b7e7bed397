namespace Footfall.Config;

/// <summary>The "watchdog" section: the hardware watchdog fed only while every worker is healthy.</summary>
public sealed record WatchdogSettings
{
    public const string DefaultDevice = "/dev/watchdog";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultKickInterval = TimeSpan.FromSeconds(1);

    public string Device { get; init; } = DefaultDevice;

    /// <summary>Whole seconds, as WDIOC_SETTIMEOUT takes them. The Pi's bcm2835 watchdog goes up to 15 s.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>A GPIO line toggled on every feed, for an external watchdog chip; null for none.</summary>
    public int? KickPin { get; init; }

    /// <summary>How often the kick pin toggles (each toggle is one kick): well within the external chip's timeout.</summary>
    public TimeSpan KickInterval { get; init; } = DefaultKickInterval;
}
