using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>`footfall check-config FILE` on the published binary: exit 0 or 2, problems on stderr, secrets never shown. No lab, no root.</summary>
public sealed class CheckConfigCliTests : IDisposable
{
    private const string ConsumerKey = "Qx7ZkW9pLm2VbN4cRt5";
    private const string AccessTokenSecret = "Ey6Rt1Yu4Io7Pa0Sd3Fg9Hj";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("footfall-check-config-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TheDesignExampleIsValid()
    {
        string example = Path.Combine(Repo.Root, "config", "footfall.example.json");
        RunResult result = Run.Program(Repo.Footfall, "check-config", example);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{example}: valid", result.StdoutLines[0]);
        Assert.Contains("  Alice (she): 2 devices, LED on line 17", result.StdoutLines);
        Assert.Contains("site:      Our Office, time zone Europe/Amsterdam", result.StdoutLines);
    }

    [Fact]
    public void EveryProblemIsALineOnStderrAndTheExitCodeIsTwo()
    {
        string file = Write("bad.json", """
            {
              // typos, as people make them
              "site": { "name": "Our Office", "timeZone": "Europe/Amsterdm" },
              "people": [
                { "name": "Alice", "devices": ["3c:22:fb:00:00:01"], "led": 17 },
                { "name": "Bob", "devices": ["3c:22:fb:00:00:01", "3c:22:fb:00:02"], "led": 17 },
              ],
              "watchdog": { "timeout": "15 s" },
              "anounce": {}
            }
            """);
        RunResult result = Run.Program(Repo.Footfall, "check-config", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(
            [
                "site.timeZone: \"Europe/Amsterdm\" is not a known time zone: use an IANA name such as \"Europe/Amsterdam\" or \"UTC\"",
                "people[1].devices[0]: 3c:22:fb:00:00:01 is already listed at people[0].devices[0] (Alice): a device belongs to one person",
                "people[1].devices[1]: \"3c:22:fb:00:02\" is not a MAC address (six pairs of hex digits, such as \"3c:22:fb:00:00:01\")",
                "people[1].led: GPIO line 17 is already used by people[0].led (Alice)",
                "watchdog.timeout: \"15 s\" is not a duration such as \"15s\", \"10m\" or \"8h\"",
                "anounce: unknown key (did you mean \"announce\"?)",
            ],
            result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void SecretsAreMaskedWhenValid()
    {
        RunResult result = Run.Program(Repo.Footfall, "check-config", Write("x.json", WithSecrets($"\"{ConsumerKey}\"")));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  consumerKey:       ******** (19 characters)", result.StdoutLines);
        AssertNoSecret(result);
    }

    [Theory]
    [InlineData("\"Qx7ZkW9pLm2VbN4cRt5 \"", "announce.x.consumerKey: has spaces, line breaks or invisible characters in it: was it pasted with them?")]
    [InlineData("\"Qx7ZkW9pLm2VbN4cRt5", "(root): not valid JSON at line 1, column 62: expected ',' or a closing bracket after a value")]
    [InlineData("Qx7ZkW9pLm2VbN4cRt5", "(root): not valid JSON at line 1, column 39: expected a value: text in double quotes, a number, true, false, null, an object or an array")]
    [InlineData("tQx7ZkW9pLm2VbN4cRt5", "(root): not valid JSON at line 1, column 40: not a value: did you mean true, false or null? (text goes in double quotes)")]
    public void SecretsAreNeverEchoedInErrors(string consumerKey, string expected)
    {
        RunResult result = Run.Program(Repo.Footfall, "check-config", Write("x.json", WithSecrets(consumerKey)));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected + "\n", result.Stderr);
        AssertNoSecret(result);
    }

    [Fact]
    public void AMissingFileExitsTwo()
    {
        string missing = Path.Combine(_folder.FullName, "nosuch.json");
        RunResult result = Run.Program(Repo.Footfall, "check-config", missing);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"(file): {missing} does not exist\n", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void AFileOverTheLimitIsRefusedUnread()
    {
        string file = Path.Combine(_folder.FullName, "huge.json");
        using (FileStream stream = File.Create(file))
        {
            stream.SetLength(300 * 1024);
        }
        RunResult result = Run.Program(Repo.Footfall, "check-config", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"(file): {file} is 300 KiB; a configuration file may be at most 256 KiB\n", result.Stderr);
    }

    [Fact]
    public void WithoutAFileItIsBadUsage()
    {
        RunResult result = Run.Program(Repo.Footfall, "check-config");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("check-config", result.Stderr);
        RunResult empty = Run.Program(Repo.Footfall, "check-config", "");
        Assert.Equal((2, "(file): \"\" is not a file name\n"), (empty.ExitCode, empty.Stderr));
    }

    [Fact]
    public void HelpSaysWhatItDoes()
    {
        RunResult result = Run.Program(Repo.Footfall, "check-config", "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string expected in new[] { "FILE", "path: reason", "exit 2", "masked" })
        {
            Assert.Contains(expected, result.Stdout);
        }
    }

    private static string WithSecrets(string consumerKey) =>
        $$"""{ "announce": { "x": { "consumerKey": {{consumerKey}}, "consumerSecret": "s", "accessToken": "t", "accessTokenSecret": "{{AccessTokenSecret}}" } } }""";

    private static void AssertNoSecret(RunResult result)
    {
        foreach (string secret in new[] { ConsumerKey, AccessTokenSecret })
        {
            for (int i = 0; i + 6 <= secret.Length; i++)
            {
                Assert.DoesNotContain(secret.Substring(i, 6), result.Stdout);
                Assert.DoesNotContain(secret.Substring(i, 6), result.Stderr);
            }
        }
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
