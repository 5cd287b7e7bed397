using Footfall.Net;

namespace Footfall.LabTests.Support;

/// <summary>
/// The published binary run as a user runs it, with TZ=UTC so that local times are predictable; and the
/// addresses the tests seed databases with.
/// </summary>
public static class FootfallCli
{
    /// <summary>footfall with these arguments.</summary>
    public static RunResult Invoke(params string[] arguments) => Run.Program("env", ["TZ=UTC", Repo.Footfall, .. arguments]);

    /// <summary>Runs it and insists on exit 0 with nothing on stderr.</summary>
    public static RunResult Succeeded(params string[] arguments)
    {
        RunResult result = Invoke(arguments);
        Assert.True(result.ExitCode == 0, $"footfall {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stderr}");
        Assert.Equal("", result.Stderr);
        return result;
    }

    public static MacAddress Mac(string text) => MacAddress.TryParse(text, out MacAddress mac) ? mac : throw new ArgumentException(text);

    public static Ipv4Address Ip(string text) => Ipv4Address.TryParse(text, out Ipv4Address ip) ? ip : throw new ArgumentException(text);
}
