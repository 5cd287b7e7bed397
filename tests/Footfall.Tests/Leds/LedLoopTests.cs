using Footfall.Config;
using Footfall.Daemon;
using Footfall.Hardware.Gpio;
using Footfall.Hardware.Leds;
using Footfall.Leds;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Tests.Support;

namespace Footfall.Tests.Leds;

/// <summary>Everything above the ioctl: presence and health in, levels on a fake chip and a fake /sys/class/leds out.</summary>
public sealed class LedLoopTests : IDisposable
{
    private static readonly Person[] s_people =
    [
        new("Alice", "she", [], 17),
        new("Bob", "he", [], 22),
        new("Carol", "she", [], null),
    ];

    private readonly ManualClock _clock = new();
    private readonly FakeGpioChip _chip = new();
    private readonly StringWriter _logText = new();
    private readonly Log _log;
    private readonly Health _health;
    private readonly PresenceBoard _presence = new();
    private readonly TempDirectory _sys = new();

    public LedLoopTests()
    {
        _log = new Log(_logText, _clock, journal: true);
        _health = new Health(_clock);
    }

    public void Dispose() => _sys.Dispose();

    [Fact]
    public void PersonLedsFollowPresenceAndTheStatusLineItsPattern()
    {
        using HardwareLeds leds = Open(new LedSettings { StatusLine = 27, ActiveLow = true });
        var loop = new LedLoop([leds], _health.Verdict, new StatusJudge(StoreWorker.WorkerName, StoreWorker.ProgressName), _presence, s_people, _log, _clock);
        (int[] lines, bool activeLow) = Assert.Single(_chip.Requests);
        Assert.Equal([17, 22, 27], lines);
        Assert.True(activeLow);

        Assert.Equal(StatusCondition.Booting, loop.Render().Status);
        Assert.True(_chip.Levels[27]);
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        loop.Render();
        Assert.False(_chip.Levels[27]);

        Publish(firstSweepDone: true, "Alice");
        LedFrame frame = loop.Render();
        Assert.Equal(StatusCondition.HealthySomeoneIn, frame.Status);
        Assert.Equal(new Dictionary<int, bool> { [17] = true, [22] = false, [27] = true }, _chip.Levels);

        Publish(firstSweepDone: true);
        Assert.Equal(StatusCondition.HealthyNobodyIn, loop.Render().Status);
        Assert.False(_chip.Levels[17]);
    }

    [Fact]
    public void AFailingAnnouncerShowsItsCodeOnTheStatusLed()
    {
        using HardwareLeds leds = Open(new LedSettings { StatusLine = 27 });
        var loop = new LedLoop([leds], _health.Verdict, new StatusJudge(StoreWorker.WorkerName, StoreWorker.ProgressName), _presence, s_people, _log, _clock);
        Publish(firstSweepDone: true, "Bob");
        loop.Render();
        _health.SetProblem(HealthAreas.Announce, "X says 401");
        var levels = new List<bool>();
        for (int i = 0; i < 48; i++)
        {
            loop.Render();
            levels.Add(_chip.Levels[27]);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        Assert.Equal("###...###...###...###...###..................###", string.Concat(levels.Select(on => on ? '#' : '.')));
        Assert.True(_chip.Levels[22]);
    }

    [Fact]
    public void TheStatusCanBeThePisOwnLed()
    {
        string act = FakeLed("ACT", "255");
        using HardwareLeds leds = Open(new LedSettings());
        var loop = new LedLoop([leds], _health.Verdict, new StatusJudge(StoreWorker.WorkerName, StoreWorker.ProgressName), _presence, s_people, _log, _clock);
        Assert.Equal("none", File.ReadAllText(Path.Combine(act, "trigger")));
        Publish(firstSweepDone: true, "Alice");
        loop.Render();
        Assert.Equal("255", File.ReadAllText(Path.Combine(act, "brightness")));
        leds.Dispose();
        Assert.Equal("0", File.ReadAllText(Path.Combine(act, "brightness")));
    }

    [Fact]
    public void AMissingChipIsOneClearMessageAndNoLeds()
    {
        HardwareLeds leds = HardwareLeds.Open(new LedSettings { Chip = "gpiochip7", StatusLine = 27 }, s_people, _log,
            chip => throw new GpioException($"Could not open GPIO chip '/dev/{chip}': No such file or directory"), _sys.Path);
        Assert.True(leds.IsEmpty);
        Assert.Equal(3, leds.Unavailable);
        Assert.Equal(["<4>LEDs: Could not open GPIO chip '/dev/gpiochip7': No such file or directory: carrying on without GPIO LEDs"], LogLines());
    }

    [Fact]
    public void ABusyLineIsNamedAndTheOthersStillWork()
    {
        _chip.Busy.Add(22);
        using HardwareLeds leds = Open(new LedSettings { StatusLine = 27 });
        Assert.Equal(1, leds.Unavailable);
        Assert.Equal(["<4>LEDs: Could not request line 22 of gpiochip0 (pinctrl-bcm2711) as an output: Device or resource busy: carrying on without that LED"], LogLines());
        var loop = new LedLoop([leds], _health.Verdict, new StatusJudge(StoreWorker.WorkerName, StoreWorker.ProgressName), _presence, s_people, _log, _clock);
        Publish(firstSweepDone: true, "Alice", "Bob");
        loop.Render();
        Assert.Equal(new Dictionary<int, bool> { [17] = true, [27] = true }, _chip.Levels);
    }

    [Fact]
    public void TheLoopWakesAtEachEdgeOfThePatternAndAtLeastEveryStep()
    {
        using HardwareLeds leds = Open(new LedSettings { StatusLine = 27 });
        var loop = new LedLoop([leds], _health.Verdict, new StatusJudge(StoreWorker.WorkerName, StoreWorker.ProgressName), _presence, s_people, _log, _clock);
        Publish(firstSweepDone: true, "Bob");
        _health.SetProblem(HealthAreas.Announce, "X says 401");   // 5 blinks of 0.3 s, 0.3 s apart, 1.8 s dark
        var seen = new List<(long Ms, bool On)>();
        var start = _clock.GetUtcNow();
        while (_clock.GetUtcNow() - start < TimeSpan.FromSeconds(4.8))
        {
            loop.Render();
            seen.Add(((long)(_clock.GetUtcNow() - start).TotalMilliseconds, _chip.Levels[27]));
            TimeSpan wake = loop.NextWake();
            Assert.InRange(wake, TimeSpan.FromMilliseconds(1), LedLoop.Step);
            _clock.Advance(wake);
        }
        // Every edge of one cycle was rendered at its very moment, and the dark pause was only looked at each Step.
        long[] edges = [0, 300, 600, 900, 1200, 1500, 1800, 2100, 2400, 2700, 4500];
        Assert.All(edges, ms => Assert.Contains(seen, s => s.Ms == ms));
        Assert.Equal([true, false, true, false, true], edges[..5].Select(ms => seen.Single(s => s.Ms == ms).On));
        // A wake at each edge and each Step between: 2 for each 0.3 s span, 8 for the 1.8 s pause, 2 into the next cycle.
        Assert.True(seen.Count <= (10 * 2) + 8 + 2, $"{seen.Count} wakes in 4.8 s");

        // Steady on (healthy, someone in): nothing to wait for but presence and health.
        _health.SetProblem(HealthAreas.Announce, null);
        loop.Render();
        Assert.Equal(LedLoop.Step, loop.NextWake());
    }

    [Fact]
    public void GivenHealthsDoorbellASteadyLedWaitsOnlyForHealthToTurnLate()
    {
        using HardwareLeds leds = Open(new LedSettings { StatusLine = 27 });
        var loop = new LedLoop([leds], _health.Verdict, new StatusJudge(StoreWorker.WorkerName, StoreWorker.ProgressName), _presence, s_people, _log, _clock)
        {
            HealthChanged = _health.Changed,
            UntilHealthMayChange = _health.UntilLate,
        };
        Publish(firstSweepDone: true, "Bob");
        loop.Render();
        Assert.Equal(Timeout.InfiniteTimeSpan, loop.NextWake());

        _health.Expect("sweep", TimeSpan.FromSeconds(40));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(30) + TimeSpan.FromMilliseconds(1), loop.NextWake());
        _clock.Advance(loop.NextWake());
        Assert.Equal(StatusCondition.Stuck, loop.Render().Status);
    }

