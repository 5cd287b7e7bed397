using System.Text.RegularExpressions;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>`footfall sweep` against simulated offices: real ARP frames between real namespaces.</summary>
public partial class SweepLabTests
{
    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}\t[0-9a-f]{2}(:[0-9a-f]{2}){5}$")]
    private static partial Regex HostLine();

    [Fact]
    public void ASlash24WithThirtyDevicesReportsExactlyThoseThirty()
    {
        using Lab lab = Lab.Up("sw24", "10.71.0.0/24", 30);
        RunResult sweep = lab.Footfall("sweep", "--interface", "lab0", "10.71.0.0/24");
        Assert.Equal(0, sweep.ExitCode);
        AssertExactly(lab.Devices, sweep);
        Assert.Contains("30 of 253 addresses answered on lab0", sweep.Stderr);
    }

    [Fact]
    public void ASlash22WithTwoHundredDevicesReportsAllOfThem()
    {
        using Lab lab = Lab.Up("sw22", "10.72.0.0/22", 200);
        RunResult sweep = lab.Footfall("sweep", "-i", "lab0", "10.72.0.0/22");
        Assert.Equal(0, sweep.ExitCode);
        AssertExactly(lab.Devices, sweep);
    }

    [Fact]
    public void WithoutArgumentsTheInterfacesOwnSubnetIsSwept()
    {
        using Lab lab = Lab.Up("swdef", "10.73.0.0/25", 5);
        RunResult sweep = lab.Footfall("sweep", "-i", "lab0");
        Assert.Equal(0, sweep.ExitCode);
        AssertExactly(lab.Devices, sweep);
        Assert.Contains("of 125 addresses", sweep.Stderr);
    }

    [Fact]
    public void ADeviceThatOnlyAnnouncesItselfIsSightedByPassiveListening()
    {
        using Lab lab = Lab.Up("swgarp", "10.74.0.0/24", 5);
        LabDevice quiet = lab["d3"];
        lab.Do("mute", quiet.Name);

        // Control: muted, it does not answer a sweep.
        RunResult before = lab.Footfall("sweep", "-i", "lab0");
        Assert.Equal(4, before.StdoutLines.Length);
        Assert.DoesNotContain(before.StdoutLines, line => line.StartsWith(quiet.Ip + "\t"));

        // It announces itself (as a phone joining Wi-Fi does) while a sweep is listening.
        Run.Running sweep = lab.StartFootfall("sweep", "-i", "lab0", "--wait", "3s");
        while (!sweep.HasExited)
        {
            Thread.Sleep(250);
            if (!sweep.HasExited)
            {
                lab.Do("garp", quiet.Name);
            }
        }
        RunResult after = sweep.Wait();
        Assert.Equal(0, after.ExitCode);
        Assert.Contains($"{quiet.Ip}\t{quiet.Mac}", after.StdoutLines);
        Assert.Equal(5, after.StdoutLines.Length);
    }

    [Fact]
    public void RetriesRecoverTwentyPercentLoss()
    {
        using Lab lab = Lab.Up("swloss", "10.75.0.0/24", 30);
        lab.Do("loss", "all", "20");

        // Control: single passes do lose replies (each finds all 30 with chance 0.8^30), so the loss is real.
        int worstSingle = Enumerable.Range(0, 2).Min(_ => lab.Footfall("sweep", "-i", "lab0", "--retries", "0").StdoutLines.Length);
        RunResult sweep = lab.Footfall("sweep", "-i", "lab0");

        Assert.Equal(0, sweep.ExitCode);
        var truth = lab.Devices.Select(d => $"{d.Ip}\t{d.Mac}").ToHashSet();
        Assert.All(sweep.StdoutLines, line => Assert.Contains(line, truth));
        Assert.True(sweep.StdoutLines.Length >= 29, $"recall {sweep.StdoutLines.Length}/30 with retries");
        Assert.True(worstSingle < 30, "the loss took effect");
    }

    [Fact]
    public void AnAbsentDeviceIsNotReported()
    {
        using Lab lab = Lab.Up("swleave", "10.76.0.0/24", 6);
        lab.Do("leave", "d2", "d5");
        RunResult sweep = lab.Footfall("sweep", "-i", "lab0");
        AssertExactly(lab.Devices.Where(d => d.Name is not ("d2" or "d5")).ToList(), sweep);
        lab.Do("join", "d2");
        AssertExactly(lab.Devices.Where(d => d.Name is not "d5").ToList(), lab.Footfall("sweep", "-i", "lab0"));
    }

    private static void AssertExactly(IReadOnlyCollection<LabDevice> expected, RunResult sweep)
    {
        Assert.All(sweep.StdoutLines, line => Assert.Matches(HostLine(), line));
        Assert.Equal(
            expected.Select(d => $"{d.Ip}\t{d.Mac}").Order(StringComparer.Ordinal),
            sweep.StdoutLines.Order(StringComparer.Ordinal));
    }
}
