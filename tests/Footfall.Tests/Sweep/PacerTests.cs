using Footfall.Sweep;

namespace Footfall.Tests.Sweep;

public class PacerTests
{
    private const long Frequency = 1_000_000; // microsecond ticks

    [Fact]
    public void TheFirstRequestIsDueAtOnceThenOneEveryIntervalFollows()
    {
        var pacer = new Pacer(start: 5_000, ratePerSecond: 1000, Frequency);
        Assert.Equal(0, pacer.DueBy(4_999));
        Assert.Equal(1, pacer.DueBy(5_000));
        Assert.Equal(1, pacer.DueBy(5_999));
        Assert.Equal(2, pacer.DueBy(6_000));
        Assert.Equal(1001, pacer.DueBy(1_005_000));
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(3, 1, 333_334)]
    [InlineData(3, 3, 1_000_000)]
    [InlineData(2000, 253, 126_500)]
    [InlineData(100_000, 65_533, 655_330)]
    public void RequestKIsDueAtKOverTheRate(int rate, long index, long expectedOffset)
    {
        var pacer = new Pacer(start: 0, rate, Frequency);
        Assert.Equal(expectedOffset, pacer.DueAt(index));
    }

    [Fact]
    public void DueAtAndDueByAgree()
    {
        foreach (int rate in new[] { 1, 7, 333, 2000, 65_537 })
        {
            var pacer = new Pacer(start: 123, rate, Frequency);
            for (long k = 0; k < 500; k++)
            {
                long at = pacer.DueAt(k);
                Assert.True(pacer.DueBy(at) >= k + 1, $"rate {rate}: request {k} is counted at its due time");
                Assert.True(pacer.DueBy(at - 1) <= k, $"rate {rate}: request {k} is not counted before it");
            }
        }
    }

    [Fact]
    public void LongRunsDoNotOverflow()
    {
        var pacer = new Pacer(start: 0, ratePerSecond: 100_000, timestampFrequency: 1_000_000_000);
        long tenDays = 10L * 86_400 * 1_000_000_000;
        Assert.Equal(10L * 86_400 * 100_000 + 1, pacer.DueBy(tenDays));
    }
}
