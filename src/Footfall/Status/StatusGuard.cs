using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Footfall.Status;

/// <summary>
/// The page's rules before any endpoint runs: read-only (GET and HEAD, anything else 405), no path
/// tricks (dot segments, encoded slashes or dots, backslashes: 404), and on every response a strict
/// Content-Security-Policy, nosniff, no referrer and no framing.
/// </summary>
internal static class StatusGuard
{
    /// <summary>Only the page's own script, style and images; no inline code of any kind; nothing may frame it.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            headers.Allow = "GET, HEAD";
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        if (IsTrick(raw))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// True for a request target whose path is not plainly one of ours. Kestrel already removes dot
    /// segments before routing; refusing them here as well means no later change can let one through.
    /// </summary>
    public static bool IsTrick(string rawTarget)
    {
        int query = rawTarget.IndexOf('?');
        string path = query >= 0 ? rawTarget[..query] : rawTarget;
        return !path.StartsWith('/')
            || path.Contains("..", StringComparison.Ordinal)
            || path.Contains("//", StringComparison.Ordinal)
            || path.Contains('\\')
            || path.Contains("/.", StringComparison.Ordinal)
            || path.Contains('%');
    }
}
