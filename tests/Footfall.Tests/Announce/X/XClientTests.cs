using Footfall.Announce.X;
using Footfall.Config;
using Footfall.Testing;

namespace Footfall.Tests.Announce.X;

/// <summary>The X client against the fake X server on loopback, which checks every signature with the npm oauth-1.0a package.</summary>
public sealed class XClientTests : IDisposable
{
    private readonly FakeX _fake = FakeX.Start();

    public void Dispose() => _fake.Dispose();

    private static XSettings Settings(Uri baseUrl, string consumerSecret = FakeX.ConsumerSecret) =>
        new(new Secret(FakeX.ConsumerKey), new Secret(consumerSecret), new Secret(FakeX.AccessToken), new Secret(FakeX.AccessTokenSecret))
        {
            ApiBaseUrl = baseUrl,
        };

    private XClient Client(TimeSpan? timeout = null) => new(Settings(_fake.BaseUrl), TimeProvider.System, timeout);

    [Fact]
    public async Task APostIsSignedSoAnIndependentImplementationAcceptsIt()
    {
        using XClient client = Client();
        const string text = "Good morning, Zoë & Björn! 早上好 🎉 100% \"here\" = in; a+b/c?d";
        XResult result = await client.PostAsync(text, CancellationToken.None);
        Assert.Equal(XOutcome.Done, result.Outcome);
        FakeXRequest request = Assert.Single(_fake.Requests());
        Assert.True(request.Valid, request.Reason);
        Assert.Equal(("POST", "/2/tweets", text), (request.Method, request.Path, request.Text));
        Assert.Equal(request.Id, result.Id);
    }

    [Fact]
    public async Task TheSameTextTwiceIsADuplicate()
    {
        using XClient client = Client();
        Assert.Equal(XOutcome.Done, (await client.PostAsync("Alice is in.", CancellationToken.None)).Outcome);
        Assert.Equal(XOutcome.Duplicate, (await client.PostAsync("Alice is in.", CancellationToken.None)).Outcome);
        Assert.Single(_fake.Posts().Visible);
    }

    [Fact]
    public async Task DeleteAndUsersMeAreSignedToo()
    {
        using XClient client = Client();
        XResult posted = await client.PostAsync("Bob is in.", CancellationToken.None);
        Assert.Equal(XOutcome.Done, (await client.DeleteAsync(posted.Id!, CancellationToken.None)).Outcome);
        Assert.Equal(XOutcome.NotFound, (await client.DeleteAsync(posted.Id!, CancellationToken.None)).Outcome);
        XResult me = await client.MeAsync(CancellationToken.None);
        Assert.Equal((XOutcome.Done, "our_office"), (me.Outcome, me.Id));
        Assert.All(_fake.Requests(), r => Assert.True(r.Valid, r.Reason));
        Assert.Empty(_fake.Posts().Visible);
    }

    [Fact]
    public async Task AWrongSecretIsUnauthorizedAndTheResultNamesNoSecret()
    {
        using var client = new XClient(Settings(_fake.BaseUrl, consumerSecret: "cs-WRONG-SECRET-0000"), TimeProvider.System);
        XResult result = await client.PostAsync("Carol is in.", CancellationToken.None);
        Assert.Equal(XOutcome.Unauthorized, result.Outcome);
        Assert.Equal("signature does not match", Assert.Single(_fake.Requests()).Reason);
        Assert.DoesNotContain("SECRET", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitedAnswersSayWhenTheWindowResets()
    {
        _fake.SetMode("ratelimit", resetInSeconds: 30);
        using XClient client = Client();
        XResult result = await client.PostAsync("Dave is in.", CancellationToken.None);
        Assert.Equal(XOutcome.RateLimited, result.Outcome);
        Assert.InRange(result.ResetAt!.Value, DateTimeOffset.UtcNow.AddSeconds(20), DateTimeOffset.UtcNow.AddSeconds(31));
        Assert.Empty(_fake.Posts().Visible);
    }

    [Theory]
    [InlineData("error", "500 Internal Server Error")]
    [InlineData("down", "cannot reach")]
    [InlineData("hang", "no answer")]
    public async Task ServerTroubleIsTransient(string mode, string detail)
    {
        _fake.SetMode(mode);
        using XClient client = Client(TimeSpan.FromSeconds(1));
        XResult result = await client.PostAsync("Erin is in.", CancellationToken.None);
        Assert.Equal(XOutcome.Transient, result.Outcome);
        Assert.Contains(detail, result.Detail);
    }

    [Fact]
    public async Task NobodyListeningIsTransient()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new XClient(Settings(new Uri($"http://127.0.0.1:{port}")), TimeProvider.System);
        XResult result = await client.PostAsync("Frank is in.", CancellationToken.None);
        Assert.Equal(XOutcome.Transient, result.Outcome);
        Assert.Contains("cannot reach 127.0.0.1", result.Detail);
    }
}
