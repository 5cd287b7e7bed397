using Footfall.Text;

namespace Footfall.Config;

/// <summary>
/// The "mqtt" section: the broker footfall publishes presence to (Home Assistant's bus), and where on it.
/// Two appliances on one broker stay apart by their <see cref="SiteId"/> (the topic's last level).
/// </summary>
public sealed record MqttSettings
{
    public const int DefaultPort = 1883;
    public const int DefaultTlsPort = 8883;
    public const string DefaultDiscoveryPrefix = "homeassistant";

    public required BrokerAddress Broker { get; init; }

    public string? Username { get; init; }

    public Secret? Password { get; init; }

    /// <summary>The root of footfall's topics: "footfall/&lt;site id&gt;" unless the file says otherwise.</summary>
    public required string Topic { get; init; }

    /// <summary>The slug of the topic's last level: what tells two appliances' entities apart in Home Assistant.</summary>
    public string SiteId => Slug.Of(Topic[(Topic.LastIndexOf('/') + 1)..]);

    /// <summary>Whether to publish Home Assistant's discovery configs (and answer its birth message).</summary>
    public bool HomeAssistant { get; init; } = true;

    public string DiscoveryPrefix { get; init; } = DefaultDiscoveryPrefix;

    /// <summary>
    /// The topic prefix shared by every appliance of the building (<see cref="Topic"/> is one level below it), or
    /// null: this appliance is alone and announces on its own.
    /// </summary>
    public string? Building { get; init; }
}
