using Footfall.Store;

namespace Footfall.Announce;

/// <summary>
/// Somewhere events are announced: the console now, X next. The announce worker hands each pending
/// outbox row to the announcer; one that throws leaves the row pending for a later try.
/// </summary>
public interface IAnnouncer
{
    string Name { get; }

    Task AnnounceAsync(OutboxItem item, CancellationToken cancellation);
}
