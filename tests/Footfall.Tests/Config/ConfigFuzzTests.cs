using System.Text;
using System.Text.Json.Nodes;
using Footfall.Cli;
using Footfall.Config;
using Footfall.Runtime;

namespace Footfall.Tests.Config;

/// <summary>
/// Whatever the bytes, the loader answers with settings or with errors, never an exception; errors are
/// single "path: reason" lines, and no secret leaks into them. Seeded, so a failure repeats.
/// </summary>
public class ConfigFuzzTests
{
    private static readonly string[] s_tokens =
    [
        "{", "}", "[", "]", ":", ",", "\"", " ", "\n", "\t", "0", "17", "-1", "1e999", "0.5", "true", "false", "null",
        "//", "/*", "*/", "\\", "\\u", "\\ud800", "é", "\u202e", "\"site\"", "\"people\"", "\"devices\"", "\"name\"",
        "\"led\"", "\"announce\"", "\"x\"", "\"messages\"", "\"3c:22:fb:00:00:01\"", "\"10s\"", "\"10.0.0.0/24\"",
        "\"consumerKey\"", "\"{name}\"", "\"Europe/Amsterdam\"",
    ];

    [Fact]
    public void RandomBytes()
    {
        var random = new Random(1001);
        for (int i = 0; i < 3000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 0)
            {
                bytes[0] = (byte)'{';
            }
            AssertAnswered(bytes);
        }
    }

    [Fact]
    public void RandomTokenSoup()
    {
        var random = new Random(1002);
        for (int i = 0; i < 3000; i++)
        {
            var text = new StringBuilder("{");
            int count = random.Next(0, 80);
            for (int t = 0; t < count; t++)
            {
                text.Append(s_tokens[random.Next(s_tokens.Length)]);
            }
            AssertAnswered(Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    [Fact]
    public void MutatedFiles()
    {
        var random = new Random(1003);
        byte[][] bases = [.. Bases().Select(text => Encoding.UTF8.GetBytes(text))];
        var verdicts = new HashSet<bool>();
        for (int i = 0; i < 6000; i++)
        {
            byte[] bytes = Mutate(bases[i % bases.Length], random, random.Next(1, 6));
            verdicts.Add(AssertAnswered(bytes).IsValid);
        }
        Assert.Equal([false, true], verdicts.Order());
    }

    [Fact]
    public void RandomValuesInPlaceOfGoodOnes()
    {
        var random = new Random(1004);
        string[] bases = [.. Bases()];
        var verdicts = new HashSet<bool>();
        for (int i = 0; i < 3000; i++)
        {
            JsonNode document = JsonNode.Parse(bases[i % bases.Length], documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
            int changes = random.Next(1, 4);
            for (int c = 0; c < changes; c++)
            {
                ChangeSomewhere(document, random);
            }
            verdicts.Add(AssertAnswered(Encoding.UTF8.GetBytes(document.ToJsonString())).IsValid);
        }
        Assert.Equal([false, true], verdicts.Order());
    }

    [Fact]
    public void CheckConfigAlwaysExitsZeroOrTwo()
    {
        var random = new Random(1005);
        string[] bases = [.. Bases()];
        string file = Path.GetTempFileName();
        try
        {
            for (int i = 0; i < 300; i++)
            {
                byte[] bytes = Mutate(Encoding.UTF8.GetBytes(bases[i % bases.Length]), random, random.Next(0, 4));
                File.WriteAllBytes(file, bytes);
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                int exitCode = CheckConfigCommand.Run(file, stdout, stderr);
                Assert.True(exitCode is ExitCodes.Success or ExitCodes.BadUsage, $"exit code {exitCode}");
                Assert.Equal(exitCode == ExitCodes.Success, stderr.ToString().Length == 0);
                Assert.Equal(exitCode == ExitCodes.BadUsage, stdout.ToString().Length == 0);
                TestSecrets.AssertNoSecretIn(stdout.ToString());
                TestSecrets.AssertNoSecretIn(stderr.ToString());
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Valid files with every section, and the distinctive secrets of TestSecrets.
    private static IEnumerable<string> Bases()
    {
        yield return TestSecrets.Config();
        foreach (string name in ConfigFiles.All().Where(n => ConfigFiles.VerdictOf(n) == ConfigFiles.Valid))
        {
            yield return WithTestSecrets(File.ReadAllText(ConfigFiles.PathOf(name)));
        }
        yield return WithTestSecrets(File.ReadAllText(ConfigFiles.Example));
    }

    private static string WithTestSecrets(string text)
    {
        JsonNode document = JsonNode.Parse(text, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        if (document["announce"]?["x"] is JsonObject x)
        {
            string[] keys = ["consumerKey", "consumerSecret", "accessToken", "accessTokenSecret"];
            for (int i = 0; i < keys.Length; i++)
            {
                x[keys[i]] = TestSecrets.Values[i];
            }
        }
        return document.ToJsonString(new() { WriteIndented = true });
    }

    private static byte[] Mutate(byte[] original, Random random, int mutations)
    {
        var bytes = new List<byte>(original);
        for (int m = 0; m < mutations && bytes.Count > 1; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.Insert(at, bytes[at]);
                    break;
                case 2:
                    int next = Math.Min(at + 1, bytes.Count - 1);
                    (bytes[at], bytes[next]) = (bytes[next], bytes[at]);
                    break;
                case 3:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(s_tokens[random.Next(s_tokens.Length)]));
                    break;
                default:
                    bytes[at] = (byte)random.Next(256);
                    break;
            }
        }
        return [.. bytes];
    }

    private static void ChangeSomewhere(JsonNode document, Random random)
    {
        // Walk down a random path, then replace, remove or add something there.
        JsonNode node = document;
        while (random.Next(4) != 0)
        {
            JsonNode? child = node switch
            {
                JsonObject o when o.Count > 0 => o.ElementAt(random.Next(o.Count)).Value,
                JsonArray a when a.Count > 0 => a[random.Next(a.Count)],
                _ => null,
            };
            if (child is null or JsonValue)
            {
                break;
            }
            node = child;
        }
        switch (node)
        {
            case JsonObject o when o.Count > 0 && random.Next(3) == 0:
                o.Remove(o.ElementAt(random.Next(o.Count)).Key);
                break;
            case JsonObject o when o.Count > 0 && random.Next(2) == 0:
                o[o.ElementAt(random.Next(o.Count)).Key] = RandomValue(random, 3);
                break;
            case JsonObject o:
                o[RandomText(random)] = RandomValue(random, 3);
                break;
            case JsonArray a when a.Count > 0 && random.Next(2) == 0:
                a[random.Next(a.Count)] = RandomValue(random, 3);
                break;
            case JsonArray a:
                a.Add(RandomValue(random, 3));
                break;
        }
    }

    private static JsonNode? RandomValue(Random random, int depth)
    {
        switch (random.Next(depth > 0 ? 8 : 6))
        {
            case 0:
                return null;
            case 1:
                return JsonValue.Create(random.Next(2) == 0);
            case 2:
                return JsonValue.Create(random.Next(5) switch { 0 => random.Next(-5, 600), 1 => int.MaxValue, 2 => -1L << 40, 3 => 17.5, _ => 1e300 });
            case 3:
            case 4:
            case 5:
                return JsonValue.Create(RandomText(random));
            case 6:
                var array = new JsonArray();
                for (int i = random.Next(4); i > 0; i--)
                {
                    array.Add(RandomValue(random, depth - 1));
                }
                return array;
            default:
                var obj = new JsonObject();
                for (int i = random.Next(4); i > 0; i--)
                {
                    obj[RandomText(random)] = RandomValue(random, depth - 1);
                }
                return obj;
        }
    }

    private static string RandomText(Random random) => random.Next(12) switch
    {
        0 => "",
        1 => $"{random.Next(256):x2}:22:fb:00:00:{random.Next(256):x2}",
        2 => $"{random.Next(100)}{"ms s m h d x".Split(' ')[random.Next(6)]}",
        3 => $"10.{random.Next(300)}.0.0/{random.Next(40)}",
        4 => new[] { "site", "name", "devices", "led", "status", "x", "messages", "morning", "subnets", "timeZone" }[random.Next(10)],
        5 => new[] { "Europe/Amsterdam", "UTC", "../../etc/passwd", "Mars/Olympus", "" }[random.Next(5)],
        6 => "{name} {pronoun} {nope}",
        7 => new string('x', random.Next(300)),
        8 => "line\nbreak\u0000\u202e\ud83d\ude00",
        9 => "https://api.x.com/" + random.Next(10),
        _ => Guid.NewGuid().ToString()[..random.Next(1, 20)],
    };

    private static ConfigLoadResult AssertAnswered(byte[] bytes)
    {
        ConfigLoadResult result = ConfigLoader.Parse(bytes);
        string input = Encoding.UTF8.GetString(bytes);
        Assert.True(result.IsValid == (result.Errors.Count == 0), $"settings and errors disagree for: {input}");
        Assert.True(result.IsValid == (result.Settings is not null), $"settings and errors disagree for: {input}");
        Assert.InRange(result.Errors.Count, 0, 101);
        foreach (ConfigError error in result.Errors)
        {
            string line = error.ToString();
            Assert.True(error.Path.Length > 0 && error.Reason.Length > 0, $"empty part in '{line}' for: {input}");
            Assert.False(line.AsSpan().ContainsAny("\r\n\0"), $"'{line}' is not one line, for: {input}");
            Assert.DoesNotContain("internal error", line);
            TestSecrets.AssertNoSecretIn(line);
        }
        return result;
    }
}
