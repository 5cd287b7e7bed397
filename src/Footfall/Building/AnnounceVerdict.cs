namespace Footfall.Building;

public enum VerdictKind
{
    /// <summary>This appliance posts it: a building change, and this appliance is the one to post it.</summary>
    Post,
    /// <summary>This appliance posts it alone: the broker has been away too long to know the building.</summary>
    PostAlone,
    /// <summary>Not yet: the race window is still open, or the broker has just gone or come back.</summary>
    Hold,
    /// <summary>Recorded, not posted: a walk between floors, or another appliance posts it.</summary>
    Drop,
}

/// <summary>What the building says of one of this appliance's own arrivals or departures.</summary>
/// <param name="Reason">Why it is dropped ("already in the building, on 3rd floor"), or null.</param>
/// <param name="Until">When to ask again, for <see cref="VerdictKind.Hold"/>.</param>
public sealed record AnnounceVerdict(VerdictKind Kind, string? Reason = null, DateTimeOffset? Until = null)
{
    public static readonly AnnounceVerdict Post = new(VerdictKind.Post);

    public static readonly AnnounceVerdict Alone = new(VerdictKind.PostAlone);

    public static AnnounceVerdict HoldUntil(DateTimeOffset until) => new(VerdictKind.Hold, Until: until);

    public static AnnounceVerdict Dropped(string reason) => new(VerdictKind.Drop, reason);
}
