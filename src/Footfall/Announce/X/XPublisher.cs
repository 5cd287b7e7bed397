using Footfall.Config;
using Footfall.Messages;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Announce.X;

/// <summary>
/// One round of announcing on X, from the outbox in the store: compose posts from pending events, send the
/// posts that are due, delete the posts whose time is up. Every decision is written to the store before the
/// next step, so a kill at any moment resumes where it stopped: a post is sent again only if X's answer was
/// never recorded, and X then says it already has that text, which counts as delivered.
/// </summary>
public sealed class XPublisher : IAnnouncer
{
    /// <summary>After this many failed tries in a row without an answer, X is reported unreachable.</summary>
    private const int UnreachableAfter = 3;

    private readonly IPostHistory _history;
    private readonly XClient _client;
    private readonly Composer _composer;
    private readonly AnnounceSettings _settings;
    private readonly IReadOnlyList<Person> _people;
    private readonly ClockGate _clock;
    private readonly Health _health;
    private readonly Log _log;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private bool _waitingForClock;

    public XPublisher(IPostHistory history, XClient client, AnnouncerSetup setup, ClockGate clock, Health health, Log log)
    {
        _history = history;
        _client = client;
        _settings = setup.Settings;
        _people = setup.People;
        _clock = clock;
        _health = health;
        _log = log;
        _time = setup.Time;
        _random = setup.Random;
        _composer = new Composer(setup.Settings, setup.TimeZone, setup.Random, setup.Time) { Building = setup.Building };
    }

    public string Name => "X";

