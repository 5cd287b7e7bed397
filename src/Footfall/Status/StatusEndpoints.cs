using System.Globalization;
using System.Net.ServerSentEvents;
using Footfall.Contracts;
using Footfall.Runtime;
using Footfall.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Footfall.Status;

/// <summary>The page's routes: the page, its live events, its embedded assets and the JSON API. GET and HEAD only.</summary>
internal static class StatusEndpoints
{
    private static readonly string[] s_read = ["GET", "HEAD"];

    public const int DefaultLogLimit = 50;
    public const int MaximumLogLimit = 1000;

    public static void Map(IEndpointRouteBuilder app, bool showDevices)
    {
        app.MapMethods("/", s_read, Page);
        app.MapMethods("/events", s_read, Events);
        app.MapMethods("/assets/{name}", s_read, Asset);
        RouteGroupBuilder api = app.MapGroup("/api");
        api.MapMethods("/who", s_read, Who);
        api.MapMethods("/log", s_read, Log);
        api.MapMethods("/health", s_read, Health);
        api.MapMethods("/feed", s_read, Feed);
        if (showDevices)
        {
            api.MapMethods("/devices", s_read, Devices);
        }
    }

    private static ContentHttpResult Page(StatusSources sources, LiveEvents live, HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        return TypedResults.Content(StatusPage.Render(StatusView.Read(sources, live.Feed)), "text/html; charset=utf-8");
    }

    private static ServerSentEventsResult<string> Events(LiveEvents live, HttpResponse response, CancellationToken aborted)
    {
        response.Headers.CacheControl = "no-store";
        return TypedResults.ServerSentEvents(live.Stream(aborted));
    }

    private static Results<FileContentHttpResult, NotFound> Asset(string name, HttpResponse response) =>
        StatusAssets.Find(name) is { } asset
            ? WithCache(TypedResults.File(asset.Content, asset.ContentType), response)
            : TypedResults.NotFound();

    private static Ok<WhoJson> Who(StatusSources sources) => TypedResults.Ok(sources.Who());

    /// <summary>Like `footfall log --json`: since is a duration (10m, 8h, 7d) as for the command, or an ISO 8601 time; limit as -n.</summary>
    private static Results<Ok<LogJson>, BadRequest<string>> Log(StatusSources sources, string? since, int? limit)
    {
        int n = limit ?? DefaultLogLimit;
        if (n is < 1 or > MaximumLogLimit)
        {
            return TypedResults.BadRequest($"limit must be from 1 to {MaximumLogLimit}, not {n}.");
        }
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (HumanDuration.TryParse(since, out TimeSpan window))
            {
                from = sources.Time.GetUtcNow() - window;
            }
            else if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
            {
                from = at;
            }
            else
            {
                return TypedResults.BadRequest("since must be a duration such as 10m, 8h or 7d, or a time such as 2026-11-28T09:00:00Z.");
            }
        }
        // MACs and IPs are the devices list in another form: only with status.showDevices.
        return TypedResults.Ok(StoreJson.Log(sources.Store.Log(n, from), showAddresses: sources.Settings.Status.ShowDevices));
    }

    /// <summary>The ambient feed's latest lines, oldest first, as the page's feed panel shows them.</summary>
    private static Ok<FeedJson> Feed(LiveEvents live) => TypedResults.Ok(new FeedJson(live.Feed.Lines));

    private static Ok<HealthJson> Health(StatusSources sources) => TypedResults.Ok(sources.HealthNow());

    private static Ok<DevicesJson> Devices(StatusSources sources) => TypedResults.Ok(StoreJson.Devices(sources.Store.Devices()));

    private static FileContentHttpResult WithCache(FileContentHttpResult file, HttpResponse response)
    {
        // Assets change only with the binary; a day is short enough for an update to show.
        response.Headers.CacheControl = "public, max-age=86400";
        return file;
    }
}
