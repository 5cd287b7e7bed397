using Footfall.LabTests.Support;
using Footfall.Testing;

namespace Footfall.LabTests;

/// <summary>
/// `footfall run` announcing on X end to end: a device joins the lab, the daemon posts to the fake X server
/// in the appliance's namespace, which checks the signature with an independent OAuth implementation.
/// </summary>
public sealed class XLabTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("footfall-x-test.").FullName;
    private readonly List<string> _outputs = [];

    public void Dispose()
    {
        // Whatever a test did, no secret may have reached any output footfall made.
        foreach (string output in _outputs)
        {
            foreach (string secret in FakeX.Secrets)
            {
                Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
            }
        }
        Directory.Delete(_work, recursive: true);
    }

    private string Data => Path.Combine(_work, "data");

    [Fact]
    public void AnArrivalBecomesOneCorrectlySignedPostNamingThePerson()
    {
        using Lab lab = Lab.Up("xarrive", "10.91.0.0/24", 2, "--down");
        using FakeX fake = FakeX.Start(lab.AppNamespace);
        string config = WriteConfig(lab, fake);
        using DaemonProcess daemon = Start(lab, config);
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");

        lab.Do("join", "d2");
        FakeXRequest post = fake.WaitFor(r => r.Any(x => x.Status == 201), TimeSpan.FromSeconds(30), "post").Single();
        Assert.True(post.Valid, post.Reason);
        Assert.Contains("Alice", post.Text);
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice", Announcement: "delivered" }, TimeSpan.FromSeconds(10), "the delivered announcement");
        Thread.Sleep(TimeSpan.FromSeconds(3));   // more sweeps see Alice again: no second post
        Assert.Single(fake.Requests());
        Assert.Equal(0, daemon.Stop().ExitCode);
        Keep(daemon, Footfall("log", "--data", Data), Footfall("log", "--json", "--data", Data));
    }

    [Fact]
    public void KilledBetweenSendingAndRecordingTheAnswerThenRestartedItPostsNothingTwice()
    {
        using Lab lab = Lab.Up("xkill", "10.92.0.0/24", 2, "--down");
        using FakeX fake = FakeX.Start(lab.AppNamespace);
        string config = WriteConfig(lab, fake);
        fake.SetMode("blackhole");   // X takes the post, the answer never comes back
        using (DaemonProcess first = Start(lab, config))
        {
            first.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");
            lab.Do("join", "d2");
            fake.WaitFor(r => r.Any(x => x.Method == "POST"), TimeSpan.FromSeconds(30), "the post");
            first.Kill();
            Keep(first);
        }
        Assert.Single(fake.Posts().Visible);

        fake.SetMode("ok");
        using DaemonProcess second = Start(lab, config);
        second.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice", Announcement: "delivered" }, TimeSpan.FromSeconds(30), "the retried announcement");
        Assert.Equal([null, 403], fake.Requests().Select(r => r.Status));
        Assert.Single(fake.Posts().Visible);
        Assert.Equal(0, second.Stop().ExitCode);
        Keep(second, Footfall("log", "--data", Data));
    }

    [Fact]
    public void APostIsDeletedOnTimeAlsoWhenTheDaemonRestartedInBetween()
    {
        using Lab lab = Lab.Up("xdelete", "10.93.0.0/24", 2, "--down");
        using FakeX fake = FakeX.Start(lab.AppNamespace);
        string config = WriteConfig(lab, fake, deleteAfter: "1m");
        DateTimeOffset posted;
        using (DaemonProcess first = Start(lab, config))
        {
            first.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");
            lab.Do("join", "d2");
            posted = fake.WaitFor(r => r.Any(x => x.Status == 201), TimeSpan.FromSeconds(30), "the post").Single().At;
            Assert.Equal(0, first.Stop().ExitCode);
            Keep(first);
        }
        Thread.Sleep(TimeSpan.FromSeconds(20));
        using DaemonProcess second = Start(lab, config);
        FakeXRequest delete = fake.WaitFor(r => r.Any(x => x.Method == "DELETE"), TimeSpan.FromSeconds(90), "the deletion").Single(x => x.Method == "DELETE");
        Assert.True(delete.Valid, delete.Reason);
        Assert.Equal(200, delete.Status);
        TimeSpan after = delete.At - posted;
        // Not before deleteAfter; how soon after is bounded by the wait above (the poll is 5 s), not asserted.
        Assert.True(after >= TimeSpan.FromMinutes(1), $"deleted {after.TotalSeconds:0.0} s after posting: too early");
        Assert.Empty(fake.Posts().Visible);
        Assert.Equal(0, second.Stop().ExitCode);
        Keep(second, Footfall("log", "--data", Data));
    }

    [Fact]
    public void NothingIsPostedUntilTheClockIsSynchronised()
    {
        using Lab lab = Lab.Up("xclock", "10.94.0.0/24", 2, "--down");
        using FakeX fake = FakeX.Start(lab.AppNamespace);
        string marker = Path.Combine(_work, "synchronized");
        string config = WriteConfig(lab, fake, clockSync: marker);
        using DaemonProcess daemon = Start(lab, config);
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");
        lab.Do("join", "d2");
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(20), "Alice's arrival");
        daemon.WaitForLine(l => l.Contains("not known to be synchronised"), TimeSpan.FromSeconds(10), "the clock warning");
        Thread.Sleep(TimeSpan.FromSeconds(6));
        Assert.Empty(fake.Requests());

        File.WriteAllText(marker, "");
        FakeXRequest post = fake.WaitFor(r => r.Any(x => x.Status == 201), TimeSpan.FromSeconds(20), "the post").Single();
        Assert.Contains("Alice", post.Text);
        Assert.Equal(0, daemon.Stop().ExitCode);
        Keep(daemon);
    }

    [Fact]
    public void WrongCredentialsAreReportedPlainlyWithoutPrintingAnySecret()
    {
        using Lab lab = Lab.Up("xcreds", "10.95.0.0/24", 2, "--down");
        using FakeX fake = FakeX.Start(lab.AppNamespace);
        string good = WriteConfig(lab, fake);
        string bad = WriteConfig(lab, fake, consumerSecret: FakeX.ConsumerSecret + "-but-not-this-one", name: "bad.json");

        RunResult verified = lab.Footfall("x", "verify", "--config", good);
        Assert.True(verified.ExitCode == 0, verified.Stderr);
        Assert.Contains("@our_office", verified.Stdout);
        RunResult refused = lab.Footfall("x", "verify", "--config", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("401 Unauthorized", refused.Stderr);
        RunResult nobody = Support.Run.Program(Repo.Footfall, "x", "verify", "--config", good);   // outside the namespace: nobody listens
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("cannot reach", nobody.Stderr);

        using DaemonProcess daemon = Start(lab, bad);
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");
        lab.Do("join", "d2");
        daemon.WaitForLine(l => l.Contains("X says the credentials are wrong"), TimeSpan.FromSeconds(30), "the 401 in the log");
        Assert.Equal(0, daemon.Stop().ExitCode);
        Assert.Empty(fake.Posts().Visible);
        Keep(daemon, verified, refused, nobody, Footfall("log", "--data", Data), Footfall("log", "--json", "--data", Data),
            Support.Run.Program(Repo.Footfall, "check-config", bad));
    }

    private DaemonProcess Start(Lab lab, string config) => DaemonProcess.Start(lab, config, Data);

    private static RunResult Footfall(params string[] arguments) => Support.Run.Program(Repo.Footfall, arguments);

    private void Keep(DaemonProcess daemon, params RunResult[] results)
    {
        _outputs.Add(daemon.Output);
        Keep(results);
    }

    private void Keep(params RunResult[] results) => _outputs.AddRange(results.Select(r => r.Stdout + r.Stderr));

    /// <summary>Bob owns d1, Alice owns d2; posts go to the fake X server at once (no aggregation window).</summary>
    private string WriteConfig(Lab lab, FakeX fake, string? deleteAfter = null, string clockSync = "system",
        string consumerSecret = FakeX.ConsumerSecret, string name = "footfall.json")
    {
        string path = Path.Combine(_work, name);
        string delete = deleteAfter is null ? "" : $", \"deleteAfter\": \"{deleteAfter}\"";
        File.WriteAllText(path, $$"""
            {
              "site": { "name": "Lab {{lab.Name}}" },
              "network": { "interface": "lab0", "subnets": ["{{lab.Subnet}}"], "sweepInterval": "2s" },
              "presence": { "awayAfter": "10m" },
              "people": [
                { "name": "Bob", "devices": ["{{lab["d1"].Mac}}"] },
                { "name": "Alice", "pronoun": "she", "devices": ["{{lab["d2"].Mac}}"] }
              ],
              "announce": {
                "aggregateWindow": "0s",
                "x": {
                  "consumerKey": "{{FakeX.ConsumerKey}}", "consumerSecret": "{{consumerSecret}}",
                  "accessToken": "{{FakeX.AccessToken}}", "accessTokenSecret": "{{FakeX.AccessTokenSecret}}",
                  "apiBaseUrl": "{{fake.BaseUrl}}", "clockSync": "{{clockSync}}"{{delete}}
                }
              }
            }
            """);
        return path;
    }
}
