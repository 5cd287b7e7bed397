using System.Text.Json;
using Footfall.Contracts;
using Footfall.Feed;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;

namespace Footfall.Status;

/// <summary>
/// The ambient feed on the page and in /api/feed: the feed composer (Feed/) following the store, its
/// latest lines kept for the page, each new line sent to the browsers as a "feed" event. It reads the
/// store only after a commit or when the composer says a line is due, never on a timer alone.
/// </summary>
internal sealed class StatusFeed
{
    public const int Kept = 30;

    // Enough history for the composer's rules (an unknown device once an hour, back within the cooldown).
    private static readonly TimeSpan s_lookBack = TimeSpan.FromHours(12);
    private const int HistoryLimit = 500;
    private static readonly TimeSpan s_stillDueRetry = TimeSpan.FromSeconds(1);

    private readonly StatusSources _sources;
    private readonly FeedRules _rules;
    private volatile FeedEntryJson[] _lines = [];
    private int _dirty = 1;
    // Rung with each commit, so the feed follows at once and otherwise sleeps until the composer is due.
    private readonly Doorbell _committed = new();
    private readonly BuildingWalks _walks;

    public StatusFeed(StatusSources sources)
    {
        _sources = sources;
        _rules = FeedRules.From(sources.Settings.Announce);
        _walks = new BuildingWalks(sources.Settings.People);
    }

    /// <summary>The latest lines, oldest first.</summary>
    public IReadOnlyList<FeedEntryJson> Lines => _lines;

    public Task RunAsync(Broadcast<IReadOnlyList<PresenceEvent>> committed, Action<string> tell, CancellationToken stopping) =>
        Task.WhenAll(NoteCommitsAsync(committed, stopping), NoteWalksAsync(stopping), FollowAsync(tell, stopping));

    /// <summary>In a building, a walk between floors seen by a peer wakes the feed as a commit does.</summary>
    private async Task NoteWalksAsync(CancellationToken stopping)
    {
        if (_sources.Building is not { } building)
        {
            return;
        }
        try
        {
            while (true)
            {
                await Doorbell.WaitAsync(building.Walked.Next, Timeout.InfiniteTimeSpan, _sources.Time, stopping).ConfigureAwait(false);
                stopping.ThrowIfCancellationRequested();
                Volatile.Write(ref _dirty, 1);
                _committed.Ring();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task NoteCommitsAsync(Broadcast<IReadOnlyList<PresenceEvent>> committed, CancellationToken stopping)
    {
        await foreach (IReadOnlyList<PresenceEvent> _ in committed.Listen(stopping).ConfigureAwait(false))
        {
            Volatile.Write(ref _dirty, 1);
            _committed.Ring();
        }
    }

    private async Task FollowAsync(Action<string> tell, CancellationToken stopping)
    {
        IStoreReads store = _sources.Store;
        DateTimeOffset now = _sources.Time.GetUtcNow();
        List<FeedEvent> history = [.. store.Log(HistoryLimit, now - s_lookBack).Select(row => new FeedEvent(row.Id, row.Event)).OrderBy(e => e.Id)];
        IEnumerable<string> inNow = store.Who().Where(p => p.IsIn).Select(p => p.Name);
        var composer = new FeedComposer(_rules, _sources.Time, FeedComposer.PeopleInBefore(history, inNow));
        Keep(composer.Advance(history));
        // Events older than the look-back are not told again: follow on from the newest there is.
        long after = history.Count > 0 ? history[^1].Id : store.Log(1).FirstOrDefault()?.Id ?? 0;
        Volatile.Write(ref _dirty, 0);
        try
        {
            while (true)
            {
                // Taken before looking at the flag: a commit noted after the look still ends the wait.
                Task rung = _committed.Next;
                if (Volatile.Read(ref _dirty) == 0)
                {
                    TimeSpan wait = composer.NextDue is { } at ? at - _sources.Time.GetUtcNow() : Timeout.InfiniteTimeSpan;
                    if (wait != Timeout.InfiniteTimeSpan && wait <= TimeSpan.Zero)
                    {
                        // Still due just after advancing (the throttle holding lines): look again in a second, as ever.
                        wait = s_stillDueRetry;
                    }
                    await Doorbell.WaitAsync(rung, wait, _sources.Time, stopping).ConfigureAwait(false);
                }
                stopping.ThrowIfCancellationRequested();
                bool due = composer.NextDue is { } next && next <= _sources.Time.GetUtcNow();
                if (Interlocked.Exchange(ref _dirty, 0) == 0 && !due)
                {
                    continue;
                }
                IReadOnlyList<FeedEvent> fresh = store.EventsAfter(after, HistoryLimit);
                if (fresh.Count > 0)
                {
                    after = fresh[^1].Id;
                }
                foreach (FeedEntryJson line in Keep([.. composer.Advance(BuildingWalks.WithoutWalks(_sources.Building, fresh)), .. _walks.Fresh(_sources.Building)]))
                {
                    tell(JsonSerializer.Serialize(line, StatusJson.Default.FeedEntryJson));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private List<FeedEntryJson> Keep(IReadOnlyList<FeedEntry> entries)
    {
        List<FeedEntryJson> added = [.. entries.Select(FeedEntryJson.From)];
        if (added.Count > 0)
        {
            _lines = [.. _lines.Concat(added).TakeLast(Kept)];
        }
        return added;
    }
}
