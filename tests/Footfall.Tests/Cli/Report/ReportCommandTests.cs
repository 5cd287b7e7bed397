using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Footfall.Cli.Report;
using Footfall.PiHealth;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Tests.Store;
using Footfall.Tests.Support;

namespace Footfall.Tests.Cli.Report;

/// <summary>`footfall report` against a real database and a real configuration with awkward secrets.</summary>
public sealed class ReportCommandTests : IDisposable
{
    // Awkward on purpose: quotes and backslashes (escaped in JSON), non-ASCII (escaped as \uXXXX by default),
    // a person's name, a piece of ordinary words, and percent-encoded in an address.
    private const string Quoted = "q\"uo\\te";
    private const string Unicode = "pässwörd→ключ🔑";
    private const string Name = "Alice";
    private const string Piece = "tat";
    private const string Markup = "<&>'sl\\ash";
    private const string InAddress = "p@ss/w0rd";

    private static readonly string[] s_secrets = [Quoted, Unicode, Name, Piece, Markup, InAddress];

    private readonly TempDirectory _temp = new();

    public ReportCommandTests()
    {
        Directory.CreateDirectory(Data);
        File.WriteAllText(Config, $$"""
            {
              "site": { "name": "Report Office", "timeZone": "Europe/Amsterdam" },
              "network": { "interface": "lo" },
              "people": [
                { "name": "Alice", "devices": ["3c:22:fb:00:00:01"] },
                { "name": "Bob", "devices": ["3c:22:fb:00:00:03"] }
              ],
              "announce": { "x": {
                "consumerKey": {{JsonSerializer.Serialize(Quoted)}},
                "consumerSecret": "{{Unicode}}",
                "accessToken": "{{Name}}",
                "accessTokenSecret": "{{Piece}}",
                "apiBaseUrl": "http://127.0.0.1:1/",
                "clockSync": "system"
              } },
              "mqtt": { "broker": "mqtt://127.0.0.1:1", "username": "footfall", "password": {{JsonSerializer.Serialize(Markup)}} },
              "zenircbot": { "redis": "redis://:p%40ss%2Fw0rd@127.0.0.1:1/0", "channel": "#office" },
              "status": { "listen": "127.0.0.1:1" }
            }
            """);
        using FootfallStore store = FootfallStore.Open(Data, TimeProvider.System);
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        store.SyncPeople([StoreFixture.Alice, StoreFixture.Bob]);
        store.Commit(
            [new PresenceEvent(PresenceEventKind.Arrived, now.AddMinutes(-30), "Bob"), new PresenceEvent(PresenceEventKind.Arrived, now.AddMinutes(-20), "Alice")],
            [new PersonPresence("Bob", true, now.AddMinutes(-30), now), new PersonPresence("Alice", true, now.AddMinutes(-20), now)]);
        store.RecordDevices([new DeviceSeen(StoreFixture.Mac("3c:22:fb:00:00:03"), StoreFixture.Ip("192.0.2.7"), now, "Bob")]);
        store.RecordPiHealth(new PiReading(new Temperature(61_500), false), [new PiEpisode(PiEpisodeKind.UnderVoltage, now.AddDays(-40), now.AddDays(-40).AddSeconds(5), null)]);
    }

    private string Data => _temp.Combine("data");

    private string Config => _temp.Combine("footfall.json");

    private string Folder => _temp.Combine("report");

    public void Dispose() => _temp.Dispose();

    private async Task<string> Run()
    {
        using var stdout = new StringWriter();
        Assert.Equal(ExitCodes.Success, await ReportCommand.RunAsync(Folder, Config, Data, stdout));
        return stdout.ToString();
    }

