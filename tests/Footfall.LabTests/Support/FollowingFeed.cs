using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Footfall.LabTests.Support;

/// <summary>`footfall feed --follow`, its stdout read line by line as it comes.</summary>
public sealed partial class FollowingFeed : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task<string> _stderr;

    public FollowingFeed(params string[] arguments)
    {
        // Through env --default-signal=INT (which then execs footfall, same pid): a test run started in
        // the background (`scripts/test &`, nohup) has SIGINT ignored, every child inherits that, and
        // a footfall that ignores Ctrl-C would fail Interrupt for a reason that is not its own.
        var info = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add(Repo.Footfall);
        info.Environment["TZ"] = "UTC";
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        _process.BeginOutputReadLine();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    public string WaitForLine(Func<string, bool> match, string what, int seconds = 20)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                Assert.Fail($"no {what} from footfall feed --follow ({(_process.HasExited ? $"exited {_process.ExitCode}" : "still running")}):\n{string.Join('\n', Lines)}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Ctrl-C, as a terminal sends it: SIGINT. Returns the exit code and stderr.</summary>
    public (int ExitCode, string Stderr) Interrupt()
    {
        Assert.Equal(0, kill(_process.Id, 2));
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(10)), "footfall feed --follow did not stop on SIGINT");
        _process.WaitForExit();   // drains stdout
        return (_process.ExitCode, _stderr.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
