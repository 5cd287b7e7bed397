using Footfall.Presence;
using Footfall.Runtime;

namespace Footfall.Config;

/// <summary>
/// The configuration, validated: what the daemon runs on. <see cref="ConfigLoader"/> makes it from
/// footfall.json; tests may build one directly (every member has the file's default, so
/// <c>new FootfallSettings { People = [...] }</c> is a complete configuration).
/// </summary>
public sealed record FootfallSettings
{
    public SiteSettings Site { get; init; } = new();

    public NetworkSettings Network { get; init; } = new();

    public PresenceSettings Presence { get; init; } = new();

    /// <summary>Everyone to watch for, in file order. May be empty: the daemon then only lists devices.</summary>
    public IReadOnlyList<Person> People { get; init; } = [];

    public LedSettings Leds { get; init; } = new();

    public WatchdogSettings Watchdog { get; init; } = new();

    /// <summary>Null when the file has no "announce" section: events then only go to the log.</summary>
    public AnnounceSettings? Announce { get; init; }

    public RetentionSettings Retention { get; init; } = new();

    public HealthSettings Health { get; init; } = new();

    /// <summary>Null when the file has no "mqtt" section.</summary>
    public MqttSettings? Mqtt { get; init; }

    /// <summary>Null when the file has no "zenircbot" section.</summary>
    public ZenIrcBotSettings? ZenIrcBot { get; init; }

    public StatusSettings Status { get; init; } = new();
}
