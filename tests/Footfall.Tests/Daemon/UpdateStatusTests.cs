using Footfall.Daemon;
using Footfall.Runtime;
using Footfall.Tests.Support;

namespace Footfall.Tests.Daemon;

public sealed class UpdateStatusTests
{
    [Fact]
    public void InstallingAsksToLeaveTheStickInAndThePowerOn()
    {
        (string? area, string? text) = UpdateStatus.Notice("installing\n1.4.0\nfootfall-1.4.0-rpi.raucb\n");
        Assert.Equal(HealthAreas.UpdateInstalling, area);
        Assert.Equal("updating to 1.4.0: leave the stick in and the power on", text);
        Assert.Equal((HealthAreas.UpdateInstalling, "1.4.0 is installed: restarting to try it"), UpdateStatus.Notice("installed\r\n  1.4.0  \r\n"));
    }

    [Fact]
    public void RefusedFailedAndRolledBackAreTheUpdatesProblem()
    {
        Assert.Equal(
            (HealthAreas.UpdateFailed, "update refused: the bundle's signature does not verify; nothing changed"),
            UpdateStatus.Notice("refused\n?\n\nthe bundle's signature does not verify\n"));
        Assert.Equal(
            (HealthAreas.UpdateFailed, "the update to 1.4.0 failed: writing the slot: no space left; nothing changed"),
            UpdateStatus.Notice("failed\n1.4.0\nwriting the slot: no space left\n"));
        Assert.Equal(
            (HealthAreas.UpdateFailed, "rolled back from 1.4.0 to 1.3.2: footfall was not healthy within 10 min"),
            UpdateStatus.Notice("rolled-back\n1.4.0\n1.3.2\nfootfall was not healthy within 10 min\n"));
    }

    [Fact]
    public void AMissingFieldIsAQuestionMarkAndAMissingReasonSaysSo()
    {
        Assert.Equal((HealthAreas.UpdateFailed, "the update to ? failed: no reason given; nothing changed"), UpdateStatus.Notice("failed\n"));
        Assert.Equal((HealthAreas.UpdateFailed, "update refused: the stick holds two bundles; pick one; nothing changed"),
            UpdateStatus.Notice("refused\n?\nthe stick holds two bundles\npick one\n"));
    }

    [Fact]
    public void TryingAndUpdatedAreForThePageOnly()
    {
        Assert.Equal(
            (null, "trying 1.4.0 (updated from 1.3.2): it is kept once footfall has been healthy for 10 min"),
            UpdateStatus.Notice("trying\n1.3.2\n1.4.0\n600\n"));
        Assert.Equal(
            (null, "updated from 1.3.2 to 1.4.0 (2026-12-06T10:42:00Z)"),
            UpdateStatus.Notice("updated\n1.3.2\n1.4.0\n2026-12-06T10:42:00Z\n"));
    }

    [Theory]
    [InlineData("0", "0 s")]
    [InlineData("45", "45 s")]
    [InlineData("60", "1 min")]
    [InlineData("89", "1 min")]
    [InlineData("90", "2 min")]
    [InlineData("600", "10 min")]
    [InlineData("-5", "a while")]
    [InlineData("ten", "a while")]
    public void TheHoldIsInSecondsUnderAMinuteAndElseInWholeMinutes(string seconds, string expected) =>
        Assert.Equal(expected, UpdateStatus.Hold(seconds));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("downloading\n1.4.0\n")]
    public void NoFileOrAnUnknownWordSaysNothing(string? file) => Assert.Equal((null, null), UpdateStatus.Notice(file));

    [Fact]
    public void TheNoticeChangesOnlyWhenItsTextDoes()
    {
        var notice = new UpdateNotice();
        Task rung = notice.Changed.Next;
        Assert.True(notice.Set("updated from 1.3.2 to 1.4.0 (today)"));
        Assert.True(rung.IsCompleted);
        rung = notice.Changed.Next;
        Assert.False(notice.Set("updated from 1.3.2 to 1.4.0 (today)"));
        Assert.False(rung.IsCompleted);
        Assert.True(notice.Set(null));
        Assert.Null(notice.Text);
    }

    [Fact]
    public void AProblemOfTheUpdatesLeavesTheVerdictHealthy()
    {
        var health = new Health(new ManualClock());
        (string? area, string? text) = UpdateStatus.Notice("rolled-back\n1.4.0\n1.3.2\nfootfall was not healthy within 10 min\n");
        health.SetProblem(area!, text);
        HealthVerdict verdict = health.Verdict();
        Assert.True(verdict.Healthy);
        Assert.Equal([text!], verdict.Problems);
    }

    [Fact]
    public async Task TheWatcherSetsTheProblemAndThePagesLineAndLogsEachChangeOnce()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("update-status");
        File.WriteAllText(path, "installing\n1.4.0\nfootfall-1.4.0-rpi.raucb\n");
        var health = new Health(TimeProvider.System);
        var notice = new UpdateNotice();
        var logText = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Task changed = notice.Changed.Next;
        Task watching = UpdateStatus.WatchAsync(path, health, notice, new Log(logText, TimeProvider.System, journal: true), TimeProvider.System, stop.Token);
        await changed.WaitAsync(stop.Token);
        Assert.Equal([HealthAreas.UpdateInstalling], health.Verdict().ProblemAreas);
        Assert.Equal("updating to 1.4.0: leave the stick in and the power on", notice.Text);

        changed = notice.Changed.Next;
        File.WriteAllText(path, "trying\n1.3.2\n1.4.0\n600\n");
        await changed.WaitAsync(stop.Token);
        HealthVerdict verdict = health.Verdict();
        Assert.True(verdict.Healthy);
        Assert.Empty(verdict.ProblemAreas);
        Assert.Equal("trying 1.4.0 (updated from 1.3.2): it is kept once footfall has been healthy for 10 min", notice.Text);

        await stop.CancelAsync();
        await watching;
        Assert.Equal(
            "<6>update: updating to 1.4.0: leave the stick in and the power on\n" +
            "<6>update: trying 1.4.0 (updated from 1.3.2): it is kept once footfall has been healthy for 10 min\n",
            logText.ToString().ReplaceLineEndings("\n"));
    }
}
