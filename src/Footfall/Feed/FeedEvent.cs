using Footfall.Presence;

namespace Footfall.Feed;

/// <summary>An event as the store keeps it: its id (the order it was written in) and what happened.</summary>
public sealed record FeedEvent(long Id, PresenceEvent Event);
