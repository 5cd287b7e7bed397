using Footfall.Bus.ZenIrcBot;
using Footfall.Config;
using MQTTnet;
using StackExchange.Redis;

namespace Footfall.Cli.Doctor;

/// <summary>The checks of the parties footfall talks to: X, the MQTT broker, ZenIRCBot's Redis. Each bounded by a short timeout.</summary>
internal static class RemoteChecks
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    /// <summary>`footfall x verify`'s own path: its one line, ok or not.</summary>
    public static async Task<CheckResult> XAsync(string? configPath, FootfallSettings? settings)
    {
        if (configPath is null || settings?.Announce?.X is null)
        {
            return CheckResult.Skipped("X", settings is null ? "no --config" : "the config has no announce.x");
        }
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        int exit;
        try
        {
            exit = await XCommand.VerifyAsync(configPath, stdout, stderr, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return CheckResult.Problem("X", "no answer within 15 s: check the network connection and announce.x.apiBaseUrl");
        }
        // verify warns first when the clock is not synchronised; its verdict is the last line.
        string[] said = [.. $"{stdout}{stderr}".Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        string line = said.Length == 0 ? "no answer" : said[^1];
        return exit == 0 ? CheckResult.Ok("X", line) : CheckResult.Problem("X", line);
    }

    /// <summary>TCP connect and an MQTT CONNECT with the configured credentials, then a clean disconnect.</summary>
    public static async Task<CheckResult> MqttAsync(FootfallSettings? settings)
    {
        if (settings?.Mqtt is not { } mqtt)
        {
            return CheckResult.Skipped("MQTT", settings is null ? "no --config" : "the config has no mqtt");
        }
        string subject = $"MQTT {mqtt.Broker}";
        // Its own client id: the daemon's would be taken over by the broker, dropping the daemon's session.
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Broker.Host, mqtt.Broker.Port)
            .WithClientId($"footfall-doctor-{Environment.ProcessId}")
            .WithCleanSession(true)
            .WithTimeout(s_timeout);
        if (mqtt.Username is not null || mqtt.Password is not null)
        {
            options = options.WithCredentials(mqtt.Username ?? "", mqtt.Password?.Reveal());
        }
        if (mqtt.Broker.Tls)
        {
            options = options.WithTlsOptions(tls => tls.UseTls());
        }
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            MqttClientConnectResult connected = await client.ConnectAsync(options.Build(), timeout.Token).ConfigureAwait(false);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                return CheckResult.Problem(subject, $"the broker refused: {connected.ResultCode}; check mqtt.username and mqtt.password");
            }
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
            return CheckResult.Ok(subject, "the broker answers and accepts footfall's credentials");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string reason = e is OperationCanceledException ? $"no answer within {s_timeout.TotalSeconds:0} s" : Reason(e);
            return CheckResult.Problem(subject, DoctorReport.Scrub($"{reason}: check mqtt.broker and that the broker runs", mqtt.Password));
        }
    }

    /// <summary>Connects to ZenIRCBot's Redis with the configured credentials and sends PING.</summary>
    public static async Task<CheckResult> RedisAsync(FootfallSettings? settings)
    {
        if (settings?.ZenIrcBot is not { } zen)
        {
            return CheckResult.Skipped("Redis", settings is null ? "no --config" : "the config has no zenircbot");
        }
        string subject = $"Redis {zen.Redis}";
        ConfigurationOptions options = RedisOptions.For(zen.Redis, "footfall-doctor");
        // Fail at once rather than retry in the background: doctor asks once.
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 0;
        options.ConnectTimeout = options.AsyncTimeout = options.SyncTimeout = (int)s_timeout.TotalMilliseconds;
        try
        {
            using ConnectionMultiplexer redis = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            TimeSpan took = await redis.GetDatabase().PingAsync().ConfigureAwait(false);
            return CheckResult.Ok(subject, $"answers PING ({took.TotalMilliseconds:0} ms)");
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return CheckResult.Problem(subject, DoctorReport.Scrub($"{Reason(e)}: check zenircbot.redis and that Redis runs", zen.Redis.Password));
        }
    }

    // The innermost message says what happened ("Connection refused"); the wrappers say where it was caught.
    private static string Reason(Exception e) => e switch
    {
        RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure } => "Redis refused the credentials (zenircbot.redis's user and password)",
        RedisConnectionException { InnerException: null } => "cannot connect",
        { InnerException: { } inner } => Reason(inner),
        _ => e.Message.Split('\n')[0].Trim().TrimEnd('.'),
    };
}
