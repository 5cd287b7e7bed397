using Footfall.Presence;

namespace Footfall.Store;

/// <summary>
/// A bus's outbox row for <paramref name="Event"/>, with the announcer's row for the same event: its state
/// (null: the event is not announced, or it is in a post) and the post that carries it, if one was composed.
/// </summary>
public sealed record BusItem(long Id, PresenceEvent Event, OutboxState? Announced, long? PostId, string? PostText)
{
    /// <summary>This bus delivered the same post already, with another event of it.</summary>
    public bool PostAlreadyDelivered { get; init; }
}
