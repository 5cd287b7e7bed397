using Footfall.Net;

namespace Footfall.Presence;

/// <summary>
/// Who a DHCP identity points at: the hostnames people list in people[].hostnames (a device sending one
/// counts for them), and the hostnames and client ids that configured devices have sent (an unknown
/// device with a private MAC sending one of those is probably the same phone with a new address).
/// Hostnames compare exactly, ignoring case. A name two people's devices both used ("iPhone") points
/// at nobody. Pure.
/// </summary>
public sealed class KnownIdentities
{
    private readonly Dictionary<string, string> _configured = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _usedHostnames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _usedClientIds = new(StringComparer.Ordinal);
    private readonly Dictionary<MacAddress, DhcpIdentity> _byDevice = new();

    public KnownIdentities(IEnumerable<Person> people)
    {
        foreach (Person person in people)
        {
            foreach (string hostname in person.Hostnames)
            {
                // The validator refuses a name listed for two people; first one wins if a caller did not validate.
                _configured.TryAdd(hostname, person.Name);
            }
        }
    }

    /// <summary>The person whose people[].hostnames lists <paramref name="identity"/>'s hostname, or null.</summary>
    public string? ConfiguredOwner(DhcpIdentity? identity) =>
        identity?.Hostname is { } hostname ? _configured.GetValueOrDefault(hostname) : null;

    /// <summary>Remembers what a configured device (owned by MAC) of <paramref name="person"/> sent.</summary>
    public void Learn(MacAddress mac, DhcpIdentity identity, string person)
    {
        if (_byDevice.TryGetValue(mac, out DhcpIdentity? known) && known == identity)
        {
            return;
        }
        _byDevice[mac] = identity;
        if (identity.Hostname is { } hostname)
        {
            Remember(_usedHostnames, hostname, person);
        }
        if (identity.ClientId is { } clientId)
        {
            Remember(_usedClientIds, clientId, person);
        }
    }

    /// <summary>
    /// Whose configured device (another MAC) sent the same hostname or client id before, or null: none, or
    /// more than one person's.
    /// </summary>
    public string? ProbableOwner(DhcpIdentity? identity)
    {
        if (identity is null)
        {
            return null;
        }
        string? byClientId = identity.ClientId is { } id ? _usedClientIds.GetValueOrDefault(id) : null;
        string? byHostname = identity.Hostname is { } name ? _usedHostnames.GetValueOrDefault(name) : null;
        if (byClientId is not null && byHostname is not null && byClientId != byHostname)
        {
            return null;
        }
        return byClientId ?? byHostname;
    }

    private static void Remember(Dictionary<string, string?> used, string key, string person)
    {
        if (!used.TryGetValue(key, out string? owner))
        {
            used[key] = person;
        }
        else if (owner != person)
        {
            used[key] = null; // two people's devices: the name says nothing about either
        }
    }
}
