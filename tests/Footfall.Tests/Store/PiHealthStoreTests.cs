using Footfall.PiHealth;
using Footfall.Store;
using Footfall.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Footfall.Tests.Store;

/// <summary>The Pi's episodes and last reading in a real SQLite file: migration, writes, restarts, queries, retention.</summary>
public sealed class PiHealthStoreTests : IDisposable
{
    private static readonly Temperature s_warm = new(47_200);

    private readonly StoreFixture _fixture = new();

    private FootfallStore Store => _fixture.Store;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void AVersionTwoDatabaseGainsTheTablesAndKeepsItsRows()
    {
        using var directory = new TempDirectory();
        var clock = new ManualClock();
        using (FootfallStore v2 = FootfallStore.Open(directory.Path, clock, Schema.Migrations.Take(2).ToList()))
        {
            v2.SyncPeople([StoreFixture.Alice]);
            v2.Commit([new(Footfall.Presence.PresenceEventKind.Arrived, clock.GetUtcNow(), "Alice")], []);
        }
        using FootfallStore v3 = FootfallStore.Open(directory.Path, clock);
        Assert.Equal(Schema.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), v3.Pragma("user_version"));
        Assert.Single(v3.Log(10));
        Assert.Empty(v3.PiEpisodes(DateTimeOffset.MinValue));
        Assert.Null(v3.LastPiReading());
    }

    [Fact]
    public void AnEpisodeIsOneRowFromStartThroughPeaksToEnd()
    {
        DateTimeOffset start = _fixture.Now;
        var started = new PiEpisode(PiEpisodeKind.Overheating, start, null, new Temperature(80_100));
        Store.RecordPiHealth(new PiReading(new Temperature(80_100), false), [started]);
        Assert.Equal([started], Store.PiEpisodes(start));

        _fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Store.RecordPiHealth(new PiReading(new Temperature(84_300), false), [started with { Peak = new Temperature(84_300) }]);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        PiEpisode ended = started with { End = _fixture.Now, Peak = new Temperature(84_300) };
        Store.RecordPiHealth(new PiReading(new Temperature(75_000), false), [ended]);

        Assert.Equal([ended], Store.PiEpisodes(start));
        using SqliteConnection raw = _fixture.Raw();
        Assert.Equal(1L, StoreFixture.Scalar(raw, "SELECT count(*) FROM pi_episodes"));
        Assert.Equal("overheating", StoreFixture.Scalar(raw, "SELECT kind FROM pi_episodes"));
        Assert.Equal(84_300L, StoreFixture.Scalar(raw, "SELECT peak_mc FROM pi_episodes"));
    }

    [Fact]
    public void TheLastReadingIsOneRowThatSaysWhen()
    {
        Assert.Null(Store.LastPiReading());
        Store.RecordPiHealth(new PiReading(s_warm, null), []);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Store.RecordPiHealth(new PiReading(null, true), []);
        Assert.Equal(new PiReadingRow(_fixture.Now, new PiReading(null, true)), Store.LastPiReading());
        using SqliteConnection raw = _fixture.Raw();
        Assert.Equal(1L, StoreFixture.Scalar(raw, "SELECT count(*) FROM pi_reading"));
    }

    [Fact]
    public void EpisodesAreListedFromAMomentOnOpenOnesIncludedOldestFirst()
    {
        DateTimeOffset t0 = _fixture.Now;
        var old = new PiEpisode(PiEpisodeKind.UnderVoltage, t0, t0.AddMinutes(3), s_warm);
        var recent = new PiEpisode(PiEpisodeKind.Overheating, t0.AddDays(3), t0.AddDays(3).AddMinutes(10), new Temperature(82_000));
        var open = new PiEpisode(PiEpisodeKind.UnderVoltage, t0.AddDays(1), null, null);
        Store.RecordPiHealth(default, [recent, open, old]);

        Assert.Equal([old, open, recent], Store.PiEpisodes(t0));
        Assert.Equal([open, recent], Store.PiEpisodes(t0.AddMinutes(4)));
        Assert.Equal([open], Store.PiEpisodes(t0.AddDays(4)));
    }

    [Fact]
    public void EpisodesLeftOpenByACrashEndAtTheLastReading()
    {
        DateTimeOffset t0 = _fixture.Now;
        var underVoltage = new PiEpisode(PiEpisodeKind.UnderVoltage, t0, null, s_warm);
        Store.RecordPiHealth(new PiReading(s_warm, true), [underVoltage]);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Store.RecordPiHealth(new PiReading(s_warm, true), []);
        DateTimeOffset lastReading = _fixture.Now;

        // The Pi froze; the watchdog reset it; footfall starts again some minutes later.
        _fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        _fixture.Reopen();
        PiEpisode closed = Assert.Single(Store.CloseInterruptedPiEpisodes());
        Assert.Equal(underVoltage with { End = lastReading }, closed);
        Assert.Equal([closed], Store.PiEpisodes(t0));
        Assert.Empty(Store.CloseInterruptedPiEpisodes());
    }

    [Fact]
    public void AnEpisodeLeftOpenWithoutAnyReadingAfterItEndsWhereItStarted()
    {
        DateTimeOffset t0 = _fixture.Now;
        _fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        // The last reading is dated before the episode's start (the clock was set back in between).
        Store.RecordPiHealth(new PiReading(null, true), [new PiEpisode(PiEpisodeKind.UnderVoltage, t0.AddMinutes(5), null, null)]);
        using (SqliteConnection raw = _fixture.Raw(SqliteOpenMode.ReadWrite))
        {
            StoreFixture.Scalar(raw, $"UPDATE pi_reading SET at = {t0.ToUnixTimeMilliseconds()}");
        }
        Assert.Equal(t0.AddMinutes(5), Assert.Single(Store.CloseInterruptedPiEpisodes()).End);
    }

    [Fact]
    public void RetentionForgetsEndedEpisodesWithTheHistoryButNeverAnOpenOne()
    {
        DateTimeOffset t0 = _fixture.Now;
        var ended = new PiEpisode(PiEpisodeKind.Overheating, t0, t0.AddMinutes(10), new Temperature(81_000));
        var open = new PiEpisode(PiEpisodeKind.UnderVoltage, t0, null, null);
        Store.RecordPiHealth(default, [ended, open]);
        TimeSpan history = TimeSpan.FromDays(30);

        _fixture.Clock.Advance(history + TimeSpan.FromMinutes(9));
        Assert.Equal(0, Store.ApplyRetention(TimeSpan.FromDays(1), history).Total);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        RetentionReport report = Store.ApplyRetention(TimeSpan.FromDays(1), history);
        Assert.Equal((1, 1), (report.PiEpisodes, report.Total));
        Assert.Equal([open], Store.PiEpisodes(DateTimeOffset.MinValue));
    }

    [Fact]
    public void AReaderSeesWhatTheDaemonWrote()
    {
        var episode = new PiEpisode(PiEpisodeKind.UnderVoltage, _fixture.Now, null, s_warm);
        Store.RecordPiHealth(new PiReading(s_warm, true), [episode]);
        using FootfallStore reader = FootfallStore.OpenReadOnly(_fixture.DataDirectory);
        Assert.Equal([episode], reader.PiEpisodes(_fixture.Now.AddDays(-7)));
        Assert.Equal(new PiReading(s_warm, true), reader.LastPiReading()?.Reading);
    }
}
