using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Footfall.LabTests.Support;

/// <summary>`footfall run` inside a lab's appliance namespace, its output collected line by line.</summary>
public sealed partial class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private DaemonProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string DataDirectory { get; }

    public IReadOnlyCollection<string> Lines => _lines;

    public string Output => string.Join('\n', _lines);

    public static DaemonProcess Start(Lab lab, string configPath, string dataDirectory, params string[] extra) =>
        Start(lab, configPath, dataDirectory, new Dictionary<string, string>(), extra);

    /// <param name="environment">Variables for the daemon besides the test's own (FAKETIME and LD_PRELOAD: a clock that is off).</param>
    public static DaemonProcess Start(Lab lab, string configPath, string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach ((string name, string value) in environment)
        {
            info.Environment[name] = value;
        }
        foreach (string argument in (string[])["netns", "exec", lab.AppNamespace, Repo.Footfall, "run", "--config", configPath, "--data", dataDirectory, .. extra])
        {
            info.ArgumentList.Add(argument);
        }
        return new DaemonProcess(Process.Start(info)!, dataDirectory);
    }

    /// <summary>Waits until a line of output satisfies <paramref name="match"/>.</summary>
    public void WaitForLine(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!_lines.Any(match))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"footfall run exited ({_process.ExitCode}) before {what}:\n{Output}");
            }
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"no {what} within {timeout.TotalSeconds} s:\n{Output}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>The events in the store, read with `footfall log --json` while the daemon runs.</summary>
    public IReadOnlyList<LoggedEvent> Events()
    {
        RunResult log = Run.Program(Repo.Footfall, "log", "--json", "--data", DataDirectory, "--limit", "1000");
        if ((log.ExitCode == 2 && log.Stderr.Contains("no footfall database"))
            || (log.ExitCode == 1 && log.Stderr.Contains("older than this footfall reads")))
        {
            return []; // the daemon has not created it yet, or is migrating it (one transaction per step)
        }
        Assert.True(log.ExitCode == 0, log.Stderr);
        using JsonDocument json = JsonDocument.Parse(log.Stdout);
        return json.RootElement.GetProperty("events").EnumerateArray().Select(e => new LoggedEvent(
            e.GetProperty("kind").GetString()!,
            e.GetProperty("person").GetString(),
            e.GetProperty("at").GetDateTimeOffset(),
            e.GetProperty("announcement").ValueKind == JsonValueKind.Null ? null : e.GetProperty("announcement").GetProperty("state").GetString())).ToList();
    }

    /// <summary>Polls the store until an event satisfies <paramref name="match"/>.</summary>
    public LoggedEvent WaitForEvent(Func<LoggedEvent, bool> match, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (Events().FirstOrDefault(match) is { } found)
            {
                return found;
            }
            if (_process.HasExited || clock.Elapsed > timeout)
            {
                Assert.Fail($"no {what} within {timeout.TotalSeconds} s (daemon {(_process.HasExited ? "exited" : "running")}):\n{Output}");
            }
            Thread.Sleep(100);
        }
    }

    /// <summary>Sends SIGTERM and waits; returns the exit code and how long the shutdown took.</summary>
    public (int ExitCode, TimeSpan Took) Stop()
    {
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, kill(_process.Id, 15));
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(30)), $"footfall run did not stop on SIGTERM:\n{Output}");
        _process.WaitForExit(); // drains the output readers
        return (_process.ExitCode, clock.Elapsed);
    }

    /// <summary>kill -9: no clean-up of any kind, as a crash or a power cut.</summary>
    public void Kill()
    {
        Assert.Equal(0, kill(_process.Id, 9));
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}

public sealed record LoggedEvent(string Kind, string? Person, DateTimeOffset At, string? Announcement);
