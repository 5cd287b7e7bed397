using System.Text;
using System.Text.Json;
using Footfall.Bus.Mqtt;
using Footfall.Config;

namespace Footfall.Tests.Bus;

/// <summary>
/// A real Home Assistant cannot run here, so the discovery payload is checked against the MQTT device
/// tracker's documented keys and their types (home-assistant.io/integrations/device_tracker.mqtt and the
/// MQTT integration's availability and device blocks): every key footfall sends must be one of them, of
/// the documented type, and the required ones must be there.
/// </summary>
public class HomeAssistantDiscoveryTests
{
    private static readonly MqttTopics s_topics = new(new MqttSettings
    {
        Broker = new BrokerAddress("mqtt", "broker", 1883, false),
        Topic = "footfall/floor-2",
    });

    public static TheoryData<string, JsonValueKind, bool> DocumentedKeys() => new()
    {
        // key, type, required by footfall's issue
        { "name", JsonValueKind.String, true },
        { "unique_id", JsonValueKind.String, true },
        { "state_topic", JsonValueKind.String, true },
        { "json_attributes_topic", JsonValueKind.String, true },
        { "payload_home", JsonValueKind.String, true },
        { "payload_not_home", JsonValueKind.String, true },
        { "source_type", JsonValueKind.String, true },
        { "availability", JsonValueKind.Array, true },
        { "device", JsonValueKind.Object, true },
    };

    private static JsonElement Config(Uri? configurationUrl = null)
    {
        byte[] payload = HomeAssistantDiscovery.Config(s_topics, "Zoë", "zoe", "Our Office", "0.1.2", configurationUrl);
        return JsonDocument.Parse(payload).RootElement;
    }

    [Theory]
    [MemberData(nameof(DocumentedKeys))]
    public void EachDocumentedKeyIsThereWithItsType(string key, JsonValueKind kind, bool required)
    {
        JsonElement config = Config();
        if (config.TryGetProperty(key, out JsonElement value))
        {
            Assert.Equal(kind, value.ValueKind);
        }
        else
        {
            Assert.False(required, $"{key} is missing");
        }
    }

    [Fact]
    public void NoKeyOutsideTheDocumentedOnes()
    {
        var documented = DocumentedKeys().Select(row => (string)row[0]).ToHashSet();
        Assert.All(Config().EnumerateObject(), p => Assert.Contains(p.Name, documented));
    }

    [Fact]
    public void TheValuesPointAtFootfallsOwnTopics()
    {
        JsonElement config = Config();
        Assert.Equal("footfall/floor-2/person/zoe/state", config.GetProperty("state_topic").GetString());
        Assert.Equal("footfall/floor-2/person/zoe/attributes", config.GetProperty("json_attributes_topic").GetString());
        Assert.Equal("footfall_floor-2_zoe", config.GetProperty("unique_id").GetString());
        Assert.Equal("home", config.GetProperty("payload_home").GetString());
        Assert.Equal("not_home", config.GetProperty("payload_not_home").GetString());
        // Documented values of source_type: gps, router, bluetooth, bluetooth_le.
        Assert.Equal("router", config.GetProperty("source_type").GetString());
        Assert.Equal("Zoë", config.GetProperty("name").GetString());
        Assert.Equal("homeassistant/device_tracker/floor-2_zoe/config", s_topics.Discovery("zoe"));
    }

    [Fact]
    public void AvailabilityIsTheStatusTopicWithItsPayloads()
    {
        JsonElement availability = Assert.Single(Config().GetProperty("availability").EnumerateArray().ToList());
        Assert.Equal(["payload_available", "payload_not_available", "topic"], availability.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("footfall/floor-2/status", availability.GetProperty("topic").GetString());
        Assert.Equal("online", availability.GetProperty("payload_available").GetString());
        Assert.Equal("offline", availability.GetProperty("payload_not_available").GetString());
    }

    [Fact]
    public void TheDeviceBlockIsTheApplianceWithItsVersion()
    {
        JsonElement device = Config().GetProperty("device");
        var documented = new Dictionary<string, JsonValueKind>
        {
            ["identifiers"] = JsonValueKind.Array,
            ["name"] = JsonValueKind.String,
            ["manufacturer"] = JsonValueKind.String,
            ["model"] = JsonValueKind.String,
            ["sw_version"] = JsonValueKind.String,
            ["configuration_url"] = JsonValueKind.String,
        };
        Assert.All(device.EnumerateObject(), p => Assert.Equal(documented[p.Name], p.Value.ValueKind));
        Assert.Equal("footfall_floor-2", Assert.Single(device.GetProperty("identifiers").EnumerateArray().ToList()).GetString());
        Assert.Equal("0.1.2", device.GetProperty("sw_version").GetString());
        Assert.False(device.TryGetProperty("configuration_url", out _));
        Assert.Equal("http://footfall.lan/", Config(new Uri("http://footfall.lan/")).GetProperty("device").GetProperty("configuration_url").GetString());
    }

    [Theory]
    [InlineData("{\"state_topic\":\"footfall/floor-2/person/bob/state\"}", "bob")]
    [InlineData("{\"state_topic\":\"footfall/floor-1/person/bob/state\"}", null)]
    [InlineData("{\"state_topic\":\"footfall/floor-2/person/a/b/state\"}", null)]
    [InlineData("{\"state_topic\":17}", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    [InlineData("[]", null)]
    public void OnlyThisAppliancesRetainedConfigsAreItsOwn(string payload, string? slug) =>
        Assert.Equal(slug, HomeAssistantDiscovery.OwnSlug(s_topics, Encoding.UTF8.GetBytes(payload)));
}
