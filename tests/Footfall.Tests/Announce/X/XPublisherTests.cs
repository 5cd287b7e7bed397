using Footfall.Announce;
using Footfall.Announce.X;
using Footfall.Config;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Testing;
using Footfall.Tests.Store;
using Footfall.Tests.Support;

namespace Footfall.Tests.Announce.X;

/// <summary>
/// Rounds of the X publisher with a clock the test moves, a real store file and the fake X server on loopback
/// (which checks signatures; its own clock check is relaxed because the test's clock jumps ahead).
/// </summary>
public sealed class XPublisherTests : IDisposable
{
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(10);

    private readonly FakeX _fake = FakeX.Start(skewSeconds: 1_000_000_000);
    // The clock starts one window before real time, so that it is at real time when the first post goes out:
    // a 429's reset time comes from the server's clock.
    private readonly StoreFixture _db = new(DateTimeOffset.UtcNow - s_window);
    private readonly TempDirectory _run = new();
    private readonly StringWriter _logText = new();
    private readonly ManualClock _clock;
    private readonly Health _health;
    private XClient? _client;

    public XPublisherTests()
    {
        _clock = _db.Clock;
        _health = new Health(_clock);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _fake.Dispose();
        _db.Dispose();
        _run.Dispose();
    }

    private string Marker => _run.Combine("synchronized");

    /// <param name="requestTimeout">
    /// Real time, for requests to a real server: generous by default (a 1 s limit made answers on a busy machine
    /// count as lost), short only where a test waits for an answer that never comes.
    /// </param>
    private XPublisher Publisher(TimeSpan? deleteAfter = null, bool markerRequired = false, TimeSpan? requestTimeout = null)
    {
        var x = new XSettings(new Secret(FakeX.ConsumerKey), new Secret(FakeX.ConsumerSecret), new Secret(FakeX.AccessToken), new Secret(FakeX.AccessTokenSecret))
        {
            ApiBaseUrl = _fake.BaseUrl,
            DeleteAfter = deleteAfter,
            ClockSyncMarker = markerRequired ? Marker : null,
        };
        var announce = new AnnounceSettings { X = x, AggregateWindow = s_window, Messages = new Dictionary<DayPart, IReadOnlyList<string>>() };
        _client?.Dispose();
        _client = new XClient(x, _clock, requestTimeout ?? TimeSpan.FromSeconds(10));
        var log = new Log(_logText, _clock, journal: false);
        return new XPublisher(_db.Store, _client, new AnnouncerSetup(announce, [StoreFixture.Alice, StoreFixture.Bob], TimeZoneInfo.Utc, _clock, new Random(42)),
            new ClockGate(x.ClockSyncMarker), _health, log);
    }

    private void Arrive(params string[] people)
    {
        var events = people.Select(p => new PresenceEvent(PresenceEventKind.Arrived, _clock.GetUtcNow(), p)).ToList();
        var presence = people.Select(p => new PersonPresence(p, true, _clock.GetUtcNow(), _clock.GetUtcNow())).ToList();
        _db.Store.Commit(events, presence);
    }

    private async Task Round(XPublisher publisher, TimeSpan? after = null)
    {
        _clock.Advance(after ?? TimeSpan.Zero);
        await publisher.RunOnceAsync(CancellationToken.None);
    }

    private int Posts() => _fake.Requests().Count(r => r.Method == "POST");

    [Fact]
    public async Task ArrivalsInsideTheWindowBecomeOneSignedPostOnceTheWindowHasPassed()
    {
        XPublisher publisher = Publisher();
        Arrive("Alice");
        await Round(publisher, TimeSpan.FromSeconds(3));
        Arrive("Bob");
        await Round(publisher, TimeSpan.FromSeconds(3));
        Assert.Equal(0, Posts());

        await Round(publisher, s_window);
        FakeXRequest post = Assert.Single(_fake.Requests());
        Assert.True(post.Valid, post.Reason);
        Assert.Contains("Alice", post.Text);
        Assert.Contains("Bob", post.Text);
        LogRow[] log = [.. _db.Store.Log(10)];
        Assert.All(log, row => Assert.Equal(OutboxState.Delivered, row.Announcement));
        Assert.All(log, row => Assert.Equal($"posted on X as {post.Id}", row.AnnouncementDetail));
    }

    [Fact]
    public async Task WhileXIsDownThePostWaitsWithGrowingPausesAndGoesOutOnceWhenXIsBack()
    {
        XPublisher publisher = Publisher();
        _fake.SetMode("down");
        Arrive("Alice");
        await Round(publisher, s_window);
        Assert.Single(_fake.Requests());
        await Round(publisher, TimeSpan.FromSeconds(2));   // the first pause is at least 2.5 s
        Assert.Single(_fake.Requests());
        for (int i = 0; i < 2; i++)
        {
            await Round(publisher, TimeSpan.FromMinutes(10));   // the longest pause
        }
        Assert.Equal(3, _fake.Requests().Count);
        Assert.Contains("cannot reach X", string.Join(" ", _health.Verdict().Problems));

        _fake.SetMode("ok");
        await Round(publisher, TimeSpan.FromMinutes(1));
        await Round(publisher, TimeSpan.FromMinutes(1));
        Assert.Single(_fake.Posts().Visible);
        Assert.Empty(_health.Verdict().Problems);
    }

