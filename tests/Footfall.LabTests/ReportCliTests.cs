using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Footfall.LabTests.Support;
using Footfall.Presence;
using Footfall.Store;
using static Footfall.LabTests.Support.FootfallCli;

namespace Footfall.LabTests;

/// <summary>
/// `footfall report` on the published binary (native AOT): a real database, a real configuration with awkward
/// secrets, and every file of the report searched for each of them in every form it could take.
/// </summary>
public sealed class ReportCliTests : IDisposable
{
    // A quote and a backslash, non-ASCII, a secret that is a person's name, one inside ordinary words, markup,
    // and one percent-encoded in an address.
    private static readonly string[] s_secrets = ["ck\"\\S3", "cs-ключ-🔑", "Alice", "tat", "<m&q>'", "p@ss/rd"];

    private readonly string _work = Directory.CreateTempSubdirectory("footfall-report-").FullName;

    public ReportCliTests()
    {
        Directory.CreateDirectory(Data);
        File.WriteAllText(Config, $$"""
            { "site": { "name": "Report Lab", "timeZone": "Europe/Amsterdam" },
              "people": [{ "name": "Alice", "devices": ["3c:22:fb:00:00:01"] }, { "name": "Bob", "devices": ["3c:22:fb:00:00:03"] }],
              "announce": { "x": { "consumerKey": {{JsonSerializer.Serialize(s_secrets[0])}}, "consumerSecret": "{{s_secrets[1]}}",
                "accessToken": "{{s_secrets[2]}}", "accessTokenSecret": "{{s_secrets[3]}}", "apiBaseUrl": "http://127.0.0.1:9/", "clockSync": "system" } },
              "mqtt": { "broker": "mqtt://127.0.0.1:9", "username": "footfall", "password": {{JsonSerializer.Serialize(s_secrets[4])}} },
              "zenircbot": { "redis": "redis://:p%40ss%2Frd@127.0.0.1:9/0", "channel": "#office" },
              "status": { "listen": "127.0.0.1:9" } }
            """);
        using FootfallStore store = FootfallStore.Open(Data, TimeProvider.System);
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        store.SyncPeople([new Person("Alice", null, [Mac("3c:22:fb:00:00:01")], null), new Person("Bob", null, [Mac("3c:22:fb:00:00:03")], null)]);
        store.Commit([new PresenceEvent(PresenceEventKind.Arrived, now.AddMinutes(-5), "Bob", Mac("3c:22:fb:00:00:03"), Ip("192.0.2.3"))],
            [new PersonPresence("Bob", true, now.AddMinutes(-5), now)]);
    }

    private string Data => Path.Combine(_work, "data");

    private string Config => Path.Combine(_work, "footfall.json");

    private string Folder => Path.Combine(_work, "report");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void EveryPartIsWrittenAndNoSecretIsInAnyFile()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "journal-this-boot.txt"), string.Join("\n", s_secrets.SelectMany(Forms)));
        RunResult result = Succeeded("report", Folder, "--config", Config, "--data", Data);
        Assert.Contains($"report: written to {Folder}", result.Stdout);

        string[] files = Directory.GetFiles(Folder);
        foreach (string name in new[] { "README.txt", "version.txt", "config.json", "config-summary.txt", "database.txt", "who.json", "log.json", "devices.json", "feed.jsonl", "pi.json", "health.json", "doctor.txt" })
        {
            Assert.Contains(Path.Combine(Folder, name), files);
        }
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            foreach (string form in s_secrets.SelectMany(Forms))
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) < 0, $"{Path.GetFileName(file)} holds {form}");
            }
        }
        Assert.Contains("integrity_check:\n  ok", File.ReadAllText(Path.Combine(Folder, "database.txt")));
        using JsonDocument log = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "log.json")));
        Assert.Equal("Bob", log.RootElement.GetProperty("events")[0].GetProperty("person").GetString());
        Assert.Contains("PROBLEM MQTT", File.ReadAllText(Path.Combine(Folder, "doctor.txt")));
    }

    [Fact]
    public void AFolderThatIsALinkIsBadUsageAndNothingIsWrittenThere()
    {
        string elsewhere = Directory.CreateDirectory(Path.Combine(_work, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(Folder, elsewhere);
        RunResult result = Invoke("report", Folder, "--config", Config, "--data", Data);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a file or a link", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    [Fact]
    public void HelpSaysWhatItWrites()
    {
        RunResult result = Succeeded("report", "--help");
        foreach (string expected in new[] { "DIR", "--config", "--data", "secrets masked", "integrity_check", "doctor" })
        {
            Assert.Contains(expected, result.Stdout);
        }
    }

    private static IEnumerable<string> Forms(string secret) =>
    [
        secret,
        JsonEncodedText.Encode(secret).Value,
        JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value,
        Uri.EscapeDataString(secret),
    ];
}
