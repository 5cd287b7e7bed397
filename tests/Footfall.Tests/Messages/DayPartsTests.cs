using Footfall.Config;
using Footfall.Messages;

namespace Footfall.Tests.Announce.Messages;

public class DayPartsTests
{
    private static readonly TimeZoneInfo s_amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    // Each boundary hour and the minute before it, on an ordinary day and on both DST change days.
    [Theory]
    [InlineData("2026-06-10")]
    [InlineData("2026-03-29")]
    [InlineData("2026-10-25")]
    public void BucketsFollowTheSitesWallClock(string day)
    {
        DateTime date = DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        foreach ((int hour, DayPart part, DayPart before) in new[]
        {
            (7, DayPart.Morning, DayPart.Night), (12, DayPart.Noon, DayPart.Morning), (15, DayPart.Afternoon, DayPart.Noon),
            (19, DayPart.Evening, DayPart.Afternoon), (0, DayPart.Night, DayPart.Evening),
        })
        {
            DateTime local = date.AddHours(hour);
            Assert.Equal(part, DayParts.Of(AtLocal(local), s_amsterdam));
            Assert.Equal(before, DayParts.Of(AtLocal(local.AddMinutes(-1)), s_amsterdam));
        }
    }

    [Fact]
    public void TheSameUtcHourIsADifferentPartAcrossTheSpringChange()
    {
        // 05:30 UTC is 06:30 (night) in winter time and 07:30 (morning) in summer time.
        Assert.Equal(DayPart.Night, DayParts.Of(new DateTimeOffset(2026, 3, 28, 5, 30, 0, TimeSpan.Zero), s_amsterdam));
        Assert.Equal(DayPart.Morning, DayParts.Of(new DateTimeOffset(2026, 3, 29, 5, 30, 0, TimeSpan.Zero), s_amsterdam));
        // In UTC itself the hour is the hour.
        Assert.Equal(DayPart.Night, DayParts.Of(new DateTimeOffset(2026, 3, 29, 6, 59, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
    }

    private static DateTimeOffset AtLocal(DateTime local) => new(local, s_amsterdam.GetUtcOffset(local));
}
