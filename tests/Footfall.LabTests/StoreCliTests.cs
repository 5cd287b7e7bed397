using System.Text.Json;
using Footfall.LabTests.Support;
using Footfall.PiHealth;
using Footfall.Presence;
using Footfall.Store;
using Microsoft.Data.Sqlite;
using static Footfall.LabTests.Support.FootfallCli;

namespace Footfall.LabTests;

/// <summary>
/// who, log and devices on the published binary, reading a database seeded in-process through the store.
/// They need no root and no lab. The daemon recorded the site's zone, Europe/Amsterdam, and the machine's is
/// UTC (TZ=UTC): the tables must show the site's clock, an hour ahead of UTC in November.
/// </summary>
public sealed class StoreCliTests : IDisposable
{
    private static readonly DateTimeOffset s_morning = new(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);

    private readonly string _data = Directory.CreateTempSubdirectory("footfall-cli-").FullName;

    public StoreCliTests()
    {
        var clock = new FixedClock(s_morning.AddHours(10));
        using FootfallStore store = FootfallStore.Open(_data, clock);
        store.RecordSiteTimeZone("Europe/Amsterdam");
        store.SyncPeople(
        [
            new Person("Alice", "she", [Mac("3c:22:fb:00:00:01")], 17),
            new Person("Bob", "he", [Mac("3c:22:fb:00:00:03"), Mac("a4:83:e7:00:00:04")], 22),
        ]);
        IReadOnlyList<long> ids = store.Commit(
        [
            new(PresenceEventKind.Arrived, s_morning, "Alice", Mac("3c:22:fb:00:00:01"), Ip("192.168.1.20")),
            new(PresenceEventKind.Arrived, s_morning.AddMinutes(5), "Bob", Mac("3c:22:fb:00:00:03"), Ip("192.168.1.21"), Announce: false),
            new(PresenceEventKind.UnknownDeviceSeen, s_morning.AddMinutes(7), null, Mac("da:a1:19:00:00:09"), Ip("192.168.1.99"), Announce: false),
            new(PresenceEventKind.Left, s_morning.AddHours(8).AddMinutes(12), "Bob", Mac("3c:22:fb:00:00:03"), Ip("192.168.1.21"), TimeSpan.FromMinutes(487)),
        ],
        [
            new("Alice", true, s_morning, s_morning.AddHours(9)),
            new("Bob", false, null, s_morning.AddHours(8)),
        ]);
        Assert.Equal(4, ids.Count);
        IReadOnlyList<OutboxItem> pending = store.PendingOutbox(10);
        store.MarkOutbox(pending[0].Id, OutboxState.Delivered, "console");
        store.MarkOutbox(pending[1].Id, OutboxState.Failed, "HTTP 403");
        store.RecordDevices(
        [
            new(Mac("3c:22:fb:00:00:01"), Ip("192.168.1.20"), s_morning.AddHours(9), "Alice"),
            new(Mac("da:a1:19:00:00:09"), Ip("192.168.1.99"), s_morning.AddMinutes(7), null),
        ]);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void WhoShowsEveryoneThoseInFirst()
    {
        Assert.Equal(
            [
                "NAME   STATUS  SINCE                LAST SEEN",
                "Alice  in      2026-11-20 09:30:00  2026-11-20 18:30:00",
                "Bob    out     -                    2026-11-20 17:30:00",
                "Times in Europe/Amsterdam.",
            ],
            Succeeded("who", "--data", _data).StdoutLines);
    }

    [Fact]
    public void WhoJsonHasEveryKeyWithUtcTimes()
    {
        using JsonDocument json = JsonDocument.Parse(Succeeded("who", "--data", _data, "--json").Stdout);
        JsonElement[] people = [.. json.RootElement.GetProperty("people").EnumerateArray()];
        Assert.Equal(2, people.Length);
        Assert.Equal("Alice", people[0].GetProperty("name").GetString());
        Assert.True(people[0].GetProperty("in").GetBoolean());
        Assert.Equal(s_morning, people[0].GetProperty("since").GetDateTimeOffset());
        Assert.Equal(1, people[0].GetProperty("devices").GetInt32());
        Assert.Equal(JsonValueKind.Null, people[1].GetProperty("since").ValueKind);
        Assert.Equal(2, people[1].GetProperty("devices").GetInt32());
        // The daemon never read a Pi sensor into this database.
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("pi").ValueKind);
    }

