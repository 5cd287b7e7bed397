using Footfall.Store;
using Footfall.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Footfall.Tests.Store;

public class SchemaTests
{
    [Fact]
    public void MigrationsAreNumberedFromOneWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, Schema.Migrations.Count), Schema.Migrations.Select(m => m.Version));
        Assert.Equal(Schema.Migrations.Count, Schema.LatestVersion);
    }

    [Fact]
    public void OpeningAnEmptyDirectoryCreatesTheDatabaseAtTheLatestVersionInWalWithFullSync()
    {
        using var directory = new TempDirectory();
        string data = directory.Combine("state", "footfall");
        using (FootfallStore store = FootfallStore.Open(data, new ManualClock()))
        {
            Assert.Equal(Path.Combine(data, "footfall.db"), store.DatabasePath);
            Assert.Equal("wal", store.Pragma("journal_mode"));
            Assert.Equal("2", store.Pragma("synchronous")); // FULL
            Assert.Equal("1", store.Pragma("foreign_keys"));
            Assert.Equal("2", store.Pragma("auto_vacuum")); // INCREMENTAL
        }
        using SqliteConnection raw = StoreFixture.RawConnection(Path.Combine(data, "footfall.db"), SqliteOpenMode.ReadOnly);
        Assert.Equal((long)Schema.LatestVersion, StoreFixture.Scalar(raw, "PRAGMA user_version"));
        Assert.Equal("ok", StoreFixture.Scalar(raw, "PRAGMA integrity_check"));
        foreach (string table in new[] { "people", "person_devices", "presence", "sessions", "events", "outbox", "devices", "posts", "pi_episodes", "pi_reading" })
        {
            Assert.Equal(1L, StoreFixture.Scalar(raw, $"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{table}'"));
        }
    }

    [Fact]
    public void AnEmptyFileIsTakenAsANewDatabase()
    {
        using var directory = new TempDirectory();
        File.WriteAllBytes(directory.Combine("footfall.db"), []);
        using FootfallStore store = FootfallStore.Open(directory.Path, new ManualClock());
        Assert.Equal(Schema.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), store.Pragma("user_version"));
    }

    [Fact]
    public void AVersionOneDatabaseIsMigratedForwardKeepingItsRows()
    {
        using var directory = new TempDirectory();
        var clock = new ManualClock();
        // Made with only the first migration, as footfall's first release made it.
        using (FootfallStore v1 = FootfallStore.Open(directory.Path, clock, Schema.Migrations.Take(1).ToList()))
        {
            Assert.Equal("1", v1.Pragma("user_version"));
            v1.SyncPeople([StoreFixture.Alice]);
            v1.Commit([new(Presence.PresenceEventKind.Arrived, clock.GetUtcNow(), "Alice")], [new("Alice", true, clock.GetUtcNow(), clock.GetUtcNow())]);
        }
        using FootfallStore current = FootfallStore.Open(directory.Path, clock);
        Assert.Equal(Schema.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), current.Pragma("user_version"));
        Assert.Equal("Alice", Assert.Single(current.Who(), w => w.IsIn).Name);
        Assert.Single(current.Log(10));
    }

    [Fact]
    public void ANextMigrationAppendsCleanlyToAnExistingDatabase()
    {
        using var directory = new TempDirectory();
        var clock = new ManualClock();
        using (FootfallStore store = FootfallStore.Open(directory.Path, clock))
        {
            store.Commit([new(Presence.PresenceEventKind.Arrived, clock.GetUtcNow(), "Alice")], []);
        }
        var next = new Migration(Schema.LatestVersion + 1, "a test column", "ALTER TABLE events ADD COLUMN note TEXT; UPDATE events SET note = 'migrated';");
        using (FootfallStore store = FootfallStore.Open(directory.Path, clock, [.. Schema.Migrations, next]))
        {
            Assert.Equal(next.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), store.Pragma("user_version"));
        }
        using SqliteConnection raw = StoreFixture.RawConnection(Path.Combine(directory.Path, "footfall.db"), SqliteOpenMode.ReadOnly);
        Assert.Equal("migrated", StoreFixture.Scalar(raw, "SELECT note FROM events"));
    }

    [Fact]
    public void AFailedMigrationLeavesTheDatabaseAtThePreviousVersion()
    {
        using var directory = new TempDirectory();
        var clock = new ManualClock();
        FootfallStore.Open(directory.Path, clock).Dispose();
        var broken = new Migration(Schema.LatestVersion + 1, "half done", "CREATE TABLE extra (x INTEGER); INSERT INTO nosuchtable VALUES (1);");
        Assert.Throws<StoreException>(() => FootfallStore.Open(directory.Path, clock, [.. Schema.Migrations, broken]));
        using SqliteConnection raw = StoreFixture.RawConnection(Path.Combine(directory.Path, "footfall.db"), SqliteOpenMode.ReadOnly);
        Assert.Equal((long)Schema.LatestVersion, StoreFixture.Scalar(raw, "PRAGMA user_version"));
        Assert.Equal(0L, StoreFixture.Scalar(raw, "SELECT count(*) FROM sqlite_schema WHERE name = 'extra'"));
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("wal")]
    public void ADatabaseFromANewerFootfallIsRefusedAndLeftByteForByte(string journalMode)
    {
        using var directory = new TempDirectory();
        string path = directory.Combine("footfall.db");
        int newer = Schema.LatestVersion + 1;
        using (SqliteConnection raw = StoreFixture.RawConnection(path))
        {
            StoreFixture.Scalar(raw, $"PRAGMA journal_mode = {journalMode}; CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('kept'); PRAGMA user_version = {newer};");
        }
        byte[] before = File.ReadAllBytes(path);

        var e = Assert.Throws<NewerSchemaException>(() => FootfallStore.Open(directory.Path, new ManualClock()));
        Assert.Contains($"schema version {newer}", e.Message);
        Assert.Contains("newer footfall", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));

        var readOnly = Assert.Throws<NewerSchemaException>(() => FootfallStore.OpenReadOnly(directory.Path));
        Assert.Contains("newer footfall", readOnly.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void AFileThatIsNotADatabaseIsRefusedAndLeftAlone()
    {
        using var directory = new TempDirectory();
        string path = directory.Combine("footfall.db");
        byte[] junk = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not a database, it is a shopping list. ", 200)));
        File.WriteAllBytes(path, junk);
        var e = Assert.Throws<StoreException>(() => FootfallStore.Open(directory.Path, new ManualClock()));
        Assert.Contains("is not a SQLite database", e.Message);
        Assert.Equal(junk, File.ReadAllBytes(path));
    }

    [Fact]
    public void SomeoneElsesSqliteDatabaseIsRefused()
    {
        using var directory = new TempDirectory();
        string path = directory.Combine("footfall.db");
        using (SqliteConnection raw = StoreFixture.RawConnection(path))
        {
            StoreFixture.Scalar(raw, "CREATE TABLE recipes (name TEXT)");
        }
        byte[] before = File.ReadAllBytes(path);
        var e = Assert.Throws<StoreException>(() => FootfallStore.Open(directory.Path, new ManualClock()));
        Assert.Contains("not footfall's", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void ADataDirectoryThatCannotBeMadeIsReportedByName()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.Combine("a-file"), "");
        string impossible = directory.Combine("a-file", "footfall");
        var e = Assert.Throws<StoreException>(() => FootfallStore.Open(impossible, new ManualClock()));
        Assert.Contains(impossible, e.Message);
    }
}
