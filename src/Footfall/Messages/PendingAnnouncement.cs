using Footfall.Presence;

namespace Footfall.Messages;

/// <summary>An event still to be announced, as the outbox holds it (oldest first).</summary>
public sealed record PendingAnnouncement(long EventId, PresenceEvent Event);
