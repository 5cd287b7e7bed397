using Footfall.Net;

namespace Footfall.Presence;

/// <summary>
/// Finds IP conflicts: two MACs claiming one IPv4 address by turns (A, then B, then A again) within a
/// window. A single change of hands (B after A, A silent since) is a device replaced or a lease moved
/// on, not a conflict. An episode lasts until the address has not changed hands for a quiet time.
/// Pure: claims and the time come in, episodes go out.
/// </summary>
public sealed class IpConflicts(TimeSpan window)
{
    private readonly Dictionary<Ipv4Address, Claims> _claims = new();
    private readonly Dictionary<Ipv4Address, Episode> _episodes = new();

    /// <summary>Number of addresses tracked, for bounding memory.</summary>
    public int Count => _claims.Count;

    /// <summary>
    /// Takes in that <paramref name="mac"/> claimed <paramref name="ip"/>. True when this starts a conflict
    /// episode: <paramref name="other"/> is then the MAC it conflicts with.
    /// </summary>
    public bool OnClaim(Ipv4Address ip, MacAddress mac, DateTimeOffset now, out MacAddress other)
    {
        other = default;
        if (!_claims.TryGetValue(ip, out Claims claims))
        {
            _claims[ip] = new Claims(mac, null, now, now);
            return false;
        }
        if (claims.Current == mac)
        {
            _claims[ip] = claims with { CurrentAt = now };
            return false;
        }
        bool byTurns = claims.Previous == mac && now - claims.ChangedAt <= window;
        _claims[ip] = new Claims(mac, claims.Current, now, now);
        if (!byTurns)
        {
            return false;
        }
        other = claims.Current;
        if (_episodes.TryGetValue(ip, out Episode episode))
        {
            _episodes[ip] = episode with { LastTurn = now };
            return false;
        }
        _episodes[ip] = new Episode(mac, other, now);
        return true;
    }

    /// <summary>The MAC that <paramref name="mac"/> is in conflict with now, or null.</summary>
    public MacAddress? With(MacAddress mac)
    {
        foreach (Episode episode in _episodes.Values)
        {
            if (episode.A == mac)
            {
                return episode.B;
            }
            if (episode.B == mac)
            {
                return episode.A;
            }
        }
        return null;
    }

    /// <summary>Ends the episodes whose address has not changed hands for <paramref name="quiet"/>; returns their pairs.</summary>
    public IReadOnlyList<(Ipv4Address Ip, MacAddress A, MacAddress B)> EndQuiet(DateTimeOffset now, TimeSpan quiet)
    {
        List<(Ipv4Address, MacAddress, MacAddress)>? ended = null;
        foreach ((Ipv4Address ip, Episode episode) in _episodes)
        {
            if (now - episode.LastTurn >= quiet)
            {
                (ended ??= []).Add((ip, episode.A, episode.B));
                _episodes.Remove(ip);
            }
        }
        return ended ?? (IReadOnlyList<(Ipv4Address, MacAddress, MacAddress)>)[];
    }

    /// <summary>When <see cref="EndQuiet"/> with <paramref name="quiet"/> would next end an episode; null when none is open.</summary>
    public DateTimeOffset? NextQuietEnd(TimeSpan quiet)
    {
        DateTimeOffset? next = null;
        foreach (Episode episode in _episodes.Values)
        {
            DateTimeOffset end = episode.LastTurn + quiet;
            next = next is null || end < next ? end : next;
        }
        return next;
    }

    /// <summary>Forgets claims older than <paramref name="cutoff"/> of addresses not in an episode.</summary>
    public void ForgetBefore(DateTimeOffset cutoff)
    {
        foreach ((Ipv4Address ip, Claims claims) in _claims)
        {
            if (claims.CurrentAt < cutoff && !_episodes.ContainsKey(ip))
            {
                _claims.Remove(ip);
            }
        }
    }

    private readonly record struct Claims(MacAddress Current, MacAddress? Previous, DateTimeOffset CurrentAt, DateTimeOffset ChangedAt);

    private readonly record struct Episode(MacAddress A, MacAddress B, DateTimeOffset LastTurn);
}
