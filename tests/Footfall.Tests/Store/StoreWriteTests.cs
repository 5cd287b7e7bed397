using Footfall.Net;
using Footfall.Presence;
using Footfall.Store;
using Microsoft.Data.Sqlite;
using static Footfall.Tests.Store.StoreFixture;

namespace Footfall.Tests.Store;

public sealed class StoreWriteTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    private FootfallStore Store => _fixture.Store;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void CommitAppendsEventsAndReturnsTheirIdsInOrder()
    {
        DateTimeOffset now = _fixture.Now;
        IReadOnlyList<long> ids = Store.Commit(
        [
            new(PresenceEventKind.Arrived, now, "Alice", Mac("3c:22:fb:00:00:01"), Ip("192.168.1.20")),
            new(PresenceEventKind.UnknownDeviceSeen, now.AddSeconds(1), null, Mac("da:a1:19:00:00:09"), Ip("192.168.1.99"), Announce: false),
        ], []);
        Assert.Equal(2, ids.Count);
        Assert.True(ids[1] > ids[0]);
        IReadOnlyList<LogRow> log = Store.Log(10);
        Assert.Equal(ids, log.Select(r => r.Id));
        Assert.Equal(new PresenceEvent(PresenceEventKind.Arrived, now, "Alice", Mac("3c:22:fb:00:00:01"), Ip("192.168.1.20")), log[0].Event);
        Assert.Equal(PresenceEventKind.UnknownDeviceSeen, log[1].Event.Kind);
        Assert.Null(log[1].Event.Person);
    }

    [Fact]
    public void TimesSurviveTheRoundTripToTheMillisecondInUtc()
    {
        var at = new DateTimeOffset(2026, 3, 29, 2, 30, 15, 123, TimeSpan.FromHours(2));
        Store.Commit([new(PresenceEventKind.Left, at, "Alice", Stayed: TimeSpan.FromMinutes(95.5))], [new("Alice", false, null, at)]);
        PresenceEvent stored = Assert.Single(Store.Log(1)).Event;
        Assert.Equal(at, stored.At);
        Assert.Equal(TimeSpan.Zero, stored.At.Offset);
        Assert.Equal(TimeSpan.FromMinutes(95.5), stored.Stayed);
        Assert.Equal(at, Assert.Single(Store.LoadPresence()).LastSeen);
    }

    [Fact]
    public void PresenceIsUpsertedAndSurvivesARestart()
    {
        DateTimeOffset now = _fixture.Now;
        Store.Commit([], [new("Alice", true, now, now), new("Bob", false, null, null)]);
        Store.Commit([], [new("Alice", true, now, now.AddMinutes(5))]);
        _fixture.Reopen();
        Assert.Equal(
            [new PersonPresence("Alice", true, now, now.AddMinutes(5)), new PersonPresence("Bob", false, null, null)],
            Store.LoadPresence());
    }

    [Fact]
    public void ArrivalsOpenSessionsAndDeparturesCloseThem()
    {
        DateTimeOffset now = _fixture.Now;
        Store.Commit([new(PresenceEventKind.Arrived, now, "Alice")], []);
        // Replayed after a restart: still one session.
        Store.Commit([new(PresenceEventKind.Arrived, now.AddMinutes(1), "Alice")], []);
        Store.Commit([new(PresenceEventKind.Left, now.AddHours(8), "Alice", Stayed: TimeSpan.FromHours(8))], []);
        Store.Commit([new(PresenceEventKind.Arrived, now.AddHours(9), "Alice")], []);
        Assert.Equal(
            [(UnixMs(now), UnixMs(now.AddHours(8))), (UnixMs(now.AddHours(9)), (long?)null)],
            Sessions("Alice"));
    }

    [Fact]
    public void OnlyEventsToBeAnnouncedReachTheOutbox()
    {
        DateTimeOffset now = _fixture.Now;
        IReadOnlyList<long> ids = Store.Commit(
        [
            new(PresenceEventKind.Arrived, now, "Alice", Announce: false),
            new(PresenceEventKind.Arrived, now, "Bob"),
        ], []);
        OutboxItem item = Assert.Single(Store.PendingOutbox(10));
        Assert.Equal(ids[1], item.EventId);
        Assert.Equal("Bob", item.Event.Person);
        Assert.Equal(OutboxState.Pending, item.State);
        Assert.Equal(now, item.CreatedAt);
    }

    [Fact]
    public void MarkedOutboxItemsLeaveThePendingListAndShowInTheLog()
    {
        DateTimeOffset now = _fixture.Now;
        Store.Commit([new(PresenceEventKind.Arrived, now, "Alice"), new(PresenceEventKind.Arrived, now, "Bob"), new(PresenceEventKind.Arrived, now, "Carol")], []);
        IReadOnlyList<OutboxItem> pending = Store.PendingOutbox(2);
        Assert.Equal(["Alice", "Bob"], pending.Select(p => p.Event.Person));
        _fixture.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True(Store.MarkOutbox(pending[0].Id, OutboxState.Delivered, "console"));
        Assert.True(Store.MarkOutbox(pending[1].Id, OutboxState.Failed, "HTTP 403: duplicate status"));
        Assert.False(Store.MarkOutbox(9999, OutboxState.Delivered, null));
        Assert.Equal("Carol", Assert.Single(Store.PendingOutbox(10)).Event.Person);

        IReadOnlyList<LogRow> log = Store.Log(10);
        Assert.Equal([OutboxState.Delivered, OutboxState.Failed, OutboxState.Pending], log.Select(r => r.Announcement));
        Assert.Equal("HTTP 403: duplicate status", log[1].AnnouncementDetail);
        Assert.Equal(now.AddSeconds(3), log[0].AnnouncementUpdated);
    }

    [Fact]
    public void ADroppedAnnouncementReopensOnlyForItsPersonKindAndTimeAndOnlyOnce()
    {
        DateTimeOffset now = _fixture.Now.AddMilliseconds(250);
        IReadOnlyList<long> ids = Store.Commit([new(PresenceEventKind.Arrived, now, "Alice"), new(PresenceEventKind.Left, now, "Bob")], []);
        Assert.False(Store.Reopen("Alice", PresenceEventKind.Arrived, now));
        Store.SaveComposition([], [new DroppedEvent(ids[0], "announced by 2nd floor"), new DroppedEvent(ids[1], "departure posts are off")]);

        Assert.False(Store.Reopen("Alice", PresenceEventKind.Arrived, now.AddMilliseconds(1)));
        Assert.False(Store.Reopen("Alice", PresenceEventKind.Left, now));
        Assert.True(Store.Reopen("Alice", PresenceEventKind.Arrived, now));
        Assert.False(Store.Reopen("Alice", PresenceEventKind.Arrived, now));
        OutboxItem item = Assert.Single(Store.PendingOutbox(10));
        Assert.Equal((ids[0], OutboxState.Pending, (string?)null), (item.EventId, item.State, item.Detail));
    }

    [Fact]
    public void ACommitIsAllOrNothing()
    {
        DateTimeOffset now = _fixture.Now;
        // A name the presence table's NOT NULL refuses, after an event was already inserted in the same transaction.
        Assert.Throws<StoreException>(() => Store.Commit([new(PresenceEventKind.Arrived, now, "Alice")], [new(null!, true, now, now)]));
        Assert.Empty(Store.Log(10));
        Assert.Empty(Store.PendingOutbox(10));
        Assert.Empty(Sessions("Alice"));
    }

    [Fact]
    public void ACommitRecordsTheDevicesSeenWithPresence()
    {
        DateTimeOffset now = _fixture.Now;
        Store.Commit([], [new("Bob", true, now, now)], [new(Mac("3c:22:fb:00:00:03"), Ip("192.168.1.21"), now, "Bob")]);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        DateTimeOffset later = _fixture.Clock.GetUtcNow();

        Store.Commit([], [new("Bob", true, now, later)], [new(Mac("3c:22:fb:00:00:03"), Ip("192.168.1.22"), later, "Bob")]);

        DeviceRow device = Assert.Single(Store.Devices());
        Assert.Equal((now, later, "192.168.1.22", "Bob"), (device.FirstSeen, device.LastSeen, device.LastIp.ToString(), device.Person));
        Assert.Equal(later, Assert.Single(Store.LoadPresence()).LastSeen);
    }

    [Fact]
    public void ARefreshKeepsLastSeenAndDevicesAndLeavesCommitsDurable()
    {
        DateTimeOffset now = _fixture.Now;
        Store.Refresh([new("Bob", true, now, now.AddMinutes(5))], [new(Mac("3c:22:fb:00:00:03"), Ip("192.168.1.21"), now.AddMinutes(5), "Bob")]);

        Assert.Equal(now.AddMinutes(5), Assert.Single(Store.LoadPresence()).LastSeen);
        Assert.Equal(now.AddMinutes(5), Assert.Single(Store.Devices()).LastSeen);
        // Only the refresh went unsynced: the connection is back at synchronous=FULL (2) for what comes next.
        Assert.Equal("2", Store.Pragma("synchronous"));
    }

    [Fact]
    public void DevicesGoWithTheCommitOrNotAtAll()
    {
        DateTimeOffset now = _fixture.Now;
        Assert.Throws<StoreException>(() => Store.Commit([], [new(null!, true, now, now)], [new(Mac("3c:22:fb:00:00:03"), Ip("192.168.1.21"), now, "Bob")]));
        Assert.Empty(Store.Devices());
    }

    [Fact]
    public void SyncPeopleReplacesPeopleAndTidiesWhatNamedTheOnesRemoved()
    {
        DateTimeOffset now = _fixture.Now;
        Store.SyncPeople([Alice, Bob]);
        Store.Commit([new(PresenceEventKind.Arrived, now, "Bob")], [new("Bob", true, now, now)]);
        Store.RecordDevices([new(Mac("3c:22:fb:00:00:03"), Ip("192.168.1.21"), now, "Bob")]);
        _fixture.Clock.Advance(TimeSpan.FromHours(1));

        Store.SyncPeople([Alice with { Devices = [.. Alice.Devices, Mac("3c:22:fb:00:00:03")] }]);

        Assert.Equal(["Alice"], Store.Who().Select(w => w.Name));
        Assert.Equal(3, Store.Who()[0].Devices);
        Assert.Empty(Store.LoadPresence());
        Assert.Equal([(UnixMs(now), (long?)UnixMs(now.AddHours(1)))], Sessions("Bob"));
        Assert.Equal("Alice", Assert.Single(Store.Devices()).Person);
    }

    [Fact]
    public void SyncPeopleRefusesADeviceClaimedTwice()
    {
        var e = Assert.Throws<ArgumentException>(() => Store.SyncPeople([Alice, Bob with { Devices = [Alice.Devices[0]] }]));
        Assert.Contains("3c:22:fb:00:00:01", e.Message);
    }

    [Fact]
    public void RecordDevicesKeepsFirstSeenAndTakesTheLatestIp()
    {
        DateTimeOffset t0 = _fixture.Now;
        MacAddress phone = Mac("da:a1:19:00:00:09");
        Store.RecordDevices([new(phone, Ip("192.168.1.50"), t0, null)]);
        Store.RecordDevices([new(phone, Ip("192.168.1.51"), t0.AddMinutes(10), null)]);
        // A late, older sighting changes nothing.
        Store.RecordDevices([new(phone, Ip("192.168.1.49"), t0.AddMinutes(5), null)]);
        DeviceRow row = Assert.Single(Store.Devices());
        Assert.Equal(new DeviceRow(phone, Ip("192.168.1.51"), t0, t0.AddMinutes(10), null), row);
        Assert.True(row.IsLocallyAdministered);
        using SqliteConnection raw = _fixture.Raw();
        Assert.Equal(1L, Scalar(raw, "SELECT locally_administered FROM devices"));
    }

    [Fact]
    public void ReadOnlyStoresRefuseToWrite()
    {
        using FootfallStore reader = FootfallStore.OpenReadOnly(_fixture.DataDirectory);
        Assert.True(reader.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => reader.Commit([], []));
    }

    private List<(long Arrived, long? Left)> Sessions(string person)
    {
        using SqliteConnection raw = _fixture.Raw();
        using SqliteCommand command = raw.CreateCommand();
        command.CommandText = "SELECT arrived_at, left_at FROM sessions WHERE person = $p ORDER BY id";
        command.Parameters.AddWithValue("$p", person);
        using SqliteDataReader reader = command.ExecuteReader();
        var sessions = new List<(long, long?)>();
        while (reader.Read())
        {
            sessions.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
        }
        return sessions;
    }

    private static long UnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
