using System.Net;
using Footfall.Config;

namespace Footfall.Tests.Config;

public class StatusSettingsTests
{
    [Theory]
    [InlineData("0.0.0.0:80", "0.0.0.0:80")]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData("[::]:80", "[::]:80")]
    [InlineData("[::1]:18080", "[::1]:18080")]
    public void ListenTakesAnAddressAndAPort(string text, string expected)
    {
        Assert.True(StatusSettings.TryParseListen(text, out IPEndPoint? endPoint));
        Assert.Equal(expected, endPoint.ToString());
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData(":80")]
    [InlineData("localhost:80")]
    [InlineData("0.0.0.0:0")]
    [InlineData("0.0.0.0:65536")]
    [InlineData("::1")]
    [InlineData("::1:80")]
    [InlineData("[fe80::1%2]:80")]
    [InlineData("")]
    public void ListenRefusesAnythingElse(string text) => Assert.False(StatusSettings.TryParseListen(text, out _));

    [Fact]
    public void TheFileWinsThenTheServiceManagerThenTheDevelopmentDefault()
    {
        var fromFile = new StatusSettings { Listen = IPEndPoint.Parse("10.0.0.1:81") };
        var none = new StatusSettings();
        Func<string, string?> image = name => name == StatusSettings.ListenEnvironmentVariable ? "0.0.0.0:80" : null;
        Func<string, string?> broken = _ => "port eighty";

        Assert.Equal("10.0.0.1:81", fromFile.ListenOrDefault(image).ToString());
        Assert.Equal("0.0.0.0:80", none.ListenOrDefault(image).ToString());
        Assert.Equal("127.0.0.1:8080", none.ListenOrDefault(_ => null).ToString());
        Assert.Equal("127.0.0.1:8080", none.ListenOrDefault(broken).ToString());
    }

    [Fact]
    public void ThePageUrlUsesTheMulticastNameWhenListeningEverywhere()
    {
        Func<string, string?> image = name => name == StatusSettings.ListenEnvironmentVariable ? "0.0.0.0:80" : null;
        Assert.Equal("http://footfall.local/", new StatusSettings().PageUrl(image, "footfall")?.ToString());
        Assert.Equal("http://127.0.0.1:8080/", new StatusSettings().PageUrl(_ => null, "footfall")?.ToString());
        Assert.Equal("http://10.0.0.1:81/", new StatusSettings { Listen = IPEndPoint.Parse("10.0.0.1:81") }.PageUrl(image, "x")?.ToString());
        Assert.Equal("http://[fd00::1]:8080/", new StatusSettings { Listen = IPEndPoint.Parse("[fd00::1]:8080") }.PageUrl(image, "x")?.ToString());
        Assert.Null(new StatusSettings { Enabled = false }.PageUrl(image, "footfall"));
    }
}
