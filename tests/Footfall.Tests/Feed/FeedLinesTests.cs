using Footfall.Feed;

namespace Footfall.Tests.Feed;

public class FeedLinesTests
{
    /// <summary>The feed rounds a stay the way `footfall log` and the page's timeline do, so the three never disagree by one.</summary>
    [Theory]
    [InlineData(8.6, "9 s")]
    [InlineData(59.4, "59 s")]
    [InlineData(59.6, "1 min")]
    [InlineData(239, "4 min")]
    [InlineData(3580, "1 h")]
    [InlineData(6000, "1 h 40 min")]
    [InlineData(6 * 3600 + 600, "6 h")]
    public void StaysAreRoundedLikeTheLog(double seconds, string said) =>
        Assert.Equal(said, FeedLines.Duration(TimeSpan.FromSeconds(seconds)));
}
