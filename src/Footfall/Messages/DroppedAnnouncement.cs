namespace Footfall.Messages;

/// <summary>
/// An event that will not be announced, and why, as `footfall log` shows it ("back within the 1h
/// cooldown", "departure posts are off", "expired: 47m old", "unknown devices are not announced").
/// </summary>
public sealed record DroppedAnnouncement(long EventId, string Reason);
