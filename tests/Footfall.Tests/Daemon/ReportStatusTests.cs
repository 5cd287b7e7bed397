using Footfall.Daemon;
using Footfall.Runtime;

namespace Footfall.Tests.Daemon;

public sealed class ReportStatusTests
{
    [Fact]
    public void WritingAsksToLeaveTheStickIn()
    {
        (string? area, string? text) = ReportStatus.Notice("writing\nfootfall-report/footfall-20261205T183212Z on sdb1\n");
        Assert.Equal(HealthAreas.StickWriting, area);
        Assert.Equal("writing a support report to the USB stick (footfall-report/footfall-20261205T183212Z on sdb1): leave it in", text);
    }

    [Fact]
    public void DoneOrFailedSaysItMayBePulledOut()
    {
        (string? area, string? text) = ReportStatus.Notice("done\r\nfootfall-report/footfall-20261205T183212Z\r\n");
        Assert.Equal(HealthAreas.StickDone, area);
        Assert.EndsWith("may be pulled out", text, StringComparison.Ordinal);
        (area, text) = ReportStatus.Notice("failed\nthe stick is full\n");
        Assert.Equal(HealthAreas.StickDone, area);
        Assert.Equal("no support report was written to the USB stick (the stick is full); nothing on it changed and it may be pulled out", text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("something-new\n")]
    public void NoFileOrAnUnknownWordSaysNothing(string? file) => Assert.Equal((null, null), ReportStatus.Notice(file));
}