    [Fact]
    public async Task NothingIsSentBeforeTheRateLimitResets()
    {
        XPublisher publisher = Publisher();
        _fake.SetMode("ratelimit", resetInSeconds: 2);
        Arrive("Alice");
        _clock.Advance(s_window);
        DateTimeOffset limited = DateTimeOffset.UtcNow;
        await Round(publisher);
        Assert.Equal(429, Assert.Single(_fake.Requests()).Status);
        await Round(publisher, TimeSpan.FromSeconds(1));
        Assert.Single(_fake.Requests());

        Thread.Sleep(TimeSpan.FromSeconds(2.2) - (DateTimeOffset.UtcNow - limited));
        await Round(publisher, TimeSpan.FromSeconds(2.5));
        Assert.Equal([429, 201], _fake.Requests().Select(r => r.Status));
    }

    [Fact]
    public async Task WrongCredentialsShowInHealthAndAreRetriedOnlySlowly()
    {
        XPublisher publisher = Publisher();
        _fake.SetMode("unauthorized");
        Arrive("Alice");
        await Round(publisher, s_window);
        Assert.Contains("X rejects the credentials (401)", _health.Verdict().Problems);
        Assert.Contains("footfall x verify", _logText.ToString());
        await Round(publisher, TimeSpan.FromMinutes(14));
        Assert.Single(_fake.Requests());
        _fake.SetMode("ok");
        await Round(publisher, TimeSpan.FromMinutes(2));
        Assert.Single(_fake.Posts().Visible);
        Assert.Empty(_health.Verdict().Problems);
    }

    [Fact]
    public async Task AnAnswerLostAfterXPostedItIsAbsorbedByTheDuplicateRule()
    {
        XPublisher publisher = Publisher(requestTimeout: TimeSpan.FromSeconds(1));
        _fake.SetMode("blackhole");   // X creates the post, the answer never comes
        Arrive("Alice");
        await Round(publisher, s_window);
        Assert.Single(_fake.Posts().Visible);
        _fake.SetMode("ok");
        await Round(publisher, TimeSpan.FromMinutes(1));
        Assert.Equal([null, 403], _fake.Requests().Select(r => r.Status));
        Assert.Single(_fake.Posts().Visible);
        Assert.Equal(OutboxState.Delivered, Assert.Single(_db.Store.Log(10)).Announcement);
    }

    [Fact]
    public async Task NothingIsSignedUntilTheClockIsSynchronised()
    {
        XPublisher publisher = Publisher(markerRequired: true);
        Arrive("Alice");
        await Round(publisher, s_window);
        await Round(publisher, TimeSpan.FromMinutes(1));
        Assert.Empty(_fake.Requests());
        Assert.Contains(_health.Verdict().Problems, p => p.Contains("not known to be synchronised", StringComparison.Ordinal));

        File.WriteAllText(Marker, "");
        await Round(publisher);
        Assert.Single(_fake.Posts().Visible);
        Assert.Empty(_health.Verdict().Problems);
    }

    [Fact]
    public async Task AnArrivalThatCouldNotBePostedInTimeExpiresInsteadOfGoingOutLate()
    {
        XPublisher publisher = Publisher();
        _fake.SetMode("error");
        Arrive("Alice");
        await Round(publisher, s_window);
        for (int i = 0; i < 4; i++)
        {
            await Round(publisher, TimeSpan.FromMinutes(10));
        }
        int tries = _fake.Requests().Count;
        _fake.SetMode("ok");
        await Round(publisher, TimeSpan.FromMinutes(11));
        Assert.Equal(tries, _fake.Requests().Count);
        Assert.Empty(_fake.Posts().Visible);
        LogRow row = Assert.Single(_db.Store.Log(10));
        Assert.Equal(OutboxState.Dropped, row.Announcement);
        Assert.StartsWith("expired", row.AnnouncementDetail);
    }

    [Fact]
    public async Task ARequestXRefusesForGoodStaysInTheLogAsFailedWithXsWords()
    {
        XPublisher publisher = Publisher();
        _fake.SetMode("invalid");
        Arrive("Alice");
        await Round(publisher, s_window);
        await Round(publisher, TimeSpan.FromHours(1));
        Assert.Single(_fake.Requests());
        LogRow row = Assert.Single(_db.Store.Log(10));
        Assert.Equal(OutboxState.Failed, row.Announcement);
        Assert.Equal("X refused it: 400 Bad Request: One or more parameters to your request was invalid.", row.AnnouncementDetail);
    }

    [Fact]
    public async Task PostsAreDeletedOnScheduleAlsoAfterARestartAndADeletionThatFailed()
    {
        XPublisher publisher = Publisher(deleteAfter: TimeSpan.FromHours(8));
        Arrive("Alice");
        await Round(publisher, s_window);
        Assert.Single(_fake.Posts().Visible);
        await Round(publisher, TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.Empty(_fake.Posts().Deleted);

        _db.Reopen();
        publisher = Publisher(deleteAfter: TimeSpan.FromHours(8));
        _fake.SetMode("error");
        await Round(publisher, TimeSpan.FromSeconds(1));
        Assert.Empty(_fake.Posts().Deleted);
        _fake.SetMode("ok");
        await Round(publisher, TimeSpan.FromMinutes(11));
        Assert.Single(_fake.Posts().Deleted);
        Assert.Empty(_fake.Posts().Visible);
        Assert.Equal(["POST", "DELETE", "DELETE"], _fake.Requests().Select(r => r.Method));
        Assert.Equal("posted on X as " + _fake.Posts().Deleted[0].Id + ", deleted since", Assert.Single(_db.Store.Log(10)).AnnouncementDetail);
    }
}
