using Footfall.Cli.Doctor;
using Footfall.Config;

namespace Footfall.Tests.Cli;

public sealed class DoctorReportTests
{
    [Fact]
    public void EachCheckIsOneLineWithItsVerdictFirst()
    {
        Assert.Equal("ok      interface eth0: carrier up", DoctorReport.Line(CheckResult.Ok("interface eth0", "carrier up")));
        Assert.Equal("PROBLEM clock: not synchronised", DoctorReport.Line(CheckResult.Problem("clock", "not synchronised")));
        Assert.Equal("skip    MQTT: the config has no mqtt", DoctorReport.Line(CheckResult.Skipped("MQTT", "the config has no mqtt")));
    }

    [Fact]
    public void ALibrarysMessageOverSeveralLinesStaysOnOne()
    {
        Assert.Equal("PROBLEM X: first second", DoctorReport.Line(CheckResult.Problem("X", "first\nsecond\n")));
    }

    [Fact]
    public void AllIsWellOnlyWithoutProblemsAndSkipsDoNotCount()
    {
        CheckResult[] fine = [CheckResult.Ok("a", "x"), CheckResult.Skipped("b", "y")];
        Assert.Equal(0, DoctorReport.ExitCode(fine));
        Assert.Equal("All is well.", DoctorReport.Summary(fine));
        CheckResult[] not = [.. fine, CheckResult.Problem("c", "z"), CheckResult.Problem("d", "z")];
        Assert.Equal(1, DoctorReport.ExitCode(not));
        Assert.Equal("2 problems.", DoctorReport.Summary(not));
    }

    [Theory]
    [InlineData("1\n", Verdict.Ok, "carrier up")]
    [InlineData("0\n", Verdict.Problem, "no carrier: plug in the cable (or check the switch port)")]
    [InlineData(null, Verdict.Problem, "down: bring it up (ip link set eth0 up) or check the cable")]
    public void TheCarrierFileSaysWhetherTheCableIsIn(string? carrier, Verdict verdict, string text)
    {
        CheckResult result = DoctorReport.Carrier("eth0", carrier);
        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(text, result.Text);
    }

    [Fact]
    public void ASecretInALibrarysMessageIsMasked()
    {
        Assert.Equal($"auth failed for {Secret.Mask} at host", DoctorReport.Scrub("auth failed for p@ss:w0rd at host", new Secret("p@ss:w0rd")));
        Assert.Equal("no secret here", DoctorReport.Scrub("no secret here", null));
    }
}
