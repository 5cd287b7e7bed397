using Footfall.Presence;

namespace Footfall.Building;

/// <summary>
/// The building as this appliance knows it from the broker: its peers, whether each is live, whom each has
/// in; and from that, whether one of this appliance's own arrivals or departures is a change of the whole
/// building, and whether this appliance is the one to post it (docs/integrations.md, "The whole building").
/// Pure and thread-safe: the MQTT worker feeds it what it hears, the announcer asks it; every time is this
/// appliance's own clock when a message arrived, so peers' clocks never matter, only the order of messages.
/// </summary>
public sealed partial class BuildingModel
{
    /// <summary>How long an own change waits for peers' messages before it is judged; also what counts as "the same moment".</summary>
    public static readonly TimeSpan RaceWindow = TimeSpan.FromSeconds(5);

    /// <summary>How long posts wait for a broker that went away (it may be restarting) before announcing alone.</summary>
    public static readonly TimeSpan BrokerGrace = TimeSpan.FromSeconds(60);

    private readonly object _lock = new();
    private readonly Dictionary<string, Peer> _peers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _localIn = new(StringComparer.Ordinal);
    private readonly List<FloorWalk> _walks = [];
    private long _walksTold;
    private readonly HashSet<(string Peer, string Slug, DateTimeOffset Offline)> _orphansTold = [];
    private readonly TimeSpan _awayAfter;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, BuildingChange> _own = new(StringComparer.Ordinal);
    private bool _connected;
    private DateTimeOffset _linkChangedAt;

    /// <param name="selfId">This appliance's site id (its own messages, heard back, are ignored).</param>
    /// <param name="selfName">Its site.name.</param>
    /// <param name="awayAfter">presence.awayAfter: how long an offline peer's people still count in.</param>
    public BuildingModel(string selfId, string selfName, TimeSpan awayAfter, TimeProvider time)
    {
        SelfId = selfId;
        SelfName = selfName;
        _awayAfter = awayAfter;
        _time = time;
        _linkChangedAt = time.GetUtcNow();
    }

    public string SelfId { get; }

    public string SelfName { get; }

    /// <summary>The most walks between floors kept for the feed.</summary>
    public const int WalksKept = 100;

    /// <summary>Rung when a walk between floors is seen.</summary>
    public Runtime.Doorbell Walked { get; } = new();

    /// <summary>Rung when a peer's status, an offline peer's change record or the broker's link changes: what can make departures nobody saw, and posts a dead owner owed, due.</summary>
    public Runtime.Doorbell PeersChanged { get; } = new();

    /// <summary>Whether the broker is connected now.</summary>
    public bool Connected
    {
        get { lock (_lock) { return _connected; } }
    }

    /// <summary>Whether this appliance announces on its own now: the broker has been away longer than <see cref="BrokerGrace"/>.</summary>
    public bool Alone
    {
        get { lock (_lock) { return !_connected && _time.GetUtcNow() - _linkChangedAt >= BrokerGrace; } }
    }

    public void LinkUp() => SetLink(true);

    public void LinkDown() => SetLink(false);

    private void SetLink(bool connected)
    {
        lock (_lock)
        {
            if (_connected == connected)
            {
                return;
            }
            _connected = connected;
            _linkChangedAt = _time.GetUtcNow();
        }
        PeersChanged.Ring();
    }

    /// <param name="retained">Found retained on subscribing: the change is older than anything this appliance saw.</param>
    public void HeardStatus(string siteId, bool online, bool retained)
    {
        lock (_lock)
        {
            if (PeerOf(siteId) is not { } peer || (peer.StatusKnown && peer.Online == online))
            {
                return;
            }
            peer.Online = online;
            peer.StatusKnown = true;
            peer.StatusAt = retained ? DateTimeOffset.MinValue : _time.GetUtcNow();
        }
        PeersChanged.Ring();
    }

    public void HeardName(string siteId, string name)
    {
        lock (_lock)
        {
            if (PeerOf(siteId) is { } peer && name.Length > 0)
            {
                peer.Name = name;
            }
        }
    }

