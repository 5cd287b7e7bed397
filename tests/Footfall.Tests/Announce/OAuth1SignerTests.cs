using System.Text.Json.Nodes;
using Footfall.Announce.X;
using Footfall.Tests.Support;

namespace Footfall.Tests.Announce;

/// <summary>The signer against the shared vectors (tests/vectors/oauth1.json): X's worked example and RFC 5849's, corrected.</summary>
public class OAuth1SignerTests
{
    private static readonly JsonNode s_vectors = LoadVectors();

    public static TheoryData<string> SignatureVectors()
    {
        var names = new TheoryData<string>();
        foreach (JsonNode? vector in s_vectors["signatures"]!.AsArray())
        {
            names.Add(vector!["name"]!.GetValue<string>());
        }
        return names;
    }

    [Theory]
    [MemberData(nameof(SignatureVectors))]
    public void SignaturesMatchThePublishedVectors(string name)
    {
        JsonNode vector = Vector(name);
        JsonNode inputs = vector["same_as"] is { } sameAs ? Vector(sameAs.GetValue<string>()) : vector;
        var url = new Uri(vector["url"]!.GetValue<string>());
        string method = inputs["method"]!.GetValue<string>();

        var parameters = new List<(string, string)>();
        parameters.AddRange(inputs["oauth"]!.AsObject().Select(p => (p.Key, p.Value!.GetValue<string>())));
        if (inputs["query"] is JsonArray query)
        {
            parameters.AddRange(Pairs(query));
            Assert.Empty(OAuth1Signer.QueryParameters(url));
        }
        else
        {
            url = new Uri($"{url}?{inputs["raw_query"]!.GetValue<string>()}");
        }
        parameters.AddRange(inputs["form"] is JsonArray form ? Pairs(form) : PercentEncoding.ParseForm(inputs["raw_form"]!.GetValue<string>()));
        parameters.AddRange(OAuth1Signer.QueryParameters(url));

        if (vector["parameter_string"] is { } expectedParameters)
        {
            Assert.Equal(expectedParameters.GetValue<string>(), OAuth1Signer.ParameterString(parameters));
        }
        string baseString = OAuth1Signer.BaseString(method, url, parameters);
        if (vector["base_string"] is { } expectedBase)
        {
            Assert.Equal(expectedBase.GetValue<string>(), baseString);
        }
        string signature = OAuth1Signer.Sign(baseString, inputs["consumer_secret"]!.GetValue<string>(), inputs["token_secret"]!.GetValue<string>());
        Assert.Equal(vector["signature"]!.GetValue<string>(), signature);
    }

    [Fact]
    public void PercentEncodingFollowsTheTable()
    {
        foreach (JsonNode? row in s_vectors["percent_encoding"]!.AsArray())
        {
            Assert.Equal(row![1]!.GetValue<string>(), PercentEncoding.Encode(row[0]!.GetValue<string>()));
        }
    }

    [Theory]
    [InlineData("HTTPS://API.X.COM:443/2/tweets?x=1#frag", "https://api.x.com/2/tweets")]
    [InlineData("http://Example.com:80/r", "http://example.com/r")]
    [InlineData("http://127.0.0.1:8123/2/tweets", "http://127.0.0.1:8123/2/tweets")]
    public void BaseUrlsAreNormalised(string url, string expected) => Assert.Equal(expected, OAuth1Signer.BaseUrl(new Uri(url)));

    [Fact]
    public void TheHeaderCarriesEveryOAuthValueEncodedAndATimestampFromTheClock()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var signer = new OAuth1Signer("key with space", "SECRET-consumer", "token", "SECRET-token", clock);
        string header = signer.Authorize("POST", new Uri("https://api.x.com/2/tweets"));

        Assert.StartsWith("OAuth ", header);
        Assert.Contains("oauth_consumer_key=\"key%20with%20space\"", header);
        Assert.Contains("oauth_timestamp=\"1800000000\"", header);
        Assert.Contains("oauth_signature_method=\"HMAC-SHA1\"", header);
        Assert.Matches("oauth_nonce=\"[0-9a-f]{32}\"", header);
        Assert.Matches("oauth_signature=\"[A-Za-z0-9%]+\"", header);
        Assert.DoesNotContain("SECRET", header);
        Assert.NotEqual(header, signer.Authorize("POST", new Uri("https://api.x.com/2/tweets")));
    }

    private static JsonNode Vector(string name) =>
        s_vectors["signatures"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == name)!;

    private static IEnumerable<(string, string)> Pairs(JsonArray pairs) =>
        pairs.Select(p => (p![0]!.GetValue<string>(), p[1]!.GetValue<string>()));

    private static JsonNode LoadVectors()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "tests", "vectors", "oauth1.json");
            if (File.Exists(path))
            {
                return JsonNode.Parse(File.ReadAllText(path))!;
            }
        }
        throw new FileNotFoundException("tests/vectors/oauth1.json was not found above the test assembly");
    }
}
