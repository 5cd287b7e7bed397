using System.Globalization;

namespace Footfall.Config;

/// <summary>
/// Where a broker is (MQTT's, Redis'), read from an address such as "mqtt://host:1883" or
/// "redis://:password@host:6379/0". The password is a <see cref="Secret"/>; <see cref="ToString"/>
/// prints the address with it masked, so the whole record can go into a log line.
/// </summary>
public sealed record BrokerAddress(string Scheme, string Host, int Port, bool Tls)
{
    public string? Username { get; init; }

    public Secret? Password { get; init; }

    /// <summary>The path's number: the Redis database; 0 otherwise.</summary>
    public int Database { get; init; }

    public override string ToString()
    {
        string user = (Username, Password) switch
        {
            (null, null) => "",
            (_, null) => $"{Uri.EscapeDataString(Username!)}@",
            _ => $"{Uri.EscapeDataString(Username ?? "")}:{Secret.Mask}@",
        };
        string host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        string database = Scheme.StartsWith("redis", StringComparison.Ordinal) ? $"/{Database.ToString(CultureInfo.InvariantCulture)}" : "";
        return $"{Scheme}://{user}{host}:{Port.ToString(CultureInfo.InvariantCulture)}{database}";
    }

    /// <summary>
    /// Reads an address whose scheme is <paramref name="plain"/> or <paramref name="tls"/>. On failure,
    /// <paramref name="problem"/> says what is wrong without quoting the text (it may hold a password).
    /// </summary>
    public static BrokerAddress? TryParse(string text, string plain, string tls, int plainPort, int tlsPort, bool allowDatabase, out string problem)
    {
        problem = "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || (url.Scheme != plain && url.Scheme != tls) || url.Host.Length == 0)
        {
            problem = $"must be an address such as \"{plain}://host:{plainPort}\" (or \"{tls}://\" for TLS)";
            return null;
        }
        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            problem = "must not have a query or fragment";
            return null;
        }
        bool isTls = url.Scheme == tls;
        int database = 0;
        string path = url.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!allowDatabase || !int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out database) || database > 15)
            {
                problem = allowDatabase ? "has a path that is not a database number from 0 to 15 (\"/0\")" : "must not have a path";
                return null;
            }
        }
        string? username = null;
        Secret? password = null;
        if (url.UserInfo.Length > 0)
        {
            int colon = url.UserInfo.IndexOf(':');
            string user = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            username = user.Length > 0 ? user : null;
            if (colon >= 0)
            {
                password = new Secret(Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]));
            }
        }
        int port = url.IsDefaultPort || url.Port < 0 ? (isTls ? tlsPort : plainPort) : url.Port;
        return new BrokerAddress(url.Scheme, url.IdnHost.Trim('[', ']'), port, isTls) { Username = username, Password = password, Database = database };
    }
}
