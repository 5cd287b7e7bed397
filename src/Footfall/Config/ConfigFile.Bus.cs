namespace Footfall.Config;

// The bus sections of the configuration file, as people write them (see ConfigFile).

internal sealed class MqttSection
{
    public string? Broker { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? Topic { get; set; }
    public bool? HomeAssistant { get; set; }
    public string? DiscoveryPrefix { get; set; }
    public string? Building { get; set; }
}

internal sealed class ZenircbotSection
{
    public string? Redis { get; set; }
    public string? Channel { get; set; }
    public bool? Announce { get; set; }
}
