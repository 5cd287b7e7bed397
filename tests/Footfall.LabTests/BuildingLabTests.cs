using System.Text.Json;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// Two footfalls in labs of their own (two floors, two subnets) on one real mosquitto: the broker runs in the
/// 2nd floor's appliance namespace, and the 3rd floor reaches it over a link of its own between the two
/// appliances. Each sweeps only its own lab. Posts go to the console, and `footfall log --json` says what
/// became of each event.
/// </summary>
public sealed class BuildingLabTests : IDisposable
{
    private const string Building = "footfall/lab-hq";
    private readonly string _work = Directory.CreateTempSubdirectory("footfall-building-test.").FullName;

    [Fact]
    public void AWalkBetweenFloorsIsOneArrivalLeavingBothIsOneDepartureAndAKilledFloorIsMarkedOffline()
    {
        using var floors = new TwoFloors(_work, "bldga", 146);
        (Lab second, Lab third) = (floors.Second, floors.Third);
        third.Do("join", "d4"); // Carol is on the 3rd floor from the start: recorded, not announced
        using DaemonProcess a = floors.Start(second, "2nd floor", "127.0.0.1");
        using DaemonProcess b = floors.Start(third, "3rd floor", floors.BrokerAddress);
        a.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(40), "the 2nd floor's first sweep");
        b.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(40), "the 3rd floor's first sweep");
        WaitFor(() => Who(second).Appliances.Count(x => x.Online) == 2, "both floors online on the 2nd floor's page");

        // Alice arrives on the 2nd floor: posted there.
        second.Do("join", "d2");
        Assert.Equal(("delivered", null), Settled(a, "arrived", "Alice"));

        // She walks up: seen on the 3rd floor, then lost on the 2nd. Neither is posted.
        third.Do("join", "d3");
        Assert.Equal(("dropped", "already in the building, on 2nd floor"), Settled(b, "arrived", "Alice"));
        second.Do("leave", "d2");
        Assert.Equal(("dropped", "still in the building, on 3rd floor"), Settled(a, "left", "Alice"));
        BuildingView during = Who(second);
        Assert.Equal((true, "3rd floor"), during.Place("Alice"));
        // Both pages' feeds tell the walk as a walk, and neither tells its halves.
        foreach (Lab floor in new[] { second, third })
        {
            WaitFor(() => Feed(floor).Contains("Alice went up to the 3rd floor"), $"the walk in the feed of {floor.Name}");
            Assert.DoesNotContain(Feed(floor), line => line.StartsWith("Alice left", StringComparison.Ordinal));
        }
        Assert.Single(Feed(third), line => line.Contains("Alice", StringComparison.Ordinal));

        // She leaves the building: one departure, by the 3rd floor.
        third.Do("leave", "d3");
        Assert.Equal(("delivered", null), Settled(b, "left", "Alice"));
        Assert.Equal((false, "3rd floor"), Who(second).Place("Alice"));
        Assert.Equal(1, Posts(a, b, "arrived", "Alice"));
        Assert.Equal(1, Posts(a, b, "left", "Alice"));

        // The 3rd floor is killed: its will marks it offline on the 2nd floor's page; Carol counts in for awayAfter.
        b.Kill();
        BuildingView? afterKill = null;
        WaitFor(() => (afterKill = Who(second)).Appliances.Single(x => x.Id == "3rd-floor") is { Online: false }, "the 3rd floor offline", TimeSpan.FromSeconds(45));
        Assert.Equal((true, "3rd floor (offline)"), afterKill!.Place("Carol"));
        WaitFor(() => !Who(second).Place("Carol").In, "Carol out once awayAfter has passed", TimeSpan.FromSeconds(20));

        // The 2nd floor announces on its own floor as before.
        second.Do("join", "d1");
        Assert.Equal(("delivered", null), Settled(a, "arrived", "Bob"));
        Assert.Equal(0, a.Stop().ExitCode);
    }

    [Fact]
    public void FloorsWhoseClocksDifferAgreeAndABrokerRestartConvergesWithoutAPostTwice()
    {
        using var floors = new TwoFloors(_work, "bldgc", 148);
        (Lab second, Lab third) = (floors.Second, floors.Third);
        Mosquitto broker = floors.Broker;
        // The 3rd floor's clock runs 4 s ahead (libfaketime): only the order of messages may matter.
        var ahead = new Dictionary<string, string> { ["FAKETIME"] = "+4s", ["LD_PRELOAD"] = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1" };
        using DaemonProcess a = floors.Start(second, "2nd floor", "127.0.0.1");
        using DaemonProcess b = floors.Start(third, "3rd floor", floors.BrokerAddress, ahead);
        a.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(40), "the 2nd floor's first sweep");
        b.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(40), "the 3rd floor's first sweep");
        WaitFor(() => Who(third).Appliances.Count(x => x.Online) == 2, "both floors online on the 3rd floor's page");

        // Alice's phone shows up on both floors within the same second: one arrival, by the smaller site id.
        second.Do("join", "d2");
        third.Do("join", "d3");
        Assert.Equal(("delivered", null), Settled(a, "arrived", "Alice"));
        Assert.Equal(("dropped", "announced by 2nd floor"), Settled(b, "arrived", "Alice"));
        DateTimeOffset onThird = b.Events().Single(e => e is { Kind: "arrived", Person: "Alice" }).At;
        DateTimeOffset onSecond = a.Events().Single(e => e is { Kind: "arrived", Person: "Alice" }).At;
        Assert.True(onThird - onSecond > TimeSpan.FromSeconds(2), $"the 3rd floor's clock is not ahead: {onSecond:O} and {onThird:O}");

        // The broker restarts, empty (no persistence). Carol arrives on the 3rd floor meanwhile.
        broker.Stop();
        third.Do("join", "d4");
        b.WaitForEvent(e => e is { Kind: "arrived", Person: "Carol" }, TimeSpan.FromSeconds(30), "Carol's arrival");
        Thread.Sleep(TimeSpan.FromSeconds(5));
        broker.Start();
        // Both floors publish everything again; both pages converge on the building.
        foreach (Lab floor in new[] { second, third })
        {
            WaitFor(() => Who(floor) is { } w && w.Appliances.Count(x => x.Online) == 2 && w.Place("Carol") == (true, "3rd floor")
                && w.People["Alice"].In, $"{floor.Name}'s page after the broker's restart", TimeSpan.FromSeconds(90));
        }
        Assert.Equal(("delivered", null), Settled(b, "arrived", "Carol"));
        Assert.Equal(1, Posts(a, b, "arrived", "Carol"));
        Assert.Equal(1, Posts(a, b, "arrived", "Alice"));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>What became of the person's latest event of that kind, once it is no longer pending.</summary>
    private static (string State, string? Detail) Settled(DaemonProcess daemon, string kind, string person)
    {
        (string, string?)? settled = null;
        WaitFor(() =>
        {
            settled = Announcements(daemon).LastOrDefault(e => e.Kind == kind && e.Person == person) is { State: not "pending" and not null } e
                ? (e.State!, e.Detail) : null;
            return settled is not null;
        }, $"{person}'s {kind} settled", TimeSpan.FromSeconds(60));
        return settled!.Value;
    }

    private static int Posts(DaemonProcess a, DaemonProcess b, string kind, string person) =>
        Announcements(a).Concat(Announcements(b)).Count(e => e.Kind == kind && e.Person == person && e.State == "delivered");

    private static List<(string Kind, string? Person, string? State, string? Detail)> Announcements(DaemonProcess daemon)
    {
        RunResult log = Run.Program(Repo.Footfall, "log", "--json", "--data", daemon.DataDirectory, "--limit", "1000");
        if (log.ExitCode != 0)
        {
            return [];
        }
        using JsonDocument json = JsonDocument.Parse(log.Stdout);
        return [.. json.RootElement.GetProperty("events").EnumerateArray().Select(e =>
        {
            JsonElement a = e.GetProperty("announcement");
            bool none = a.ValueKind == JsonValueKind.Null;
            string? detail = none ? null : a.GetProperty("detail").GetString();
            return (e.GetProperty("kind").GetString()!, e.GetProperty("person").GetString(), none ? null : a.GetProperty("state").GetString(),
                detail is { } d && (d.StartsWith("printed", StringComparison.Ordinal) || d.Contains("console", StringComparison.Ordinal)) ? null : detail);
        })];
    }

    private static BuildingView Who(Lab lab)
    {
        using HttpClient http = LabHttp.Client(lab.AppNamespace, new Uri("http://127.0.0.1:8090/"));
        using JsonDocument json = JsonDocument.Parse(http.GetStringAsync("api/who").GetAwaiter().GetResult());
        JsonElement building = json.RootElement.GetProperty("building");
        return new BuildingView(
            [.. building.GetProperty("appliances").EnumerateArray().Select(x => new ApplianceView(x.GetProperty("id").GetString()!, x.GetProperty("online").GetBoolean()))],
            building.GetProperty("people").EnumerateArray().ToDictionary(
                p => p.GetProperty("name").GetString()!, p => (p.GetProperty("in").GetBoolean(), p.GetProperty("place").GetString())));
    }

    /// <summary>The page's feed lines, oldest first.</summary>
    private static List<string> Feed(Lab lab)
    {
        using HttpClient http = LabHttp.Client(lab.AppNamespace, new Uri("http://127.0.0.1:8090/"));
        using JsonDocument json = JsonDocument.Parse(http.GetStringAsync("api/feed").GetAwaiter().GetResult());
        return [.. json.RootElement.GetProperty("entries").EnumerateArray().Select(l => l.GetProperty("text").GetString()!)];
    }

    private static void WaitFor(Func<bool> done, string what, TimeSpan? timeout = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!Try(done))
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                Assert.Fail($"no {what} within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s");
            }
            Thread.Sleep(250);
        }
    }

    /// <summary>A page that is not listening yet (the daemon is starting) is not done yet.</summary>
    private static bool Try(Func<bool> done)
    {
        try
        {
            return done();
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private sealed record ApplianceView(string Id, bool Online);

    private sealed record BuildingView(IReadOnlyList<ApplianceView> Appliances, Dictionary<string, (bool In, string? Place)> People)
    {
        public (bool In, string? Place) Place(string person) => People[person];
    }

    /// <summary>
    /// Two floors, each a lab of its own (the 2nd on 10.N.0.0/24, the 3rd on 10.N+1.0.0/24), the broker on the 2nd
    /// floor's appliance and a link between the two appliances; Bob, Alice (a phone seen on either floor) and Carol.
    /// The lab numbers its devices' MACs from 1 in every lab: the 3rd floor's people use d3 and d4, MACs of their own.
    /// </summary>
    private sealed class TwoFloors : IDisposable
    {
        private readonly string _work;
        private readonly NamespaceLink _link;
        private readonly string _people;

        public TwoFloors(string work, string name, int net)
        {
            _work = work;
            Second = Lab.Up(name, $"10.{net}.0.0/24", 2, "--down");
            Third = Lab.Up($"{name[..^1]}{(char)(name[^1] + 1)}", $"10.{net + 1}.0.0/24", 4, "--down");
            BrokerAddress = $"10.199.{net}.1";
            _link = new NamespaceLink(Second.AppNamespace, BrokerAddress, Third.AppNamespace, $"10.199.{net}.2");
            Broker = new Mosquitto(Second, Path.Combine(work, "broker"), 18840, bind: "0.0.0.0");
            _people = $$"""
                [
                  { "name": "Bob", "devices": ["{{Second["d1"].Mac}}"] },
                  { "name": "Alice", "devices": ["{{Second["d2"].Mac}}", "{{Third["d3"].Mac}}"] },
                  { "name": "Carol", "devices": ["{{Third["d4"].Mac}}"] }
                ]
                """;
        }

        public Lab Second { get; }

        public Lab Third { get; }

        public Mosquitto Broker { get; }

        /// <summary>Where the 3rd floor reaches the broker.</summary>
        public string BrokerAddress { get; }

        /// <summary>The floor's daemon, its page on 127.0.0.1:8090 in its namespace, announcing on the console.</summary>
        public DaemonProcess Start(Lab lab, string site, string broker, Dictionary<string, string>? environment = null)
        {
            string path = Path.Combine(_work, $"{lab.Name}.json");
            File.WriteAllText(path, $$"""
                {
                  "site": { "name": "{{site}}" },
                  "network": { "interface": "lab0", "subnets": ["{{lab.Subnet}}"], "sweepInterval": "1s" },
                  "presence": { "awayAfter": "5s" },
                  "announce": { "aggregateWindow": "0s", "departures": true },
                  "people": {{_people}},
                  "mqtt": { "broker": "mqtt://{{broker}}:18840", "building": "{{Building}}", "homeAssistant": true },
                  "status": { "listen": "127.0.0.1:8090" }
                }
                """);
            return DaemonProcess.Start(lab, path, Path.Combine(_work, $"data-{lab.Name}"), environment ?? []);
        }

        public void Dispose()
        {
            Broker.Dispose();
            _link.Dispose();
            Third.Dispose();
            Second.Dispose();
        }
    }

    /// <summary>A veth pair between two namespaces, one address each: how one floor's appliance reaches the broker on another's.</summary>
    private sealed class NamespaceLink : IDisposable
    {
        private readonly string _first;

        public NamespaceLink(string first, string firstAddress, string second, string secondAddress)
        {
            _first = first;
            Ok(Run.Program("ip", "link", "add", "ffbld0", "netns", first, "type", "veth", "peer", "name", "ffbld1", "netns", second));
            Ok(Run.Program("ip", "-n", first, "addr", "add", $"{firstAddress}/30", "dev", "ffbld0"));
            Ok(Run.Program("ip", "-n", second, "addr", "add", $"{secondAddress}/30", "dev", "ffbld1"));
            Ok(Run.Program("ip", "-n", first, "link", "set", "ffbld0", "up"));
            Ok(Run.Program("ip", "-n", second, "link", "set", "ffbld1", "up"));
        }

        public void Dispose() => Run.Program("ip", "-n", _first, "link", "del", "ffbld0");

        private static void Ok(RunResult result) => Assert.True(result.ExitCode == 0, result.Stderr);
    }
}
