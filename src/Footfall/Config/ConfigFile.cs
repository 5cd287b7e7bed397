using System.Text.Json.Serialization;
using Footfall.Runtime;

namespace Footfall.Config;

// The configuration file exactly as people write it, for System.Text.Json's source generator.
// Every key is optional and nullable here: null means "not given", and whether a key is required,
// and what its text means, is decided later by ConfigValidator, so that one pass can report every
// problem. These types never leave the Config folder; FootfallSettings is what the daemon sees.
// They are classes, not records, so that ToString() can never print a secret.

internal sealed class ConfigFile
{
    public SiteSection? Site { get; set; }
    public NetworkSection? Network { get; set; }
    public PresenceSection? Presence { get; set; }
    public List<PersonEntry?>? People { get; set; }
    public LedsSection? Leds { get; set; }
    public WatchdogSection? Watchdog { get; set; }
    public AnnounceSection? Announce { get; set; }
    public RetentionSection? Retention { get; set; }
    public HealthSection? Health { get; set; }
    public MqttSection? Mqtt { get; set; }
    public ZenircbotSection? Zenircbot { get; set; }
    public StatusSection? Status { get; set; }

    /// <summary>Where editors find the JSON Schema ("./footfall.schema.json"); footfall itself ignores it.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }
}

internal sealed class SiteSection
{
    public string? Name { get; set; }
    public string? TimeZone { get; set; }
}

internal sealed class NetworkSection
{
    public string? Interface { get; set; }
    public List<string?>? Subnets { get; set; }
    public string? SweepInterval { get; set; }
}

internal sealed class PresenceSection
{
    public string? AwayAfter { get; set; }
    public bool? AnnounceOnStartup { get; set; }
    public int? CheckRequests { get; set; }
    public int? WakeQueries { get; set; }
    public string? CheckSpacing { get; set; }
    public string? CheckWait { get; set; }
}

internal sealed class PersonEntry
{
    public string? Name { get; set; }
    public string? Pronoun { get; set; }
    public List<string?>? Devices { get; set; }
    public int? Led { get; set; }
    public int? Pixel { get; set; }
    public string? Color { get; set; }
    public List<string?>? Hostnames { get; set; }
}

internal sealed class LedsSection
{
    public string? Chip { get; set; }
    public int? Status { get; set; }
    public string? StatusLed { get; set; }
    public bool? ActiveLow { get; set; }
    public StripSection? Strip { get; set; }
}

internal sealed class StripSection
{
    public string? Spi { get; set; }
    public int? Pixels { get; set; }
    public double? Brightness { get; set; }
    public int? StatusPixel { get; set; }
}

internal sealed class WatchdogSection
{
    public string? Device { get; set; }
    public string? Timeout { get; set; }
    public int? KickPin { get; set; }
    public string? KickInterval { get; set; }
}

internal sealed class AnnounceSection
{
    public XSection? X { get; set; }
    public MessagesSection? Messages { get; set; }
    public string? AggregateWindow { get; set; }
    public string? Cooldown { get; set; }
    public bool? Departures { get; set; }
    public bool? LastOneOut { get; set; }
    public string? StaleAfter { get; set; }
}

internal sealed class XSection
{
    public string? ConsumerKey { get; set; }
    public string? ConsumerSecret { get; set; }
    public string? AccessToken { get; set; }
    public string? AccessTokenSecret { get; set; }
    public string? ApiBaseUrl { get; set; }
    public string? DeleteAfter { get; set; }
    public string? ClockSync { get; set; }
}

internal sealed class MessagesSection
{
    public List<string?>? Night { get; set; }
    public List<string?>? Morning { get; set; }
    public List<string?>? Noon { get; set; }
    public List<string?>? Afternoon { get; set; }
    public List<string?>? Evening { get; set; }
    public List<string?>? Group { get; set; }
    public List<string?>? Departure { get; set; }
    public List<string?>? LastOneOut { get; set; }
}

internal sealed class RetentionSection
{
    public string? UnknownDevices { get; set; }
    public string? History { get; set; }
}

internal sealed class HealthSection
{
    public int? MaxTemperature { get; set; }
}

internal sealed class StatusSection
{
    public string? Listen { get; set; }
    public bool? Enabled { get; set; }
    public bool? ShowDevices { get; set; }
}
