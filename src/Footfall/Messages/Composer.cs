using Footfall.Building;
using Footfall.Config;
using Footfall.Presence;
using Footfall.Text;

namespace Footfall.Messages;

/// <summary>
/// Turns the outbox's pending events into posts: arrivals close together become one post, someone back
/// soon after leaving is not announced again, stale arrivals expire, departures are posted only if
/// wanted. Pure: the time comes from the clock given, chance from the seeded <see cref="Random"/>, and
/// what was said before from <see cref="IAnnounceHistory"/>, so the same inputs give the same posts.
/// </summary>
public sealed class Composer
{
    private const string GroupPronoun = "they";

    private readonly AnnounceSettings _settings;
    private readonly TimeZoneInfo _timeZone;
    private readonly TemplateChooser _chooser;
    private readonly TimeProvider _time;

    public Composer(AnnounceSettings settings, TimeZoneInfo timeZone, Random random, TimeProvider time)
    {
        _settings = settings;
        _timeZone = timeZone;
        _chooser = new TemplateChooser(random);
        _time = time;
    }

    /// <summary>
    /// The building this appliance shares a broker with, or null when it is alone: then each arrival and
    /// departure the local rules let through waits for the building's verdict (a walk between floors is
    /// dropped, a change another appliance posts is dropped, a race still open waits).
    /// </summary>
    public BuildingModel? Building { get; init; }

    /// <param name="pending">The events to announce, oldest first.</param>
    /// <param name="people">The configured people (for pronouns).</param>
    /// <param name="peopleIn">How many are in now (for {count} and the last one out).</param>
    public Composition Compose(IReadOnlyList<PendingAnnouncement> pending, IReadOnlyList<Person> people, int peopleIn, IAnnounceHistory history)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var posts = new List<(DateTimeOffset At, ComposedPost Post)>();
        var dropped = new List<DroppedAnnouncement>();
        var arrivals = new List<PendingAnnouncement>();
        DateTimeOffset? heldUntil = null;
        long? lastDeparture = pending.LastOrDefault(p => p.Event.Kind == PresenceEventKind.Left)?.EventId;

        foreach (PendingAnnouncement announcement in pending)
        {
            PresenceEvent e = announcement.Event;
            if (WhyNotAnnounced(e, now, history, isLastOneOut: peopleIn == 0 && announcement.EventId == lastDeparture) is { } reason)
            {
                dropped.Add(new DroppedAnnouncement(announcement.EventId, reason));
                if (e.Person is { } person)
                {
                    // The building must not take it for a post still owed.
                    Building?.Quiet(e.Kind, Slug.Of(person), e.At);
                }
            }
            else if (Building?.Judge(e.Kind, Slug.Of(e.Person!), e.At) is { Kind: VerdictKind.Hold or VerdictKind.Drop } verdict)
            {
                if (verdict.Reason is { } why)
                {
                    dropped.Add(new DroppedAnnouncement(announcement.EventId, why));
                }
                else if (heldUntil is null || verdict.Until < heldUntil)
                {
                    heldUntil = verdict.Until;
                }
            }
            else if (e.Kind == PresenceEventKind.Arrived)
            {
                arrivals.Add(announcement);
            }
            else
            {
                bool lastOneOut = _settings.LastOneOut && peopleIn == 0 && announcement.EventId == lastDeparture;
                IReadOnlyList<string> templates = lastOneOut ? _settings.LastOneOutMessagesOrBuiltIn : _settings.DepartureMessagesOrBuiltIn;
                posts.Add((e.At, Post([announcement], [e.Person!], templates, people, peopleIn, history)));
            }
        }

        IReadOnlyList<IReadOnlyList<PendingAnnouncement>> groups =
            AggregationWindows.Closed(arrivals, a => a.Event.At, _settings.AggregateWindow, now, out DateTimeOffset? waitUntil);
        foreach (IReadOnlyList<PendingAnnouncement> group in groups)
        {
            var names = group.Select(a => a.Event.Person!).Distinct(StringComparer.Ordinal).ToList();
            DayPart part = DayParts.Of(group[0].Event.At, _timeZone);
            IReadOnlyList<string> templates = names.Count == 1 ? _settings.MessagesFor(part) : _settings.GroupMessagesFor(part);
            posts.Add((group[0].Event.At, Post(group, names, templates, people, peopleIn, history)));
        }

        if (heldUntil is { } held && (waitUntil is null || held < waitUntil))
        {
            waitUntil = held;
        }
        return new Composition(posts.OrderBy(p => p.At).Select(p => p.Post).ToList(), dropped, waitUntil);
    }

    private string? WhyNotAnnounced(PresenceEvent e, DateTimeOffset now, IAnnounceHistory history, bool isLastOneOut)
    {
        switch (e.Kind)
        {
            case PresenceEventKind.UnknownDeviceSeen:
                return "unknown devices are not announced";
            case PresenceEventKind.Left when !_settings.Departures && !(_settings.LastOneOut && isLastOneOut):
                return _settings.LastOneOut ? "departure posts are off (only the last one out is posted)" : "departure posts are off";
            case PresenceEventKind.Arrived when !e.Announce:
                return "recorded, not announced (already in at start-up)";
        }
        if (e.Person is null)
        {
            return "no person to announce";
        }
        TimeSpan age = now - e.At;
        if (age > _settings.StaleAfter)
        {
            return $"expired: {HumanDuration.Format(Truncated(age))} old";
        }
        if (e.Kind == PresenceEventKind.Arrived && _settings.Cooldown > TimeSpan.Zero
            && LastDepartureBefore(e.Person, e.At, history) is { } left && e.At - left < _settings.Cooldown)
        {
            return $"back within the {HumanDuration.Format(_settings.Cooldown)} cooldown";
        }
        return null;
    }

    /// <summary>The person's latest departure before <paramref name="at"/>: here, or in a building on any floor.</summary>
    private DateTimeOffset? LastDepartureBefore(string person, DateTimeOffset at, IAnnounceHistory history)
    {
        DateTimeOffset? here = history.LastDepartureBefore(person, at);
        DateTimeOffset? elsewhere = Building?.PeerDepartureBefore(Slug.Of(person), at);
        return here is null || (elsewhere is not null && elsewhere > here) ? elsewhere : here;
    }

    private ComposedPost Post(
        IReadOnlyList<PendingAnnouncement> events, IReadOnlyList<string> names, IReadOnlyList<string> templates,
        IReadOnlyList<Person> people, int peopleIn, IAnnounceHistory history)
    {
        string? pronoun = names.Count == 1 ? people.FirstOrDefault(p => p.Name == names[0])?.Pronoun : GroupPronoun;
        var lastUsed = names.Select(history.LastTemplate).ToList();
        List<string> ordered = _chooser.InOrderOfPreference(templates, lastUsed, hasPronoun: pronoun is not null);
        (string template, string text) = PostFitter.Fit(ordered, names, pronoun ?? GroupPronoun, peopleIn);
        return new ComposedPost(
            events.Select(e => e.EventId).ToList(),
            text,
            names.ToDictionary(name => name, _ => template, StringComparer.Ordinal));
    }

    // Ages are told in whole minutes when there are some ("47m"), else whole seconds.
    private static TimeSpan Truncated(TimeSpan age) =>
        age >= TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(Math.Floor(age.TotalMinutes)) : TimeSpan.FromSeconds(Math.Floor(age.TotalSeconds));
}
