using Footfall.Net;

namespace Footfall.Sweep;

/// <summary>
/// The last DHCP identity each client sent, so that the receive loop turns a request's bytes into
/// strings only when they change: a client repeating itself (every DISCOVER retry, every renewal)
/// costs no allocation. Bounded: past <see cref="Capacity"/> clients it starts afresh.
/// </summary>
internal sealed class DhcpIdentities
{
    public const int Capacity = 4096;

    private readonly Dictionary<MacAddress, DhcpIdentity> _last = new(Capacity);

    public DhcpIdentity Get(MacAddress client, ReadOnlySpan<byte> hostname, ReadOnlySpan<byte> clientId)
    {
        if (_last.TryGetValue(client, out DhcpIdentity? known) && known.Matches(hostname, clientId))
        {
            return known;
        }
        if (_last.Count >= Capacity)
        {
            _last.Clear();
        }
        DhcpIdentity identity = DhcpIdentity.From(hostname, clientId);
        _last[client] = identity;
        return identity;
    }
}
