using Footfall.Bus.Mqtt;
using Footfall.Bus.ZenIrcBot;
using Footfall.Daemon;
using Footfall.Leds;
using Footfall.Runtime;
using Footfall.Tests.Support;

namespace Footfall.Tests.Bus;

/// <summary>A bus's problem (a wrong password, say) is a health problem the status LED shows as "announcing failing".</summary>
public class BusHealthTests
{
    private static readonly StatusJudge s_judge = new(StoreWorker.WorkerName, StoreWorker.ProgressName);

    [Theory]
    [InlineData(MqttWorker.HealthArea)]
    [InlineData(ZenIrcBotWorker.HealthArea)]
    public void ABusProblemShowsAsAnnouncingFailingAndOutlivesXsAllClear(string area)
    {
        var health = new Health(new ManualClock());
        health.SetProblem(area, "the broker refuses footfall's password");
        Assert.Equal(StatusCondition.AnnounceFailing, s_judge.Judge(health.Verdict(), firstSweepDone: true, anyoneIn: false));

        // X doing fine clears only its own area.
        health.SetProblem(HealthAreas.Announce, null);
        HealthVerdict verdict = health.Verdict();
        Assert.True(verdict.Healthy); // a problem for a human, not a hang: the watchdog stays fed
        Assert.Equal(["the broker refuses footfall's password"], verdict.Problems);
        Assert.Equal(StatusCondition.AnnounceFailing, s_judge.Judge(verdict, firstSweepDone: true, anyoneIn: false));

        health.SetProblem(area, null);
        Assert.NotEqual(StatusCondition.AnnounceFailing, s_judge.Judge(health.Verdict(), firstSweepDone: true, anyoneIn: false));
    }

    [Fact]
    public void AnAreaThatOnlyStartsLikeAnnounceIsNotOne()
    {
        var health = new Health(new ManualClock());
        health.SetProblem("announcer", "something else");
        Assert.NotEqual(StatusCondition.AnnounceFailing, s_judge.Judge(health.Verdict(), firstSweepDone: true, anyoneIn: false));
    }
}
