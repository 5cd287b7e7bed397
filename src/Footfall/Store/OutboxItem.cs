using Footfall.Presence;

namespace Footfall.Store;

/// <summary>An announcement owed for <paramref name="Event"/>, as an announcer drains it from the outbox.</summary>
public sealed record OutboxItem(long Id, long EventId, PresenceEvent Event, DateTimeOffset CreatedAt, OutboxState State, string? Detail);