    [Fact]
    public void HealthAndPresenceRingWhenTheyChangeAndOnlyThen()
    {
        Task health = _health.Changed.Next;
        _health.SetProblem(HealthAreas.Announce, null);
        _health.MarkAlive("sweeper", true);
        Assert.True(health.IsCompleted);
        health = _health.Changed.Next;
        _health.MarkAlive("sweeper", true);
        _health.SetProblem(HealthAreas.Announce, null);
        Assert.False(health.IsCompleted);
        _health.SetProblem(HealthAreas.Announce, "X says 401");
        Assert.True(health.IsCompleted);

        Task presence = _presence.Changed.Next;
        Publish(firstSweepDone: true, "Bob");
        Assert.True(presence.IsCompleted);
        presence = _presence.Changed.Next;
        Publish(firstSweepDone: true, "Bob");
        Assert.False(presence.IsCompleted);
    }

    [Fact]
    public void ThePanelSaysWhatChangedOnce()
    {
        var panel = new LedPanel(_log);
        var loop = new LedLoop([panel], _health.Verdict, new StatusJudge(StoreWorker.WorkerName, StoreWorker.ProgressName), _presence, s_people, _log, _clock);
        for (int i = 0; i < 30; i++)
        {
            loop.Render();
            _clock.Advance(LedLoop.Step);
        }
        Publish(firstSweepDone: true, "Carol");
        loop.Render();
        loop.Render();
        Assert.Equal(
        [
            "<6>leds: Alice ○  Bob ○  Carol ○ | status: starting (even blink, once a second)",
            "<6>leds: Alice ○  Bob ○  Carol ● | status: healthy, someone is in (steady on)",
        ], LogLines());
    }

    private HardwareLeds Open(LedSettings settings) => HardwareLeds.Open(settings, s_people, _log, _ => _chip, _sys.Path);

    private void Publish(bool firstSweepDone, params string[] isIn) =>
        _presence.Publish(s_people.Select(p => new PersonPresence(p.Name, isIn.Contains(p.Name), null, null)), firstSweepDone);

    private string FakeLed(string name, string maxBrightness)
    {
        string directory = _sys.Combine(name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "trigger"), "mmc0");
        File.WriteAllText(Path.Combine(directory, "brightness"), "0");
        File.WriteAllText(Path.Combine(directory, "max_brightness"), maxBrightness);
        return directory;
    }

    private string[] LogLines() => _logText.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
