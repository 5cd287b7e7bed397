using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Footfall.Config;

namespace Footfall.Announce.X;

/// <summary>
/// The three calls footfall makes to X's API v2, each signed with OAuth 1.0a: post, delete, and who am I.
/// Every outcome, network failures included, comes back as an <see cref="XResult"/>; only cancellation
/// throws. Nothing here logs, and no credential is ever part of a result.
/// </summary>
public sealed class XClient : IDisposable
{
    /// <summary>X answers in well under a second; a request still open after this is treated as lost.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;
    private readonly OAuth1Signer _signer;
    private readonly Uri _base;
    private readonly TimeSpan _timeout;

    public XClient(XSettings settings, TimeProvider time, TimeSpan? requestTimeout = null)
    {
        _signer = new OAuth1Signer(
            settings.ConsumerKey.Reveal(), settings.ConsumerSecret.Reveal(),
            settings.AccessToken.Reveal(), settings.AccessTokenSecret.Reveal(), time);
        string baseUrl = settings.ApiBaseUrl.AbsoluteUri;
        _base = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        _timeout = requestTimeout ?? DefaultRequestTimeout;
        // A fresh connection after a minute: the Pi's network changes (DHCP, a new router) under long-lived sockets.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("footfall", "1"));
    }

    public Task<XResult> PostAsync(string text, CancellationToken cancellation)
    {
        string body = JsonSerializer.Serialize(new NewPost(text), XJsonContext.Default.NewPost);
        return SendAsync(HttpMethod.Post, "2/tweets", new StringContent(body, Encoding.UTF8, "application/json"), cancellation);
    }

    public Task<XResult> DeleteAsync(string postId, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Delete, $"2/tweets/{Uri.EscapeDataString(postId)}", null, cancellation);

    /// <summary>The account the credentials belong to; on success <see cref="XResult.Id"/> is its handle.</summary>
    public Task<XResult> MeAsync(CancellationToken cancellation) =>
        SendAsync(HttpMethod.Get, "2/users/me", null, cancellation);

    private async Task<XResult> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellation)
    {
        var url = new Uri(_base, path);
        using var request = new HttpRequestMessage(method, url) { Content = content };
        // A JSON body is never part of the signature; only the URL's query would be, and ours have none.
        request.Headers.TryAddWithoutValidation("Authorization", _signer.Authorize(method.Method, url));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(_timeout);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            string? reset = response.Headers.TryGetValues("x-rate-limit-reset", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
            return XAnswers.Classify(response.StatusCode, reset, body);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return XAnswers.NoAnswer($"no answer from {url.Host} within {_timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return XAnswers.NoAnswer($"cannot reach {url.Host}: {Describe(e)}");
        }
    }

    // HttpRequestException's message names the URL and its inner exception says why; the why is what helps.
    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "the name does not resolve (DNS)",
        HttpRequestError.ConnectionError => e.InnerException?.Message ?? "the connection failed",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed (is the clock right?)",
        _ => e.InnerException?.Message ?? e.Message,
    };

    public void Dispose() => _http.Dispose();
}
