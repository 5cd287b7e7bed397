namespace Footfall.Config;

/// <summary>check-config's lines for the buses. Addresses print with their password masked (see <see cref="BrokerAddress"/>).</summary>
internal static class BusSummary
{
    public static IEnumerable<string> Lines(FootfallSettings settings)
    {
        if (settings.Mqtt is { } mqtt)
        {
            string user = mqtt.Username is { } name ? $" as {name}" : "";
            yield return $"mqtt:      {mqtt.Broker}{user}, topics under {mqtt.Topic}/ (site id {mqtt.SiteId})";
            if (mqtt.Password is { } password)
            {
                yield return $"  password: {password} ({password.Length} character{(password.Length == 1 ? "" : "s")})";
            }
            yield return mqtt.HomeAssistant
                ? $"  Home Assistant discovery under {mqtt.DiscoveryPrefix}/ (one device_tracker per person)"
                : "  Home Assistant discovery off";
            if (mqtt.Building is { } building)
            {
                yield return $"  building: {building}/ (peers' state read from {building}/+/; each person announced once in the building)";
            }
        }
        if (settings.ZenIrcBot is { } zen)
        {
            string announce = zen.Announce ? $"announcing in {zen.Channel}" : $"not announcing (channel {zen.Channel})";
            yield return $"zenircbot: {zen.Redis}, {announce}; answers whosin, commands, services";
        }
    }
}
