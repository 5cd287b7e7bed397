using Footfall.Text;

namespace Footfall.Tests.Text;

public sealed class SiteClockTests
{
    private static readonly DateTimeOffset s_winterMorning = new(2026, 11, 28, 8, 54, 12, TimeSpan.Zero);

    [Fact]
    public void TimesAreInTheSitesZoneWhateverTheMachinesIs()
    {
        var clock = new SiteClock(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        Assert.Equal("2026-11-28 09:54:12", clock.DateTime(s_winterMorning));
        Assert.Equal("Times in Europe/Amsterdam.", clock.Footer);
    }

    [Fact]
    public void SummerTimeIsTheZonesToo()
    {
        var clock = new SiteClock(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        Assert.Equal("2026-06-01 10:00:00", clock.DateTime(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void NoTimeIsADash()
    {
        Assert.Equal("-", new SiteClock(TimeZoneInfo.Utc).DateTime(null));
    }

    [Fact]
    public void TheStoredZoneIsUsedAndAnUnknownOneFallsBack()
    {
        TimeZoneInfo fallback = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal("Europe/Amsterdam", SiteClock.For("Europe/Amsterdam", fallback).Zone.Id);
        Assert.Same(fallback, SiteClock.For("Nowhere/Atlantis", fallback).Zone);
        Assert.Same(fallback, SiteClock.For(null, fallback).Zone);
    }
}
