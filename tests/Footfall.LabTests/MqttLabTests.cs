using System.Text.Json;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// footfall on a real mosquitto, checked with mosquitto_sub as an independent client: retained discovery and
/// state, an arrival's event, the last will, a broker that goes away, a wrong password, two sites on one broker.
/// The broker runs on the lab appliance's loopback, so the daemon in that namespace reaches it.
/// </summary>
public sealed class MqttLabTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("footfall-mqtt-test.").FullName;

    [Fact]
    public void AfterTheFirstSweepTheBrokerHoldsDiscoveryAndStateAndAnArrivalIsOneEvent()
    {
        using Lab lab = Lab.Up("busmqtt", "10.140.0.0/24", 2, "--down");
        lab.Do("join", "d1");
        using var broker = new Mosquitto(lab, Path.Combine(_work, "broker"), 18830);
        using NetnsProcess events = broker.Subscribe("footfall/lab-a/events");
        using DaemonProcess daemon = DaemonProcess.Start(lab, WriteConfig(lab, "Lab A", broker.Port), Path.Combine(_work, "data"));
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");

        // Bob's device is recorded a moment after the sweep's presence: his attributes follow.
        Dictionary<string, string> held = WaitForRetained(broker, "#", h => h.GetValueOrDefault("footfall/lab-a/person/alice/state") == "not_home"
            && h.GetValueOrDefault("footfall/lab-a/person/bob/attributes", "").Contains(lab["d1"].Mac), "Alice's state and Bob's device");
        Assert.Equal("online", held["footfall/lab-a/status"]);
        Assert.Equal("home", held["footfall/lab-a/person/bob/state"]);
        foreach ((string slug, string name) in new[] { ("bob", "Bob"), ("alice", "Alice") })
        {
            using JsonDocument config = JsonDocument.Parse(held[$"homeassistant/device_tracker/lab-a_{slug}/config"]);
            Assert.Equal(name, config.RootElement.GetProperty("name").GetString());
            Assert.Equal($"footfall/lab-a/person/{slug}/state", config.RootElement.GetProperty("state_topic").GetString());
            Assert.Equal("footfall/lab-a/status", config.RootElement.GetProperty("availability")[0].GetProperty("topic").GetString());
            using JsonDocument attributes = JsonDocument.Parse(held[$"footfall/lab-a/person/{slug}/attributes"]);
            Assert.Equal(1, attributes.RootElement.GetProperty("people_in").GetInt32());
        }
        using (JsonDocument bob = JsonDocument.Parse(held["footfall/lab-a/person/bob/attributes"]))
        {
            Assert.Equal(lab["d1"].Mac, bob.RootElement.GetProperty("device").GetString());
        }

        lab.Do("join", "d2");
        WaitForRetained(broker, "footfall/lab-a/person/alice/state", h => h.GetValueOrDefault("footfall/lab-a/person/alice/state") == "home", "Alice home");
        string arrival = Assert.Single(events.WaitForLines(l => l.Contains("\"person\":\"Alice\""), 1, TimeSpan.FromSeconds(10), "Alice's event"));
        using JsonDocument envelope = JsonDocument.Parse(arrival["footfall/lab-a/events ".Length..]);
        Assert.Equal(1, envelope.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("arrived", envelope.RootElement.GetProperty("type").GetString());
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.Single(events.Lines, l => l.Contains("\"person\":\"Alice\""));
        Assert.Equal(0, daemon.Stop().ExitCode);
        Assert.Equal("offline", broker.Retained("footfall/lab-a/status")["footfall/lab-a/status"]);
    }

    [Fact]
    public void KilledTheBrokerSaysOfflineForIt()
    {
        using Lab lab = Lab.Up("buskill", "10.141.0.0/24", 1);
        using var broker = new Mosquitto(lab, Path.Combine(_work, "broker"), 18831);
        using DaemonProcess daemon = DaemonProcess.Start(lab, WriteConfig(lab, "Lab A", broker.Port), Path.Combine(_work, "data"));
        WaitForRetained(broker, "footfall/lab-a/status", h => h.GetValueOrDefault("footfall/lab-a/status") == "online", "online");
        daemon.Kill();
        WaitForRetained(broker, "footfall/lab-a/status", h => h.GetValueOrDefault("footfall/lab-a/status") == "offline", "the last will");
    }

    [Fact]
    public void ABrokerAwayWhileSomeoneArrivesGetsTheStateAndTheEventOnceWhenBack()
    {
        using Lab lab = Lab.Up("busaway", "10.142.0.0/24", 2, "--down");
        lab.Do("join", "d1");
        using var broker = new Mosquitto(lab, Path.Combine(_work, "broker"), 18832);
        using DaemonProcess daemon = DaemonProcess.Start(lab, WriteConfig(lab, "Lab A", broker.Port), Path.Combine(_work, "data"));
        WaitForRetained(broker, "footfall/lab-a/person/alice/state", h => h.GetValueOrDefault("footfall/lab-a/person/alice/state") == "not_home", "Alice's state");

        // "A minute" in the issue, scaled down: 15 s is several reconnect attempts and a backoff of 8 s.
        broker.Stop();
        lab.Do("join", "d2");
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(20), "Alice's arrival");
        Thread.Sleep(TimeSpan.FromSeconds(15));
        Assert.Contains(daemon.Lines, l => l.Contains("mqtt: cannot reach the MQTT broker"));

        // The broker comes back empty (no persistence): everything retained must be published again.
        broker.Start();
        using NetnsProcess events = broker.Subscribe("footfall/lab-a/events");
        Thread.Sleep(500);
        WaitForRetained(broker, "#", h => h.GetValueOrDefault("footfall/lab-a/person/alice/state") == "home"
            && h.ContainsKey("homeassistant/device_tracker/lab-a_alice/config") && h.GetValueOrDefault("footfall/lab-a/status") == "online", "the state again", TimeSpan.FromSeconds(90));
        events.WaitForLines(l => l.Contains("\"person\":\"Alice\""), 1, TimeSpan.FromSeconds(10), "Alice's event");
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.Single(events.Lines, l => l.Contains("\"type\":\"arrived\"") && l.Contains("\"person\":\"Alice\""));
        Assert.True(daemon.Lines.Count(l => l.Contains("mqtt: cannot reach")) == 1, daemon.Output);
    }

    [Fact]
    public void AWrongPasswordIsOneClearLineAndFootfallWorksOn()
    {
        using Lab lab = Lab.Up("buspass", "10.143.0.0/24", 1);
        using var broker = new Mosquitto(lab, Path.Combine(_work, "broker"), 18833, user: "footfall", password: "Right7Pass9Word");
        string config = WriteConfig(lab, "Lab A", broker.Port, credentials: "\"username\": \"footfall\", \"password\": \"Wrong3Pass8Word\",");
        using DaemonProcess daemon = DaemonProcess.Start(lab, config, Path.Combine(_work, "data"));
        daemon.WaitForLine(l => l.Contains("refuses footfall's user name or password"), TimeSpan.FromSeconds(20), "the clear line");
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Bob" }, TimeSpan.FromSeconds(30), "Bob's arrival: sweeping goes on");
        Thread.Sleep(TimeSpan.FromSeconds(8)); // several more refused tries
        Assert.Single(daemon.Lines, l => l.Contains("refuses footfall's user name or password"));
        Assert.DoesNotContain("Wrong3Pass8Word", daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Right7Pass9Word", daemon.Output, StringComparison.Ordinal);
        Assert.Empty(broker.Retained("footfall/#"));
        Assert.Equal(0, daemon.Stop().ExitCode);
    }

    [Fact]
    public void TwoSitesOnOneBrokerKeepToTheirOwnTopics()
    {
        using Lab lab = Lab.Up("bustwo", "10.144.0.0/24", 1);
        using var broker = new Mosquitto(lab, Path.Combine(_work, "broker"), 18834);
        using DaemonProcess a = DaemonProcess.Start(lab, WriteConfig(lab, "Lab A", broker.Port, file: "a.json"), Path.Combine(_work, "data-a"));
        using DaemonProcess b = DaemonProcess.Start(lab, WriteConfig(lab, "Lab B", broker.Port, file: "b.json", people: """[{ "name": "Bob", "devices": ["02:00:00:00:00:99"] }]"""), Path.Combine(_work, "data-b"));
        Dictionary<string, string> held = WaitForRetained(broker, "#", h =>
            h.GetValueOrDefault("footfall/lab-a/person/bob/state") == "home" && h.GetValueOrDefault("footfall/lab-b/person/bob/state") == "not_home", "both sites' states");
        Assert.Equal("online", held["footfall/lab-a/status"]);
        Assert.Equal("online", held["footfall/lab-b/status"]);
        using JsonDocument configA = JsonDocument.Parse(held["homeassistant/device_tracker/lab-a_bob/config"]);
        using JsonDocument configB = JsonDocument.Parse(held["homeassistant/device_tracker/lab-b_bob/config"]);
        Assert.NotEqual(configA.RootElement.GetProperty("unique_id").GetString(), configB.RootElement.GetProperty("unique_id").GetString());
        Assert.Equal("footfall/lab-b/status", configB.RootElement.GetProperty("availability")[0].GetProperty("topic").GetString());
        Assert.Equal(0, b.Stop().ExitCode);
        held = broker.Retained("#");
        Assert.Equal("offline", held["footfall/lab-b/status"]);
        Assert.Equal("online", held["footfall/lab-a/status"]);
        Assert.Equal("home", held["footfall/lab-a/person/bob/state"]);
    }

    [Fact]
    public void APersonRemovedFromTheConfigLosesTheirEntity()
    {
        using Lab lab = Lab.Up("busgone", "10.145.0.0/24", 2);
        using var broker = new Mosquitto(lab, Path.Combine(_work, "broker"), 18835);
        string data = Path.Combine(_work, "data");
        using (DaemonProcess first = DaemonProcess.Start(lab, WriteConfig(lab, "Lab A", broker.Port), data))
        {
            WaitForRetained(broker, "#", h => h.ContainsKey("homeassistant/device_tracker/lab-a_alice/config") && h.ContainsKey("footfall/lab-a/person/alice/state"), "Alice's entity");
            Assert.Equal(0, first.Stop().ExitCode);
        }
        string withoutAlice = WriteConfig(lab, "Lab A", broker.Port, people: $$"""[{ "name": "Bob", "devices": ["{{lab["d1"].Mac}}"] }]""");
        using DaemonProcess second = DaemonProcess.Start(lab, withoutAlice, data);
        Dictionary<string, string> held = WaitForRetained(broker, "#", h => !h.ContainsKey("homeassistant/device_tracker/lab-a_alice/config")
            && h.GetValueOrDefault("footfall/lab-a/status") == "online", "Alice's entity removed");
        Assert.False(held.ContainsKey("footfall/lab-a/person/alice/state"));
        Assert.True(held.ContainsKey("homeassistant/device_tracker/lab-a_bob/config"));
        second.WaitForLine(l => l.Contains("removing the Home Assistant entity lab-a_alice"), TimeSpan.FromSeconds(5), "the removal's line");

        // Home Assistant's birth message brings discovery and state again: a subscriber that got the retained
        // config on subscribing gets it a second time.
        using NetnsProcess configs = broker.Subscribe("homeassistant/device_tracker/+/config");
        configs.WaitForLines(l => l.StartsWith("homeassistant/device_tracker/lab-a_bob/config ", StringComparison.Ordinal), 1, TimeSpan.FromSeconds(10), "Bob's retained config");
        RunResult birth = Run.Program("ip", "netns", "exec", lab.AppNamespace, "mosquitto_pub", "-h", "127.0.0.1", "-p", broker.Port.ToString(), "-t", "homeassistant/status", "-m", "online");
        Assert.Equal(0, birth.ExitCode);
        second.WaitForLine(l => l.Contains("Home Assistant is online"), TimeSpan.FromSeconds(10), "the birth message heard");
        configs.WaitForLines(l => l.StartsWith("homeassistant/device_tracker/lab-a_bob/config ", StringComparison.Ordinal), 2, TimeSpan.FromSeconds(10), "Bob's config again");
        Assert.DoesNotContain(configs.Lines, l => l.Contains("lab-a_alice"));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static Dictionary<string, string> WaitForRetained(Mosquitto broker, string topic, Func<Dictionary<string, string>, bool> done, string what, TimeSpan? timeout = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Dictionary<string, string> held = broker.Retained(topic);
            if (done(held))
            {
                return held;
            }
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(40)))
            {
                Assert.Fail($"no {what} within {(timeout ?? TimeSpan.FromSeconds(40)).TotalSeconds} s; the broker holds:\n{string.Join('\n', held.Select(h => $"{h.Key} {h.Value}"))}");
            }
        }
    }

    private string WriteConfig(Lab lab, string site, int port, string credentials = "", string file = "footfall.json", string? people = null)
    {
        string path = Path.Combine(_work, file);
        people ??= $$"""
            [
                { "name": "Bob", "devices": ["{{lab["d1"].Mac}}"] }{{(lab.Devices.Count > 1 ? $$""", { "name": "Alice", "devices": ["{{lab["d2"].Mac}}"] }""" : "")}}
            ]
            """;
        File.WriteAllText(path, $$"""
            {
              "site": { "name": "{{site}}" },
              "network": { "interface": "lab0", "subnets": ["{{lab.Subnet}}"], "sweepInterval": "2s" },
              "presence": { "awayAfter": "5m" },
              "people": {{people}},
              "mqtt": { "broker": "mqtt://127.0.0.1:{{port}}", {{credentials}} "homeAssistant": true }
            }
            """);
        return path;
    }
}
