using Footfall.Config;
using StackExchange.Redis;

namespace Footfall.Bus.ZenIrcBot;

/// <summary>Where zenircbot.redis is and who footfall is there: what the worker and `footfall doctor` share.</summary>
public static class RedisOptions
{
    /// <summary>The endpoint, credentials, database and TLS; the caller adds its own timeouts and retry policy.</summary>
    public static ConfigurationOptions For(BrokerAddress redis, string clientName) => new()
    {
        EndPoints = { { redis.Host, redis.Port } },
        User = redis.Username,
        Password = redis.Password?.Reveal(),
        DefaultDatabase = redis.Database,
        Ssl = redis.Tls,
        ClientName = clientName,
    };
}
