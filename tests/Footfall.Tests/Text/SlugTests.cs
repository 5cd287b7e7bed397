using Footfall.Text;

namespace Footfall.Tests.Bus;

public class SlugTests
{
    [Theory]
    [InlineData("Alice", "alice")]
    [InlineData("Zoë van Dijk", "zoe-van-dijk")]
    [InlineData("  Łukasz   Żółć ", "lukasz-zolc")]
    [InlineData("Søren Ærø", "soren-aero")]
    [InlineData("Our Office!", "our-office")]
    [InlineData("R2-D2", "r2-d2")]
    [InlineData("李", "x")]
    [InlineData("", "x")]
    public void NamesBecomeTopicLevels(string name, string slug) => Assert.Equal(slug, Slug.Of(name));
}
