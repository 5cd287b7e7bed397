using System.Diagnostics;
using System.Text.Json;
using Footfall.LabTests.Support;
using Footfall.Presence;
using Footfall.Store;
using static Footfall.LabTests.Support.FootfallCli;

namespace Footfall.LabTests;

/// <summary>
/// `footfall feed` on the published binary, reading a database that this test process writes through the
/// store while the feed runs: another process, as the daemon is. No root and no lab. The site's zone is
/// Europe/Amsterdam and the machine's UTC (TZ=UTC): the lines are in the site's clock.
/// </summary>
public sealed class FeedCliTests : IDisposable
{
    private static readonly DateTimeOffset s_morning = new(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);

    private readonly string _work = Directory.CreateTempSubdirectory("footfall-feed-").FullName;

    private string Data => Path.Combine(_work, "data");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void TheHistoryIsToldAsLinesOneAnEntryWhenPiped()
    {
        Seed();
        Assert.Equal(
            [
                "2026-11-20 09:30  Alice is in",
                "2026-11-20 09:30  Bob was already in when footfall started looking",
                "2026-11-20 09:37  an unknown phone wanders onto the network",
                "2026-11-20 17:42  Bob left after 8 h",
                "2026-11-20 18:55  Carol and Dave arrived together",
            ],
            Succeeded("feed", "--data", Data).StdoutLines);
        Assert.Equal(
            ["2026-11-20 18:55  Carol and Dave arrived together"],
            Succeeded("feed", "--data", Data, "-n", "1").StdoutLines);
    }

    [Fact]
    public void JsonIsOneObjectALine()
    {
        Seed();
        string[] lines = Succeeded("feed", "--data", Data, "--json", "-n", "2").StdoutLines;
        Assert.Equal(2, lines.Length);
        using JsonDocument last = JsonDocument.Parse(lines[1]);
        Assert.Equal("arrival", last.RootElement.GetProperty("kind").GetString());
        Assert.Equal("Carol and Dave arrived together", last.RootElement.GetProperty("text").GetString());
        Assert.Equal(s_morning.AddMinutes(565), last.RootElement.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(2, last.RootElement.GetProperty("eventIds").GetArrayLength());
    }

    [Fact]
    public void BadUsageIsSaidPlainly()
    {
        RunResult missing = Invoke("feed", "--data", Path.Combine(_work, "nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("There is no footfall database", missing.Stderr);
        Seed();
        RunResult negative = Invoke("feed", "--data", Data, "-n", "-1");
        Assert.Equal((2, "footfall: --lines must be 0 or more, not -1.\n"), (negative.ExitCode, negative.Stderr));
        string badConfig = Path.Combine(_work, "bad.json");
        File.WriteAllText(badConfig, """{ "announce": { "aggregateWindow": "soon" } }""");
        RunResult config = Invoke("feed", "--data", Data, "--config", badConfig);
        Assert.Equal(2, config.ExitCode);
        Assert.Contains("announce.aggregateWindow", config.Stderr);
    }

    [Fact]
    public void FollowSeesAnEventWrittenByAnotherProcessAndStopsCleanlyOnCtrlC()
    {
        Seed();
        // A zero window as in the configuration: each arrival is a line at once, no minute to wait.
        string config = Path.Combine(_work, "footfall.json");
        File.WriteAllText(config, """{ "announce": { "aggregateWindow": "0s" } }""");
        using var feed = new FollowingFeed(["feed", "--data", Data, "--follow", "-n", "1", "--config", config]);
        feed.WaitForLine(l => l.EndsWith("  Dave walked in"), "the history's last line (Carol and Dave are two lines without a window)");

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using (FootfallStore store = FootfallStore.Open(Data, TimeProvider.System))
        {
            store.Commit([new(PresenceEventKind.Arrived, now, "Erin", Mac("3c:22:fb:00:00:07"), Ip("192.168.1.27"))], [new("Erin", true, now, now)]);
        }
        var clock = Stopwatch.StartNew();
        string line = feed.WaitForLine(l => l.Contains("Erin"), "Erin's arrival");
        // The feed looks once a second; the 5 s are for a busy machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"seen {clock.Elapsed.TotalSeconds:0.0} s after it was written");
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d  Erin (walked in|is in|arrived)$", line);

        (int exitCode, string stderr) = feed.Interrupt();
        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Equal(2, feed.Lines.Count);
    }

    /// <summary>The morning of StoreCliTests, and two arrivals together in the evening.</summary>
    private void Seed()
    {
        using FootfallStore store = FootfallStore.Open(Data, TimeProvider.System);
        store.RecordSiteTimeZone("Europe/Amsterdam");
        store.Commit(
        [
            new(PresenceEventKind.Arrived, s_morning, "Alice", Mac("3c:22:fb:00:00:01"), Ip("192.168.1.20")),
            new(PresenceEventKind.Arrived, s_morning.AddSeconds(5), "Bob", Mac("3c:22:fb:00:00:03"), Ip("192.168.1.21"), Announce: false),
            new(PresenceEventKind.UnknownDeviceSeen, s_morning.AddMinutes(7), null, Mac("da:a1:19:00:00:09"), Ip("192.168.1.99"), Announce: false),
            new(PresenceEventKind.Left, s_morning.AddHours(8).AddMinutes(12), "Bob", Mac("3c:22:fb:00:00:03"), Ip("192.168.1.21"), TimeSpan.FromMinutes(487)),
            new(PresenceEventKind.Arrived, s_morning.AddMinutes(565), "Carol", Mac("3c:22:fb:00:00:05"), Ip("192.168.1.22")),
            new(PresenceEventKind.Arrived, s_morning.AddMinutes(565).AddSeconds(20), "Dave", Mac("3c:22:fb:00:00:06"), Ip("192.168.1.23")),
        ],
        [
            new("Alice", true, s_morning, s_morning.AddHours(9)),
            new("Bob", false, null, s_morning.AddHours(8)),
        ]);
    }
}
