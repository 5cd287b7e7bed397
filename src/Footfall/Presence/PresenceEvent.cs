using Footfall.Net;

namespace Footfall.Presence;

public enum PresenceEventKind
{
    /// <summary>A person came in: the first of their devices was seen.</summary>
    Arrived,
    /// <summary>A person left: none of their devices was seen for awayAfter and the departure check failed.</summary>
    Left,
    /// <summary>A device that belongs to nobody in the configuration showed up.</summary>
    UnknownDeviceSeen,
}

/// <summary>
/// Something that happened, as the tracker decides it and the store keeps it. One flat record so that
/// it maps to one table row: fields that do not apply to a kind are null.
/// </summary>
/// <param name="Announce">
/// False for arrivals found on the first sweep after a start (unless presence.announceOnStartup):
/// they are recorded, not announced.
/// </param>
public sealed record PresenceEvent(
    PresenceEventKind Kind,
    DateTimeOffset At,
    string? Person = null,
    MacAddress? Mac = null,
    Ipv4Address? Ip = null,
    TimeSpan? Stayed = null,
    bool Announce = true);
