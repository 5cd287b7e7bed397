using System.Net;
using System.Net.Sockets;
using Footfall.Config;
using Footfall.Contracts;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Footfall.Status;

/// <summary>
/// The LAN status page on Kestrel, beside the daemon's workers: it reads, it never decides. If it cannot
/// listen (the port is taken, or privileged) it says so in one line and the daemon carries on without it.
/// </summary>
internal static class StatusServer
{
    // A Pi serves a wall screen and a few phones; past this a flood is refused rather than served slowly.
    private const int MaximumConnections = 100;

    private static readonly TimeSpan s_firstSweepWait = TimeSpan.FromSeconds(30);

    /// <summary>The page as `footfall run` serves it: unless status.enabled is false, on status.listen or the default.</summary>
    public static async Task RunAsync(FootfallSettings settings, string dataDirectory, PageInputs inputs, Log log, TimeProvider time, CancellationToken stopping)
    {
        if (!settings.Status.Enabled)
        {
            return;
        }
        IPEndPoint listen = settings.Status.ListenOrDefault(Environment.GetEnvironmentVariable);
        FootfallStore store;
        try
        {
            // Its own read-only connection: a page being read never holds up a commit.
            store = FootfallStore.OpenReadOnly(dataDirectory);
        }
        catch (StoreException e)
        {
            log.Warn($"status page: cannot read the database: {e.Message}; carrying on without the page");
            return;
        }
        using (store)
        {
            var sources = new StatusSources(store, settings, inputs, time.GetUtcNow(), time);
            await RunAsync(sources, listen, inputs.Committed, log, stopping).ConfigureAwait(false);
        }
    }

    private static async Task RunAsync(StatusSources sources, IPEndPoint listen, Broadcast<IReadOnlyList<PresenceEvent>> committed, Log log, CancellationToken stopping)
    {
        // The first sweep decides who was already in at the start (recorded, not announced): starting
        // Kestrel must not hold it up on a slow CPU, so the page comes up just after it (or after a while).
        await WaitForFirstSweepAsync(sources, stopping).ConfigureAwait(false);
        var live = new LiveEvents(sources, committed);
        WebApplication app = Build(sources, live, listen);
        try
        {
            try
            {
                await app.StartAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
            {
                string why = e.InnerException is SocketException { SocketErrorCode: SocketError.AccessDenied } || e is SocketException { SocketErrorCode: SocketError.AccessDenied }
                    ? "permission denied (a port below 1024 needs CAP_NET_BIND_SERVICE)"
                    : e.Message;
                log.Warn($"status page: cannot listen on {listen}: {why}; carrying on without the page");
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            log.Info($"status page on http://{Shown(listen)}/");
            await live.RunAsync(stopping).ConfigureAwait(false);
            // Browsers on /events would hold the stop open: they are cut after a moment.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await app.StopAsync(grace.Token).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task WaitForFirstSweepAsync(StatusSources sources, CancellationToken stopping)
    {
        long started = sources.Time.GetTimestamp();
        while (!sources.Board.FirstSweepDone && sources.Time.GetElapsedTime(started) < s_firstSweepWait && !stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), sources.Time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static WebApplication Build(StatusSources sources, LiveEvents live, IPEndPoint listen)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "footfall",
            // No appsettings.json from wherever footfall was started, no ASPNETCORE_ variables: footfall.json says it all.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        // footfall handles SIGTERM itself and stops the page last; the host must not race it.
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.AddSingleton(sources);
        builder.Services.AddSingleton(live);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, CliJson.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(1, StatusJson.Default);
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = MaximumConnections;
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Listen(listen);
        });
        WebApplication app = builder.Build();
        app.Use(StatusGuard.InvokeAsync);
        StatusEndpoints.Map(app, sources.Settings.Status.ShowDevices);
        return app;
    }

    /// <summary>"footfall.local" is what people type; the log says the address it listens on, with the brackets IPv6 needs.</summary>
    private static string Shown(IPEndPoint listen) => listen.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{listen.Address}]:{listen.Port}" : listen.ToString();

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
