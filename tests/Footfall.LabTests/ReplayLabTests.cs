using System.Text.Json;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// Captures you can replay: the daemon records what it sees (run --capture) while tcpdump records the
/// same wire; both recordings, replayed under the same configuration, give the events the daemon logged.
/// </summary>
public sealed class ReplayLabTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("footfall-replay-test.").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void RecordingsOfTheDaemonAndOfTcpdumpReplayToTheEventsItLogged()
    {
        using Lab lab = Lab.Up("rply", "10.85.0.0/24", 3, "--down");
        lab.Do("join", "d1", "d3");
        string config = Path.Combine(_work, "footfall.json");
        File.WriteAllText(config, $$"""
            {
              "network": { "interface": "lab0", "subnets": ["{{lab.Subnet}}"], "sweepInterval": "2s" },
              "presence": { "awayAfter": "5s" },
              "people": [
                { "name": "Bob", "devices": ["{{lab["d1"].Mac}}"] },
                { "name": "Alice", "devices": ["{{lab["d2"].Mac}}"] }
              ]
            }
            """);
        string ours = Path.Combine(_work, "run.pcap"), theirs = Path.Combine(_work, "tcpdump.pcap");
        Run.Running tcpdump = Run.Start("ip", "netns", "exec", lab.AppNamespace, "tcpdump", "-i", "lab0", "-U", "-w", theirs, "arp");
        List<LoggedEvent> logged;
        using (DaemonProcess daemon = DaemonProcess.Start(lab, config, Path.Combine(_work, "data"), "--capture", ours))
        {
            daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Bob" }, TimeSpan.FromSeconds(30), "Bob, found by the first sweep");
            daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "the first sweep");
            lab.Do("join", "d2");
            daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(20), "Alice's arrival");
            lab.Do("leave", "d2");
            daemon.WaitForEvent(e => e is { Kind: "left", Person: "Alice" }, TimeSpan.FromSeconds(40), "Alice's departure");
            Thread.Sleep(TimeSpan.FromSeconds(3)); // a sweep or so more on the recordings
            Assert.Equal(0, daemon.Stop().ExitCode);
            logged = [.. daemon.Events()];
        }
        // Only this tcpdump: pkill by name would stop every tcpdump on the machine (a namespace does not hide processes).
        Run.Program("kill", "-INT", tcpdump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        tcpdump.Wait();

        foreach (string recording in new[] { ours, theirs })
        {
            RunResult replay = Run.Program(Repo.Footfall, "replay", recording, "--config", config, "--json");
            Assert.True(replay.ExitCode == 0, $"{Path.GetFileName(recording)}: {replay.Stderr}");
            var replayed = Parse(replay.Stdout);
            // The same events, in the same order, each at nearly the same moment: the daemon stamps an
            // event when it handles the frame, replay with the frame's capture time.
            Assert.Equal(
                logged.Select(e => (e.Kind, e.Person)),
                replayed.Select(e => (e.Kind, e.Person)));
            foreach ((LoggedEvent live, LoggedEvent again) in logged.Zip(replayed))
            {
                Assert.True((live.At - again.At).Duration() < TimeSpan.FromSeconds(2),
                    $"{Path.GetFileName(recording)}: {live.Kind} {live.Person} at {live.At:HH:mm:ss.fff} live, {again.At:HH:mm:ss.fff} replayed");
            }
        }
        Assert.Contains(logged, e => e is { Kind: "unknown_device_seen" });
    }

    [Fact]
    public void FilesThatAreNotEthernetCapturesAreUsageErrorsNotCrashes()
    {
        string config = Path.Combine(_work, "empty.json");
        File.WriteAllText(config, "{}");
        string junk = Path.Combine(_work, "junk.pcap");
        File.WriteAllBytes(junk, [.. Enumerable.Range(0, 500).Select(i => (byte)(i * 31))]);
        foreach (string file in new[] { junk, Path.Combine(_work, "missing.pcap") })
        {
            RunResult replay = Run.Program(Repo.Footfall, "replay", file, "--config", config);
            Assert.Equal(2, replay.ExitCode);
            Assert.Equal("", replay.Stdout);
            Assert.StartsWith($"footfall: {file}: ", replay.Stderr);
        }
    }

    private static List<LoggedEvent> Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("events").EnumerateArray().Select(e => new LoggedEvent(
            e.GetProperty("kind").GetString()!,
            e.GetProperty("person").GetString(),
            e.GetProperty("at").GetDateTimeOffset(),
            null))];
    }
}
