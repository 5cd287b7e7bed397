using Footfall.Runtime;
using Footfall.Tests.Support;

namespace Footfall.Tests.Daemon;

public class HealthTests
{
    private readonly ManualClock _clock = new();
    private readonly Health _health;

    public HealthTests() => _health = new Health(_clock);

    [Fact]
    public void ProgressWithinItsPeriodIsHealthy()
    {
        _health.Expect("sweep", TimeSpan.FromSeconds(30));
        _health.MarkAlive("sweeper", true);
        for (int i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            _health.ReportProgress("sweep");
            Assert.True(_health.Verdict().Healthy);
        }
    }

    [Fact]
    public void MissingProgressSaysWhatIsMissing()
    {
        _health.Expect("sweep", TimeSpan.FromSeconds(30));
        _health.Expect("store commit", TimeSpan.FromMinutes(3));
        _clock.Advance(TimeSpan.FromSeconds(31));
        HealthVerdict verdict = _health.Verdict();
        Assert.False(verdict.Healthy);
        Assert.Equal(["no sweep for 31 s (expected every 30 s)"], verdict.Reasons);

        _health.ReportProgress("sweep");
        Assert.True(_health.Verdict().Healthy);
    }

    [Fact]
    public void ProblemsForHumansDoNotMakeItUnhealthy()
    {
        _health.SetProblem("announce", "X says the credentials are wrong (401)");
        HealthVerdict verdict = _health.Verdict();
        Assert.True(verdict.Healthy);
        Assert.Equal(["X says the credentials are wrong (401)"], verdict.Problems);
        _health.SetProblem("announce", null);
        Assert.Empty(_health.Verdict().Problems);
    }
}
