using System.Text.Json;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// Two or three footfalls in labs of their own (a floor each, a subnet each) on one real mosquitto: the broker runs in
/// the first floor's appliance namespace, and each other floor reaches it over a link of its own between the two
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
        using Floors floors = TwoFloors("bldga", 146);
        (Lab second, Lab third) = (floors.Labs[0], floors.Labs[1]);
        third.Do("join", "d4"); // Carol is on the 3rd floor from the start: recorded, not announced
        using DaemonProcess a = floors.Start(0, "2nd floor");
        using DaemonProcess b = floors.Start(1, "3rd floor");
        BothUp(a, b, second);

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
        Assert.Equal(1, Posts("arrived", "Alice", a, b));
        Assert.Equal(1, Posts("left", "Alice", a, b));

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
        using Floors floors = TwoFloors("bldgc", 148);
        (Lab second, Lab third) = (floors.Labs[0], floors.Labs[1]);
        Mosquitto broker = floors.Broker;
        // The 3rd floor's clock runs 4 s ahead (libfaketime): only the order of messages may matter.
        var ahead = new Dictionary<string, string> { ["FAKETIME"] = "+4s", ["LD_PRELOAD"] = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1" };
        using DaemonProcess a = floors.Start(0, "2nd floor");
        using DaemonProcess b = floors.Start(1, "3rd floor", ahead);
        BothUp(a, b, third);

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
        Assert.Equal(1, Posts("arrived", "Carol", a, b));
        Assert.Equal(1, Posts("arrived", "Alice", a, b));
    }

    [Fact]
    public void TheRacesWinnerKilledMidPostLeavesThePostToALiveFloorAndAKilledFloorsPeopleLeaveOnceAfterAwayAfter()
    {
        // Three floors: Alice's phone may be seen on the 1st (d1) or the 3rd (d3); Carol is on the 3rd (d4) from the start.
        using var floors = new Floors(_work, 156, ("bldge", 1), ("bldgf", 1), ("bldgg", 4)) { AwayAfter = "15s" };
        (Lab first, Lab second, Lab third) = (floors.Labs[0], floors.Labs[1], floors.Labs[2]);
        floors.People = $$"""
            [
              { "name": "Alice", "devices": ["{{first["d1"].Mac}}", "{{third["d3"].Mac}}"] },
              { "name": "Carol", "devices": ["{{third["d4"].Mac}}"] }
            ]
            """;
        third.Do("join", "d4");
        using DaemonProcess a = floors.Start(0, "1st floor");
        using DaemonProcess b = floors.Start(1, "2nd floor");
        using DaemonProcess c = floors.Start(2, "3rd floor");
        foreach (DaemonProcess floor in new[] { a, b, c })
        {
            floor.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(40), "a floor's first sweep");
        }
        WaitFor(() => Who(second).Appliances.Count(x => x.Online) == 3, "three floors online on the 2nd floor's page");

        // Alice shows up on the 1st and the 3rd floor at once. The 1st floor, the smaller site id and so the race's
        // winner, is killed while its post waits for the race window to close: the 3rd floor posts her arrival instead.
        first.Do("join", "d1");
        third.Do("join", "d3");
        a.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(30), "Alice's arrival on the 1st floor");
        a.Kill();
        Assert.Equal("pending", Announcements(a).Single(e => e is { Kind: "arrived", Person: "Alice" }).State);
        Assert.Equal(("delivered", null), Settled(c, "arrived", "Alice"));
        WaitFor(() => Who(second).Appliances.Single(x => x.Id == "1st-floor") is { Online: false }, "the 1st floor offline on the 2nd floor's page");

        // The 1st floor comes back with its arrival still pending: Alice has been in on the 3rd floor since before it
        // heard, so it is not posted a second time.
        using DaemonProcess again = floors.Start(0, "1st floor");
        Assert.Equal(("dropped", "already in the building, on 3rd floor"), Settled(again, "arrived", "Alice"));
        Assert.Equal(1, Posts("arrived", "Alice", again, b, c));

        // The 3rd floor is killed with Alice and Carol in. Alice is in on the 1st floor too: no departure. Carol is
        // nowhere else: she counts in (offline) for awayAfter, then leaves once, recorded and posted by the 1st floor
        // (the smallest live site id); the 2nd floor counts her out and records nothing.
        c.Kill();
        DateTimeOffset killed = DateTimeOffset.UtcNow;
        WaitFor(() => Who(second).Appliances.Single(x => x.Id == "3rd-floor") is { Online: false }, "the 3rd floor offline on the 2nd floor's page");
        Assert.Equal((true, "3rd floor (offline)"), Who(second).Place("Carol"));
        LoggedEvent left = again.WaitForEvent(e => e is { Kind: "left", Person: "Carol" }, TimeSpan.FromSeconds(40), "Carol's departure nobody saw");
        TimeSpan after = left.At - killed;
        Assert.True(after > TimeSpan.FromSeconds(14) && after < TimeSpan.FromSeconds(20), $"Carol left {after.TotalSeconds:0.0} s after the kill, not awayAfter (15 s)");
        Assert.Equal(("delivered", null), Settled(again, "left", "Carol"));
        WaitFor(() => !Who(second).Place("Carol").In, "Carol out on the 2nd floor's page");
        Assert.Equal((true, "1st floor"), Who(second).Place("Alice"));
        Assert.Equal(1, Posts("left", "Carol", again, b, c));
        Assert.DoesNotContain(b.Events(), e => e.Person == "Carol");
        Assert.DoesNotContain(Announcements(again).Concat(Announcements(b)).Concat(Announcements(c)), e => e is { Kind: "left", Person: "Alice" });
        Assert.Equal(0, again.Stop().ExitCode);
        Assert.Equal(0, b.Stop().ExitCode);
    }

    [Fact]
    public void WithoutTheBrokerForAMinuteEachFloorAnnouncesAloneAndItsPageSaysSo()
    {
        using Floors floors = TwoFloors("bldgi", 160);
        (Lab second, Lab third) = (floors.Labs[0], floors.Labs[1]);
        using DaemonProcess a = floors.Start(0, "2nd floor");
        using DaemonProcess b = floors.Start(1, "3rd floor");
        BothUp(a, b, second);

        // The broker goes away (stopped, not restarting). Alice arrives on the 2nd floor, Carol on the 3rd: each
        // floor holds its post, the broker may be restarting, and its page says it waits.
        DateTimeOffset gone = DateTimeOffset.UtcNow;
        floors.Broker.Stop();
        second.Do("join", "d2");
        third.Do("join", "d4");
        a.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(30), "Alice's arrival on the 2nd floor");
        b.WaitForEvent(e => e is { Kind: "arrived", Person: "Carol" }, TimeSpan.FromSeconds(30), "Carol's arrival on the 3rd floor");
        Assert.Equal((Connected: false, Alone: false), Flags(Who(second)));
        Assert.Contains("announcements wait a minute for it", Page(second));
        Assert.Equal("pending", Announcements(a).Single(e => e is { Kind: "arrived", Person: "Alice" }).State);

        // A minute on, each announces alone, and its page says so.
        Assert.Equal(("delivered", null), Settled(a, "arrived", "Alice", seconds: 90));
        Assert.True(DateTimeOffset.UtcNow - gone >= TimeSpan.FromSeconds(60), "Alice's arrival was posted before the broker had been away a minute");
        Assert.Equal(("delivered", null), Settled(b, "arrived", "Carol"));
        foreach (Lab floor in new[] { second, third })
        {
            Assert.Equal((Connected: false, Alone: true), Flags(Who(floor)));
            Assert.Contains("Announcing alone: the MQTT broker is unreachable", Page(floor));
        }

        // The broker is back: both pages show the whole building again, and nothing is posted twice.
        floors.Broker.Start();
        foreach (Lab floor in new[] { second, third })
        {
            WaitFor(() => Who(floor) is { Connected: true, Alone: false } w && w.Appliances.Count(x => x.Online) == 2
                && w.Place("Alice") == (true, "2nd floor") && w.Place("Carol") == (true, "3rd floor"), $"{floor.Name}'s page with the broker back", TimeSpan.FromSeconds(60));
        }
        Assert.Equal(1, Posts("arrived", "Alice", a, b));
        Assert.Equal(1, Posts("arrived", "Carol", a, b));
    }

    [Fact]
    public void ARaceWinnerKilledBeforeItJudgedPostsWhenBackThoughTheOtherFloorDeferredToIt()
    {
        using Floors floors = TwoFloors("bldgk", 174, awayAfter: "60s");
        Lab third = floors.Labs[1];
        using DaemonProcess a = floors.Start(0, "2nd floor");
        using DaemonProcess b = floors.Start(1, "3rd floor");
        BothUp(a, b, third);

        // Alice is seen on both floors; the 2nd, the race's winner, is killed before it judged.
        DeferredToTheSecondFloorKilledOwing(floors, a, b);
        Assert.Contains("\"state\":\"elsewhere\",\"owner\":\"2nd-floor\"", floors.Broker.Retained($"{Building}/3rd-floor/person/alice/change").Values.Single());

        // Back, the 2nd floor finds Alice in on the 3rd floor, retained, and the 3rd floor's record that it counts
        // on the 2nd to post her arrival: it posts it, once. Had its restart taken longer than a race window after
        // its last will (a loaded machine), the 3rd floor takes the post over instead: either way, exactly one post.
        using DaemonProcess again = floors.Start(0, "2nd floor");
        (string state, _) = Settled(again, "arrived", "Alice");
        if (state != "delivered")
        {
            Assert.Equal(("delivered", null), Settled(b, "arrived", "Alice"));
        }
        Assert.Equal(1, Posts("arrived", "Alice", again, b));
        Assert.Equal(0, again.Stop().ExitCode);
        Assert.Equal(0, b.Stop().ExitCode);
    }

    [Fact]
    public void AFloorThatSeesHerAfterTheOwnerDiedHoldingItsPostPostsItAndTheOwnerBackDoesNot()
    {
        using Floors floors = TwoFloors("bldgm", 176, awayAfter: "60s");
        (Lab second, Lab third) = (floors.Labs[0], floors.Labs[1]);
        using DaemonProcess a = floors.Start(0, "2nd floor");
        using DaemonProcess b = floors.Start(1, "3rd floor");
        BothUp(a, b, third);

        // Alice arrives on the 2nd floor alone, which tells the building it owes her arrival's post, and is killed
        // while that post waits for the race window.
        using NetnsProcess records = floors.Broker.Subscribe($"{Building}/2nd-floor/person/alice/change");
        second.Do("join", "d2");
        LoggedEvent arrived = a.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(30), "Alice's arrival on the 2nd floor");
        records.WaitForLines(l => l.Contains("\"kind\":\"arrived\"", StringComparison.Ordinal) && l.Contains("\"state\":\"owed\"", StringComparison.Ordinal), 1,
            TimeSpan.FromSeconds(4), "the 2nd floor's record of Alice's arrival, owed");
        a.Kill();
        Assert.Equal("pending", Announcements(a).Single(e => e is { Kind: "arrived", Person: "Alice" }).State);
        WaitFor(() => Who(third).Appliances.Single(x => x.Id == "2nd-floor") is { Online: false }, "the 2nd floor offline on the 3rd floor's page");

        // The 3rd floor sees her more than a race window later, while the dead floor's people still count in: that
        // floor's arrival was owed, never posted, so this one is no walk. It is posted, by the 3rd floor.
        TimeSpan since = DateTimeOffset.UtcNow - arrived.At;
        if (since < TimeSpan.FromSeconds(7))
        {
            Thread.Sleep(TimeSpan.FromSeconds(7) - since);
        }
        third.Do("join", "d3");
        Assert.Equal(("delivered", null), Settled(b, "arrived", "Alice"));

        // Back, the 2nd floor finds her arrival posted by the 3rd floor: its own is not posted a second time.
        using DaemonProcess again = floors.Start(0, "2nd floor");
        Assert.Equal(("dropped", "already in the building, on 3rd floor"), Settled(again, "arrived", "Alice"));
        Assert.Equal(1, Posts("arrived", "Alice", again, b));
        Assert.Equal(0, again.Stop().ExitCode);
        Assert.Equal(0, b.Stop().ExitCode);
    }

    [Fact]
    public void TheFloorThatDeferredToARaceWinnerKilledForGoodPostsItOnce()
    {
        using Floors floors = TwoFloors("bldgq", 178, awayAfter: "60s");
        Lab third = floors.Labs[1];
        using DaemonProcess a = floors.Start(0, "2nd floor");
        using DaemonProcess b = floors.Start(1, "3rd floor");
        BothUp(a, b, third);

        // Alice is seen on both floors; the 2nd, the race's winner, is killed before it judged, and is not started again.
        DeferredToTheSecondFloorKilledOwing(floors, a, b);

        // A race window after the 2nd floor's will, the 3rd floor takes the post over: once.
        WaitFor(() => Posts("arrived", "Alice", b) == 1, "Alice's arrival posted by the 3rd floor", TimeSpan.FromSeconds(30));
        b.WaitForLine(l => l.Contains("building: Alice's arrived at", StringComparison.Ordinal), TimeSpan.FromSeconds(1), "the 3rd floor's log line taking Alice's arrival over");
        Thread.Sleep(TimeSpan.FromSeconds(6));
        Assert.Equal(1, Posts("arrived", "Alice", a, b));
        Assert.Contains("\"state\":\"posted\"", floors.Broker.Retained($"{Building}/3rd-floor/person/alice/change").Values.Single());
        Assert.Equal(0, b.Stop().ExitCode);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>
    /// Alice is seen on the 3rd floor, then about two seconds later on the 2nd: one building arrival. The 3rd floor's
    /// window closes first and it defers to the 2nd (the smaller site id), which tells the building it owes her
    /// arrival's post (its record, heard with mosquitto_sub) and is killed with -9 before its own window closes: its
    /// arrival is still pending, in its store.
    /// </summary>
    private static void DeferredToTheSecondFloorKilledOwing(Floors floors, DaemonProcess a, DaemonProcess b)
    {
        (Lab second, Lab third) = (floors.Labs[0], floors.Labs[1]);
        using NetnsProcess records = floors.Broker.Subscribe($"{Building}/2nd-floor/person/alice/change");
        third.Do("join", "d3");
        b.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(30), "Alice's arrival on the 3rd floor");
        Thread.Sleep(TimeSpan.FromSeconds(1.5));
        second.Do("join", "d2");
        a.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(30), "Alice's arrival on the 2nd floor");
        records.WaitForLines(l => l.Contains("\"kind\":\"arrived\"", StringComparison.Ordinal) && l.Contains("\"state\":\"owed\"", StringComparison.Ordinal), 1,
            TimeSpan.FromSeconds(4), "the 2nd floor's record of Alice's arrival, owed");
        Assert.Equal(("dropped", "announced by 2nd floor"), Settled(b, "arrived", "Alice", seconds: 15, poll: 50));
        a.Kill();
        Assert.Equal("pending", Announcements(a).Single(e => e is { Kind: "arrived", Person: "Alice" }).State);
    }

    /// <summary>Both floors have swept once, and <paramref name="page"/>'s page shows both online.</summary>
    private static void BothUp(DaemonProcess second, DaemonProcess third, Lab page)
    {
        second.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(40), "the 2nd floor's first sweep");
        third.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(40), "the 3rd floor's first sweep");
        WaitFor(() => Who(page).Appliances.Count(x => x.Online) == 2, $"both floors online on {page.Name}'s page");
    }

    /// <summary>
    /// The 2nd floor (the broker's) and the 3rd: Bob (d1 on the 2nd), Alice (a phone seen on either floor: d2 on the
    /// 2nd, d3 on the 3rd) and Carol (d4 on the 3rd).
    /// </summary>
    private Floors TwoFloors(string name, int net, string awayAfter = "5s")
    {
        var floors = new Floors(_work, net, (name, 2), ($"{name[..^1]}{(char)(name[^1] + 1)}", 4)) { AwayAfter = awayAfter };
        (Lab second, Lab third) = (floors.Labs[0], floors.Labs[1]);
        floors.People = $$"""
            [
              { "name": "Bob", "devices": ["{{second["d1"].Mac}}"] },
              { "name": "Alice", "devices": ["{{second["d2"].Mac}}", "{{third["d3"].Mac}}"] },
              { "name": "Carol", "devices": ["{{third["d4"].Mac}}"] }
            ]
            """;
        return floors;
    }

    /// <summary>What became of the person's latest event of that kind, once it is no longer pending.</summary>
    /// <param name="poll">How often to look, in milliseconds: less than WaitFor's 250 when a test must act just after.</param>
    private static (string State, string? Detail) Settled(DaemonProcess daemon, string kind, string person, int seconds = 60, int poll = 250)
    {
        (string, string?)? settled = null;
        WaitFor(() =>
        {
            settled = Announcements(daemon).LastOrDefault(e => e.Kind == kind && e.Person == person) is { State: not "pending" and not null } e
                ? (e.State!, e.Detail) : null;
            return settled is not null;
        }, $"{person}'s {kind} settled", TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(poll));
        return settled!.Value;
    }

    private static int Posts(string kind, string person, params DaemonProcess[] floors) =>
        floors.SelectMany(Announcements).Count(e => e.Kind == kind && e.Person == person && e.State == "delivered");

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
            building.GetProperty("connected").GetBoolean(),
            building.GetProperty("alone").GetBoolean(),
            [.. building.GetProperty("appliances").EnumerateArray().Select(x => new ApplianceView(x.GetProperty("id").GetString()!, x.GetProperty("online").GetBoolean()))],
            building.GetProperty("people").EnumerateArray().ToDictionary(
                p => p.GetProperty("name").GetString()!, p => (p.GetProperty("in").GetBoolean(), p.GetProperty("place").GetString())));
    }

    private static (bool Connected, bool Alone) Flags(BuildingView view) => (view.Connected, view.Alone);

    /// <summary>The page itself, as served without JavaScript.</summary>
    private static string Page(Lab lab)
    {
        using HttpClient http = LabHttp.Client(lab.AppNamespace, new Uri("http://127.0.0.1:8090/"));
        return http.GetStringAsync("").GetAwaiter().GetResult();
    }

    /// <summary>The page's feed lines, oldest first.</summary>
    private static List<string> Feed(Lab lab)
    {
        using HttpClient http = LabHttp.Client(lab.AppNamespace, new Uri("http://127.0.0.1:8090/"));
        using JsonDocument json = JsonDocument.Parse(http.GetStringAsync("api/feed").GetAwaiter().GetResult());
        return [.. json.RootElement.GetProperty("entries").EnumerateArray().Select(l => l.GetProperty("text").GetString()!)];
    }

    private static void WaitFor(Func<bool> done, string what, TimeSpan? timeout = null, TimeSpan? poll = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!Try(done))
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                Assert.Fail($"no {what} within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s");
            }
            Thread.Sleep(poll ?? TimeSpan.FromMilliseconds(250));
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

    private sealed record BuildingView(bool Connected, bool Alone, IReadOnlyList<ApplianceView> Appliances, Dictionary<string, (bool In, string? Place)> People)
    {
        public (bool In, string? Place) Place(string person) => People[person];
    }

    /// <summary>
    /// Floors, each a lab of its own (floor i on 10.N+i.0.0/24), the broker on the first floor's appliance and a link
    /// from it to each other floor's appliance. The lab numbers its devices' MACs from 1 in every lab, so each phone is
    /// given an index of its own across the floors (a floor's lab has devices up to the highest index it uses).
    /// </summary>
    private sealed class Floors : IDisposable
    {
        private readonly string _work;
        private readonly int _net;
        private readonly List<NamespaceLink> _links = [];

        /// <param name="labs">Each floor's lab name and how many devices it has.</param>
        public Floors(string work, int net, params (string Name, int Devices)[] labs)
        {
            _work = work;
            _net = net;
            Labs = [.. labs.Select((lab, i) => Lab.Up(lab.Name, $"10.{net + i}.0.0/24", lab.Devices, "--down"))];
            for (int i = 1; i < Labs.Count; i++)
            {
                _links.Add(new NamespaceLink($"ffbld{i}", Labs[0].AppNamespace, BrokerAddress(i), Labs[i].AppNamespace, $"10.199.{net}.{(4 * i) - 2}"));
            }
            Broker = new Mosquitto(Labs[0], Path.Combine(work, "broker"), 18840, bind: "0.0.0.0");
        }

        public IReadOnlyList<Lab> Labs { get; }

        public Mosquitto Broker { get; }

        /// <summary>The people, as "name": ["MAC", ...] of devices in the floors' labs; set before any floor starts.</summary>
        public string People { get; set; } = "[]";

        /// <summary>How long a floor's people count in after its last sighting (or its will).</summary>
        public string AwayAfter { get; init; } = "5s";

        /// <summary>
        /// Floor <paramref name="floor"/>'s daemon, its page on 127.0.0.1:8090 in its namespace, announcing on the console.
        /// Started again, it finds its data as it left it.
        /// </summary>
        public DaemonProcess Start(int floor, string site, Dictionary<string, string>? environment = null)
        {
            Lab lab = Labs[floor];
            string path = Path.Combine(_work, $"{lab.Name}.json");
            File.WriteAllText(path, $$"""
                {
                  "site": { "name": "{{site}}" },
                  "network": { "interface": "lab0", "subnets": ["{{lab.Subnet}}"], "sweepInterval": "1s" },
                  "presence": { "awayAfter": "{{AwayAfter}}" },
                  "announce": { "aggregateWindow": "0s", "departures": true },
                  "people": {{People}},
                  "mqtt": { "broker": "mqtt://{{(floor == 0 ? "127.0.0.1" : BrokerAddress(floor))}}:18840", "building": "{{Building}}", "homeAssistant": true },
                  "status": { "listen": "127.0.0.1:8090" }
                }
                """);
            return DaemonProcess.Start(lab, path, Path.Combine(_work, $"data-{lab.Name}"), environment ?? []);
        }

        /// <summary>Where floor <paramref name="floor"/> (not the first) reaches the broker: the first floor's end of their link.</summary>
        private string BrokerAddress(int floor) => $"10.199.{_net}.{(4 * floor) - 3}";

        public void Dispose()
        {
            Broker.Dispose();
            _links.ForEach(l => l.Dispose());
            foreach (Lab lab in Labs.Reverse())
            {
                lab.Dispose();
            }
        }
    }

    /// <summary>A veth pair between two namespaces, one address each: how one floor's appliance reaches the broker on another's.</summary>
    private sealed class NamespaceLink : IDisposable
    {
        private readonly string _first;
        private readonly string _name;

        /// <param name="name">The pair's name: its ends are NAME0 in <paramref name="first"/> and NAME1 in <paramref name="second"/>.</param>
        public NamespaceLink(string name, string first, string firstAddress, string second, string secondAddress)
        {
            (_first, _name) = (first, name);
            Ok(Run.Program("ip", "link", "add", $"{name}0", "netns", first, "type", "veth", "peer", "name", $"{name}1", "netns", second));
            Ok(Run.Program("ip", "-n", first, "addr", "add", $"{firstAddress}/30", "dev", $"{name}0"));
            Ok(Run.Program("ip", "-n", second, "addr", "add", $"{secondAddress}/30", "dev", $"{name}1"));
            Ok(Run.Program("ip", "-n", first, "link", "set", $"{name}0", "up"));
            Ok(Run.Program("ip", "-n", second, "link", "set", $"{name}1", "up"));
        }

        public void Dispose() => Run.Program("ip", "-n", _first, "link", "del", $"{_name}0");

        private static void Ok(RunResult result) => Assert.True(result.ExitCode == 0, result.Stderr);
    }
}
