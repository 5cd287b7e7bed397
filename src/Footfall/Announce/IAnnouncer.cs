namespace Footfall.Announce;

/// <summary>
/// Somewhere events are announced: the console, or X. The announce worker runs one round whenever the
/// outbox changes and every few seconds; a round does what is due and says when something will next be
/// due. What an announcer has not done stays in the store's outbox for a later round.
/// </summary>
public interface IAnnouncer
{
    string Name { get; }

    /// <summary>Does what is due now; returns when something will next be due (null: nothing until new events).</summary>
    Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellation);
}
