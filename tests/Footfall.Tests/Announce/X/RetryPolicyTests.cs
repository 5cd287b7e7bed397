using Footfall.Announce.X;

namespace Footfall.Tests.Announce.X;

public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BackoffDoublesWithJitterAndIsCapped()
    {
        var random = new Random(7);
        for (int attempt = 1; attempt <= 40; attempt++)
        {
            double ceiling = Math.Min(600, 5 * Math.Pow(2, attempt - 1));
            for (int i = 0; i < 50; i++)
            {
                double pause = RetryPolicy.Jittered(attempt, random).TotalSeconds;
                Assert.InRange(pause, ceiling / 2, ceiling);
            }
        }
    }

    [Fact]
    public void JitterSpreadsRetries()
    {
        var random = new Random(1);
        var pauses = Enumerable.Range(0, 20).Select(_ => RetryPolicy.Jittered(4, random)).Distinct().Count();
        Assert.True(pauses > 10);
    }

    [Fact]
    public void RateLimitWaitsUntilJustAfterTheReset()
    {
        var result = new XResult(XOutcome.RateLimited, "429", ResetAt: s_now.AddSeconds(42));
        Assert.Equal(s_now.AddSeconds(43), RetryPolicy.NextTry(result, 1, s_now, new Random(0)));
    }

    [Fact]
    public void RateLimitWithoutAResetWaitsAWindow()
    {
        var result = new XResult(XOutcome.RateLimited, "429");
        Assert.Equal(s_now + RetryPolicy.RateLimitWindow, RetryPolicy.NextTry(result, 1, s_now, new Random(0)));
        var past = new XResult(XOutcome.RateLimited, "429", ResetAt: s_now.AddSeconds(-5));
        Assert.Equal(s_now + RetryPolicy.RateLimitWindow, RetryPolicy.NextTry(past, 1, s_now, new Random(0)));
    }

    [Fact]
    public void WrongCredentialsAreRetriedOnlySlowly() =>
        Assert.Equal(s_now + RetryPolicy.AfterUnauthorized, RetryPolicy.NextTry(new XResult(XOutcome.Unauthorized, "401"), 3, s_now, new Random(0)));

    [Theory]
    [InlineData(XOutcome.Rejected)]
    [InlineData(XOutcome.Done)]
    [InlineData(XOutcome.Duplicate)]
    [InlineData(XOutcome.NotFound)]
    public void FinalAnswersAreNotRetried(XOutcome outcome) =>
        Assert.Null(RetryPolicy.NextTry(new XResult(outcome, ""), 1, s_now, new Random(0)));
}