    private string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));

    [Fact]
    public async Task NoSecretIsInAnyFileInAnyForm()
    {
        // What the image's script puts in first: a journal where a library wrote the secrets out.
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "journal-this-boot.txt"), string.Join("\n", s_secrets.SelectMany(Forms).Select(f => $"worker said: {f}!")));
        string said = await Run();

        string[] files = Directory.GetFiles(Folder, "*", SearchOption.AllDirectories);
        Assert.True(files.Length >= 12, string.Join(", ", files));
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            foreach (string form in s_secrets.SelectMany(Forms))
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) < 0, $"{Path.GetFileName(file)} holds {form}");
            }
        }
        Assert.Contains("journal-this-boot.txt", said, StringComparison.Ordinal);
        Assert.Contains("worker said: ********!", Read("journal-this-boot.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReportHoldsEachPart()
    {
        await Run();
        Assert.StartsWith($"footfall {BuildInfo.Version}", Read("version.txt"), StringComparison.Ordinal);
        using (JsonDocument config = JsonDocument.Parse(Read("config.json")))
        {
            Assert.Equal("Report Office", config.RootElement.GetProperty("site").GetProperty("name").GetString());
            Assert.Equal("redis://:********@127.0.0.1:1/0", config.RootElement.GetProperty("zenircbot").GetProperty("redis").GetString());
        }
        Assert.Contains("site:      Report Office, time zone Europe/Amsterdam", Read("config-summary.txt"), StringComparison.Ordinal);
        string database = Read("database.txt");
        Assert.Contains("integrity_check:\n  ok\n", database, StringComparison.Ordinal);
        Assert.Contains($"schema version: {Schema.LatestVersion}", database, StringComparison.Ordinal);
        using (JsonDocument who = JsonDocument.Parse(Read("who.json")))
        {
            JsonElement bob = who.RootElement.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Bob");
            Assert.True(bob.GetProperty("in").GetBoolean());
        }
        using (JsonDocument log = JsonDocument.Parse(Read("log.json")))
        {
            Assert.Equal(2, log.RootElement.GetProperty("events").GetArrayLength());
        }
        using (JsonDocument devices = JsonDocument.Parse(Read("devices.json")))
        {
            Assert.Equal("192.0.2.7", devices.RootElement.GetProperty("devices")[0].GetProperty("lastIp").GetString());
        }
        string[] feed = Read("feed.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(feed);
        Assert.All(feed, line => JsonDocument.Parse(line).Dispose());
        using (JsonDocument pi = JsonDocument.Parse(Read("pi.json")))
        {
            // Every episode kept, not only the last week's.
            JsonElement health = pi.RootElement.GetProperty("pi");
            Assert.Equal(1, health.GetProperty("underVoltageEpisodes").GetInt32());
            Assert.Equal(61.5, health.GetProperty("temperatureCelsius").GetDouble());
        }
        Assert.Contains("did not answer", Read("health.json"), StringComparison.Ordinal);
        string doctor = Read("doctor.txt");
        Assert.False(doctor.Contains("could not make", StringComparison.Ordinal), doctor);
        Assert.Contains("PROBLEM MQTT", doctor, StringComparison.Ordinal);
        Assert.Matches(@"\d+ problems?\.\n$", doctor);
        string readme = Read("README.txt");
        foreach (string name in new[] { "version.txt", "config.json", "database.txt", "who.json", "log.json", "devices.json", "feed.jsonl", "pi.json", "health.json", "doctor.txt" })
        {
            Assert.Contains($"\n{name}: ", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithoutADatabaseOrAConfigTheRestIsStillWritten()
    {
        using var stdout = new StringWriter();
        Assert.Equal(ExitCodes.Success, await ReportCommand.RunAsync(Folder, null, _temp.Combine("nowhere"), stdout));
        Assert.Contains("There is no database", Read("database.txt"), StringComparison.Ordinal);
        Assert.Contains("No configuration was given", Read("config.txt"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Folder, "doctor.txt")));
    }

    [Fact]
    public async Task ARejectedConfigIsStillMaskedAndItsProblemsListed()
    {
        File.WriteAllText(Config, """{ "people": 3, "mqtt": { "broker": "mqtt://127.0.0.1:1", "password": "Zq8Wv3Nb6Tt1" } }""");
        await Run();
        Assert.Contains("people", Read("config-problems.txt"), StringComparison.Ordinal);
        Assert.DoesNotContain("Zq8Wv3Nb6Tt1", Read("config.json"), StringComparison.Ordinal);
        Assert.All(Directory.GetFiles(Folder), f => Assert.DoesNotContain("Zq8Wv3Nb6Tt1", File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALinkInTheFolderIsRemovedNeverFollowed()
    {
        string outside = _temp.Combine("outside.txt");
        File.WriteAllText(outside, $"kept as it is: {Piece}");
        Directory.CreateDirectory(Folder);
        File.CreateSymbolicLink(Path.Combine(Folder, "link.txt"), outside);
        await Run();
        Assert.False(File.Exists(Path.Combine(Folder, "link.txt")));
        Assert.Equal($"kept as it is: {Piece}", File.ReadAllText(outside));
    }

    [Fact]
    public async Task AFolderThatIsALinkIsRefused()
    {
        string elsewhere = _temp.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateSymbolicLink(Folder, elsewhere);
        await Assert.ThrowsAsync<UsageException>(() => ReportCommand.RunAsync(Folder, Config, Data, TextWriter.Null));
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    private static IEnumerable<string> Forms(string secret) =>
    [
        secret,
        JsonEncodedText.Encode(secret).Value,
        JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value,
        Uri.EscapeDataString(secret),
    ];
}
