using Footfall.Daemon;

namespace Footfall.Tests.Daemon;

public sealed class ConfigStatusTests
{
    [Fact]
    public void NoFileOrAGoodVerdictIsNoProblem()
    {
        Assert.Null(ConfigStatus.Problem(null));
        Assert.Null(ConfigStatus.Problem("applied\nfrom /dev/sda1 at 2026-11-21 09:00\n"));
        Assert.Null(ConfigStatus.Problem("unchanged\n"));
        Assert.Null(ConfigStatus.Problem(""));
    }

    [Fact]
    public void NoConfigYetAsksForOne() =>
        Assert.StartsWith("needs config", ConfigStatus.Problem("missing\n"));

    [Fact]
    public void ARejectedStickCarriesItsReasons()
    {
        string? problem = ConfigStatus.Problem("rejected\r\npeople[0].devices[0]: \"3c:22\" is not a MAC address\r\nnetwork.sweepInterval: must be from 1s to 10m, not \"20m\"\r\n");
        Assert.Equal(
            "the USB stick's footfall.json was rejected, the last good configuration stays in force: people[0].devices[0]: \"3c:22\" is not a MAC address; network.sweepInterval: must be from 1s to 10m, not \"20m\"",
            problem);
    }

    [Fact]
    public void AnUnknownWordIsNoProblem() => Assert.Null(ConfigStatus.Problem("something-new\n"));
}
