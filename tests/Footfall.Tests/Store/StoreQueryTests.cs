using Footfall.Presence;
using Footfall.Store;
using Footfall.Tests.Support;
using Microsoft.Data.Sqlite;
using static Footfall.Tests.Store.StoreFixture;

namespace Footfall.Tests.Store;

public sealed class StoreQueryTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    private FootfallStore Store => _fixture.Store;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void WhoListsEveryoneConfiguredThoseInFirst()
    {
        DateTimeOffset now = _fixture.Now;
        var carol = new Person("Carol", null, [], null);
        Store.SyncPeople([Alice, Bob, carol]);
        Store.Commit([], [new("Bob", true, now, now.AddMinutes(3)), new("Alice", false, null, now.AddHours(-2))]);
        Assert.Equal(
            [
                new WhoRow("Bob", "he", true, now, now.AddMinutes(3), 1),
                new WhoRow("Alice", "she", false, null, now.AddHours(-2), 2),
                new WhoRow("Carol", null, false, null, null, 0),
            ],
            Store.Who());
    }

    [Fact]
    public void LogReturnsTheLatestEventsOldestFirst()
    {
        DateTimeOffset t0 = _fixture.Now;
        for (int i = 0; i < 10; i++)
        {
            Store.Commit([new(PresenceEventKind.Arrived, t0.AddMinutes(i), $"P{i}")], []);
        }
        Assert.Equal(["P7", "P8", "P9"], Store.Log(3).Select(r => r.Event.Person));
        Assert.Equal(["P8", "P9"], Store.Log(100, since: t0.AddMinutes(8)).Select(r => r.Event.Person));
        Assert.Null(Store.Log(1, since: t0.AddMinutes(9))[0].AnnouncementDetail);
    }

    [Fact]
    public void LogOrdersByTimeEvenWhenCommittedOutOfOrder()
    {
        DateTimeOffset t0 = _fixture.Now;
        Store.Commit([new(PresenceEventKind.Left, t0.AddMinutes(5), "Bob")], []);
        Store.Commit([new(PresenceEventKind.Arrived, t0, "Alice")], []);
        Assert.Equal(["Alice", "Bob"], Store.Log(10).Select(r => r.Event.Person));
    }

    [Fact]
    public void DevicesAreListedMostRecentFirst()
    {
        DateTimeOffset t0 = _fixture.Now;
        Store.RecordDevices(
        [
            new(Mac("3c:22:fb:00:00:01"), Ip("192.168.1.20"), t0, "Alice"),
            new(Mac("da:a1:19:00:00:09"), Ip("192.168.1.99"), t0.AddMinutes(1), null),
        ]);
        Assert.Equal(["da:a1:19:00:00:09", "3c:22:fb:00:00:01"], Store.Devices().Select(d => d.Mac.ToString()));
    }

    [Fact]
    public void AReaderReadsWhileTheWriterHoldsAWriteTransaction()
    {
        Store.SyncPeople([Alice]);
        Store.Commit([new(PresenceEventKind.Arrived, _fixture.Now, "Alice")], [new("Alice", true, _fixture.Now, _fixture.Now)]);
        using FootfallStore reader = FootfallStore.OpenReadOnly(_fixture.DataDirectory);

        // Another writer mid-transaction, as the daemon is while it commits.
        using SqliteConnection writer = _fixture.Raw(SqliteOpenMode.ReadWrite);
        using SqliteTransaction transaction = writer.BeginTransaction(deferred: false);
        using (SqliteCommand insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO events (kind, at, announce) VALUES ('left', 0, 0)";
            insert.ExecuteNonQuery();
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Single(reader.Log(10));
        Assert.True(Assert.Single(reader.Who()).IsIn);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1), $"the reader waited {started.Elapsed}");
        transaction.Commit();
        Assert.Equal(2, reader.Log(10).Count);
    }

    [Fact]
    public void ReadingWithoutADatabaseSaysWhereItLooked()
    {
        using var empty = new TempDirectory();
        var e = Assert.Throws<StoreMissingException>(() => FootfallStore.OpenReadOnly(empty.Path));
        Assert.Contains(empty.Path, e.Message);
        Assert.False(File.Exists(Path.Combine(empty.Path, FootfallStore.FileName)));
    }

    [Fact]
    public void ReadingADatabaseTheDaemonIsStillCreatingSaysSo()
    {
        using var directory = new TempDirectory();
        using (SqliteConnection raw = RawConnection(Path.Combine(directory.Path, FootfallStore.FileName)))
        {
            Scalar(raw, "PRAGMA user_version = 0");
        }
        // The file exists but has no schema yet: the daemon created it a moment ago (seen by a reader
        // that polled during the daemon's start), not an old footfall's database.
        var e = Assert.Throws<StoreMissingException>(() => FootfallStore.OpenReadOnly(directory.Path));
        Assert.Contains("the daemon is creating it", e.Message);
    }

    [Fact]
    public void ReadingADatabaseNotYetMigratedAsksForTheDaemon()
    {
        using var directory = new TempDirectory();
        using (SqliteConnection raw = RawConnection(Path.Combine(directory.Path, FootfallStore.FileName)))
        {
            Scalar(raw, "CREATE TABLE t (x)");
            Scalar(raw, "PRAGMA user_version = 1");
        }
        var e = Assert.Throws<StoreException>(() => FootfallStore.OpenReadOnly(directory.Path));
        Assert.IsNotType<StoreMissingException>(e);
        Assert.Contains("footfall run", e.Message);
    }

    [Theory]
    [InlineData("/state", "/home/ann", "/state/footfall")]
    [InlineData(null, "/home/ann", "/home/ann/.local/state/footfall")]
    [InlineData("relative/ignored", "/home/ann", "/home/ann/.local/state/footfall")]
    [InlineData(null, null, "/var/lib/footfall")]
    [InlineData("", "", "/var/lib/footfall")]
    public void TheDefaultDataDirectoryFollowsXdgThenHome(string? xdgStateHome, string? home, string expected)
    {
        string? Environment(string name) => name switch
        {
            "XDG_STATE_HOME" => xdgStateHome,
            "HOME" => home,
            _ => null,
        };
        Assert.Equal(expected, DataDirectory.Default(Environment));
    }
}
