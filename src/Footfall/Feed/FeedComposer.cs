using Footfall.Messages;
using Footfall.Net;
using Footfall.Presence;

namespace Footfall.Feed;

/// <summary>
/// Tells stored events as the ambient feed's lines. Arrivals close together are one line, by the same
/// window as the posts on X (<see cref="AggregationWindows"/>); so are departures, and unknown devices,
/// each of which is mentioned at most once in <see cref="FeedRules.UnknownDeviceEvery"/>; the departure
/// that leaves nobody in is followed by a quiet line; and never more than
/// <see cref="FeedRules.MaxLinesPerMinute"/> lines in a minute (<see cref="FeedThrottle"/>).
/// Pure: time from the <see cref="TimeProvider"/>, so a whole day can be played on a fake clock.
/// </summary>
/// <remarks>
/// Incremental: <see cref="Advance(IEnumerable{FeedEvent})"/> takes events as they are written (in id
/// order) and returns the lines that are final by now, in time order; a line waits until its window has
/// closed, then for every earlier line. Call it again at <see cref="NextDue"/> even without new events.
/// <see cref="Tell"/> does the same over a stored history at once, and gives the same lines.
/// </remarks>
public sealed class FeedComposer
{
    // Unknown devices mentioned within the hour are remembered; older ones are forgotten past this many.
    private const int MostUnknownsRemembered = 1_000;

    private readonly FeedRules _rules;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _in;
    private readonly Dictionary<string, DateTimeOffset> _lastLeft = new(StringComparer.Ordinal);
    private readonly Dictionary<MacAddress, DateTimeOffset> _unknownMentioned = new();
    private readonly Dictionary<long, TimeSpan> _backAfter = new();

    // Events waiting for their window to close, one list per kind of line.
    private readonly List<FeedEvent> _arrivals = [];
    private readonly List<FeedEvent> _startupArrivals = [];
    private readonly List<FeedEvent> _departures = [];
    private readonly List<FeedEvent> _unknowns = [];

    // Lines whose window closed, waiting for every earlier line.
    private readonly List<FeedEntry> _composed = [];
    private readonly FeedThrottle _throttle;

    /// <param name="peopleIn">Who is in before the first event given (see <see cref="PeopleInBefore"/>).</param>
    public FeedComposer(FeedRules rules, TimeProvider time, IEnumerable<string> peopleIn)
    {
        _rules = rules;
        _time = time;
        _in = new HashSet<string>(peopleIn, StringComparer.Ordinal);
        _throttle = new FeedThrottle(rules.MaxLinesPerMinute);
    }

    /// <summary>The id of the last event taken (0: none yet): ask the store for events after it.</summary>
    public long LastEventId { get; private set; }

