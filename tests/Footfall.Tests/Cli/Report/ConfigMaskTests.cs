using System.Text;
using System.Text.Json;
using Footfall.Cli.Report;
using Footfall.Config;

namespace Footfall.Tests.Cli.Report;

public sealed class ConfigMaskTests
{
    private static (string? Masked, IReadOnlyList<string> Secrets) Apply(string json) => ConfigMask.Apply(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void CredentialsAreMaskedWhereverTheySitAndTheRestIsKept()
    {
        (string? masked, IReadOnlyList<string> secrets) = Apply("""
            // a comment, as people write
            {
              "site": { "name": "Café ☕" },
              "announce": { "x": { "consumerKey": "k\"ey", "ConsumerSecret": "s\\ecret", "accessToken": "tok", "accessTokenSecret": "tsec" } },
              "mqtt": { "broker": "mqtt://127.0.0.1", "username": "bob", "password": "pw", },
              "people": [ { "name": "Alice", "devices": ["3c:22:fb:00:00:01"] } ]
            }
            """);
        Assert.NotNull(masked);
        Assert.Equal(["k\"ey", "s\\ecret", "tok", "tsec", "pw"], secrets);
        using JsonDocument document = JsonDocument.Parse(masked);
        JsonElement x = document.RootElement.GetProperty("announce").GetProperty("x");
        foreach (JsonProperty key in x.EnumerateObject())
        {
            Assert.Equal(Secret.Mask, key.Value.GetString());
        }
        Assert.Equal(Secret.Mask, document.RootElement.GetProperty("mqtt").GetProperty("password").GetString());
        Assert.Equal("bob", document.RootElement.GetProperty("mqtt").GetProperty("username").GetString());
        Assert.Equal("Alice", document.RootElement.GetProperty("people")[0].GetProperty("name").GetString());
        Assert.Contains("Café ☕", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redis://:p%40ss@host:6379/0", "redis://:********@host:6379/0", "p%40ss", "p@ss")]
    [InlineData("mqtts://user:pw@host", "mqtts://user:********@host", "pw", "pw")]
    [InlineData("mqtt://a:b:c@d@host/x", "mqtt://a:********@host/x", "b:c@d", "b:c@d")]
    public void AnAddresssPasswordIsMasked(string address, string expected, string written, string decoded)
    {
        var secrets = new List<string>();
        Assert.Equal(expected, ConfigMask.MaskAddress(address, secrets));
        Assert.Equal([written, decoded], secrets);
    }

    [Theory]
    [InlineData("mqtt://host:1883")]
    [InlineData("mqtt://user@host")]
    [InlineData("just text: with a colon @ and at")]
    [InlineData("http://host/path?q=a:b@c")]
    public void AnAddressWithoutAPasswordIsLeftAlone(string text)
    {
        var secrets = new List<string>();
        Assert.Equal(text, ConfigMask.MaskAddress(text, secrets));
        Assert.Empty(secrets);
    }

    [Fact]
    public void ACredentialThatIsNotTextIsMaskedToo()
    {
        (string? masked, IReadOnlyList<string> secrets) = Apply("""{ "mqtt": { "password": 12345 } }""");
        Assert.DoesNotContain("12345", masked, StringComparison.Ordinal);
        Assert.Equal(["12345"], secrets);
    }

    [Fact]
    public void TextThatIsNotJsonIsNotIncluded()
    {
        (string? masked, IReadOnlyList<string> secrets) = Apply("{ \"announce\": { \"x\": { \"consumerKey\": \"abc\" ");
        Assert.Null(masked);
        Assert.Empty(secrets);
    }
}
