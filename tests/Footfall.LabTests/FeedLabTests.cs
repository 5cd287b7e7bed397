using System.Diagnostics;
using System.Text.RegularExpressions;
using Footfall.Config;
using Footfall.LabTests.Support;
using Footfall.Messages;

namespace Footfall.LabTests;

/// <summary>
/// The daemon in a lab office, with nothing but the console to announce on, and `footfall feed --follow`
/// beside it: a phone joins, the console prints the post X would get, the feed tells it as a line.
/// </summary>
public sealed class FeedLabTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("footfall-feed-lab.").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void AJoiningPhoneIsAComposedPostOnTheConsoleAndALineInTheFollowingFeed()
    {
        using Lab lab = Lab.Up("fdfeed", "10.130.0.0/24", 2, "--down");
        lab.Do("join", "d1");
        string config = Path.Combine(_work, "footfall.json");
        File.WriteAllText(config, $$"""
            {
              "site": { "name": "Lab {{lab.Name}}", "timeZone": "UTC" },
              "network": { "interface": "lab0", "subnets": ["{{lab.Subnet}}"], "sweepInterval": "2s" },
              "presence": { "awayAfter": "10m" },
              "announce": { "aggregateWindow": "0s" },
              "people": [
                { "name": "Bob", "devices": ["{{lab["d1"].Mac}}"] },
                { "name": "Alice", "pronoun": "she", "devices": ["{{lab["d2"].Mac}}"] }
              ]
            }
            """);
        string data = Path.Combine(_work, "data");
        using DaemonProcess daemon = DaemonProcess.Start(lab, config, data);
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "the first sweep");

        using var feed = new FollowingFeed("feed", "--data", data, "--follow", "--config", config);
        feed.WaitForLine(l => l.EndsWith("  Bob was already in when footfall started looking"), "the history");

        lab.Do("join", "d2");
        var clock = Stopwatch.StartNew();
        string line = feed.WaitForLine(l => l.Contains("Alice"), "Alice's line in the feed", seconds: 30);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d  Alice (walked in|is in|arrived)$", line);
        TimeSpan seen = clock.Elapsed;

        // The console has the post X would get: one of the templates for the time of day, filled in.
        // Its lines are "HH:mm post" on stdout; the log's on stderr start "HH:mm:ss level".
        static bool IsPost(string l) => Regex.IsMatch(l, @"^\d\d:\d\d ") && l.Contains("Alice");
        daemon.WaitForLine(IsPost, TimeSpan.FromSeconds(10), "the console's post");
        string post = daemon.Lines.Single(IsPost);
        DayPart part = DayParts.Of(DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
        Assert.True(
            BuiltInMessages.Arrival(part).Any(t => post.EndsWith(" " + TemplateFiller.Fill(t, "Alice", "she", 2), StringComparison.Ordinal)),
            $"the console printed \"{post}\", which is no {part} template");

        (int exitCode, string stderr) = feed.Interrupt();
        Assert.Equal((0, ""), (exitCode, stderr));
        Assert.Equal(0, daemon.Stop().ExitCode);
        // A figure for the report, not a target: the join is heard at once, the feed polls once a second.
        Console.WriteLine($"feed: Alice's line {seen.TotalMilliseconds:0} ms after the join");
    }
}