    /// <summary>When lines may become final without a new event (null: not until one comes).</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            DateTimeOffset? firstWaiting = FirstWaiting();
            DateTimeOffset? due = firstWaiting + _rules.Window;
            // Held lines are summed up when the minute has room, but never before a line still waiting.
            if (_throttle.SummaryDue is { } summary && (firstWaiting is null || summary <= firstWaiting) && (due is null || summary < due))
            {
                due = summary;
            }
            return due;
        }
    }

    /// <summary>The whole feed of a stored history (oldest first), as far as it is final now.</summary>
    /// <param name="peopleInNow">Who is in now, by the store; who was in before the history is worked out from it.</param>
    public static IReadOnlyList<FeedEntry> Tell(IReadOnlyList<FeedEvent> history, IEnumerable<string> peopleInNow, FeedRules rules, TimeProvider time)
    {
        var composer = new FeedComposer(rules, time, PeopleInBefore(history, peopleInNow));
        return composer.Advance(history);
    }

    /// <summary>Who was in before <paramref name="history"/>, from who is in after it: its events undone, newest first.</summary>
    public static IReadOnlySet<string> PeopleInBefore(IReadOnlyList<FeedEvent> history, IEnumerable<string> peopleInAfter)
    {
        var people = new HashSet<string>(peopleInAfter, StringComparer.Ordinal);
        for (int i = history.Count - 1; i >= 0; i--)
        {
            PresenceEvent e = history[i].Event;
            if (e.Person is null)
            {
                continue;
            }
            if (e.Kind == PresenceEventKind.Arrived)
            {
                people.Remove(e.Person);
            }
            else if (e.Kind == PresenceEventKind.Left)
            {
                people.Add(e.Person);
            }
        }
        return people;
    }

    /// <summary>Takes new events (ids after <see cref="LastEventId"/>; those already taken are ignored) and returns the lines final now.</summary>
    public IReadOnlyList<FeedEntry> Advance(IEnumerable<FeedEvent> events)
    {
        long taken = LastEventId;
        foreach (FeedEvent e in events.Where(e => e.Id > taken).OrderBy(e => e.Event.At).ThenBy(e => e.Id))
        {
            LastEventId = Math.Max(LastEventId, e.Id);
            Take(e);
        }
        DateTimeOffset now = _time.GetUtcNow();
        CloseWindows(now);
        return Release(now);
    }

    /// <summary>The lines final now, without new events (call at <see cref="NextDue"/>).</summary>
    public IReadOnlyList<FeedEntry> Advance() => Advance([]);

    /// <summary>
    /// Closes every window still open and returns the lines that were waiting, the throttle's summary among them:
    /// for a snapshot that does not wait (`footfall feed` without --follow). A later event starts a new line.
    /// </summary>
    public IReadOnlyList<FeedEntry> Finish()
    {
        CloseWindows(DateTimeOffset.MaxValue);
        return Release(DateTimeOffset.MaxValue);
    }

    private void Take(FeedEvent stored)
    {
        PresenceEvent e = stored.Event;
        switch (e.Kind)
        {
            case PresenceEventKind.Arrived when e.Person is not null:
                _in.Add(e.Person);
                if (_lastLeft.TryGetValue(e.Person, out DateTimeOffset left) && e.At - left < _rules.BackWithin)
                {
                    _backAfter[stored.Id] = e.At - left;
                }
                Wait(e.Announce ? _arrivals : _startupArrivals, stored);
                break;
            case PresenceEventKind.Left when e.Person is not null:
                bool wasAnyoneIn = _in.Count > 0;
                _in.Remove(e.Person);
                _lastLeft[e.Person] = e.At;
                Wait(_departures, stored);
                if (wasAnyoneIn && _in.Count == 0)
                {
                    _composed.Add(new FeedEntry(e.At, FeedKind.Quiet, FeedLines.Quiet(stored.Id), [stored.Id]));
                }
                break;
            case PresenceEventKind.UnknownDeviceSeen:
                MacAddress mac = e.Mac ?? MacAddress.Zero;
                if (_unknownMentioned.TryGetValue(mac, out DateTimeOffset mentioned) && e.At - mentioned < _rules.UnknownDeviceEvery)
                {
                    return;
                }
                _unknownMentioned[mac] = e.At;
                ForgetUnknownsMentionedBefore(e.At - _rules.UnknownDeviceEvery);
                Wait(_unknowns, stored);
                break;
        }
    }

    // Phones change their random addresses: a feed that follows for months must not remember them all.
    private void ForgetUnknownsMentionedBefore(DateTimeOffset before)
    {
        if (_unknownMentioned.Count > MostUnknownsRemembered)
        {
            foreach (MacAddress old in _unknownMentioned.Where(m => m.Value < before).Select(m => m.Key).ToList())
            {
                _unknownMentioned.Remove(old);
            }
        }
    }

    // Windows are cut in time order; the store may hold an event written after a later one.
    private static void Wait(List<FeedEvent> waiting, FeedEvent e)
    {
        int at = waiting.Count;
        while (at > 0 && waiting[at - 1].Event.At > e.Event.At)
        {
            at--;
        }
        waiting.Insert(at, e);
    }

    private void CloseWindows(DateTimeOffset now)
    {
        Close(_arrivals, now, ArrivalLine);
        Close(_startupArrivals, now, group => Line(group, FeedKind.Arrival, FeedLines.AlreadyIn(Names(group))));
        Close(_departures, now, DepartureLine);
        Close(_unknowns, now, group => Line(group, FeedKind.UnknownDevice,
            FeedLines.UnknownDevices(group.Count, group.Count(e => e.Event.Mac?.IsLocallyAdministered == true))));
    }

    private void Close(List<FeedEvent> waiting, DateTimeOffset now, Func<IReadOnlyList<FeedEvent>, FeedEntry> line)
    {
        IReadOnlyList<IReadOnlyList<FeedEvent>> groups = AggregationWindows.Closed(waiting, e => e.Event.At, _rules.Window, now, out _);
        foreach (IReadOnlyList<FeedEvent> group in groups)
        {
            _composed.Add(line(group));
        }
        waiting.RemoveRange(0, groups.Sum(g => g.Count));
    }

    private FeedEntry ArrivalLine(IReadOnlyList<FeedEvent> group)
    {
        List<string> names = Names(group);
        string text = names.Count == 1 && _backAfter.Remove(group[0].Id, out TimeSpan away)
            ? FeedLines.Back(names[0], away)
            : FeedLines.Arrived(names, group[0].Id);
        foreach (FeedEvent e in group)
        {
            _backAfter.Remove(e.Id);
        }
        return Line(group, FeedKind.Arrival, text);
    }

    private static FeedEntry DepartureLine(IReadOnlyList<FeedEvent> group)
    {
        List<string> names = Names(group);
        return Line(group, FeedKind.Departure, FeedLines.Left(names, names.Count == 1 ? group[^1].Event.Stayed : null));
    }

    private static FeedEntry Line(IReadOnlyList<FeedEvent> group, FeedKind kind, string text) =>
        new(group[0].Event.At, kind, text, [.. group.Select(e => e.Id)]);

    private static List<string> Names(IReadOnlyList<FeedEvent> group) =>
        group.Select(e => e.Event.Person!).Distinct(StringComparer.Ordinal).ToList();

    // A line is final once nothing still waiting can come before it; final lines go through the throttle in time order.
    private List<FeedEntry> Release(DateTimeOffset now)
    {
        DateTimeOffset? firstWaiting = FirstWaiting();
        var ready = _composed
            .Where(e => firstWaiting is null || e.At < firstWaiting)
            .OrderBy(e => e.At).ThenBy(e => e.EventIds[0]).ThenBy(e => e.Kind == FeedKind.Quiet)
            .ToList();
        var shown = new List<FeedEntry>();
        var released = new HashSet<FeedEntry>(ready, ReferenceEqualityComparer.Instance);
        _composed.RemoveAll(released.Contains);
        foreach (FeedEntry entry in ready)
        {
            shown.AddRange(_throttle.Offer(entry));
        }
        shown.AddRange(_throttle.Due(firstWaiting is { } waiting && waiting < now ? waiting : now));
        return shown;
    }

    // The start of the earliest window still open: lines before it are final.
    private DateTimeOffset? FirstWaiting() =>
        ((List<FeedEvent>[])[_arrivals, _startupArrivals, _departures, _unknowns])
            .Where(waiting => waiting.Count > 0).Select(waiting => (DateTimeOffset?)waiting[0].Event.At).Min();
}
