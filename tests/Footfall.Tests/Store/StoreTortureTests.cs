using System.Diagnostics;
using System.Text;
using Footfall.Store;
using Footfall.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Footfall.Tests.Store;

/// <summary>
/// A writer killed with SIGKILL at random moments, again and again, must leave a database that passes
/// integrity_check and holds every event it reported as committed. The writer is a real separate process
/// (Footfall.StoreTorture), so nothing of ours runs after the kill: no finaliser, no Dispose, no flush.
/// </summary>
public sealed class StoreTortureTests(ITestOutputHelper output)
{
    private const int Iterations = 30;
    private const int Seed = 20261121;

    [Fact]
    public void EveryEventReportedCommittedSurvivesAKillNineLoop()
    {
        using var directory = new TempDirectory();
        var random = new Random(Seed);
        var committed = new Dictionary<long, string>();
        for (int run = 1; run <= Iterations; run++)
        {
            // Kill after a random number of reported events plus a random delay, so that some kills land
            // between commits and some in the middle of one.
            int afterEvents = random.Next(1, 60);
            int thenWaitMicroseconds = random.Next(0, 5_000);
            List<(long Id, string Person)> reported = RunAndKill(directory.Path, run, random.Next(), afterEvents, thenWaitMicroseconds);
            foreach ((long id, string person) in reported)
            {
                Assert.True(committed.TryAdd(id, person), $"run {run}: event id {id} was reported twice");
            }
        }

        using SqliteConnection connection = StoreFixture.RawConnection(FootfallStore.DatabasePathIn(directory.Path), SqliteOpenMode.ReadWrite);
        Assert.Equal("ok", StoreFixture.Scalar(connection, "PRAGMA integrity_check"));
        var stored = new Dictionary<long, string>();
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, person FROM events";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                stored[reader.GetInt64(0)] = reader.GetString(1);
            }
        }
        var missing = committed.Where(c => !stored.TryGetValue(c.Key, out string? person) || person != c.Value).Take(5).ToList();
        Assert.True(missing.Count == 0, $"reported committed but not stored as reported: {string.Join(", ", missing)} (seed {Seed})");
        output.WriteLine($"{Iterations} kills (seed {Seed}); {committed.Count} events reported committed, all present; {stored.Count} stored; integrity_check ok");
        Assert.True(committed.Count >= Iterations, "the writer should have reported at least one event per run");

        // And the store itself opens it, migrated and usable.
        using FootfallStore store = FootfallStore.Open(directory.Path, TimeProvider.System);
        Assert.Equal(stored.Count, store.Log(int.MaxValue).Count);
    }

    private static List<(long, string)> RunAndKill(string dataDirectory, int run, int seed, int afterEvents, int thenWaitMicroseconds)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "Footfall.StoreTorture.dll"), dataDirectory, $"{run}", $"{seed}" })
        {
            info.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start Footfall.StoreTorture");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        var text = new StringBuilder();
        int lines = 0;
        var deadline = Stopwatch.StartNew();
        while (lines < afterEvents)
        {
            int c = process.StandardOutput.Read();
            if (c < 0)
            {
                Assert.Fail($"run {run}: the writer stopped by itself (exit {WaitForExit(process)}): {stderr.Result}");
            }
            text.Append((char)c);
            if (c == '\n')
            {
                lines++;
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(1), $"run {run}: the writer reported only {lines} events in a minute");
        }
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed.TotalMicroseconds < thenWaitMicroseconds)
        {
            Thread.SpinWait(100);
        }
        process.Kill(); // SIGKILL on Linux
        text.Append(process.StandardOutput.ReadToEnd());
        process.WaitForExit();
        return Parse(text.ToString());
    }

    private static int WaitForExit(Process process)
    {
        process.WaitForExit();
        return process.ExitCode;
    }

    // Only whole lines count: a line cut short by the kill was never a promise.
    private static List<(long, string)> Parse(string text)
    {
        var reported = new List<(long, string)>();
        string[] lines = text.Split('\n');
        foreach (string line in lines.Take(lines.Length - 1))
        {
            string[] fields = line.Split(' ');
            Assert.True(fields is ["committed", _, _] && long.TryParse(fields[1], out _), $"unexpected output line '{line}'");
            reported.Add((long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[2]));
        }
        return reported;
    }
}
