using Footfall.Presence;
using Footfall.Store;
using Microsoft.Data.Sqlite;
using static Footfall.Tests.Store.StoreFixture;

namespace Footfall.Tests.Store;

public sealed class RetentionTests : IDisposable
{
    private static readonly TimeSpan s_day = TimeSpan.FromHours(24);
    private static readonly TimeSpan s_year = TimeSpan.FromDays(365);

    private readonly StoreFixture _fixture = new();

    private FootfallStore Store => _fixture.Store;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void DefaultsAreADayForVisitorsAndAYearForHistory()
    {
        Assert.Equal(s_day, FootfallStore.DefaultUnknownDeviceRetention);
        Assert.Equal(s_year, FootfallStore.DefaultHistoryRetention);
    }

    [Fact]
    public void UnknownDevicesAndTheEventsNamingThemAreForgottenAfterADay()
    {
        DateTimeOffset t0 = _fixture.Now;
        Store.SyncPeople([Alice]);
        Store.RecordDevices(
        [
            new(Mac("da:a1:19:00:00:09"), Ip("192.168.1.99"), t0, null),
            new(Alice.Devices[0], Ip("192.168.1.20"), t0, "Alice"),
        ]);
        Store.Commit(
        [
            new(PresenceEventKind.UnknownDeviceSeen, t0, null, Mac("da:a1:19:00:00:09"), Ip("192.168.1.99")),
            new(PresenceEventKind.Arrived, t0, "Alice", Alice.Devices[0]),
        ], []);

        _fixture.Clock.Advance(s_day - TimeSpan.FromMinutes(1));
        Assert.Equal(0, Store.ApplyRetention(s_day, s_year).Total);

        _fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new RetentionReport(Devices: 1, Events: 1, Sessions: 0), Store.ApplyRetention(s_day, s_year));
        Assert.Equal("Alice", Assert.Single(Store.Devices()).Person);
        Assert.Equal(PresenceEventKind.Arrived, Assert.Single(Store.Log(10)).Event.Kind);
        // Its outbox row went with it.
        Assert.Single(Store.PendingOutbox(10));
    }

    [Fact]
    public void HistoryIsKeptForAYearButOpenSessionsStay()
    {
        DateTimeOffset t0 = _fixture.Now;
        Store.SyncPeople([Alice, Bob]);
        Store.RecordDevices([new(Alice.Devices[0], Ip("192.168.1.20"), t0, "Alice")]);
        Store.Commit(
        [
            new(PresenceEventKind.Arrived, t0, "Alice"),
            new(PresenceEventKind.Left, t0.AddHours(8), "Alice", Stayed: TimeSpan.FromHours(8)),
            new(PresenceEventKind.Arrived, t0, "Bob"),
        ], []);
        _fixture.Clock.Advance(s_year + TimeSpan.FromDays(1));
        Store.Commit([new(PresenceEventKind.Arrived, _fixture.Now, "Alice")], []);

        Assert.Equal(new RetentionReport(Devices: 1, Events: 3, Sessions: 1), Store.ApplyRetention(s_day, s_year));
        Assert.Equal("Alice", Assert.Single(Store.Log(10)).Event.Person);
        using SqliteConnection raw = _fixture.Raw();
        // Bob never left: his session is still open, whatever its age.
        Assert.Equal(2L, Scalar(raw, "SELECT count(*) FROM sessions WHERE left_at IS NULL"));
        Assert.Equal(1L, Scalar(raw, "SELECT count(*) FROM outbox"));
    }

    [Fact]
    public void TheFileStaysBoundedUnderAStreamOfVisitors()
    {
        // A week of a busy office: 2,000 new unknown devices a day, each seen once, retention every hour.
        long afterTwoDays = 0;
        for (int hour = 0; hour < 24 * 7; hour++)
        {
            DateTimeOffset now = _fixture.Now;
            var seen = new List<DeviceSeen>();
            var events = new List<PresenceEvent>();
            for (int i = 0; i < 2_000 / 24; i++)
            {
                var mac = new Footfall.Net.MacAddress(0x0200_0000_0000UL + (ulong)(hour * 100) + (ulong)i);
                seen.Add(new(mac, Ip("10.0.0.9"), now, null));
                events.Add(new(PresenceEventKind.UnknownDeviceSeen, now, null, mac, Ip("10.0.0.9"), Announce: false));
            }
            Store.RecordDevices(seen);
            Store.Commit(events, []);
            Store.ApplyRetention(s_day, s_year);
            if (hour == 48)
            {
                afterTwoDays = new FileInfo(_fixture.DatabasePath).Length;
            }
            _fixture.Clock.Advance(TimeSpan.FromHours(1));
        }
        Assert.InRange(Store.Devices().Count, 2_000 / 24 * 23, 2_000 / 24 * 25);
        // Retention caught up after the first day: from then on freed pages are reused, not added to.
        long afterAWeek = new FileInfo(_fixture.DatabasePath).Length;
        Assert.True(afterAWeek <= afterTwoDays * 1.25, $"{afterAWeek} bytes after a week, {afterTwoDays} after two days");
        string wal = _fixture.DatabasePath + "-wal";
        long walSize = File.Exists(wal) ? new FileInfo(wal).Length : 0;
        Assert.True(walSize <= 5 * 1024 * 1024, $"the WAL is {walSize} bytes: journal_size_limit should cut it back to 4 MiB");
    }

    [Fact]
    public void PostsGoWithTheirEventsButNotWhileTheyStillHaveToBeSentOrDeleted()
    {
        DateTimeOffset t0 = _fixture.Now;
        IReadOnlyList<long> ids = Store.Commit(
        [
            new(PresenceEventKind.Arrived, t0, "Alice"),
            new(PresenceEventKind.Arrived, t0, "Bob"),
            new(PresenceEventKind.Arrived, t0, "Carol"),
        ], []);
        IReadOnlyList<long> posts = Store.SaveComposition(
        [
            new PostDraft([ids[0]], "Alice is in.", new Dictionary<string, string>()),
            new PostDraft([ids[1]], "Bob is in.", new Dictionary<string, string>()),
            new PostDraft([ids[2]], "Carol is in.", new Dictionary<string, string>()),
        ], []);
        Store.RecordPost(posts[0], new PostOutcome(PostState.Delivered, "201", XId: "1"));
        Store.RecordPost(posts[1], new PostOutcome(PostState.Delivered, "201", XId: "2", DeleteAt: t0 + s_year * 2));
        // posts[2] is still pending.

        _fixture.Clock.Advance(s_year + s_day);
        Store.ApplyRetention(s_day, s_year);

        using SqliteConnection raw = _fixture.Raw();
        Assert.Equal(0L, Scalar(raw, "SELECT count(*) FROM events"));
        Assert.Equal($"{posts[1]},{posts[2]}", Scalar(raw, "SELECT group_concat(id) FROM (SELECT id FROM posts ORDER BY id)"));
    }
}
