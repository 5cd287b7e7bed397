using System.Diagnostics;

namespace Footfall.LabTests.Support;

public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs a program to completion, capturing both streams.</summary>
public static class Run
{
    public static RunResult Program(string file, params string[] arguments) => Start(file, arguments).Wait();

    public static Running Start(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        return new Running(process);
    }

    public sealed class Running(Process process)
    {
        private readonly Task<string> _stdout = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> _stderr = process.StandardError.ReadToEndAsync();

        public bool HasExited => process.HasExited;

        /// <summary>The process id (after `ip netns exec`, which execs, it is the command's own).</summary>
        public int Id => process.Id;

        public RunResult Wait(TimeSpan? timeout = null)
        {
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not finish in time");
            }
            return new RunResult(process.ExitCode, _stdout.Result, _stderr.Result);
        }
    }
}
