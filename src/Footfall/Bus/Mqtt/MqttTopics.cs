using Footfall.Config;

namespace Footfall.Bus.Mqtt;

/// <summary>Every topic footfall uses on an MQTT broker, from its settings: the one place they are spelled.</summary>
public sealed class MqttTopics
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string Home = "home";
    public const string NotHome = "not_home";

    private readonly MqttSettings _settings;

    public MqttTopics(MqttSettings settings) => _settings = settings;

    public string SiteId => _settings.SiteId;

    /// <summary>Retained "online" while footfall runs, "offline" as its last will.</summary>
    public string Status => $"{_settings.Topic}/status";

    /// <summary>Every presence event as an envelope, not retained.</summary>
    public string Events => $"{_settings.Topic}/events";

    public string State(string slug) => $"{_settings.Topic}/person/{slug}/state";

    /// <summary>With mqtt.building: this appliance's latest own arrival or departure of the person, and who posts it (retained).</summary>
    public string Change(string slug) => $"{_settings.Topic}/person/{slug}/change";

    public string Attributes(string slug) => $"{_settings.Topic}/person/{slug}/attributes";

    /// <summary>The part of a state topic before the person's slug, to recognise footfall's own entities.</summary>
    public string PersonPrefix => $"{_settings.Topic}/person/";

    /// <summary>Home Assistant's object id for a person: unique per appliance, so two sites never collide.</summary>
    public string ObjectId(string slug) => $"{SiteId}_{slug}";

    public string Discovery(string slug) => $"{_settings.DiscoveryPrefix}/device_tracker/{ObjectId(slug)}/config";

    /// <summary>All device_tracker configs, to find the retained ones of people no longer configured.</summary>
    public string DiscoveryFilter => $"{_settings.DiscoveryPrefix}/device_tracker/+/config";

    /// <summary>Home Assistant's birth ("online") and will ("offline") message.</summary>
    public string HomeAssistantStatus => $"{_settings.DiscoveryPrefix}/status";
}
