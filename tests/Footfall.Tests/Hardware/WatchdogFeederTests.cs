using Footfall.Daemon;
using Footfall.Hardware.Gpio;
using Footfall.Hardware.Watchdog;
using Footfall.Runtime;
using Footfall.Tests.Support;

namespace Footfall.Tests.Hardware;

/// <summary>The health gate: fed while healthy, starved within one period of a failure, fed again on recovery.</summary>
public class WatchdogFeederTests
{
    private readonly ManualClock _clock = new();
    private readonly Health _health;
    private readonly StringWriter _logText = new();
    private readonly Log _log;
    private readonly FakeWatchdog _watchdog;

    public WatchdogFeederTests()
    {
        _health = new Health(_clock);
        _log = new Log(_logText, _clock, journal: true);
        _watchdog = new FakeWatchdog(_clock, TimeSpan.FromSeconds(15));
        _health.MarkAlive("sweeper", true);
        _health.MarkAlive("store", true);
    }

    [Fact]
    public void FeedsAtAThirdOfTheTimeoutTheDriverReported()
    {
        WatchdogFeeder feeder = Feeder();
        Assert.Equal(TimeSpan.FromSeconds(5), feeder.FeedEvery);
        Assert.Equal(TimeSpan.FromSeconds(5), feeder.Period);
        Run(feeder, TimeSpan.FromMinutes(1));
        Assert.Equal(12, _watchdog.Feeds);
        Assert.False(_watchdog.Expired);
    }

    [Fact]
    public void AnUnhealthyWorkerStopsFeedingWithinOnePeriodAndSaysWhyOnce()
    {
        WatchdogFeeder feeder = Feeder();
        Run(feeder, TimeSpan.FromSeconds(20));
        int fed = _watchdog.Feeds;

        _health.MarkAlive("store", false);
        Step(feeder);
        Assert.False(feeder.Feeding);
        Assert.Equal(fed, _watchdog.Feeds);
        Run(feeder, TimeSpan.FromSeconds(15));
        Assert.Equal(fed, _watchdog.Feeds);
        Assert.True(_watchdog.Expired, "the hardware should have reset the machine by now");

        string[] lines = LogLines();
        Assert.Equal(["<3>watchdog: no longer fed (worker store is not running). /dev/watchdog resets the machine within 15 s unless footfall recovers."], lines);
    }

    [Fact]
    public void RecoveryResumesFeeding()
    {
        WatchdogFeeder feeder = Feeder();
        _health.MarkAlive("sweeper", false);
        Step(feeder);
        Assert.Equal(0, _watchdog.Feeds);
        _health.MarkAlive("sweeper", true);
        Step(feeder);
        Assert.True(feeder.Feeding);
        Assert.Equal(1, _watchdog.Feeds);
        Assert.Equal("<6>watchdog: healthy again, feeding it again", LogLines()[^1]);
    }

    [Fact]
    public void LateProgressStopsFeedingToo()
    {
        _health.Expect(SweepWorker.ProgressName, TimeSpan.FromSeconds(40));
        WatchdogFeeder feeder = Feeder();
        Run(feeder, TimeSpan.FromSeconds(40));
        Assert.True(feeder.Feeding);
        Run(feeder, TimeSpan.FromSeconds(5));
        Assert.False(feeder.Feeding);
        _health.ReportProgress(SweepWorker.ProgressName);
        Step(feeder);
        Assert.True(feeder.Feeding);
    }

    [Fact]
    public void OnlyACleanStopDisarmsIt()
    {
        Feeder().Close(deliberate: true);
        Assert.True(_watchdog.Disarmed);

        var other = new FakeWatchdog(_clock, TimeSpan.FromSeconds(15));
        new WatchdogFeeder(other, null, TimeSpan.FromSeconds(1), _health.Verdict, _log, _clock).Close(deliberate: false);
        Assert.True(other.Closed);
        Assert.False(other.Disarmed);
    }

    [Fact]
    public void TheKickPinTogglesAtItsRateUnderTheSameGate()
    {
        var chip = new FakeGpioChip();
        using IGpioLines kick = chip.RequestOutputs([5], activeLow: false);
        var feeder = new WatchdogFeeder(_watchdog, kick, TimeSpan.FromSeconds(1), _health.Verdict, _log, _clock);
        Assert.Equal(TimeSpan.FromSeconds(1), feeder.Period);
        Run(feeder, TimeSpan.FromSeconds(5));
        Assert.Equal([(5, true), (5, false), (5, true), (5, false), (5, true)], chip.Changes);
        Assert.Equal(1, _watchdog.Feeds);

        _health.MarkAlive("store", false);
        Run(feeder, TimeSpan.FromSeconds(4));
        Assert.Equal(5, chip.Changes.Count);
    }

    [Fact]
    public void AKickPinWorksWithoutAWatchdogDevice()
    {
        var chip = new FakeGpioChip();
        using IGpioLines kick = chip.RequestOutputs([5], activeLow: false);
        var feeder = new WatchdogFeeder(null, kick, TimeSpan.FromMilliseconds(500), _health.Verdict, _log, _clock);
        Assert.Equal(TimeSpan.FromMilliseconds(500), feeder.Period);
        Run(feeder, TimeSpan.FromSeconds(2));
        Assert.Equal(4, chip.Changes.Count);
        feeder.Close(deliberate: true);
    }

    private WatchdogFeeder Feeder() => new(_watchdog, null, TimeSpan.FromSeconds(1), _health.Verdict, _log, _clock);

    private void Step(WatchdogFeeder feeder)
    {
        _clock.Advance(feeder.Period);
        feeder.Step();
    }

    private void Run(WatchdogFeeder feeder, TimeSpan duration)
    {
        for (TimeSpan t = TimeSpan.Zero; t < duration; t += feeder.Period)
        {
            Step(feeder);
        }
    }

    private string[] LogLines() => _logText.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
