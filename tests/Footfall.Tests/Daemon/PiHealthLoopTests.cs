using Footfall.Config;
using Footfall.Daemon;
using Footfall.Hardware;
using Footfall.PiHealth;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Tests.Store;
using Footfall.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Footfall.Tests.Daemon;

/// <summary>
/// The daemon's Pi health loop, one poll at a time (no timers): a fake sysfs tree, a real store, a manual
/// clock, the real health verdict and log.
/// </summary>
public sealed class PiHealthLoopTests : IDisposable
{
    private static readonly TimeSpan s_poll = PiHealthLoop.PollEvery;

    private readonly FakeSysfs _sysfs = new();
    private readonly StoreFixture _fixture = new();
    private readonly StringWriter _logText = new();
    private readonly Health _health;
    private PiHealthLoop _loop;

    public PiHealthLoopTests()
    {
        _health = new Health(_fixture.Clock);
        _loop = NewLoop();
    }

    public void Dispose()
    {
        _fixture.Dispose();
        _sysfs.Dispose();
    }

    private string[] LogLines => _logText.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void AMachineWithoutSensorsSaysAndKeepsNothing()
    {
        for (int i = 0; i < 30; i++)
        {
            Poll();
        }
        Assert.Empty(LogLines);
        Assert.Null(_fixture.Store.LastPiReading());
        Assert.Empty(_health.Verdict().ProblemAreas);
    }

    [Fact]
    public void UnderVoltageIsLoggedOnceEachWayKeptAndShownWithoutMakingFootfallUnhealthy()
    {
        _sysfs.Temperature("47200");
        _sysfs.Hwmon("hwmon0", "cpu_thermal");
        _sysfs.Hwmon("hwmon1", "rpi_volt", alarm: "0");
        Poll();
        Assert.Equal(["info  Pi: watching the SoC temperature (47.2 °C; overheating from 80.0 °C) and the supply (rpi_volt)"], Messages());

        DateTimeOffset start = _fixture.Now;
        _sysfs.Alarm("hwmon1", "1");
        for (int i = 0; i < 10; i++)
        {
            Poll();
        }
        Assert.Equal("warn  Pi: under-voltage: the power supply cannot keep up (a proper 5 V supply and a short, thick cable fix it)", Messages()[^1]);
        Assert.Equal([new PiEpisode(PiEpisodeKind.UnderVoltage, start, null, new Temperature(47_200))], _fixture.Store.PiEpisodes(start));
        HealthVerdict verdict = _health.Verdict();
        Assert.True(verdict.Healthy);
        Assert.Equal([HealthAreas.Pi], verdict.ProblemAreas);
        Assert.StartsWith("under-voltage since ", Assert.Single(verdict.Problems));

        _sysfs.Alarm("hwmon1", "0");
        DateTimeOffset end = _fixture.Now;
        for (int i = 0; i < 10; i++)
        {
            Poll();
        }
        Assert.Equal(2, Messages().Count(m => m.Contains("under-voltage", StringComparison.Ordinal)));
        Assert.StartsWith("info  Pi: under-voltage over: ", Messages()[^1]);
        Assert.EndsWith(", 50s, peak 47.2 °C", Messages()[^1]);
        Assert.Equal([new PiEpisode(PiEpisodeKind.UnderVoltage, start, end, new Temperature(47_200))], _fixture.Store.PiEpisodes(start));

        // Still shown for a day, so that someone sees it; then gone.
        Assert.StartsWith("under-voltage until ", Assert.Single(_health.Verdict().Problems));
        _fixture.Clock.Advance(PiEpisodeTracker.ShownFor);
        Poll();
        Assert.Empty(_health.Verdict().ProblemAreas);
    }

    [Fact]
    public void OverheatingKeepsItsRisingPeakSoAFreezeDoesNotLoseIt()
    {
        _sysfs.Temperature("79000");
        Poll();
        DateTimeOffset start = _fixture.Now;
        foreach (string milli in new[] { "80500", "82000", "83600", "83900" })
        {
            _sysfs.Temperature(milli);
            Poll();
        }
        Assert.Equal(new Temperature(83_600), Assert.Single(_fixture.Store.PiEpisodes(start)).Peak);
        Assert.Equal("warn  Pi: overheating: 80.5 °C, at or above health.maxTemperature (80.0 °C); give it air or a heatsink", Messages()[^1]);

        _sysfs.Temperature("75000");
        Poll();
        PiEpisode ended = Assert.Single(_fixture.Store.PiEpisodes(start));
        Assert.Equal((new Temperature(83_900), _fixture.Now - s_poll), (ended.Peak, ended.End));
    }

    [Fact]
    public void TheConfiguredLimitDecides()
    {
        _loop = NewLoop(new HealthSettings { MaxTemperature = 60 });
        _sysfs.Temperature("61000");
        Poll();
        Assert.Equal(PiEpisodeKind.Overheating, Assert.Single(_fixture.Store.PiEpisodes(DateTimeOffset.MinValue)).Kind);
        Assert.Contains("(60.0 °C)", Messages()[^1]);
    }

    [Fact]
    public void WhileAllIsWellTheReadingWaitsTenMinutesThenGoesWithTheStoresNextWrite()
    {
        _sysfs.Temperature("50000");
        Poll();
        DateTimeOffset first = _fixture.Now - s_poll;
        _sysfs.Temperature("51000");
        PollFor(PiHealthLoop.KeepCalmReadingEvery + 2 * s_poll);
        Assert.Equal(new PiReadingRow(first, new PiReading(new Temperature(50_000), null)), _fixture.Store.LastPiReading());
        // The tracker's last-seen times: the reading follows at the next poll.
        _fixture.Store.Refresh([], []);
        Poll();
        Assert.Equal(new Temperature(51_000), _fixture.Store.LastPiReading()!.Reading.Temperature);
    }

