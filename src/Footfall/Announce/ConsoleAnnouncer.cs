using System.Globalization;
using Footfall.Announce.Messages;
using Footfall.Config;
using Footfall.Presence;
using Footfall.Store;

namespace Footfall.Announce;

/// <summary>
/// Announces on standard output: the default when the config has no "announce.x". It prints the very post X
/// would get — the same <see cref="Composer"/>: time-of-day templates, arrivals within the window as one post,
/// no second post for someone back within the cooldown, departures only if wanted — one line each, with the
/// time of its first event: "09:14 Good morning, Alice!". So a newcomer sees what the office's account would say.
/// </summary>
public sealed class ConsoleAnnouncer : IAnnouncer
{
    private const string Printed = "printed on the console";

    private readonly FootfallStore _store;
    private readonly TextWriter _out;
    private readonly IReadOnlyList<Person> _people;
    private readonly TimeZoneInfo _timeZone;
    private readonly Composer _composer;
    private readonly History _history;

    public ConsoleAnnouncer(
        FootfallStore store, TextWriter output, AnnounceSettings settings, IReadOnlyList<Person> people, TimeZoneInfo timeZone,
        TimeProvider time, Random random)
    {
        _store = store;
        _out = output;
        _people = people;
        _timeZone = timeZone;
        _composer = new Composer(settings, timeZone, random, time);
        _history = new History(store);
    }

    public string Name => "console";

    /// <summary>Prints the posts composed from pending events and marks their events delivered, the others dropped with the reason.</summary>
    /// <returns>When arrivals still inside the aggregation window are due (null: nothing waits).</returns>
    public Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellation)
    {
        IReadOnlyList<OutboxItem> items = _store.PendingOutbox(500);
        if (items.Count == 0)
        {
            return Task.FromResult<DateTimeOffset?>(null);
        }
        var outboxIds = items.ToDictionary(i => i.EventId, i => i.Id);
        var eventTimes = items.ToDictionary(i => i.EventId, i => i.Event.At);
        Composition composition = _composer.Compose(
            [.. items.Select(i => new PendingAnnouncement(i.EventId, i.Event))], _people, _store.PeopleIn(), _history);
        foreach (ComposedPost post in composition.Posts)
        {
            string at = TimeZoneInfo.ConvertTime(eventTimes[post.EventIds[0]], _timeZone).ToString("HH:mm", CultureInfo.InvariantCulture);
            _out.WriteLine($"{at} {post.Text}");
            _out.Flush();
            _history.Remember(post.TemplateUsed);
            foreach (long eventId in post.EventIds)
            {
                _store.MarkOutbox(outboxIds[eventId], OutboxState.Delivered, Printed);
            }
        }
        foreach (DroppedAnnouncement dropped in composition.Dropped)
        {
            _store.MarkOutbox(outboxIds[dropped.EventId], OutboxState.Dropped, dropped.Reason);
        }
        return Task.FromResult(composition.WaitUntil);
    }

    /// <summary>
    /// The templates used are remembered while the daemon runs (X's are kept with its posts in the store),
    /// so nobody gets the same words twice in a row; departures come from the store.
    /// </summary>
    private sealed class History(FootfallStore store) : IAnnounceHistory
    {
        private readonly Dictionary<string, string> _templates = new(StringComparer.Ordinal);

        public void Remember(IReadOnlyDictionary<string, string> used)
        {
            foreach ((string person, string template) in used)
            {
                _templates[person] = template;
            }
        }

        public string? LastTemplate(string person) => _templates.GetValueOrDefault(person) ?? store.LastTemplate(person);

        public DateTimeOffset? LastDepartureBefore(string person, DateTimeOffset at) => store.LastDepartureBefore(person, at);
    }
}