    [Fact]
    public void WhoEndsWithThePisHealthOfTheLastWeek()
    {
        // Real time: the footer counts the week before the command runs.
        DateTimeOffset start = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(-2).AddHours(10).AddMinutes(2);
        using (FootfallStore store = FootfallStore.Open(_data, TimeProvider.System))
        {
            store.RecordPiHealth(new PiReading(new Temperature(47_200), false),
            [
                new PiEpisode(PiEpisodeKind.UnderVoltage, start.AddDays(-9), start.AddDays(-9).AddMinutes(1), null),
                new PiEpisode(PiEpisodeKind.UnderVoltage, start, start.AddMinutes(3), null),
                new PiEpisode(PiEpisodeKind.Overheating, start.AddHours(2), start.AddHours(2).AddMinutes(20), new Temperature(84_300)),
            ]);
        }
        string[] lines = Succeeded("who", "--data", _data).StdoutLines;
        Assert.Equal(5, lines.Length);
        DateTimeOffset local = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        Assert.Equal(
            $"Pi: 1 under-voltage episode (last {local:yyyy-MM-dd HH:mm}–{local.AddMinutes(3):HH:mm}), 1 overheating (last peak 84.3 °C) in the last 7 days; now 47.2 °C",
            lines[^2]);
        Assert.Equal("Times in Europe/Amsterdam.", lines[^1]);

        using JsonDocument json = JsonDocument.Parse(Succeeded("who", "--data", _data, "--json").Stdout);
        JsonElement pi = json.RootElement.GetProperty("pi");
        Assert.Equal((1, 1), (pi.GetProperty("underVoltageEpisodes").GetInt32(), pi.GetProperty("overheatingEpisodes").GetInt32()));
        Assert.Equal(84.3, pi.GetProperty("episodes")[1].GetProperty("peakCelsius").GetDouble());
        Assert.Equal(47.2, pi.GetProperty("temperatureCelsius").GetDouble());
    }

    [Fact]
    public void LogShowsTheHistoryWithAnnouncements()
    {
        Assert.Equal(
            [
                "TIME                 EVENT            WHO      DEVICE             IP            ANNOUNCEMENT",
                "2026-11-20 09:30:00  arrived          Alice    3c:22:fb:00:00:01  192.168.1.20  delivered: console",
                "2026-11-20 09:35:00  arrived          Bob      3c:22:fb:00:00:03  192.168.1.21  -",
                "2026-11-20 09:37:00  unknown device   unknown  da:a1:19:00:00:09  192.168.1.99  -",
                "2026-11-20 17:42:00  left after 8h7m  Bob      3c:22:fb:00:00:03  192.168.1.21  failed: HTTP 403",
                "Times in Europe/Amsterdam.",
            ],
            Succeeded("log", "--data", _data).StdoutLines);
    }

    [Fact]
    public void LogJsonHonoursTheLimit()
    {
        using JsonDocument json = JsonDocument.Parse(Succeeded("log", "--data", _data, "--json", "--limit", "2").Stdout);
        JsonElement[] events = [.. json.RootElement.GetProperty("events").EnumerateArray()];
        Assert.Equal(["unknown_device_seen", "left"], events.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(JsonValueKind.Null, events[0].GetProperty("announcement").ValueKind);
        Assert.Equal(487 * 60, events[1].GetProperty("stayedSeconds").GetDouble());
        JsonElement announcement = events[1].GetProperty("announcement");
        Assert.Equal("failed", announcement.GetProperty("state").GetString());
        Assert.Equal("HTTP 403", announcement.GetProperty("detail").GetString());
    }

    [Fact]
    public void DevicesMarksRandomisedMacsAndUnknownOwners()
    {
        RunResult result = Succeeded("devices", "--data", _data);
        Assert.Equal(
            [
                "MAC                 LAST IP       OWNER    FIRST SEEN           LAST SEEN",
                "3c:22:fb:00:00:01   192.168.1.20  Alice    2026-11-20 18:30:00  2026-11-20 18:30:00",
                "da:a1:19:00:00:09*  192.168.1.99  unknown  2026-11-20 09:37:00  2026-11-20 09:37:00",
            ],
            result.StdoutLines.Take(3));
        Assert.StartsWith("* locally administered", result.StdoutLines[^2]);
        Assert.Equal("Times in Europe/Amsterdam.", result.StdoutLines[^1]);
    }

    [Fact]
    public void DevicesJsonSaysOwnerAndRandomisation()
    {
        using JsonDocument json = JsonDocument.Parse(Succeeded("devices", "--data", _data, "--json").Stdout);
        JsonElement unknown = json.RootElement.GetProperty("devices")[1];
        Assert.Equal("da:a1:19:00:00:09", unknown.GetProperty("mac").GetString());
        Assert.Equal("192.168.1.99", unknown.GetProperty("lastIp").GetString());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("owner").ValueKind);
        Assert.True(unknown.GetProperty("locallyAdministered").GetBoolean());
    }

