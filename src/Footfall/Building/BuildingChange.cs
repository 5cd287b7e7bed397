using Footfall.Presence;

namespace Footfall.Building;

/// <summary>Where an appliance's latest own arrival or departure of a person stands, as the building must know it.</summary>
public enum ChangeState
{
    /// <summary>Not judged yet (its race window is open, or the broker away): this appliance may still post it.</summary>
    Owed,
    /// <summary>This appliance posts it: the post is in its durable outbox.</summary>
    Posted,
    /// <summary>Another appliance posts the building change it belongs to: <see cref="BuildingChange.Owner"/>.</summary>
    Elsewhere,
    /// <summary>No post is due for it: its local rules dropped it, or it was half of a walk nobody posts.</summary>
    Quiet,
}

/// <summary>
/// One appliance's latest own arrival or departure of a person and who posts the building change it belongs to,
/// published retained beside the person's state (docs/integrations.md, "The whole building"). Its times are the
/// publishing appliance's own clock and are only ever compared with that clock's: <see cref="OwnerAt"/> names the
/// owner's event exactly, so the owner can tell that a peer counts on it to post that event.
/// </summary>
/// <param name="At">When this appliance saw it, on its clock.</param>
/// <param name="Owner">The site id that posts the building change (this appliance itself when owed or posted), or null: unknown.</param>
/// <param name="OwnerAt">The owner's own event's time, on the owner's clock, or null: unknown.</param>
public sealed record BuildingChange(PresenceEventKind Kind, DateTimeOffset At, ChangeState State, string? Owner, DateTimeOffset? OwnerAt)
{
    /// <summary>A change of its own, owed or posted by the appliance that saw it.</summary>
    public static BuildingChange Own(PresenceEventKind kind, DateTimeOffset at, ChangeState state, string self) => new(kind, at, state, self, at);
}
