using Footfall.Text;

namespace Footfall.Tests.Text;

public class HumanDurationTests
{
    [Theory]
    [InlineData("150ms", 150)]
    [InlineData("15s", 15_000)]
    [InlineData("10m", 600_000)]
    [InlineData("8h", 28_800_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("0s", 0)]
    public void Parses(string text, long milliseconds)
    {
        Assert.True(HumanDuration.TryParse(text, out TimeSpan duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
        Assert.True(HumanDuration.TryParse(HumanDuration.Format(duration), out TimeSpan back));
        Assert.Equal(duration, back);
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("s")]
    [InlineData("15 s")]
    [InlineData("-5s")]
    [InlineData("1.5s")]
    [InlineData("15S")]
    [InlineData("15sec")]
    [InlineData("9999999999s")]
    public void Refuses(string text) => Assert.False(HumanDuration.TryParse(text, out _));

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(150, "150ms")]
    [InlineData(0, "0s")]
    public void FormatsShortest(long milliseconds, string text) => Assert.Equal(text, HumanDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