    [Fact]
    public void AnotherWriteBeforeTenMinutesDoesNotTakeTheReadingAlong()
    {
        _sysfs.Temperature("50000");
        Poll();
        _sysfs.Temperature("51000");
        PollFor(PiHealthLoop.KeepCalmReadingEvery - 2 * s_poll);
        _fixture.Store.Refresh([], []);
        Poll();
        Assert.Equal(new Temperature(50_000), _fixture.Store.LastPiReading()!.Reading.Temperature);
    }

    [Fact]
    public void WithNoOtherWriteTheReadingIsWrittenAfterTwentyMinutes()
    {
        _sysfs.Temperature("50000");
        Poll();
        _sysfs.Temperature("51000");
        PollFor(PiHealthLoop.KeepCalmReadingAtLatest - s_poll);
        Assert.Equal(new Temperature(50_000), _fixture.Store.LastPiReading()!.Reading.Temperature);
        Poll();
        Assert.Equal(new Temperature(51_000), _fixture.Store.LastPiReading()!.Reading.Temperature);
    }

    [Fact]
    public void DuringAnEpisodeTheReadingIsWrittenOnceAMinute()
    {
        _sysfs.Temperature("84000");
        Poll();
        _sysfs.Temperature("84500");
        int pollsInAMinute = (int)(PiHealthLoop.KeepReadingEvery / s_poll);
        for (int i = 0; i < pollsInAMinute - 1; i++)
        {
            Poll();
        }
        Assert.Equal(new Temperature(84_000), _fixture.Store.LastPiReading()!.Reading.Temperature);
        Poll();
        Assert.Equal(new Temperature(84_500), _fixture.Store.LastPiReading()!.Reading.Temperature);
    }

    [Fact]
    public void AfterAFreezeTheEpisodeEndsAtTheLastReadingAndIsStillShown()
    {
        _sysfs.Temperature("84000");
        Poll();
        DateTimeOffset start = _fixture.Now - s_poll;
        for (int i = 0; i < 30; i++)
        {
            Poll();
        }
        DateTimeOffset lastKept = _fixture.Store.LastPiReading()!.At;

        // Frozen: no clean stop, so nothing more was written. The watchdog resets the Pi; footfall starts again.
        _fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        _fixture.Reopen();
        _health.SetProblem(HealthAreas.Pi, null);
        _loop = NewLoop();
        _sysfs.Temperature("60000");
        Poll();

        Assert.Equal([new PiEpisode(PiEpisodeKind.Overheating, start, lastKept, new Temperature(84_000))], _fixture.Store.PiEpisodes(start));
        Assert.Contains(Messages(), m => m.StartsWith("info  Pi: overheating was still going on when footfall last stopped: ", StringComparison.Ordinal));
        Assert.StartsWith("overheating until ", Assert.Single(_health.Verdict().Problems));
    }

    [Fact]
    public void ASensorThatGoesAwayIsSaidOnceAndItsEpisodeGoesOn()
    {
        _sysfs.Temperature("85000");
        Poll();
        _sysfs.RemoveTemperature();
        for (int i = 0; i < 5; i++)
        {
            Poll();
        }
        Assert.Equal(["warn  Pi: the SoC temperature can no longer be read"], Messages().Where(m => m.Contains("no longer", StringComparison.Ordinal)));
        Assert.True(Assert.Single(_fixture.Store.PiEpisodes(DateTimeOffset.MinValue)).IsOpen);
        _sysfs.Temperature("70000");
        Poll();
        Assert.Equal("info  Pi: the SoC temperature can be read now", Messages()[^2]);
        Assert.StartsWith("info  Pi: overheating over: ", Messages()[^1]);
    }

    [Fact]
    public void AnEpisodeTheStoreCouldNotTakeIsKeptOnceItCanAgain()
    {
        using (SqliteConnection raw = _fixture.Raw(SqliteOpenMode.ReadWrite))
        {
            StoreFixture.Scalar(raw, "ALTER TABLE pi_episodes RENAME TO pi_episodes_away");
        }
        _sysfs.Temperature("81000");
        Poll();
        Poll();
        Assert.Single(Messages(), m => m.StartsWith("warn  Pi: could not keep the Pi's health in the database (trying again): ", StringComparison.Ordinal));
        using (SqliteConnection raw = _fixture.Raw(SqliteOpenMode.ReadWrite))
        {
            StoreFixture.Scalar(raw, "ALTER TABLE pi_episodes_away RENAME TO pi_episodes");
        }
        Poll();
        Assert.Equal("info  Pi: episodes are kept in the database again", Messages()[^1]);
        Assert.Equal(new Temperature(81_000), Assert.Single(_fixture.Store.PiEpisodes(DateTimeOffset.MinValue)).Peak);
    }

    private PiHealthLoop NewLoop(HealthSettings? settings = null) =>
        new(new PiSensors(_sysfs.Root), settings ?? new HealthSettings(), _fixture.Store, _health, new Log(_logText, _fixture.Clock, journal: false), _fixture.Clock);

    private void Poll()
    {
        _loop.Poll();
        _fixture.Clock.Advance(s_poll);
    }

    // Polls for SPAN of the clock, a poll every PollEvery.
    private void PollFor(TimeSpan span)
    {
        for (int i = 0; i < (int)(span / s_poll); i++)
        {
            Poll();
        }
    }

    /// <summary>The log's lines without their time: "warn  Pi: …".</summary>
    private string[] Messages() => [.. LogLines.Select(line => line[9..])];
}
