using Footfall.Presence;

namespace Footfall.Store;

/// <summary>
/// One event of the history with what became of its announcement, for <c>footfall log</c>.
/// <paramref name="Announcement"/> is null when the event was not to be announced.
/// </summary>
public sealed record LogRow(long Id, PresenceEvent Event, OutboxState? Announcement, string? AnnouncementDetail, DateTimeOffset? AnnouncementUpdated);
