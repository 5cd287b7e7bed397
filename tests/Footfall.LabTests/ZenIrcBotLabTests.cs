using System.Text.Json;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// footfall as a ZenIRCBot service on a real redis-server, with redis-cli as the bot's side: it publishes on
/// "in" what the semantics service would, and listens on "out" where the bot would.
/// </summary>
public sealed class ZenIrcBotLabTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("footfall-zen-test.").FullName;

    [Fact]
    public void ItRegistersAnswersWhosInCommandsAndServicesAndSurvivesGarbage()
    {
        using Lab lab = Lab.Up("buszen", "10.146.0.0/24", 2, "--down");
        lab.Do("join", "d1");
        using var redis = new RedisServer(lab, Path.Combine(_work, "redis"), 16370, password: "Zen4Pass7Word");
        Assert.Equal("OK", redis.Cli("SET", "zenircbot:admin_spew_channels", "#admin").Stdout.Trim());
        using NetnsProcess bot = redis.Subscribe("out");
        using DaemonProcess daemon = DaemonProcess.Start(lab, WriteConfig(lab, redis.Port, "Zen4Pass7Word"), Path.Combine(_work, "data"));

        Assert.Equal(("#admin", "footfall online!"), Said(bot.WaitForLines(IsPrivmsg, 1, TimeSpan.FromSeconds(20), "the online message")[0]));
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Bob" }, TimeSpan.FromSeconds(30), "Bob's arrival");

        Ask(redis, "whosin", "carol", "#office");
        (string to, string message) = Said(bot.WaitForLines(IsPrivmsg, 2, TimeSpan.FromSeconds(10), "the answer to whosin")[1]);
        Assert.Equal("#office", to);
        Assert.Matches(@"^In now: Bob \(since \d\d:\d\d\)$", message);

        Ask(redis, "commands", "carol", "#office");
        Assert.Equal(("carol", "footfall: whosin - who is in the office now"), Said(bot.WaitForLines(IsPrivmsg, 3, TimeSpan.FromSeconds(10), "the command list")[2]));
        Ask(redis, "services", "carol", "carol");
        Assert.Equal(("carol", "footfall"), Said(bot.WaitForLines(IsPrivmsg, 4, TimeSpan.FromSeconds(10), "the service's name")[3]));

        // 1,000 malformed messages: not JSON, wrong versions, missing fields, a huge one.
        string[] garbage = ["not json", "{", "[]", "{\"version\":2,\"type\":\"directed_privmsg\",\"data\":{}}",
            "{\"version\":1,\"type\":\"directed_privmsg\"}", "{\"version\":1,\"type\":\"directed_privmsg\",\"data\":{\"message\":7}}", new string('x', 100_000)];
        string script = string.Join('\n', Enumerable.Range(0, 1000).Select(i => $"PUBLISH in {Quote(garbage[i % garbage.Length])}"));
        File.WriteAllText(Path.Combine(_work, "garbage.redis"), script + "\n");
        RunResult flood = Run.Program("sh", "-c", $"ip netns exec {lab.AppNamespace} redis-cli -h 127.0.0.1 -p {redis.Port} -a Zen4Pass7Word --no-auth-warning < {Path.Combine(_work, "garbage.redis")}");
        Assert.Equal(0, flood.ExitCode);
        Ask(redis, "who's in", "carol", "#office");
        Assert.Equal("#office", Said(bot.WaitForLines(IsPrivmsg, 5, TimeSpan.FromSeconds(20), "an answer after the garbage")[4]).To);
        Assert.True(daemon.Lines.Count(l => l.Contains("zenircbot: ignored a message")) >= 1000 - (1000 / garbage.Length), "every bad message has its debug line");
        Assert.DoesNotContain("Zen4Pass7Word", daemon.Output, StringComparison.Ordinal);
        Assert.Equal(0, daemon.Stop().ExitCode);
    }

    [Fact]
    public void AnArrivalIsSaidInTheChannel()
    {
        using Lab lab = Lab.Up("buszenan", "10.147.0.0/24", 2, "--down");
        lab.Do("join", "d1");
        using var redis = new RedisServer(lab, Path.Combine(_work, "redis"), 16371);
        using DaemonProcess daemon = DaemonProcess.Start(lab, WriteConfig(lab, redis.Port, null, extra: PlainArrivals), Path.Combine(_work, "data"));
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");
        using (NetnsProcess bot = redis.Subscribe("out"))
        {
            lab.Do("join", "d2");
            (string to, string message) = Said(bot.WaitForLines(l => l.Contains("Alice arrived"), 1, TimeSpan.FromSeconds(20), "Alice's announcement")[0]);
            Assert.Equal("#office", to);
            Assert.Matches(@"^Alice arrived\.$", message);
        }

        Assert.Equal(0, daemon.Stop().ExitCode);
    }

    [Fact]
    public void AnAnnouncementMadeWhileRedisIsDownIsSaidOnceWhenItIsBack()
    {
        using Lab lab = Lab.Up("buszenrs", "10.148.0.0/24", 2, "--down");
        lab.Do("join", "d1");
        using var redis = new RedisServer(lab, Path.Combine(_work, "redis"), 16372);
        using DaemonProcess daemon = DaemonProcess.Start(lab, WriteConfig(lab, redis.Port, null, extra: PlainArrivals), Path.Combine(_work, "data"));
        daemon.WaitForLine(l => l.Contains("zenircbot: connected"), TimeSpan.FromSeconds(30), "the connection");
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");

        redis.Stop();
        lab.Do("join", "d2");
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Alice" }, TimeSpan.FromSeconds(20), "Alice's arrival");
        Thread.Sleep(TimeSpan.FromSeconds(8));
        daemon.WaitForLine(l => l.Contains("zenircbot: cannot reach Redis"), TimeSpan.FromSeconds(5), "the line saying Redis is away");

        redis.Start();
        using NetnsProcess bot = redis.Subscribe("out");
        (string to, string message) = Said(bot.WaitForLines(l => l.Contains("Alice arrived"), 1, TimeSpan.FromSeconds(90), "Alice's announcement after the restart")[0]);
        Assert.Equal("#office", to);
        Assert.Matches(@"^Alice arrived\.$", message);
        Thread.Sleep(TimeSpan.FromSeconds(6)); // a round or two more: nothing is said twice
        Assert.Single(bot.Lines, l => l.Contains("Alice arrived"));
        Assert.Equal(0, daemon.Stop().ExitCode);
    }

    [Fact]
    public void WithAnXAccountTheChannelHearsThePostsWords()
    {
        using Lab lab = Lab.Up("buszenx", "10.146.1.0/24", 2, "--down");
        lab.Do("join", "d1");
        using Footfall.Testing.FakeX fake = Footfall.Testing.FakeX.Start(lab.AppNamespace, port: 18040);
        using var redis = new RedisServer(lab, Path.Combine(_work, "redis"), 16374);
        string x = $$"""
            "announce": { "aggregateWindow": "0s", "x": {
              "consumerKey": "{{Footfall.Testing.FakeX.ConsumerKey}}", "consumerSecret": "{{Footfall.Testing.FakeX.ConsumerSecret}}",
              "accessToken": "{{Footfall.Testing.FakeX.AccessToken}}", "accessTokenSecret": "{{Footfall.Testing.FakeX.AccessTokenSecret}}",
              "apiBaseUrl": "{{fake.BaseUrl}}", "clockSync": "system" } },
            """;
        using DaemonProcess daemon = DaemonProcess.Start(lab, WriteConfig(lab, redis.Port, null, extra: x), Path.Combine(_work, "data"));
        daemon.WaitForLine(l => l.Contains("first sweep done"), TimeSpan.FromSeconds(30), "first sweep");
        using NetnsProcess bot = redis.Subscribe("out");

        lab.Do("join", "d2");
        string posted = fake.WaitFor(r => r.Any(p => p.Status == 201), TimeSpan.FromSeconds(30), "the post on X").Single(p => p.Status == 201).Text!;
        Assert.Contains("Alice", posted);
        (string to, string said) = Said(bot.WaitForLines(l => l.Contains("Alice"), 1, TimeSpan.FromSeconds(20), "the announcement in the channel")[0]);
        Assert.Equal(("#office", posted), (to, said));
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.Single(bot.Lines, l => l.Contains("Alice"));
        Assert.Equal(0, daemon.Stop().ExitCode);
    }

    [Fact]
    public void AWrongRedisPasswordIsOneClearLineAndFootfallWorksOn()
    {
        using Lab lab = Lab.Up("buszenpw", "10.149.0.0/24", 1);
        using var redis = new RedisServer(lab, Path.Combine(_work, "redis"), 16373, password: "Right5Zen8Word");
        using DaemonProcess daemon = DaemonProcess.Start(lab, WriteConfig(lab, redis.Port, "Wrong2Zen6Word", people: 1), Path.Combine(_work, "data"));
        daemon.WaitForLine(l => l.Contains("refuses footfall's password"), TimeSpan.FromSeconds(20), "the clear line");
        daemon.WaitForEvent(e => e is { Kind: "arrived", Person: "Bob" }, TimeSpan.FromSeconds(30), "Bob's arrival: sweeping goes on");
        Thread.Sleep(TimeSpan.FromSeconds(5)); // more refused tries
        Assert.Single(daemon.Lines, l => l.Contains("refuses footfall's password"));
        Assert.DoesNotContain("Wrong2Zen6Word", daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Right5Zen8Word", daemon.Output, StringComparison.Ordinal);
        Assert.Equal(0, daemon.Stop().ExitCode);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static bool IsPrivmsg(string line) => line.StartsWith("{\"version\":1,\"type\":\"privmsg\"", StringComparison.Ordinal);

    private static (string To, string Message) Said(string line)
    {
        using JsonDocument envelope = JsonDocument.Parse(line);
        JsonElement data = envelope.RootElement.GetProperty("data");
        return (data.GetProperty("to").GetString()!, data.GetProperty("message").GetString()!);
    }

    /// <summary>What the semantics service publishes on "in" for "footfall: words".</summary>
    private static void Ask(RedisServer redis, string words, string sender, string channel)
    {
        string message = JsonSerializer.Serialize(new SortedDictionary<string, object>
        {
            ["version"] = 1,
            ["type"] = "directed_privmsg",
            ["data"] = new SortedDictionary<string, string> { ["channel"] = channel, ["message"] = words, ["raw_message"] = "footfall: " + words, ["sender"] = sender },
        });
        Assert.Equal(0, redis.Cli("PUBLISH", "in", message).ExitCode);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>
    /// Without X the channel hears the console announcer's post: one template for every part of the day and no
    /// aggregation window, so the words are known and said at once.
    /// </summary>
    private const string PlainArrivals = """
        "announce": { "aggregateWindow": "0s", "messages": {
          "night": ["{name} arrived."], "morning": ["{name} arrived."], "noon": ["{name} arrived."],
          "afternoon": ["{name} arrived."], "evening": ["{name} arrived."] } },
        """;

    private string WriteConfig(Lab lab, int port, string? password, int people = 2, string extra = "")
    {
        string path = Path.Combine(_work, "footfall.json");
        string auth = password is null ? "" : $":{password}@";
        File.WriteAllText(path, $$"""
            {
              "site": { "name": "Zen lab" },
              "network": { "interface": "lab0", "subnets": ["{{lab.Subnet}}"], "sweepInterval": "2s" },
              "presence": { "awayAfter": "5m" },
              "people": [
                { "name": "Bob", "devices": ["{{lab["d1"].Mac}}"] }{{(people > 1 ? $$""", { "name": "Alice", "devices": ["{{lab["d2"].Mac}}"] }""" : "")}}
              ],
              {{extra}}
              "zenircbot": { "redis": "redis://{{auth}}127.0.0.1:{{port}}/0", "channel": "#office", "announce": true }
            }
            """);
        return path;
    }
}
