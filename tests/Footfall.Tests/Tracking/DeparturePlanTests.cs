using Footfall.Presence;

namespace Footfall.Tests.Tracking;

public class DeparturePlanTests
{
    private static readonly TimeSpan s_half = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void TheDefaultAsksByArpWakesByMdnsAndAsksAgain()
    {
        var plan = new DeparturePlan();
        Assert.Equal(
            [
                new(TimeSpan.Zero, DepartureProbe.Arp), new(s_half, DepartureProbe.Arp), new(2 * s_half, DepartureProbe.Arp),
                new(3 * s_half, DepartureProbe.Wake), new(4 * s_half, DepartureProbe.Wake),
                new(5 * s_half, DepartureProbe.Arp), new(6 * s_half, DepartureProbe.Arp), new(7 * s_half, DepartureProbe.Arp),
            ],
            plan.Steps());
        Assert.Equal(7 * s_half + TimeSpan.FromSeconds(2), plan.Window);
    }

    [Fact]
    public void WithoutWakeQueriesItIsOneArpRound()
    {
        var plan = new DeparturePlan { Requests = 2, WakeQueries = 0, Spacing = TimeSpan.FromSeconds(1), AnswerWait = TimeSpan.FromSeconds(3) };
        Assert.Equal([new(TimeSpan.Zero, DepartureProbe.Arp), new(TimeSpan.FromSeconds(1), DepartureProbe.Arp)], plan.Steps());
        Assert.Equal(TimeSpan.FromSeconds(4), plan.Window);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 5)]
    [InlineData(3, 2)]
    public void TheWindowEndsAnswerWaitAfterTheLastStep(int requests, int wakes)
    {
        var plan = new DeparturePlan { Requests = requests, WakeQueries = wakes };
        IReadOnlyList<DepartureStep> steps = plan.Steps();
        Assert.Equal(requests * (wakes > 0 ? 2 : 1) + wakes, steps.Count);
        Assert.Equal(steps[^1].At + plan.AnswerWait, plan.Window);
        Assert.Equal(wakes, steps.Count(s => s.Probe == DepartureProbe.Wake));
    }
}
