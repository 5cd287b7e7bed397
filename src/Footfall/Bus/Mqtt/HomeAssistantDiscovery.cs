using System.Text.Json;

namespace Footfall.Bus.Mqtt;

/// <summary>
/// Home Assistant's MQTT discovery config for one person's device_tracker (the MQTT integration's
/// documented keys), all of footfall's people grouped under one device: the appliance.
/// </summary>
public static class HomeAssistantDiscovery
{
    public const string Manufacturer = "footfall";
    public const string Model = "footfall presence appliance";

    /// <param name="configurationUrl">The appliance's status page, or null when it has none.</param>
    public static byte[] Config(MqttTopics topics, string person, string slug, string siteName, string version, Uri? configurationUrl) => BusJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", person);
        w.WriteString("unique_id", $"footfall_{topics.ObjectId(slug)}");
        w.WriteString("state_topic", topics.State(slug));
        w.WriteString("json_attributes_topic", topics.Attributes(slug));
        w.WriteString("payload_home", MqttTopics.Home);
        w.WriteString("payload_not_home", MqttTopics.NotHome);
        w.WriteString("source_type", "router");
        w.WriteStartArray("availability");
        w.WriteStartObject();
        w.WriteString("topic", topics.Status);
        w.WriteString("payload_available", MqttTopics.Online);
        w.WriteString("payload_not_available", MqttTopics.Offline);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("device");
        w.WriteStartArray("identifiers");
        w.WriteStringValue($"footfall_{topics.SiteId}");
        w.WriteEndArray();
        w.WriteString("name", siteName);
        w.WriteString("manufacturer", Manufacturer);
        w.WriteString("model", Model);
        w.WriteString("sw_version", version);
        if (configurationUrl is not null)
        {
            w.WriteString("configuration_url", configurationUrl.ToString());
        }
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>
    /// Whether a retained discovery config is one of this appliance's person entities: its state topic is
    /// under this appliance's topic. Anything unreadable is not ours.
    /// </summary>
    public static string? OwnSlug(MqttTopics topics, ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(payload);
            using JsonDocument config = JsonDocument.ParseValue(ref reader);
            if (config.RootElement.ValueKind == JsonValueKind.Object
                && config.RootElement.TryGetProperty("state_topic", out JsonElement state)
                && state.ValueKind == JsonValueKind.String
                && state.GetString() is { } topic
                && topic.StartsWith(topics.PersonPrefix, StringComparison.Ordinal)
                && topic.EndsWith("/state", StringComparison.Ordinal))
            {
                string slug = topic[topics.PersonPrefix.Length..^"/state".Length];
                return slug.Length > 0 && !slug.Contains('/', StringComparison.Ordinal) ? slug : null;
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
