using System.Globalization;
using Footfall.Building;
using Footfall.Config;
using Footfall.Messages;
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
    private readonly IPostHistory _history;
    private readonly TextWriter _out;
    private readonly IReadOnlyList<Person> _people;
    private readonly TimeZoneInfo _timeZone;
    private readonly Composer _composer;

    public ConsoleAnnouncer(
        IPostHistory history, TextWriter output, AnnounceSettings settings, IReadOnlyList<Person> people, TimeZoneInfo timeZone,
        TimeProvider time, Random random, BuildingModel? building = null)
    {
        _history = history;
        _out = output;
        _people = people;
        _timeZone = timeZone;
        _composer = new Composer(settings, timeZone, random, time) { Building = building };
    }

    public string Name => "console";

    /// <summary>
    /// Composes posts from pending events and saves them as X's would be (so `footfall log`, the status page and
    /// the IRC channel see the same words, and the templates used are remembered across restarts), then prints
    /// every post not yet printed and marks it delivered. A crash between saving and printing prints it on the
    /// next round: at least once, like X.
    /// </summary>
    /// <returns>When arrivals still inside the aggregation window are due (null: nothing waits).</returns>
    public Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellation)
    {
        DateTimeOffset? waitUntil = null;
        IReadOnlyList<OutboxItem> items = _history.PendingOutbox(500);
        if (items.Count > 0)
        {
            Composition composition = _composer.Compose(
                [.. items.Select(i => new PendingAnnouncement(i.EventId, i.Event))], _people, _history.PeopleIn(), _history);
            if (composition.Posts.Count > 0 || composition.Dropped.Count > 0)
            {
                _history.SaveComposition(
                    [.. composition.Posts.Select(p => new PostDraft(p.EventIds, p.Text, p.TemplateUsed))],
                    [.. composition.Dropped.Select(d => new DroppedEvent(d.EventId, d.Reason))]);
            }
            waitUntil = composition.WaitUntil;
        }
        foreach (PostRow post in _history.DuePosts(100))
        {
            string at = TimeZoneInfo.ConvertTime(post.OldestEventAt, _timeZone).ToString("HH:mm", CultureInfo.InvariantCulture);
            _out.WriteLine($"{at} {post.Text}");
            _out.Flush();
            _history.RecordPost(post.Id, new PostOutcome(PostState.Delivered, PostLog.PrintedOnConsole));
        }
        return Task.FromResult(waitUntil);
    }
}