    [Theory]
    [InlineData("who")]
    [InlineData("log")]
    [InlineData("devices")]
    public void WithoutADatabaseItExitsTwoNamingTheDirectoryAndData(string command)
    {
        string empty = Directory.CreateTempSubdirectory("footfall-cli-empty-").FullName;
        try
        {
            RunResult result = Invoke(command, "--data", empty);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"no footfall database in '{empty}'", result.Stderr);
            Assert.Contains("--data", result.Stderr);
            Assert.Equal("", result.Stdout);
            Assert.False(File.Exists(Path.Combine(empty, FootfallStore.FileName)), "a reader must not create the database");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void ADatabaseFromANewerFootfallThatOlderOnesMustNotWriteExitsOne()
    {
        MakeNewer(oldestWriter: 999);
        RunResult result = Invoke("who", "--data", _data);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("newer footfall", result.Stderr);
        Assert.Contains("no footfall before schema 999 may write it", result.Stderr);
    }

    [Fact]
    public void ADatabaseFromANewerFootfallThatSaysThisOneMayWriteItIsRead()
    {
        MakeNewer(oldestWriter: Schema.LatestVersion);
        Assert.Contains(Succeeded("who", "--data", _data).StdoutLines, line => line.Contains("Alice", StringComparison.Ordinal));
    }

    /// <summary>The database as a newer footfall (schema 999) leaves it, saying which footfalls may still write it.</summary>
    private void MakeNewer(int oldestWriter)
    {
        using var connection = new SqliteConnection($"Data Source={FootfallStore.DatabasePathIn(_data)};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"PRAGMA user_version = 999; UPDATE schema_compat SET oldest_writer = {oldestWriter};";
        command.ExecuteNonQuery();
    }

    [Fact]
    public void ItReadsWhileTheDaemonHoldsAWriteTransaction()
    {
        using var writer = new SqliteConnection($"Data Source={FootfallStore.DatabasePathIn(_data)};Pooling=False");
        writer.Open();
        using SqliteTransaction transaction = writer.BeginTransaction(deferred: false);
        using (SqliteCommand insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "DELETE FROM events";
            insert.ExecuteNonQuery();
        }
        using JsonDocument json = JsonDocument.Parse(Succeeded("log", "--data", _data, "--json").Stdout);
        // The uncommitted delete is invisible to the reader, which did not wait for it.
        Assert.Equal(4, json.RootElement.GetProperty("events").GetArrayLength());
    }

    [Theory]
    [InlineData("log --limit 0", "--limit must be at least 1")]
    [InlineData("log --since soon", "--since 'soon'")]
    [InlineData("who --frobnicate", "'--frobnicate'")]
    public void BadUsageExitsTwo(string arguments, string expected)
    {
        RunResult result = Invoke([.. arguments.Split(' '), "--data", _data]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Theory]
    [InlineData("who")]
    [InlineData("log")]
    [InlineData("devices")]
    public void HelpNamesDataAndJson(string command)
    {
        RunResult result = Invoke(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--data", result.Stdout);
        Assert.Contains("--json", result.Stdout);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
