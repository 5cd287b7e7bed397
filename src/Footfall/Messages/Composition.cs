namespace Footfall.Messages;

/// <summary>
/// Posts ready now, events dropped, and when to look again if some arrivals are still inside the
/// aggregation window, or some events wait for the building's verdict (null: nothing waiting). A pending
/// event is in exactly one of the posts, the dropped, or waiting.
/// </summary>
public sealed record Composition(IReadOnlyList<ComposedPost> Posts, IReadOnlyList<DroppedAnnouncement> Dropped, DateTimeOffset? WaitUntil);
