using System.Diagnostics;
using System.Text.Json;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// `footfall run` against the phone zoo (scripts/lab behave): sleeping, dozing, DHCP-joining, IPv6-chatty
/// and MAC-rotating phones, and an IP conflict, all with real packets. Each test that shows footfall
/// keeping someone in also shows, in the same lab, that the thing it relies on is what does it.
/// </summary>
public sealed class PhoneLabTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("footfall-phone-test.").FullName;

    [Fact]
    public void ASleepyPhoneIsWokenByTheDepartureCheckAndNotDeclaredGone()
    {
        using Lab lab = Lab.Up("phsleep", "10.160.0.0/24", 1);
        LabDevice phone = lab["d1"];
        lab.Behave(phone.Name, "sleepy", "--idle", "3", "--wake", "10");
        string config = WriteConfig(lab, "Alice", [phone.Mac], sweepInterval: "2s", awayAfter: "6s");
        using (DaemonProcess daemon = DaemonProcess.Start(lab, config, Path.Combine(_work, "woken")))
        {
            daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(20), "Alice's arrival");
            // Asleep after 3 s, so sweeps miss her: three departure checks (each after 6 s of silence) in 30 s.
            Thread.Sleep(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(daemon.Events(), e => e.Kind == "left");
            // Stopped first: arping listens on footfall's interface, so a phone's answer to footfall's own
            // unicast check would count as an answer to the probe.
            Assert.Equal(0, daemon.Stop().ExitCode);
            Assert.False(Probe.BroadcastArp(lab, phone.Ip), "the phone was asleep to sweeps all along");
        }

        // The same phone without the wake: the unicast ARP alone does not rouse it, and she is wrongly gone.
        lab.Behave(phone.Name, "sleepy", "--idle", "3", "--wake", "10");
        string noWake = WriteConfig(lab, "Alice", [phone.Mac], sweepInterval: "2s", awayAfter: "6s", presence: """, "wakeQueries": 0""");
        using DaemonProcess unwoken = DaemonProcess.Start(lab, noWake, Path.Combine(_work, "unwoken"));
        unwoken.WaitForEvent(e => e is { Kind: "left", Person: "Alice" }, TimeSpan.FromSeconds(40), "Alice's false departure without the wake");
    }

    [Fact]
    public void ADozingPhoneWithinAwayAfterStaysAndOneDozingLongerLeaves()
    {
        using Lab lab = Lab.Up("phdoze", "10.161.0.0/24", 2);
        // Alice's phone wakes every 11 s, Bob's every 43 s; awayAfter is 15 s.
        lab.Behave("d1", "dozing", "--quiet", "8", "--burst", "3", "--first", "1");
        lab.Behave("d2", "dozing", "--quiet", "40", "--burst", "3", "--first", "1");
        string config = WriteConfig(lab, "Alice", [lab["d1"].Mac], sweepInterval: "2s", awayAfter: "15s", bobMac: lab["d2"].Mac);
        using DaemonProcess daemon = DaemonProcess.Start(lab, config, Path.Combine(_work, "data"));
        var clock = Stopwatch.StartNew();
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(20), "Alice's arrival");
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Bob" }, TimeSpan.FromSeconds(20), "Bob's arrival");
        daemon.WaitForEvent(e => e is { Kind: "left", Person: "Bob" }, TimeSpan.FromSeconds(40), "Bob's departure (he dozes past awayAfter)");
        // At least three of Alice's quiet stretches.
        Thread.Sleep(TimeSpan.FromSeconds(35) - clock.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero);
        Assert.DoesNotContain(daemon.Events(), e => e is { Kind: "left", Person: "Alice" });
    }

    [Fact]
    public void ADhcpJoinersArrivalComesFromDhcpWithItsHostname()
    {
        using Lab lab = Lab.Up("phdhcp", "10.162.0.0/24", 2, "--down");
        lab.Do("join", "d1");
        LabDevice phone = lab["d2"];
        lab.Behave(phone.Name, "dhcp-joiner", "--hostname", "alice-iphone");
        // One sweep at start, the next a minute later: the arrival cannot come from a sweep.
        string config = WriteConfig(lab, "Alice", [phone.Mac], sweepInterval: "60s", awayAfter: "10m");
        string data = Path.Combine(_work, "data");
        using DaemonProcess daemon = DaemonProcess.Start(lab, config, data);
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");

        lab.Do("join", phone.Name);
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(20), "Alice's arrival");
        // Its first frame is the DHCP DISCOVER, before the device has an address: the arrival has none.
        JsonElement arrival = Json("log", data).GetProperty("events").EnumerateArray().Single(e => e.GetProperty("person").GetString() == "Alice");
        Assert.Equal(phone.Mac, arrival.GetProperty("mac").GetString());
        Assert.Equal(JsonValueKind.Null, arrival.GetProperty("ip").ValueKind);

        Assert.Equal(0, daemon.Stop().ExitCode);
        JsonElement device = Device(data, phone.Mac);
        Assert.Equal("alice-iphone", device.GetProperty("hostname").GetString());
        Assert.Equal("01:" + phone.Mac, device.GetProperty("clientId").GetString());
        Assert.Equal(phone.Ip, device.GetProperty("lastIp").GetString());
        string table = Run.Program(Repo.Footfall, "devices", "--data", data).Stdout;
        Assert.Contains("HOSTNAME", table);
        Assert.Contains("alice-iphone", table);
    }

    [Fact]
    public void AnIpv6ChattyDeviceIsKeptInWhileItsIpv4IsSilent()
    {
        using Lab lab = Lab.Up("ph6", "10.163.0.0/24", 2);
        lab.Behave("d1", "ipv6-chatty", "--every", "2");
        string config = WriteConfig(lab, "Alice", [lab["d1"].Mac], sweepInterval: "2s", awayAfter: "6s", bobMac: lab["d2"].Mac);
        using DaemonProcess daemon = DaemonProcess.Start(lab, config, Path.Combine(_work, "data"));
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(20), "Alice's arrival");
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Bob" }, TimeSpan.FromSeconds(20), "Bob's arrival");

        // Bob's device leaves and he is gone after 6 s and a check; Alice's never answers ARP and stays.
        lab.Do("leave", "d2");
        daemon.WaitForEvent(e => e is { Kind: "left", Person: "Bob" }, TimeSpan.FromSeconds(30), "Bob's departure");
        Thread.Sleep(TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(daemon.Events(), e => e is { Kind: "left", Person: "Alice" });
        Assert.False(Probe.BroadcastArp(lab, lab["d1"].Ip), "Alice's device was silent to ARP all along");
    }

    [Fact]
    public void ARotatorIsFlaggedAsProbablyItsOwnersAndWithHostnamesCountsForThem()
    {
        using Lab lab = Lab.Up("phrot", "10.164.0.0/24", 2, "--down");
        lab.Do("join", "d1");
        LabDevice phone = lab["d2"];
        lab.Behave(phone.Name, "rotator", "--hostname", "alices-iphone");
        string data = Path.Combine(_work, "flagged");
        using (DaemonProcess daemon = DaemonProcess.Start(lab, WriteConfig(lab, "Alice", [phone.Mac], "2s", "10m"), data))
        {
            daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");
            lab.Do("join", phone.Name);
            daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(20), "Alice's arrival");
            lab.Do("leave", phone.Name);
            lab.Do("join", phone.Name);
            string rotated = lab.List().Single(d => d.Name == phone.Name).Mac;
            Assert.NotEqual(phone.Mac, rotated);
            daemon.WaitForLine(l => l.Contains($"{rotated} is probably Alice's phone with a new private address"), TimeSpan.FromSeconds(20), "the log line");
            Thread.Sleep(TimeSpan.FromSeconds(3));
            Assert.Single(daemon.Lines, l => l.Contains("is probably Alice's phone"));
            Assert.Equal(0, daemon.Stop().ExitCode);

            string table = Run.Program(Repo.Footfall, "devices", "--data", data).Stdout;
            Assert.Contains(table.Split('\n'), l => l.StartsWith(rotated, StringComparison.Ordinal) && l.Contains("unknown") && l.Contains("probably Alice's phone with a new private address"));
            JsonElement device = Device(data, rotated);
            Assert.Equal("Alice", device.GetProperty("probablyOf").GetString());
            Assert.Equal(JsonValueKind.Null, device.GetProperty("owner").ValueKind);
        }

        // With people[].hostnames (the name in another case), the next private address counts for Alice.
        string counted = Path.Combine(_work, "counted");
        string config = WriteConfig(lab, "Alice", [phone.Mac], "2s", "10m", person: """, "hostnames": ["Alices-iPhone"]""");
        using DaemonProcess second = DaemonProcess.Start(lab, config, counted);
        second.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");
        lab.Do("leave", phone.Name);
        lab.Do("join", phone.Name);
        string third = lab.List().Single(d => d.Name == phone.Name).Mac;
        second.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(20), "Alice's arrival by hostname");
        second.WaitForLine(l => l.Contains($"{third} counts for Alice"), TimeSpan.FromSeconds(5), "the log line");
        Assert.Equal(0, second.Stop().ExitCode);
        JsonElement adopted = Device(counted, third);
        Assert.Equal("Alice", adopted.GetProperty("owner").GetString());
        Assert.True(adopted.GetProperty("ownerByHostname").GetBoolean());
    }

    [Fact]
    public void TwoMacsAnsweringForOneAddressAreOneConflictInTheLogAndShownByDevices()
    {
        using Lab lab = Lab.Up("phconf", "10.165.0.0/24", 2);
        LabDevice d1 = lab["d1"], d2 = lab["d2"];
        // d2 takes d1's address as well: both answer every sweep for it.
        RunResult added = Run.Program("ip", "netns", "exec", lab.DeviceNamespace("d2"), "ip", "addr", "add", $"{d1.Ip}/24", "dev", "eth0");
        Assert.True(added.ExitCode == 0, added.Stderr);
        string data = Path.Combine(_work, "data");
        using DaemonProcess daemon = DaemonProcess.Start(lab, WriteConfig(lab, "Alice", [d1.Mac], "1s", "10m"), data);
        daemon.WaitForLine(l => l.Contains($"IP conflict: {d1.Ip} is answered by both"), TimeSpan.FromSeconds(30), "the conflict");
        Thread.Sleep(TimeSpan.FromSeconds(5));
        Assert.Single(daemon.Lines, l => l.Contains("IP conflict"));
        Assert.Equal(0, daemon.Stop().ExitCode);

        Assert.Equal(d2.Mac, Device(data, d1.Mac).GetProperty("conflictWith").GetString());
        Assert.Contains($"IP conflict with {d1.Mac}", Run.Program(Repo.Footfall, "devices", "--data", data).Stdout);
    }

    /// <summary>One person with <paramref name="macs"/>, and Bob with <paramref name="bobMac"/> when given.</summary>
    private string WriteConfig(Lab lab, string name, string[] macs, string sweepInterval, string awayAfter,
        string? bobMac = null, string presence = "", string person = "")
    {
        string path = Path.Combine(_work, $"footfall-{Guid.NewGuid():N}.json");
        string bob = bobMac is null ? "" : $$""", { "name": "Bob", "devices": ["{{bobMac}}"] }""";
        File.WriteAllText(path, $$"""
            {
              "site": { "name": "Lab {{lab.Name}}" },
              "network": { "interface": "lab0", "subnets": ["{{lab.Subnet}}"], "sweepInterval": "{{sweepInterval}}" },
              "presence": { "awayAfter": "{{awayAfter}}"{{presence}} },
              "people": [
                { "name": "{{name}}", "devices": [{{string.Join(", ", macs.Select(m => $"\"{m}\""))}}]{{person}} }{{bob}}
              ]
            }
            """);
        return path;
    }

    private static JsonElement Json(string command, string data)
    {
        RunResult result = Run.Program(Repo.Footfall, command, "--data", data, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private static JsonElement Device(string data, string mac) =>
        Json("devices", data).GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("mac").GetString() == mac);

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
