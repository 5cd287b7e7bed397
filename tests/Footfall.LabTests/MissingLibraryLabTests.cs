using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// Each native library footfall loads, really hidden: the published binary runs in its own mount namespace
/// with /dev/null bind-mounted over the library's file, so the loader finds a file it cannot load, as on a
/// machine without it. Every command that needs it must say so in one line, name the package, and exit 1:
/// no stack trace, no abort. Root, for the mount namespace.
/// </summary>
public sealed class MissingLibraryLabTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("footfall-nolib-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void SweepWithoutLibpcapIsOneLineNamingThePackage()
    {
        // Its own network namespace too, with a veth: sweep needs an Ethernet interface to get as far as libpcap.
        RunResult result = Hidden(Libpcap(), network: true, "sweep", "--interface", "v0", "10.0.0.0/28");
        AssertOneLine(result, "libpcap.so.0.8 could not be loaded", PcapPackage());
    }

    [Fact]
    public void ReplayWithoutLibpcapIsOneLineNamingThePackage()
    {
        string config = Config("""{ "people": [{ "name": "Alice", "devices": ["3c:22:fb:00:00:01"] }] }""");
        string capture = Path.Combine(_work, "empty.pcap");
        // A pcap file header and no frames: libpcap is needed to read even that.
        File.WriteAllBytes(capture, [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0]);
        RunResult result = Hidden(Libpcap(), network: false, "replay", capture, "--config", config);
        AssertOneLine(result, "libpcap.so.0.8 could not be loaded", PcapPackage());
    }

    [Fact]
    public void StoreCommandsWithoutSqliteAreOneLineSayingWhereItBelongs()
    {
        string data = Path.Combine(_work, "data");
        Directory.CreateDirectory(data);
        File.WriteAllBytes(Path.Combine(data, "footfall.db"), []);
        string beside = Path.Combine(Path.GetDirectoryName(Repo.Footfall)!, "libe_sqlite3.so");
        foreach (string command in new[] { "who", "log", "devices", "feed" })
        {
            RunResult result = Hidden(beside, network: false, command, "--data", data);
            AssertOneLine(result, "libe_sqlite3.so could not be loaded", "beside the footfall binary");
        }
    }

    [Fact]
    public void LedsTestWithoutLibgpiodIsOneLineNamingThePackage()
    {
        // A chip file that exists, so that footfall gets as far as the library. On a machine without libgpiod
        // (Debian bookworm has none new enough) nothing needs hiding.
        string chip = Path.Combine(_work, "gpiochip0");
        File.WriteAllBytes(chip, []);
        string config = Config($$"""{ "people": [{ "name": "Alice", "devices": ["3c:22:fb:00:00:01"], "led": 17 }], "leds": { "chip": "{{chip}}" } }""");
        RunResult result = Hidden(LibraryPath("libgpiod.so.3"), network: false, "leds", "test", "--config", config);
        AssertOneLine(result, "libgpiod.so.3 could not be loaded", Codename() == "bookworm" ? "only libgpiod2" : "libgpiod3");
    }

    [Fact]
    public void RunWithoutLibpcapOrSqliteIsOneLineBeforeAnyWorkerStarts()
    {
        string config = Config("""{ "network": { "interface": "v0" }, "people": [{ "name": "Alice", "devices": ["3c:22:fb:00:00:01"] }] }""");
        string data = Path.Combine(_work, "run");
        string[] run = ["run", "--config", config, "--data", data, "--no-watchdog"];
        AssertOneLine(Hidden(Libpcap(), network: true, run), "libpcap.so.0.8 could not be loaded", PcapPackage());
        string beside = Path.Combine(Path.GetDirectoryName(Repo.Footfall)!, "libe_sqlite3.so");
        AssertOneLine(Hidden(beside, network: true, run), "libe_sqlite3.so could not be loaded", "beside the footfall binary");
    }

    [Fact]
    public void DoctorNamesEveryHiddenLibraryAndExitsOne()
    {
        RunResult result = Hidden(Libpcap(), network: false, "doctor");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"PROBLEM library libpcap.so.0.8: libpcap.so.0.8 could not be loaded: install Debian's {PcapPackage()}", result.Stdout);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
    }

    private static void AssertOneLine(RunResult result, string expected, string package)
    {
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}; stderr: {result.Stderr}");
        Assert.Equal("", result.Stdout);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"one line expected, got:\n{result.Stderr}");
        Assert.StartsWith("footfall: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.Contains(package, lines[0]);
    }

    /// <summary>footfall under `unshare -m` with /dev/null over <paramref name="library"/> (null: nothing to hide, it is not installed).</summary>
    private static RunResult Hidden(string? library, bool network, params string[] arguments)
    {
        Repo.RequireRoot();
        var script = new List<string> { "set -e" };
        if (network)
        {
            script.Add("ip link add v0 type veth peer name v1; ip link set v0 up; ip link set v1 up; ip addr add 10.0.0.1/28 dev v0");
        }
        if (library is not null)
        {
            script.Add("mount --bind /dev/null \"$1\"");
        }
        script.Add("shift; exec \"$@\"");
        string[] unshare = network ? ["-m", "-n"] : ["-m"];
        return Run.Program("unshare", [.. unshare, "sh", "-c", string.Join('\n', script), "sh", library ?? "-", Repo.Footfall, .. arguments]);
    }

    private string Config(string json)
    {
        string path = Path.Combine(_work, $"footfall-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Libpcap() => LibraryPath("libpcap.so.0.8") ?? throw new InvalidOperationException("libpcap is not installed here; the lab tests need it");

    /// <summary>Where the loader finds a soname (ldconfig's cache), as a real file; null when it is not installed.</summary>
    private static string? LibraryPath(string soname)
    {
        RunResult cache = Run.Program("ldconfig", "-p");
        string? line = cache.Stdout.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith(soname + " ", StringComparison.Ordinal) && l.Contains("x86-64"));
        return line is null ? null : new FileInfo(line[(line.LastIndexOf("=> ", StringComparison.Ordinal) + 3)..].Trim()).ResolveLinkTarget(returnFinalTarget: true)?.FullName
            ?? line[(line.LastIndexOf("=> ", StringComparison.Ordinal) + 3)..].Trim();
    }

    private static string? Codename() =>
        File.ReadAllLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("VERSION_CODENAME=", StringComparison.Ordinal))?["VERSION_CODENAME=".Length..].Trim('"');

    private static string PcapPackage() => Codename() is "bookworm" or "bullseye" ? "libpcap0.8" : "libpcap0.8t64";
}
