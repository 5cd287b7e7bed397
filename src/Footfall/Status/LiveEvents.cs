using System.Net.ServerSentEvents;
using System.Text.Json;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;

namespace Footfall.Status;

/// <summary>
/// What /events sends: a "presence" event for each event the store has kept, and a "health" event
/// whenever what the status LED would say or the update's line changes (looked at when health or presence rings, or health
/// may turn late: not every second, which woke an idle appliance for nothing), a "feed" event for each new
/// line of the ambient feed. One pump for all browsers;
/// each browser reads its own bounded mailbox (<see cref="Broadcast{T}"/>), so a browser that never
/// reads costs the daemon nothing but that mailbox.
/// </summary>
internal sealed class LiveEvents
{
    private readonly Broadcast<SseItem<string>> _browsers = new(capacity: 32);
    private readonly StatusSources _sources;
    private readonly Broadcast<IReadOnlyList<PresenceEvent>> _committed;

    public LiveEvents(StatusSources sources, Broadcast<IReadOnlyList<PresenceEvent>> committed)
    {
        _sources = sources;
        _committed = committed;
        Feed = new StatusFeed(sources);
    }

    /// <summary>The ambient feed's lines; each new one is also a "feed" event.</summary>
    public StatusFeed Feed { get; }

    public int Browsers => _browsers.ListenerCount;

    /// <summary>For one browser: the health now, then everything that happens until it goes away.</summary>
    public async IAsyncEnumerable<SseItem<string>> Stream([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken aborted)
    {
        yield return Health(_sources.HealthNow());
        await foreach (SseItem<string> item in _browsers.Listen(aborted).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(
        PumpEventsAsync(stopping),
        WatchHealthAsync(stopping),
        Feed.RunAsync(_committed, line => _browsers.Publish(new SseItem<string>(line, "feed")), stopping));

    private async Task PumpEventsAsync(CancellationToken stopping)
    {
        await foreach (IReadOnlyList<PresenceEvent> batch in _committed.Listen(stopping).ConfigureAwait(false))
        {
            foreach (PresenceEvent e in batch)
            {
                var json = new LiveEventJson(StoredNames.Of(e.Kind), e.Person, e.At.ToUniversalTime(), e.Stayed?.TotalSeconds);
                _browsers.Publish(new SseItem<string>(JsonSerializer.Serialize(json, StatusJson.Default.LiveEventJson), "presence"));
            }
        }
    }

    private async Task WatchHealthAsync(CancellationToken stopping)
    {
        Task changed = Changed();
        string last = Key(_sources.Health.Verdict());
        try
        {
            while (true)
            {
                await Doorbell.WaitAsync(changed, _sources.Health.UntilLate() ?? Timeout.InfiniteTimeSpan, _sources.Time, stopping).ConfigureAwait(false);
                stopping.ThrowIfCancellationRequested();
                changed = Changed();
                // The verdict's reasons count seconds; what it means (the LED's condition, which kinds are late) is what changes.
                string now = Key(_sources.Health.Verdict());
                if (now != last && _browsers.ListenerCount > 0)
                {
                    _browsers.Publish(Health(_sources.HealthNow()));
                }
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Completes when health, presence or the update's line next rings: taken before looking, so no change is missed.</summary>
    private Task Changed() => Task.WhenAny(_sources.Health.Changed.Next, _sources.Board.Changed.Next, _sources.Update.Changed.Next);

    private string Key(HealthVerdict verdict) =>
        $"{_sources.Condition(verdict)}|{string.Join(',', verdict.Late)}|{string.Join(',', verdict.Stopped)}|{string.Join(',', verdict.ProblemAreas)}|{_sources.Update.Text}";

    private static SseItem<string> Health(HealthJson health) => new(JsonSerializer.Serialize(health, StatusJson.Default.HealthJson), "health");
}
