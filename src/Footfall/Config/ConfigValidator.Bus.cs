using Footfall.Text;

namespace Footfall.Config;

/// <summary>The buses: "mqtt" (Home Assistant) and "zenircbot" (Redis). Addresses are never echoed: they may hold a password.</summary>
internal sealed partial class ConfigValidator
{
    public const int MaximumTopicLength = 200;

    private MqttSettings? Mqtt(MqttSection mqtt, string? siteName, List<PersonEntry?> people)
    {
        BrokerAddress? broker = Broker(mqtt.Broker, "mqtt.broker", "mqtt", "mqtts", MqttSettings.DefaultPort, MqttSettings.DefaultTlsPort, allowDatabase: false);
        if (broker is { } b && (b.Username is not null || b.Password is not null) && (mqtt.Username is not null || mqtt.Password is not null))
        {
            Report("mqtt.broker", "has a user name or password in it, and so do mqtt.username/password: give them once");
        }
        string? username = mqtt.Username ?? broker?.Username;
        if (mqtt.Username is { } user && (user.Length == 0 || user.Length > MaximumNameLength || ConfigText.HasInvisible(user)))
        {
            Report("mqtt.username", $"must be 1 to {MaximumNameLength} visible characters");
        }
        Secret? password = mqtt.Password is { } text ? BusPassword(text, "mqtt.password") : broker?.Password;
        string? building = mqtt.Building is { } home ? Topic(home, "mqtt.building") : null;
        string siteSlug = Slug.Of(siteName?.Trim() ?? SiteSettings.DefaultName);
        string topic = mqtt.Topic is { } t ? Topic(t, "mqtt.topic") : $"{building ?? "footfall"}/{siteSlug}";
        if (building is not null && mqtt.Topic is { } given && (!given.StartsWith(building + "/", StringComparison.Ordinal) || given[(building.Length + 1)..].Contains('/')))
        {
            Report("mqtt.topic", $"{ConfigText.Quote(given)} must be one level below mqtt.building, such as \"{building}/{siteSlug}\": that is where the building's peers look");
        }
        string prefix = mqtt.DiscoveryPrefix is { } p ? Topic(p, "mqtt.discoveryPrefix") : MqttSettings.DefaultDiscoveryPrefix;

        // Each person's entity and topics are named by the slug of their name: two names must not share one.
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < people.Count; i++)
        {
            if (people[i]?.Name?.Trim() is { Length: > 0 } name && !owners.TryAdd(Slug.Of(name), name) && owners[Slug.Of(name)] != name)
            {
                Report($"{ConfigPath.Index("people", i)}.name", $"{ConfigText.Quote(name)} has the same MQTT topic name (\"{Slug.Of(name)}\") as {ConfigText.Quote(owners[Slug.Of(name)])}: make them differ in a letter or digit");
            }
        }
        if (broker is null)
        {
            return null;
        }
        return new MqttSettings
        {
            Broker = broker with { Username = null, Password = null },
            Username = username,
            Password = password,
            Topic = topic,
            HomeAssistant = mqtt.HomeAssistant ?? true,
            DiscoveryPrefix = prefix,
            Building = building,
        };
    }

    private ZenIrcBotSettings? ZenIrcBot(ZenircbotSection zen)
    {
        BrokerAddress? redis = Broker(zen.Redis, "zenircbot.redis", "redis", "rediss", ZenIrcBotSettings.DefaultPort, ZenIrcBotSettings.DefaultTlsPort, allowDatabase: true);
        if (redis?.Password is { } password)
        {
            BusPassword(password.Reveal(), "zenircbot.redis");
        }
        string channel = "";
        if (zen.Channel is not { } text)
        {
            Report("zenircbot.channel", "is required: the IRC channel to announce in, such as \"#office\"");
        }
        else if (text.Length is 0 or > 50 || text[0] is not ('#' or '&') || text.Any(c => c is ' ' or ',' or '\a' || char.IsControl(c)))
        {
            Report("zenircbot.channel", $"{ConfigText.Quote(text)} is not an IRC channel such as \"#office\"");
        }
        else
        {
            channel = text;
        }
        return redis is null ? null : new ZenIrcBotSettings { Redis = redis, Channel = channel, Announce = zen.Announce ?? true };
    }

    private BrokerAddress? Broker(string? text, string path, string plain, string tls, int plainPort, int tlsPort, bool allowDatabase)
    {
        if (text is null)
        {
            Report(path, $"is required: the address of the {(plain == "mqtt" ? "MQTT broker" : "Redis server")}, such as \"{plain}://host:{plainPort}\"");
            return null;
        }
        BrokerAddress? address = BrokerAddress.TryParse(text, plain, tls, plainPort, tlsPort, allowDatabase, out string problem);
        if (address is null)
        {
            Report(path, problem);
        }
        return address;
    }

    /// <summary>A broker's password: like the X keys, checked without a character of it in any message.</summary>
    private Secret BusPassword(string value, string path)
    {
        if (value.Length == 0)
        {
            Report(path, "has an empty password: leave it out instead");
        }
        else if (value.Length > MaximumSecretLength)
        {
            Report(path, $"has a password of {value.Length} characters; at most {MaximumSecretLength}");
        }
        else if (ConfigText.HasInvisible(value) || value.Any(char.IsControl))
        {
            Report(path, "has a line break or invisible character in its password: was it pasted with one?");
        }
        return new Secret(value);
    }

    /// <summary>A topic (or prefix) to publish under: levels without MQTT's wildcards, no empty level.</summary>
    private string Topic(string text, string path)
    {
        bool valid = text.Length is > 0 and <= MaximumTopicLength && !text.StartsWith('$')
            && text.Split('/').All(level => level.Length > 0 && !level.Any(c => c is '+' or '#' || char.IsControl(c) || char.IsWhiteSpace(c)))
            && !ConfigText.HasInvisible(text);
        if (!valid)
        {
            Report(path, $"{ConfigText.Quote(text)} is not a topic such as \"footfall/our-office\": levels separated by '/', none empty, no spaces, '+' or '#'");
        }
        return text;
    }
}
