namespace Footfall.Config;

/// <summary>The "retention" section: how long the store keeps what it records.</summary>
public sealed record RetentionSettings
{
    public static readonly TimeSpan DefaultUnknownDevices = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultHistory = TimeSpan.FromDays(365);

    /// <summary>How long a device that belongs to nobody stays in the devices list after it was last seen.</summary>
    public TimeSpan UnknownDevices { get; init; } = DefaultUnknownDevices;

    /// <summary>How long sessions and events (arrivals, departures, announcements) are kept.</summary>
    public TimeSpan History { get; init; } = DefaultHistory;
}
