using System.Text.RegularExpressions;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>The command-line contract (README and docs/operating.md), exercised on the published binary.</summary>
public class CliTests
{
    [Fact]
    public void VersionNamesVersionAndCommit()
    {
        RunResult result = Run.Program(Repo.Footfall, "--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(new Regex(@"^footfall \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,40}|unknown)\)\n$"), result.Stdout);
    }

    [Theory]
    [InlineData("sweep --interface nosuch0", "no network interface 'nosuch0'")]
    [InlineData("sweep -i lo 10.0.0.0/33", "'10.0.0.0/33' is not an IPv4 subnet")]
    [InlineData("sweep -i lo 10.0.0.0/8", "up to /16")]
    [InlineData("sweep --rate 0", "--rate must be")]
    [InlineData("sweep --wait soon", "--wait 'soon'")]
    [InlineData("sweep --frobnicate", "'--frobnicate'")]
    [InlineData("nosuchcommand", "nosuchcommand")]
    public void BadUsageExitsTwoWithAClearMessage(string arguments, string expected)
    {
        RunResult result = Run.Program(Repo.Footfall, arguments.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void WithoutCapNetRawItExitsOneNamingTheCapability()
    {
        Repo.RequireRoot();
        using Lab lab = Lab.Up("clicap", "10.79.0.0/29", 1);
        // Still root, but without CAP_NET_RAW in the bounding set: exactly what an unprivileged service sees.
        RunResult result = Run.Program("ip", "netns", "exec", lab.AppNamespace, "setpriv", "--bounding-set=-net_raw", "--inh-caps=-net_raw", Repo.Footfall, "sweep", "-i", "lab0");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CAP_NET_RAW", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void HelpAnswersTheQuestion()
    {
        RunResult result = Run.Program(Repo.Footfall, "sweep", "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string expected in new[] { "--interface", "--rate", "--retries", "--wait", "CIDR", "CAP_NET_RAW" })
        {
            Assert.Contains(expected, result.Stdout);
        }
    }

    [Fact]
    public void LedsTestWithoutTheChipNamesItAndExitsOne()
    {
        string config = Path.Combine(Path.GetTempPath(), $"footfall-leds-{Environment.ProcessId}.json");
        File.WriteAllText(config, """{ "people": [{ "name": "Alice", "devices": ["3c:22:fb:00:00:01"], "led": 17 }], "leds": { "chip": "gpiochip99", "status": 27 } }""");
        try
        {
            RunResult result = Run.Program(Repo.Footfall, "leds", "test", "--config", config);
            Assert.Equal(1, result.ExitCode);
            // A machine without libgpiod (Debian bookworm has none new enough) is told that first, in one line.
            Assert.Contains(System.Runtime.InteropServices.NativeLibrary.TryLoad("libgpiod.so.3", out _)
                ? "Could not open GPIO chip '/dev/gpiochip99': No such file or directory"
                : "libgpiod.so.3 could not be loaded", result.Stderr);
            Assert.Equal("", result.Stdout);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void LedsTestWithoutLedsIsBadUsage()
    {
        string config = Path.Combine(Path.GetTempPath(), $"footfall-noleds-{Environment.ProcessId}.json");
        File.WriteAllText(config, "{}");
        try
        {
            RunResult result = Run.Program(Repo.Footfall, "leds", "test", "--config", config);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("no LEDs are configured", result.Stderr);
        }
        finally
        {
            File.Delete(config);
        }
    }
}