    /// <inheritdoc/>
    public async Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellation)
    {
        if (!ClockIsSynchronised())
        {
            return null;
        }
        DateTimeOffset? waitUntil = Compose();
        await SendDuePostsAsync(cancellation).ConfigureAwait(false);
        await DeleteDuePostsAsync(cancellation).ConfigureAwait(false);
        DateTimeOffset? next = _history.NextPostWork();
        return (waitUntil, next) switch
        {
            (null, _) => next,
            (_, null) => waitUntil,
            _ => waitUntil < next ? waitUntil : next,
        };
    }

    private bool ClockIsSynchronised()
    {
        // Said once per change, not every round.
        bool synchronised = _clock.IsSynchronised;
        if (synchronised && _waitingForClock)
        {
            _log.Info("announce: the system clock is synchronised; posting on X");
            _health.SetProblem(HealthAreas.Clock, null);
        }
        else if (!synchronised && !_waitingForClock)
        {
            _log.Warn($"announce: {_clock.Waiting}");
            _health.SetProblem(HealthAreas.Clock, _clock.Waiting);
        }
        _waitingForClock = !synchronised;
        return synchronised;
    }

    private DateTimeOffset? Compose()
    {
        IReadOnlyList<OutboxItem> items = _history.PendingOutbox(500);
        if (items.Count == 0)
        {
            return null;
        }
        var pending = items.Select(i => new PendingAnnouncement(i.EventId, i.Event)).ToList();
        Composition composition = _composer.Compose(pending, _people, _history.PeopleIn(), _history);
        if (composition.Posts.Count > 0 || composition.Dropped.Count > 0)
        {
            _history.SaveComposition(
                [.. composition.Posts.Select(p => new PostDraft(p.EventIds, p.Text, p.TemplateUsed))],
                [.. composition.Dropped.Select(d => new DroppedEvent(d.EventId, d.Reason))]);
            foreach (DroppedAnnouncement d in composition.Dropped)
            {
                _log.Info($"announce: not announcing event {d.EventId}: {d.Reason}");
            }
        }
        return composition.WaitUntil;
    }

    private async Task SendDuePostsAsync(CancellationToken cancellation)
    {
        foreach (PostRow post in _history.DuePosts(20))
        {
            DateTimeOffset now = _time.GetUtcNow();
            TimeSpan age = now - post.OldestEventAt;
            if (age > _settings.StaleAfter)
            {
                string why = $"expired: not on X within {HumanDuration.Format(_settings.StaleAfter)} of the event, so not posted late";
                _history.RecordPost(post.Id, new PostOutcome(PostState.Expired, why));
                _log.Warn($"announce: post {post.Id} {why}");
                continue;
            }
            XResult result = await _client.PostAsync(post.Text, cancellation).ConfigureAwait(false);
            PostOutcome outcome = Outcome(result, post.Attempts + 1, _time.GetUtcNow());
            _history.RecordPost(post.Id, outcome);
            Report(post, result, outcome);
            // Trouble with X is trouble for every post: the rest wait for their own next try.
            if (outcome.State == PostState.Pending)
            {
                break;
            }
        }
    }

    private PostOutcome Outcome(XResult result, int attempts, DateTimeOffset now) => result.Outcome switch
    {
        XOutcome.Done => new PostOutcome(PostState.Delivered, result.Detail, XId: result.Id,
            DeleteAt: result.Id is not null && _settings.X?.DeleteAfter is { } after ? now + after : null),
        // X has the text, but the id went with the lost answer: such a post cannot be deleted on schedule.
        XOutcome.Duplicate => new PostOutcome(PostState.Delivered, result.Detail),
        XOutcome.Rejected or XOutcome.NotFound => new PostOutcome(PostState.Failed, result.Detail),
        _ => new PostOutcome(PostState.Pending, result.Detail, NextTry: RetryPolicy.NextTry(result, attempts, now, _random)),
    };

    private void Report(PostRow post, XResult result, PostOutcome outcome)
    {
        int tries = post.Attempts + 1;
        switch (outcome.State)
        {
            case PostState.Delivered:
                _log.Info($"announce: posted on X{(result.Id is null ? "" : $" as {result.Id}")}: \"{post.Text}\"");
                _health.SetProblem(HealthAreas.Announce, null);
                break;
            case PostState.Failed:
                _log.Error($"announce: X refused post {post.Id} for good ({result.Detail}); it stays in the log as failed");
                break;
            case PostState.Pending when result.Outcome == XOutcome.Unauthorized:
                _log.Error($"announce: X says the credentials are wrong ({result.Detail}). Check announce.x's consumerKey, consumerSecret, accessToken and accessTokenSecret (run 'footfall x verify'); trying again at {ClockTime.Format(outcome.NextTry)}");
                _health.SetProblem(HealthAreas.Announce, "X rejects the credentials (401)");
                break;
            case PostState.Pending when result.Outcome == XOutcome.Transient && tries >= UnreachableAfter:
                _log.Warn($"announce: X still unreachable after {tries} tries ({result.Detail}); next try at {ClockTime.Format(outcome.NextTry)}");
                _health.SetProblem(HealthAreas.Announce, $"cannot reach X: {result.Detail}");
                break;
            default:
                _log.Warn($"announce: post {post.Id} not on X yet ({result.Detail}); next try at {ClockTime.Format(outcome.NextTry)}");
                break;
        }
    }

    private async Task DeleteDuePostsAsync(CancellationToken cancellation)
    {
        foreach (DeletionRow row in _history.DueDeletions(20))
        {
            XResult result = await _client.DeleteAsync(row.XId, cancellation).ConfigureAwait(false);
            DateTimeOffset? retry = RetryPolicy.NextTry(result, 1, _time.GetUtcNow(), _random);
            string detail = result.Outcome switch
            {
                XOutcome.Done => "posted on X, then deleted as announce.x.deleteAfter asks",
                XOutcome.NotFound => "posted on X; it was deleted there already",
                _ when retry is null => $"posted on X; X refused to delete it: {result.Detail}",
                _ => $"posted on X; deleting it failed ({result.Detail}), next try at {ClockTime.Format(retry)}",
            };
            _history.RecordDeletion(row.Id, retry, detail);
            _log.Info($"announce: {detail} (post {row.XId})");
            if (retry is not null)
            {
                break;
            }
        }
    }
}
