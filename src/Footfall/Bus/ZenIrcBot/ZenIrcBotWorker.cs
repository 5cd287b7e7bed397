using Footfall.Config;
using Footfall.Runtime;
using Footfall.Store;
using StackExchange.Redis;

namespace Footfall.Bus.ZenIrcBot;

/// <summary>
/// footfall as a ZenIRCBot service on Redis: it says "footfall online!" to the admin spew channels, answers
/// whosin, commands and services from "in" on "out", and says each announcement in the channel, from its
/// own outbox rows, so a Redis that is away or restarts loses none. StackExchange.Redis reconnects (and
/// subscribes again) by itself; a wrong password is said once and shown as a health problem.
/// </summary>
public sealed class ZenIrcBotWorker : IWorker
{
    public const string WorkerName = "zenircbot";

    /// <summary>The health area of this bus's problems; the status LED shows them as "announcing failing".</summary>
    public const string HealthArea = HealthAreas.Announce + ":zenircbot";

    private const string AdminSpewKey = "zenircbot:admin_spew_channels";

    private static readonly RedisChannel s_in = RedisChannel.Literal("in");
    private static readonly RedisChannel s_out = RedisChannel.Literal("out");

    private readonly ZenIrcBotSettings _settings;
    private readonly FootfallSettings _all;
    private readonly IBusOutbox _store;
    private readonly OutboxPump _pump;
    private readonly BusProblem _problem;
    private readonly Log _log;
    private bool _saidOnline;

    public ZenIrcBotWorker(ZenIrcBotSettings settings, FootfallSettings all, BusContext bus)
    {
        _settings = settings;
        _all = all;
        _store = bus.Outbox;
        _pump = new OutboxPump(bus.Outbox, OutboxDestination.ZenIrcBot, bus.Bell, bus.Time);
        _problem = new BusProblem(WorkerName, HealthArea, bus.Health, bus.Log);
        _log = bus.Log;
    }

    public string Name => WorkerName;

    public async Task RunAsync(CancellationToken stopping)
    {
        ConfigurationOptions options = RedisOptions.For(_settings.Redis, ZenReplies.Service);
        // Keep trying in the background rather than fail: the bot's Redis may start after footfall.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 5_000;
        options.AsyncTimeout = 5_000;
        options.SyncTimeout = 5_000;
        options.ReconnectRetryPolicy = new ExponentialRetry(1_000, 60_000);
        // While disconnected a publish fails at once (the row stays pending) instead of waiting in a backlog
        // that could send it after we gave up on it: that would say it twice.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        using ConnectionMultiplexer redis = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        redis.ConnectionFailed += (_, e) => Failed(e.FailureType == ConnectionFailureType.AuthenticationFailure || IsRefusal(e.Exception));
        redis.ConnectionRestored += (_, _) => Restored();
        ISubscriber bus = redis.GetSubscriber();
        // Subscribing needs a connection; until there is one (Redis away, a wrong password) the worker waits
        // and tries again, rather than crash: a Redis problem must never stop footfall.
        ChannelMessageQueue? requests = null;
        Task answering = Task.CompletedTask;
        try
        {
            await _pump.RunAsync(async round =>
            {
                try
                {
                    if (requests is null)
                    {
                        requests = await bus.SubscribeAsync(s_in).ConfigureAwait(false);
                        answering = AnswerAsync(requests, bus, stopping);
                        _log.Info($"zenircbot: connected to {_settings.Redis}, listening on \"in\"");
                    }
                    await SayOnlineAsync(redis, bus).ConfigureAwait(false);
                    await AnnounceAsync(bus).ConfigureAwait(false);
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    // Not said now (Redis is away or refuses us): the rows stay pending for a later round.
                    Failed(IsRefusal(e));
                }
                return true;
            }, stopping).ConfigureAwait(false);
        }
        finally
        {
            if (requests is not null)
            {
                try
                {
                    await requests.UnsubscribeAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    // Gone already: nothing to undo.
                }
            }
            await answering.ConfigureAwait(false);
        }
    }

    /// <summary>Redis' answers to a missing or wrong password (AUTH, or the first command after it).</summary>
    private static bool IsRefusal(Exception? e) =>
        e is not null && (e.Message.Contains("NOAUTH", StringComparison.Ordinal) || e.Message.Contains("WRONGPASS", StringComparison.Ordinal)
            || e.Message.Contains("invalid password", StringComparison.OrdinalIgnoreCase) || IsRefusal(e.InnerException));

    /// <summary>register_commands' greeting, once per start, to the channels the bot names (if it names any).</summary>
    private async Task SayOnlineAsync(ConnectionMultiplexer redis, ISubscriber bus)
    {
        if (_saidOnline)
        {
            return;
        }
        RedisValue stored = await redis.GetDatabase().StringGetAsync(AdminSpewKey).ConfigureAwait(false);
        foreach (string channel in ZenReplies.AdminChannels(stored.IsNull ? null : stored.ToString()))
        {
            await bus.PublishAsync(s_out, new ZenPrivmsg(channel, ZenReplies.Online).Envelope()).ConfigureAwait(false);
        }
        _saidOnline = true;
    }

    /// <summary>The outbox's announcements in order, each said in the channel once it has its words.</summary>
    private async Task AnnounceAsync(ISubscriber bus)
    {
        var postsSaid = new HashSet<long>();
        await _pump.DrainAsync(async item =>
        {
            ZenAnnouncement next = ZenAnnouncement.For(item, postsSaid);
            switch (next.Step)
            {
                case ZenAnnounceStep.Wait:
                    return Delivery.Wait;
                case ZenAnnounceStep.Say:
                    await bus.PublishAsync(s_out, new ZenPrivmsg(_settings.Channel, next.Text!).Envelope()).ConfigureAwait(false);
                    return Delivery.Delivered($"said in {_settings.Channel}");
                case ZenAnnounceStep.AlreadySaid:
                    return Delivery.Delivered($"said in {_settings.Channel} with the rest of its post");
                default:
                    return Delivery.Dropped("not announced");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Answers what comes on "in"; anything else there is ignored, bad input with a debug line.</summary>
    private async Task AnswerAsync(ChannelMessageQueue requests, ISubscriber bus, CancellationToken stopping)
    {
        try
        {
            while (await requests.ReadAsync(stopping).ConfigureAwait(false) is { } message)
            {
                string text = message.Message.IsNull ? "" : message.Message.ToString();
                if (ZenRequest.Read(text, out string why) is not { } request)
                {
                    if (why.Length > 0)
                    {
                        _log.Debug($"zenircbot: ignored a message on \"in\" ({text.Length} characters): {why}");
                    }
                    continue;
                }
                try
                {
                    foreach (ZenPrivmsg reply in ZenReplies.To(request, _store.Who(), _all.Site.TimeZone))
                    {
                        await bus.PublishAsync(s_out, reply.Envelope()).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is RedisException or TimeoutException or StoreException)
                {
                    _log.Warn($"zenircbot: could not answer {request.Ask} for {request.Sender}: {e.Message}");
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
        }
    }

    private void Failed(bool refused) => _problem.Say(refused
        ? $"Redis at {_settings.Redis} refuses footfall's password: check the password in zenircbot.redis"
        : $"cannot reach Redis at {_settings.Redis}");

    private void Restored()
    {
        _problem.Clear();
        _log.Info($"zenircbot: connected to {_settings.Redis} again");
        _pump.Ring();
    }
}
