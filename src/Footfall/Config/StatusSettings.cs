using System.Net;

namespace Footfall.Config;

/// <summary>The "status" section: the LAN status page that `footfall run` serves.</summary>
public sealed record StatusSettings
{
    /// <summary>A dev machine's default: only this machine can open the page, and no privileged port is needed.</summary>
    public static readonly IPEndPoint DevelopmentListen = new(IPAddress.Loopback, 8080);

    /// <summary>
    /// The environment variable through which a service manager sets the default when the file gives no
    /// "listen": the image's unit says 0.0.0.0:80 there. The file's own "listen" always wins.
    /// </summary>
    public const string ListenEnvironmentVariable = "FOOTFALL_STATUS_LISTEN";

    /// <summary>Where to listen, as the file says; null when it says nothing (see <see cref="ListenOrDefault"/>).</summary>
    public IPEndPoint? Listen { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Whether the page lists devices (MACs, visitors' phones included). Off unless asked for.</summary>
    public bool ShowDevices { get; init; }

    /// <summary>The file's address, else the service manager's default, else <see cref="DevelopmentListen"/>; an unusable default is ignored.</summary>
    public IPEndPoint ListenOrDefault(Func<string, string?> environment) =>
        Listen ?? (TryParseListen(environment(ListenEnvironmentVariable), out IPEndPoint? fromService) ? fromService : DevelopmentListen);

    /// <summary>
    /// Where people open the page, for links to it (Home Assistant's "visit device"): null without a page. Listening
    /// on every address means the LAN reaches it by the multicast DNS name, <paramref name="hostName"/>.local (the
    /// image answers footfall.local); a given address is used as it is.
    /// </summary>
    public Uri? PageUrl(Func<string, string?> environment, string hostName)
    {
        if (!Enabled)
        {
            return null;
        }
        IPEndPoint at = ListenOrDefault(environment);
        string host = at.Address.Equals(IPAddress.Any) || at.Address.Equals(IPAddress.IPv6Any)
            ? $"{hostName}.local"
            : at.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{at.Address}]" : at.Address.ToString();
        return new Uri(at.Port == 80 ? $"http://{host}/" : $"http://{host}:{at.Port}/");
    }

    /// <summary>"0.0.0.0:80", "127.0.0.1:8080", "[::]:80": an IP address and a port from 1 to 65535, both required.</summary>
    public static bool TryParseListen(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (text is null || text.Length > 64)
        {
            return false;
        }
        int colon = text.LastIndexOf(':');
        // IPEndPoint.TryParse takes "1.2.3.4" alone (port 0) and IPv6 without brackets: ask for a port explicitly.
        if (colon < 0 || (text.StartsWith('[') && text[colon - 1] != ']') || (!text.StartsWith('[') && text.IndexOf(':') != colon))
        {
            return false;
        }
        if (!IPEndPoint.TryParse(text, out IPEndPoint? parsed) || parsed.Port is < 1 or > 65535 || (parsed.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && parsed.Address.ScopeId != 0))
        {
            return false;
        }
        endPoint = parsed;
        return true;
    }
}
