using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Footfall.Announce.X;

/// <summary>
/// Signs requests with OAuth 1.0a HMAC-SHA1 (RFC 5849, as X documents it). The pure steps are public
/// and static so they can be checked against published vectors; <see cref="Authorize"/> adds a fresh
/// nonce and the timestamp from the <see cref="TimeProvider"/>. Query parameters and form-encoded
/// bodies are signed; a JSON body never is (the caller simply passes no body parameters).
/// </summary>
public sealed class OAuth1Signer
{
    private readonly string _consumerKey;
    private readonly string _consumerSecret;
    private readonly string _accessToken;
    private readonly string _accessTokenSecret;
    private readonly TimeProvider _time;

    public OAuth1Signer(string consumerKey, string consumerSecret, string accessToken, string accessTokenSecret, TimeProvider time)
    {
        _consumerKey = consumerKey;
        _consumerSecret = consumerSecret;
        _accessToken = accessToken;
        _accessTokenSecret = accessTokenSecret;
        _time = time;
    }

    /// <summary>The Authorization header value ("OAuth oauth_consumer_key=…") for one request.</summary>
    public string Authorize(string method, Uri url, IEnumerable<(string Name, string Value)>? formParameters = null)
    {
        var oauth = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = _consumerKey,
            ["oauth_nonce"] = NewNonce(),
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["oauth_token"] = _accessToken,
            ["oauth_version"] = "1.0",
        };
        var parameters = oauth.Select(p => (p.Key, p.Value)).Concat(QueryParameters(url)).Concat(formParameters ?? []);
        oauth["oauth_signature"] = Sign(BaseString(method, url, parameters), _consumerSecret, _accessTokenSecret);
        return "OAuth " + string.Join(", ", oauth.Select(p => $"{PercentEncoding.Encode(p.Key)}=\"{PercentEncoding.Encode(p.Value)}\""));
    }

    /// <summary>32 hex digits from a cryptographic RNG: unique per request, as X requires.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Scheme and host lowercased, default port dropped, query and fragment removed (RFC 5849 3.4.1.2).</summary>
    public static string BaseUrl(Uri url)
    {
        string scheme = url.Scheme.ToLowerInvariant();
        string host = url.Host.ToLowerInvariant();
        bool defaultPort = url.IsDefaultPort || (scheme == "http" && url.Port == 80) || (scheme == "https" && url.Port == 443);
        string port = defaultPort ? "" : ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        return $"{scheme}://{host}{port}{url.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped)}";
    }

    /// <summary>The query's parameters, decoded (they are re-encoded for the signature).</summary>
    public static IEnumerable<(string Name, string Value)> QueryParameters(Uri url) =>
        PercentEncoding.ParseForm(url.GetComponents(UriComponents.Query, UriFormat.UriEscaped));

    /// <summary>Parameters encoded, then sorted by encoded name and then value, joined with '=' and '&amp;' (RFC 5849 3.4.1.3.2).</summary>
    public static string ParameterString(IEnumerable<(string Name, string Value)> parameters) =>
        string.Join('&', parameters
            .Select(p => (Name: PercentEncoding.Encode(p.Name), Value: PercentEncoding.Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    /// <summary>METHOD&amp;enc(base URL)&amp;enc(parameter string).</summary>
    public static string BaseString(string method, Uri url, IEnumerable<(string Name, string Value)> parameters) =>
        $"{method.ToUpperInvariant()}&{PercentEncoding.Encode(BaseUrl(url))}&{PercentEncoding.Encode(ParameterString(parameters))}";

    /// <summary>Base64 of HMAC-SHA1 over the base string with the key enc(consumer secret)&amp;enc(token secret).</summary>
    public static string Sign(string baseString, string consumerSecret, string tokenSecret)
    {
        byte[] key = Encoding.UTF8.GetBytes($"{PercentEncoding.Encode(consumerSecret)}&{PercentEncoding.Encode(tokenSecret)}");
        return Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(baseString)));
    }
}
