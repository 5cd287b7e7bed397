namespace Footfall.Feed;

/// <summary>
/// One line of the ambient feed: when (the first event it tells of), what about, the words, and the ids of
/// the stored events it covers (a quiet line shares its id with the departure that emptied the office).
/// </summary>
public sealed record FeedEntry(DateTimeOffset At, FeedKind Kind, string Text, IReadOnlyList<long> EventIds);
