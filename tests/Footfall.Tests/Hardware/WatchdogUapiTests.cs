using System.Diagnostics;
using System.Globalization;
using Footfall.Interop.Linux;
using Footfall.Tests.Support;

namespace Footfall.Tests.Hardware;

/// <summary>
/// Every ioctl number footfall's own watchdog driver uses, checked against what gcc says from this
/// machine's own kernel headers (linux-libc-dev). A wrong number would not fail loudly: the kernel
/// would refuse the keepalive and the machine would reset. (GPIO goes through libgpiod.)
/// </summary>
public class WatchdogUapiTests
{
    private const string Program = """
        #include <stdio.h>
        #include <linux/watchdog.h>
        #define NUM(n) printf("%s %lu\n", #n, (unsigned long)(n))
        int main(void) {
            NUM(WDIOC_KEEPALIVE); NUM(WDIOC_SETTIMEOUT); NUM(WDIOC_GETTIMEOUT);
            return 0;
        }
        """;

    [Fact]
    public void OursMatchTheKernelHeaders()
    {
        // scripts/test installs gcc and linux-libc-dev; xunit 2 cannot skip at run time, and a layout
        // check that quietly did not run would be worse than a clear failure.
        string gcc = FindGcc() ?? throw new InvalidOperationException(
            "gcc is not installed: install gcc and linux-libc-dev (scripts/test does) to check the uAPI layout against the kernel headers");
        Dictionary<string, ulong> c = CompileAndRun(gcc);
        Dictionary<string, ulong> ours = Ours();
        Assert.Equal(c.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
        var wrong = c.Where(pair => ours[pair.Key] != pair.Value)
            .Select(pair => $"{pair.Key}: gcc says {pair.Value}, footfall has {ours[pair.Key]}")
            .ToList();
        Assert.Empty(wrong);
    }

    private static Dictionary<string, ulong> Ours()
    {
        var table = new Dictionary<string, ulong>();
        table["WDIOC_KEEPALIVE"] = WatchdogApi.WDIOC_KEEPALIVE;
        table["WDIOC_SETTIMEOUT"] = WatchdogApi.WDIOC_SETTIMEOUT;
        table["WDIOC_GETTIMEOUT"] = WatchdogApi.WDIOC_GETTIMEOUT;
        return table;
    }

    private static Dictionary<string, ulong> CompileAndRun(string gcc)
    {
        using var directory = new TempDirectory();
        string source = Path.Combine(directory.Path, "layout.c");
        string binary = Path.Combine(directory.Path, "layout");
        File.WriteAllText(source, Program);
        string compiled = RunToEnd(gcc, "-std=c11", "-Wall", "-Werror", "-o", binary, source);
        Assert.True(File.Exists(binary), $"gcc could not build the layout probe (are linux-libc-dev's headers installed?):\n{compiled}");
        return RunToEnd(binary)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(
                parts => string.Join(' ', parts[..^1]),
                parts => ulong.Parse(parts[^1], CultureInfo.InvariantCulture));
    }

    private static string? FindGcc() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "gcc"))
            .FirstOrDefault(File.Exists);

    private static string RunToEnd(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(info)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return stdout + stderr.Result;
    }
}