    /// <param name="slug">The person's slug (the topic level).</param>
    public void HeardPerson(string siteId, string slug, bool home, bool retained)
    {
        lock (_lock)
        {
            if (PeerOf(siteId) is not { } peer)
            {
                return;
            }
            bool known = peer.People.TryGetValue(slug, out PeerPerson last);
            if (known && last.Home == home)
            {
                return;
            }
            peer.People[slug] = new PeerPerson(home, retained ? DateTimeOffset.MinValue : _time.GetUtcNow(), known && last.Home);
            if (home && !retained && WhereElse(slug, except: siteId) is { } from)
            {
                AddWalk(new FloorWalk(slug, from, peer.Name, _time.GetUtcNow()));
            }
        }
    }

    /// <summary>This appliance's own tracker decided the person (by slug) is in, or out, at <paramref name="at"/>.</summary>
    public void Local(string slug, bool home, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (!home)
            {
                _localIn.Remove(slug);
                return;
            }
            if (!_localIn.TryAdd(slug, at))
            {
                return;
            }
            if (WhereElse(slug, except: SelfId) is { } from)
            {
                AddWalk(new FloorWalk(slug, from, SelfName, at));
            }
        }
    }

    /// <summary>
    /// Whether one of this appliance's own arrivals or departures is half of a walk between floors: another live
    /// appliance (or one offline for less than awayAfter) has the person in now. The feed tells the walk instead.
    /// </summary>
    public bool IsWalk(string slug, DateTimeOffset at)
    {
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            return _peers.Values.Any(p => p.Counts(now, _awayAfter) && p.People.TryGetValue(slug, out PeerPerson person) && person.Home && person.ChangedAt <= at);
        }
    }

    /// <summary>
    /// When a peer last had the person go (home to not home) before <paramref name="at"/>, on this appliance's clock;
    /// null: none did. With this appliance's own history, the cooldown spans the building.
    /// </summary>
    public DateTimeOffset? PeerDepartureBefore(string slug, DateTimeOffset at)
    {
        lock (_lock)
        {
            DateTimeOffset? last = null;
            foreach (Peer peer in _peers.Values)
            {
                if (peer.People.TryGetValue(slug, out PeerPerson person) && person.Dropped && person.ChangedAt < at && (last is null || person.ChangedAt > last))
                {
                    last = person.ChangedAt;
                }
            }
            return last;
        }
    }

    /// <summary>
    /// The departures nobody saw: people an offline peer had in, now that awayAfter has passed since its will, whom
    /// no counted appliance has in. Each is given once, and only to the live appliance with the smallest site id,
    /// which records and posts it; the others count them out quietly. The time is when they stopped counting.
    /// </summary>
    public IReadOnlyList<(string Slug, DateTimeOffset At)> OrphansDue()
    {
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            bool first = _connected && !_peers.Values.Any(p => p.Online && string.CompareOrdinal(p.Id, SelfId) < 0);
            var due = new List<(string, DateTimeOffset)>();
            foreach (Peer peer in _peers.Values.Where(p => !p.Online && p.StatusKnown && p.StatusAt != DateTimeOffset.MinValue && !p.Counts(now, _awayAfter)))
            {
                foreach ((string slug, PeerPerson person) in peer.People.Where(p => p.Value.Home))
                {
                    // Judged once, when they stop counting: someone in elsewhere then leaves from there, as their own departure.
                    if (_orphansTold.Add((peer.Id, slug, peer.StatusAt)) && WhereElse(slug, except: peer.Id) is null && first)
                    {
                        due.Add((slug, peer.StatusAt + _awayAfter));
                    }
                }
            }
            return due;
        }
    }

    /// <summary>
    /// How long until <see cref="OrphansDue"/> may next give someone: the earliest moment an offline peer's people
    /// not yet judged stop counting (zero if that has passed); null when no such peer is waiting, so nothing is due
    /// until <see cref="PeersChanged"/> rings.
    /// </summary>
    public TimeSpan? UntilOrphansDue()
    {
        lock (_lock)
        {
            DateTimeOffset? due = null;
            foreach (Peer peer in _peers.Values.Where(p => !p.Online && p.StatusKnown && p.StatusAt != DateTimeOffset.MinValue))
            {
                if (peer.People.Any(p => p.Value.Home && !_orphansTold.Contains((peer.Id, p.Key, peer.StatusAt)))
                    && (due is null || peer.StatusAt + _awayAfter < due))
                {
                    due = peer.StatusAt + _awayAfter;
                }
            }
            return due is { } at ? (at - _time.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero) : null;
        }
    }

    /// <summary>The walks seen since <paramref name="told"/> (a count returned before; 0 at first), and the count to pass next time.</summary>
    public (IReadOnlyList<FloorWalk> Walks, long Told) WalksSince(long told)
    {
        lock (_lock)
        {
            long first = _walksTold - _walks.Count;
            List<FloorWalk> fresh = [.. _walks.Skip((int)Math.Max(0, told - first))];
            return (fresh, _walksTold);
        }
    }

    /// <summary>Where else (the name of another counted appliance, or this one) the person is in now; null: nowhere.</summary>
    private string? WhereElse(string slug, string except)
    {
        if (except != SelfId && _localIn.ContainsKey(slug))
        {
            return SelfName;
        }
        DateTimeOffset now = _time.GetUtcNow();
        return _peers.Values
            .Where(p => p.Id != except && p.Counts(now, _awayAfter) && p.People.TryGetValue(slug, out PeerPerson person) && person.Home)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .FirstOrDefault()?.Name;
    }

    private void AddWalk(FloorWalk walk)
    {
        _walks.Add(walk);
        _walksTold++;
        if (_walks.Count > WalksKept)
        {
            _walks.RemoveAt(0);
        }
        Walked.Ring();
    }

    /// <summary>A peer's topics were emptied (it left the building): forget it.</summary>
    public void Forget(string siteId)
    {
        lock (_lock)
        {
            _peers.Remove(siteId);
        }
    }

    /// <summary>The building now, for the page: every appliance, and each person's places, given this appliance's own people.</summary>
    public BuildingSnapshot Snapshot(IReadOnlyList<LocalPerson> local)
    {
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            var appliances = new List<BuildingAppliance> { new(SelfId, SelfName, Online: true, Self: true, Since: null) };
            appliances.AddRange(_peers.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p =>
                new BuildingAppliance(p.Id, p.Name, p.Online, Self: false, p.StatusAt == DateTimeOffset.MinValue ? null : p.StatusAt)));
            var names = local.ToDictionary(l => Text.Slug.Of(l.Name), l => l.Name, StringComparer.Ordinal);
            var slugs = new SortedSet<string>(names.Keys, StringComparer.Ordinal);
            foreach (Peer peer in _peers.Values)
            {
                slugs.UnionWith(peer.People.Keys);
            }
            var people = new List<BuildingPerson>();
            foreach (string slug in slugs)
            {
                var places = new List<string>();
                LocalPerson? mine = local.FirstOrDefault(l => Text.Slug.Of(l.Name) == slug);
                if (mine is { IsIn: true })
                {
                    places.Add(SelfName);
                }
                (string Name, DateTimeOffset At)? lastPlace = mine?.LastSeen is { } seen ? (SelfName, seen) : null;
                foreach (Peer peer in _peers.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
                {
                    if (!peer.People.TryGetValue(slug, out PeerPerson person))
                    {
                        continue;
                    }
                    if (person.Home && peer.Counts(now, _awayAfter))
                    {
                        places.Add(peer.Online ? peer.Name : $"{peer.Name} (offline)");
                    }
                    DateTimeOffset seenThere = person.Home ? now : person.Dropped ? person.ChangedAt : DateTimeOffset.MinValue;
                    if (seenThere > DateTimeOffset.MinValue && (lastPlace is null || seenThere > lastPlace.Value.At))
                    {
                        lastPlace = (peer.Name, seenThere);
                    }
                }
                people.Add(new BuildingPerson(names.GetValueOrDefault(slug, slug), slug, places.Count > 0, places,
                    places.Count > 0 ? places[0] : lastPlace?.Name));
            }
            return new BuildingSnapshot(_connected, !_connected && now - _linkChangedAt >= BrokerGrace, appliances, people);
        }
    }

    private Peer? PeerOf(string siteId)
    {
        if (siteId == SelfId || siteId.Length == 0)
        {
            return null;
        }
        if (!_peers.TryGetValue(siteId, out Peer? peer))
        {
            peer = new Peer(siteId);
            _peers[siteId] = peer;
        }
        return peer;
    }

}
