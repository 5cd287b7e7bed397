using Footfall.Presence;
using Footfall.Store;
using Footfall.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Footfall.Tests.Store;

/// <summary>
/// An update's trial boot runs a newer footfall, which migrates the database; when the update is rolled back, this
/// footfall meets that newer database. Each "newer footfall" here is this one's migrations and one more, on a real
/// SQLite file; nothing recorded before the update may be lost, and this footfall must start.
/// </summary>
public sealed class RollbackTests : IDisposable
{
    private static readonly Migration AddsOnly =
        new(Schema.LatestVersion + 1, "a table and a column older footfalls never touch",
            "CREATE TABLE visitors (name TEXT NOT NULL) STRICT; ALTER TABLE events ADD COLUMN note TEXT;", OlderMayWrite: true);

    private static readonly Migration Reshapes =
        new(Schema.LatestVersion + 1, "a change older footfalls must not write past",
            "CREATE TABLE visitors (name TEXT NOT NULL) STRICT;");

    private readonly TempDirectory _directory = new();
    private readonly ManualClock _clock = new();

    private string DatabasePath => FootfallStore.DatabasePathIn(_directory.Path);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AMigrationThatOnlyAddsIsWrittenOnByTheOlderFootfallAndTheNewerFindsEverything()
    {
        Arrive(FootfallStore.Open(_directory.Path, _clock), "Alice");
        Arrive(FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, AddsOnly]), "Bob");
        Assert.Empty(Copies());

        using (FootfallStore older = FootfallStore.Open(_directory.Path, _clock))
        {
            Assert.Contains($"schema version {AddsOnly.Version}, from a newer footfall", older.VersionNote, StringComparison.Ordinal);
            Assert.Contains("may go on writing it", older.VersionNote, StringComparison.Ordinal);
            Assert.Equal(AddsOnly.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), older.Pragma("user_version"));
            older.Commit([new(PresenceEventKind.Arrived, _clock.GetUtcNow(), "Carol")], []);
            Assert.Equal(["Alice", "Bob", "Carol"], Arrivals(older));
        }
        using FootfallStore newer = FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, AddsOnly]);
        Assert.Null(newer.VersionNote);
        Assert.Equal(["Alice", "Bob", "Carol"], Arrivals(newer));
    }

    [Fact]
    public void AMigrationOlderFootfallsMustNotWriteIsUndoneWithTheCopyMadeBeforeIt()
    {
        Arrive(FootfallStore.Open(_directory.Path, _clock), "Alice");
        Arrive(FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, Reshapes]), "Bob");
        Assert.Equal([RollbackCopy.PathFor(DatabasePath, Schema.LatestVersion)], Copies());

        using (FootfallStore older = FootfallStore.Open(_directory.Path, _clock))
        {
            Assert.Contains($"was at schema {Reshapes.Version}", older.VersionNote, StringComparison.Ordinal);
            Assert.Contains($"footfall.db.from-schema-{Reshapes.Version}", older.VersionNote, StringComparison.Ordinal);
            Assert.Equal(Schema.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), older.Pragma("user_version"));
            Assert.Equal(["Alice"], Arrivals(older));
            older.Commit([new(PresenceEventKind.Arrived, _clock.GetUtcNow(), "Carol")], []);
        }
        // The trial's own records are in the newer database, kept aside whole (its WAL with it).
        using (SqliteConnection aside = StoreFixture.RawConnection(DatabasePath + $".from-schema-{Reshapes.Version}", SqliteOpenMode.ReadOnly))
        {
            Assert.Equal((long)Reshapes.Version, StoreFixture.Scalar(aside, "PRAGMA user_version"));
            Assert.Equal("ok", StoreFixture.Scalar(aside, "PRAGMA integrity_check"));
            Assert.Equal("Alice,Bob", StoreFixture.Scalar(aside, "SELECT group_concat(person, ',') FROM (SELECT person FROM events ORDER BY id)"));
        }
        // The update tried again: migrated again from what the older footfall left, copied again first.
        using FootfallStore again = FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, Reshapes]);
        Assert.Equal(["Alice", "Carol"], Arrivals(again));
        Assert.Equal([RollbackCopy.PathFor(DatabasePath, Schema.LatestVersion)], Copies());
    }

    [Fact]
    public void ATrialEndedByAPowerCutIsSetAsideWholeAndTheCopyGetsNoneOfIt()
    {
        Arrive(FootfallStore.Open(_directory.Path, _clock), "Alice");
        // The trial's files as a power cut leaves them: its migration and Bob's arrival committed to the WAL, the
        // main file still at this footfall's schema. (The refused open recovers and checkpoints that WAL as it
        // closes; Restore sets aside whatever WAL is left.)
        string crashed = Path.Combine(_directory.Path, "crashed");
        Directory.CreateDirectory(crashed);
        using (FootfallStore newer = FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, Reshapes]))
        {
            newer.Commit([new(PresenceEventKind.Arrived, _clock.GetUtcNow(), "Bob")], []);
            foreach (string suffix in new[] { "", "-wal" })
            {
                File.Copy(DatabasePath + suffix, Path.Combine(crashed, "footfall.db" + suffix));
            }
        }
        foreach (string suffix in new[] { "", "-wal" })
        {
            File.Copy(Path.Combine(crashed, "footfall.db" + suffix), DatabasePath + suffix, overwrite: true);
        }
        Assert.True(new FileInfo(DatabasePath + "-wal").Length > 0);

        using (FootfallStore older = FootfallStore.Open(_directory.Path, _clock))
        {
            Assert.Equal(["Alice"], Arrivals(older));
            Assert.Equal("ok", older.Pragma("integrity_check"));
        }
        using SqliteConnection aside = StoreFixture.RawConnection(DatabasePath + $".from-schema-{Reshapes.Version}", SqliteOpenMode.ReadOnly);
        Assert.Equal("Alice,Bob", StoreFixture.Scalar(aside, "SELECT group_concat(person, ',') FROM (SELECT person FROM events ORDER BY id)"));
    }

    [Fact]
    public void WithoutTheCopyADatabaseOlderFootfallsMustNotWriteIsRefusedAndLeftByteForByte()
    {
        Arrive(FootfallStore.Open(_directory.Path, _clock), "Alice");
        FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, Reshapes]).Dispose();
        File.Delete(RollbackCopy.PathFor(DatabasePath, Schema.LatestVersion));
        byte[] before = File.ReadAllBytes(DatabasePath);

        var e = Assert.Throws<NewerSchemaException>(() => FootfallStore.Open(_directory.Path, _clock));
        Assert.Equal(Reshapes.Version, e.Version);
        Assert.Contains($"no footfall before schema {Reshapes.Version} may write it", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(DatabasePath));
    }

    [Fact]
    public void ACopyIsMadeBeforeAMigrationOlderFootfallsMustNotWritePastAndOnlyTheNewestIsKept()
    {
        FootfallStore.Open(_directory.Path, _clock).Dispose();
        Assert.Empty(Copies()); // a new database has nothing to keep

        FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, AddsOnly]).Dispose();
        Assert.Empty(Copies());

        var reshapesLater = Reshapes with { Version = AddsOnly.Version + 1, Sql = "CREATE TABLE later (x INTEGER) STRICT;" };
        FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, AddsOnly, reshapesLater]).Dispose();
        Assert.Equal([RollbackCopy.PathFor(DatabasePath, AddsOnly.Version)], Copies());

        var andAnother = Reshapes with { Version = reshapesLater.Version + 1, Sql = "CREATE TABLE another (x INTEGER) STRICT;" };
        FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, AddsOnly, reshapesLater, andAnother]).Dispose();
        Assert.Equal([RollbackCopy.PathFor(DatabasePath, reshapesLater.Version)], Copies());
    }

    [Fact]
    public void TheDatabaseRecordsTheOldestSchemaThatMayWriteIt()
    {
        // The newest shipped migration older code must not write past: 5, the outbox's destinations (a footfall
        // before it would post the buses' rows to X).
        Assert.Equal(5, Schema.OldestWriter(Schema.Migrations, Schema.LatestVersion));
        FootfallStore.Open(_directory.Path, _clock).Dispose();
        using (SqliteConnection raw = StoreFixture.RawConnection(DatabasePath, SqliteOpenMode.ReadOnly))
        {
            Assert.Equal(5L, StoreFixture.Scalar(raw, "SELECT oldest_writer FROM schema_compat"));
        }
        FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, AddsOnly]).Dispose();
        using (SqliteConnection raw = StoreFixture.RawConnection(DatabasePath, SqliteOpenMode.ReadOnly))
        {
            Assert.Equal(5L, StoreFixture.Scalar(raw, "SELECT oldest_writer FROM schema_compat"));
        }
    }

    [Fact]
    public void TheCommandsReadANewerDatabaseThisFootfallMayWrite()
    {
        Arrive(FootfallStore.Open(_directory.Path, _clock, [.. Schema.Migrations, AddsOnly]), "Alice");
        using FootfallStore reader = FootfallStore.OpenReadOnly(_directory.Path);
        Assert.Equal(["Alice"], Arrivals(reader));
    }

    private void Arrive(FootfallStore store, string person)
    {
        using (store)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            store.Commit([new(PresenceEventKind.Arrived, _clock.GetUtcNow(), person)], [new(person, true, _clock.GetUtcNow(), _clock.GetUtcNow())]);
        }
    }

    private static List<string> Arrivals(FootfallStore store) =>
        [.. store.Log(100).Where(r => r.Event.Kind == PresenceEventKind.Arrived).OrderBy(r => r.Id).Select(r => r.Event.Person!)];

    private List<string> Copies() =>
        [.. Directory.EnumerateFiles(_directory.Path, "footfall.db.schema-*").Order(StringComparer.Ordinal)];
}
