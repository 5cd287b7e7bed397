using Footfall.LabTests.Support;
using static Footfall.LabTests.Support.FootfallCli;

namespace Footfall.LabTests;

/// <summary>`footfall doctor` on the published binary: a line per check, the exit code, never a secret.</summary>
public sealed class DoctorCliTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("footfall-doctor-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void AnInterfaceThatDoesNotExistIsAProblemWithWhatToDo()
    {
        string config = Path.Combine(_work, "footfall.json");
        // Brokers on a closed port, X keys that must never be printed: every check has something to say.
        File.WriteAllText(config, """
            { "network": { "interface": "nosuch0" },
              "people": [{ "name": "Alice", "devices": ["3c:22:fb:00:00:01"] }],
              "announce": { "x": { "consumerKey": "ck-S3CRET-a", "consumerSecret": "cs-S3CRET-b", "accessToken": "at-S3CRET-c", "accessTokenSecret": "ats-S3CRET-d", "apiBaseUrl": "http://127.0.0.1:9/" } },
              "mqtt": { "broker": "mqtt://bob:mq-S3CRET-e@127.0.0.1:9", "topic": "footfall/office" },
              "zenircbot": { "redis": "redis://:rd-S3CRET-f@127.0.0.1:9", "channel": "#office" } }
            """);
        RunResult result = Invoke("doctor", "--config", config);
        Assert.Equal(1, result.ExitCode);
        string[] lines = result.StdoutLines;
        Assert.StartsWith("PROBLEM interface nosuch0: no such network interface: set network.interface to one this machine has (", lines[0]);
        Assert.Equal("skip    capture: no interface to capture on (above)", lines[1]);
        Assert.Contains("skip    GPIO: the config uses no GPIO line", lines);
        Assert.Contains(lines, l => l.StartsWith("PROBLEM X: X did not accept the credentials (http://127.0.0.1:9)", StringComparison.Ordinal));
        Assert.Contains("PROBLEM MQTT mqtt://127.0.0.1:9: Connection refused: check mqtt.broker and that the broker runs", lines);
        Assert.Contains("PROBLEM Redis redis://:********@127.0.0.1:9/0: cannot connect: check zenircbot.redis and that Redis runs", lines);
        Assert.Matches(@"^\d+ problems\.$", lines[^1]);
        // One line per check: twelve checks and the summary.
        Assert.Equal(13, lines.Length);
        Assert.DoesNotContain("S3CRET", result.Stdout + result.Stderr);
    }

    [Fact]
    public void ABadConfigIsBadUsage()
    {
        string config = Path.Combine(_work, "bad.json");
        File.WriteAllText(config, """{ "network": { "sweepInterval": "soon" } }""");
        RunResult result = Invoke("doctor", "--config", config);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("network.sweepInterval", result.Stderr);
    }

    [Fact]
    public void HelpAnswersTheQuestion()
    {
        RunResult result = Succeeded("doctor", "--help");
        foreach (string expected in new[] { "--config", "carrier", "CAP_NET_RAW", "libpcap", "watchdog", "not opened", "clock", "x verify", "MQTT", "Redis", "Exit 0" })
        {
            Assert.Contains(expected, result.Stdout);
        }
    }
}
