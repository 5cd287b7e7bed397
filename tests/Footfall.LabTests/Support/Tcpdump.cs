using System.Diagnostics;

namespace Footfall.LabTests.Support;

/// <summary>
/// tcpdump on the appliance's lab0 for a fixed time: what the wire carried, as tcpdump's own text (-n -e -v, one
/// packet header line starting with a timestamp, followed by indented detail lines).
/// </summary>
public static class Tcpdump
{
    /// <summary>
    /// Captures frames matching <paramref name="filter"/> while <paramref name="during"/> runs and for
    /// <paramref name="seconds"/> in all, then returns tcpdump's lines.
    /// </summary>
    public static IReadOnlyList<string> OnLab0(Lab lab, string filter, int seconds, Action during)
    {
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["netns", "exec", lab.AppNamespace, "timeout", "--signal=INT", seconds.ToString(),
                     "tcpdump", "-n", "-e", "-v", "-l", "--immediate-mode", "-i", "lab0", filter])
        {
            info.ArgumentList.Add(argument);
        }
        using var tcpdump = Process.Start(info) ?? throw new InvalidOperationException("could not start tcpdump");
        Task<string> output = tcpdump.StandardOutput.ReadToEndAsync();
        // Only once tcpdump says it listens is a frame sure to be seen.
        string? line;
        while ((line = tcpdump.StandardError.ReadLine()) is not null && !line.Contains("listening on", StringComparison.Ordinal))
        {
        }
        Assert.True(line is not null, "tcpdump ended before it listened");
        Task<string> rest = tcpdump.StandardError.ReadToEndAsync();
        during();
        if (!tcpdump.WaitForExit(TimeSpan.FromSeconds(seconds + 30)))
        {
            tcpdump.Kill(entireProcessTree: true);
            Assert.Fail("tcpdump did not stop");
        }
        _ = rest.Result;
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The index of the first line containing <paramref name="text"/>, or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> lines, string text)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
