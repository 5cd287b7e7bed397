namespace Footfall.Feed;

/// <summary>
/// Keeps the feed to a handful of lines a minute however busy the network is: a line that would be one
/// too many in the minute before it is held back, and everything held back is told in one summary line
/// as soon as the minute has room again. Lines come in time order; time is the lines' own, plus the
/// caller's "now" to let a held summary out when nothing else comes.
/// </summary>
internal sealed class FeedThrottle
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    private readonly int _max;
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly List<FeedEntry> _held = [];
    private DateTimeOffset _latest = DateTimeOffset.MinValue;

    public FeedThrottle(int maxPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerMinute, 2);
        _max = maxPerMinute;
    }

    /// <summary>When the held lines' summary can go out (null: nothing held).</summary>
    public DateTimeOffset? SummaryDue => _held.Count == 0 ? null : Max(_held[^1].At, RoomAt());

    /// <summary>Takes the next line; returns what may be shown now (the summary of held lines first).</summary>
    public IEnumerable<FeedEntry> Offer(FeedEntry entry)
    {
        // Lines come in time order; one stamped earlier than the last (clocks) counts as at the last.
        DateTimeOffset at = Max(entry.At, _latest);
        var shown = new List<FeedEntry>(Due(at));
        if (HasRoom(at))
        {
            Count(at);
            shown.Add(entry);
        }
        else
        {
            _held.Add(entry);
        }
        return shown;
    }

    /// <summary>The summary of held lines, if the minute has room for it by <paramref name="now"/>.</summary>
    public IEnumerable<FeedEntry> Due(DateTimeOffset now)
    {
        if (SummaryDue is not { } due || due > now)
        {
            return [];
        }
        FeedEntry summary = Summarise(due);
        _held.Clear();
        Count(due);
        return [summary];
    }

    private bool HasRoom(DateTimeOffset at)
    {
        while (_recent.Count > 0 && _recent.Peek() <= at - s_minute)
        {
            _recent.Dequeue();
        }
        return _recent.Count < _max;
    }

    // The moment the oldest line that fills the minute drops out of it.
    private DateTimeOffset RoomAt()
    {
        DateTimeOffset latest = Max(_latest, _held[^1].At);
        return HasRoom(latest) ? latest : _recent.ElementAt(_recent.Count - _max) + s_minute;
    }

    private void Count(DateTimeOffset at)
    {
        _recent.Enqueue(at);
        _latest = at;
    }

    private FeedEntry Summarise(DateTimeOffset at)
    {
        var ids = _held.SelectMany(e => e.EventIds).Distinct().ToList();
        int Events(FeedKind kind) => _held.Where(e => e.Kind == kind).Sum(e => e.EventIds.Count);
        string text = FeedLines.Summary(
            Events(FeedKind.Arrival), Events(FeedKind.Departure), Events(FeedKind.UnknownDevice), _held.Count(e => e.Kind == FeedKind.Quiet));
        return new FeedEntry(at, FeedKind.Summary, text, ids);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
