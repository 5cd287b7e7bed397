using Footfall.Daemon;
using Footfall.Leds;
using Footfall.Runtime;
using Footfall.Tests.Support;

namespace Footfall.Tests.Leds;

/// <summary>Each condition the daemon can be in maps to its documented pattern, rendered in 100 ms steps on a fake clock.</summary>
public class StatusLedTests
{
    private static readonly StatusJudge s_judge = new(StoreWorker.WorkerName, StoreWorker.ProgressName);

    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(100);
    private static readonly HealthVerdict s_healthy = new(true, [], []);

    [Theory]
    [InlineData(0, 100)]
    [InlineData(50, 50)]
    [InlineData(100, 2900)]
    [InlineData(2999, 1)]
    [InlineData(3000, 100)]
    [InlineData(6050, 50)]
    [InlineData(7550, 1450)]
    public void APatternKnowsWhenItNextChanges(int sinceStartMs, int untilMs)
    {
        BlinkPattern pattern = StatusPatterns.For(StatusCondition.HealthyNobodyIn); // 100 ms on, 2900 ms off
        Assert.Equal(TimeSpan.FromMilliseconds(untilMs), pattern.UntilNextChange(TimeSpan.FromMilliseconds(sinceStartMs)));
        Assert.Null(BlinkPattern.Steady.UntilNextChange(TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(StatusCondition.HealthySomeoneIn, "##########################################################")]
    [InlineData(StatusCondition.HealthyNobodyIn, "#.............................#.............................")]
    [InlineData(StatusCondition.Booting, "#####.....#####.....")]
    [InlineData(StatusCondition.Stuck, "#.#.#.#.")]
    [InlineData(StatusCondition.ConfigRejected, "###...###.................." + "###...###..................")]
    [InlineData(StatusCondition.NoNetwork, "###...###...###..................###")]
    [InlineData(StatusCondition.StorageFailing, "###...###...###...###..................###")]
    [InlineData(StatusCondition.AnnounceFailing, "###...###...###...###...###..................###")]
    [InlineData(StatusCondition.ClockNotSynchronised, "###...###...###...###...###...###..................###")]
    [InlineData(StatusCondition.PiPowerOrHeat, "###...###...###...###...###...###...###..................###")]
    [InlineData(StatusCondition.UpdateFailed, "###...###...###...###...###...###...###...###..................###")]
    [InlineData(StatusCondition.Updating, "#..#..#........#..#..#........#")]
    [InlineData(StatusCondition.StickWriting, "#.#.......#.#.......#")]
    [InlineData(StatusCondition.StickDone, "####################....................####################....................#")]
    public void EachConditionBlinksItsDocumentedPattern(StatusCondition condition, string expected)
    {
        var clock = new ManualClock();
        var led = new StatusLed(clock);
        led.Show(condition);
        Assert.Equal(expected, Render(led, clock, expected.Length));
    }

    [Fact]
    public void ANewConditionStartsItsPatternFromTheFirstBlink()
    {
        var clock = new ManualClock();
        var led = new StatusLed(clock);
        led.Show(StatusCondition.HealthyNobodyIn);
        clock.Advance(TimeSpan.FromMilliseconds(1234));
        Assert.True(led.Show(StatusCondition.NoNetwork));
        Assert.False(led.Show(StatusCondition.NoNetwork));
        Assert.Equal("###...###...###....", Render(led, clock, 19));
    }

    [Fact]
    public void ItStartsAsBooting()
    {
        var led = new StatusLed(new ManualClock());
        Assert.Equal(StatusCondition.Booting, led.Condition);
    }

    [Fact]
    public void EveryConditionHasADistinctPatternAndAMeaning()
    {
        var conditions = Enum.GetValues<StatusCondition>();
        var descriptions = conditions.Select(c => StatusPatterns.For(c).Description).ToList();
        Assert.Equal(descriptions.Count, descriptions.Distinct().Count());
        Assert.All(conditions, c => Assert.False(string.IsNullOrWhiteSpace(StatusPatterns.Meaning(c))));
    }

    [Theory]
    [InlineData(true, false, StatusCondition.HealthyNobodyIn)]
    [InlineData(true, true, StatusCondition.HealthySomeoneIn)]
    [InlineData(false, true, StatusCondition.Booting)]
    public void HealthyConditions(bool firstSweepDone, bool anyoneIn, StatusCondition expected) =>
        Assert.Equal(expected, s_judge.Judge(s_healthy, firstSweepDone, anyoneIn));

    [Fact]
    public void ProblemsMapToTheirCodes()
    {
        Assert.Equal(StatusCondition.ConfigRejected, Judge(s_healthy with { ProblemAreas = [HealthAreas.Config] }));
        Assert.Equal(StatusCondition.NoNetwork, Judge(s_healthy with { ProblemAreas = [HealthAreas.Network] }));
        Assert.Equal(StatusCondition.AnnounceFailing, Judge(s_healthy with { ProblemAreas = [HealthAreas.Announce] }));
        Assert.Equal(StatusCondition.ClockNotSynchronised, Judge(s_healthy with { ProblemAreas = [HealthAreas.Clock] }));
        Assert.Equal(StatusCondition.PiPowerOrHeat, Judge(s_healthy with { ProblemAreas = [HealthAreas.Pi] }));
        Assert.Equal(StatusCondition.HealthySomeoneIn, Judge(s_healthy with { ProblemAreas = ["something else"] }));
    }

    [Fact]
    public void AStuckStoreIsStorageFailingAndAnyOtherStuckWorkerIsStuck()
    {
        var unhealthy = new HealthVerdict(false, ["…"], []);
        Assert.Equal(StatusCondition.StorageFailing, Judge(unhealthy with { Late = [StoreWorker.ProgressName] }));
        Assert.Equal(StatusCondition.StorageFailing, Judge(unhealthy with { Stopped = [StoreWorker.WorkerName] }));
        Assert.Equal(StatusCondition.Stuck, Judge(unhealthy with { Late = [SweepWorker.ProgressName] }));
        Assert.Equal(StatusCondition.Stuck, Judge(unhealthy with { Stopped = ["tracker"] }));
    }

    [Fact]
    public void WhenSeveralHoldTheDocumentedPriorityDecides()
    {
        string[] all = [HealthAreas.Config, HealthAreas.Network, HealthAreas.Announce, HealthAreas.Clock];
        var unhealthy = new HealthVerdict(false, ["…"], []) { Late = [StoreWorker.ProgressName, SweepWorker.ProgressName] };
        Assert.Equal(StatusCondition.ConfigRejected, Judge(unhealthy with { ProblemAreas = all }));
        Assert.Equal(StatusCondition.NoNetwork, Judge(unhealthy with { ProblemAreas = all[1..] }));
        Assert.Equal(StatusCondition.StorageFailing, Judge(unhealthy with { ProblemAreas = all[2..] }));
        Assert.Equal(StatusCondition.Stuck, Judge(unhealthy with { Late = [SweepWorker.ProgressName], ProblemAreas = all[2..] }));
        Assert.Equal(StatusCondition.Booting, s_judge.Judge(s_healthy with { ProblemAreas = all[2..] }, firstSweepDone: false, anyoneIn: true));
        Assert.Equal(StatusCondition.AnnounceFailing, Judge(s_healthy with { ProblemAreas = all[2..] }));
    }

    [Fact]
    public void ThePisPowerOrHeatComesAfterEveryOtherProblemAndBeforeHealthy()
    {
        var unhealthy = new HealthVerdict(false, ["…"], []) { Late = [SweepWorker.ProgressName] };
        Assert.Equal(StatusCondition.Stuck, Judge(unhealthy with { ProblemAreas = [HealthAreas.Pi] }));
        Assert.Equal(StatusCondition.Booting, s_judge.Judge(s_healthy with { ProblemAreas = [HealthAreas.Pi] }, firstSweepDone: false, anyoneIn: false));
        Assert.Equal(StatusCondition.AnnounceFailing, Judge(s_healthy with { ProblemAreas = [HealthAreas.Pi, HealthAreas.Announce] }));
        Assert.Equal(StatusCondition.ClockNotSynchronised, Judge(s_healthy with { ProblemAreas = [HealthAreas.Pi, HealthAreas.Clock] }));
        Assert.Equal(StatusCondition.PiPowerOrHeat, s_judge.Judge(s_healthy with { ProblemAreas = [HealthAreas.Pi] }, firstSweepDone: true, anyoneIn: false));
    }

    [Fact]
    public void AStickReportComesBeforeEverythingElseAndWritingBeforeDone()
    {
        var unhealthy = new HealthVerdict(false, ["…"], []) { Late = [StoreWorker.ProgressName, SweepWorker.ProgressName] };
        string[] all = [HealthAreas.Config, HealthAreas.Network, HealthAreas.Pi];
        Assert.Equal(StatusCondition.StickWriting, Judge(unhealthy with { ProblemAreas = [.. all, HealthAreas.StickDone, HealthAreas.StickWriting] }));
        Assert.Equal(StatusCondition.StickDone, Judge(unhealthy with { ProblemAreas = [.. all, HealthAreas.StickDone] }));
        Assert.Equal(StatusCondition.StickDone, s_judge.Judge(s_healthy with { ProblemAreas = [HealthAreas.StickDone] }, firstSweepDone: false, anyoneIn: false));
    }

    [Fact]
    public void AnUpdateBeingInstalledComesFirstOfAllAndAFailedOneRightAfterTheConfiguration()
    {
        var unhealthy = new HealthVerdict(false, ["…"], []) { Late = [StoreWorker.ProgressName, SweepWorker.ProgressName] };
        string[] all = [HealthAreas.Config, HealthAreas.Network, HealthAreas.Pi, HealthAreas.UpdateFailed];
        Assert.Equal(StatusCondition.Updating, Judge(unhealthy with { ProblemAreas = [.. all, HealthAreas.StickWriting, HealthAreas.UpdateInstalling] }));
        Assert.Equal(StatusCondition.StickWriting, Judge(unhealthy with { ProblemAreas = [.. all, HealthAreas.StickWriting] }));
        Assert.Equal(StatusCondition.ConfigRejected, Judge(unhealthy with { ProblemAreas = all }));
        Assert.Equal(StatusCondition.UpdateFailed, Judge(unhealthy with { ProblemAreas = all[1..] }));
        Assert.Equal(StatusCondition.UpdateFailed, s_judge.Judge(s_healthy with { ProblemAreas = [HealthAreas.UpdateFailed] }, firstSweepDone: false, anyoneIn: false));
    }

    [Fact]
    public void AnUpdatesNoticesLeaveTheWatchdogFed()
    {
        var health = new Health(new ManualClock());
        health.SetProblem(HealthAreas.UpdateInstalling, "updating to 1.4.0: leave the stick in and the power on");
        health.SetProblem(HealthAreas.UpdateFailed, "update refused: the signature does not verify; nothing changed");
        HealthVerdict verdict = health.Verdict();
        Assert.True(verdict.Healthy);
        Assert.Equal(StatusCondition.Updating, Judge(verdict));
    }

    [Fact]
    public void AStickReportLeavesTheWatchdogFed()
    {
        var health = new Health(new ManualClock());
        health.SetProblem(HealthAreas.StickWriting, "writing a support report to the USB stick: leave it in");
        Assert.True(health.Verdict().Healthy);
    }

    [Fact]
    public void APiProblemIsForAHumanAndLeavesTheWatchdogFed()
    {
        var health = new Health(new ManualClock());
        health.SetProblem(HealthAreas.Pi, "under-voltage since 10:02:05");
        HealthVerdict verdict = health.Verdict();
        Assert.True(verdict.Healthy);
        Assert.Equal([HealthAreas.Pi], verdict.ProblemAreas);
        Assert.Equal(StatusCondition.PiPowerOrHeat, Judge(verdict));
    }

    [Fact]
    public void HealthReportsTheAreasTheJudgeReads()
    {
        var clock = new ManualClock();
        var health = new Health(clock);
        health.Expect(StoreWorker.ProgressName, TimeSpan.FromMinutes(3));
        health.MarkAlive("tracker", false);
        health.SetProblem(HealthAreas.Clock, "not synchronised");
        clock.Advance(TimeSpan.FromMinutes(4));
        HealthVerdict verdict = health.Verdict();
        Assert.Equal([StoreWorker.ProgressName], verdict.Late);
        Assert.Equal(["tracker"], verdict.Stopped);
        Assert.Equal([HealthAreas.Clock], verdict.ProblemAreas);
    }

    private static StatusCondition Judge(HealthVerdict verdict) => s_judge.Judge(verdict, firstSweepDone: true, anyoneIn: true);

    private static string Render(StatusLed led, ManualClock clock, int steps)
    {
        var levels = new char[steps];
        for (int i = 0; i < steps; i++)
        {
            levels[i] = led.IsOn ? '#' : '.';
            clock.Advance(s_step);
        }
        return new string(levels);
    }
}
