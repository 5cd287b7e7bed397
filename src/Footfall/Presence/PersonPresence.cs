namespace Footfall.Presence;

/// <summary>
/// Whether a person is in, persisted so that a restart does not announce them again.
/// <paramref name="Since"/> is when they arrived; <paramref name="LastSeen"/> when any of their devices was last seen.
/// </summary>
public sealed record PersonPresence(string Name, bool IsIn, DateTimeOffset? Since, DateTimeOffset? LastSeen);
