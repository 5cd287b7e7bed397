using Footfall.Presence;

namespace Footfall.Building;

public sealed partial class BuildingModel
{
    /// <summary>Rung when one of this appliance's own change records changes: to be published for the peers.</summary>
    public Runtime.Doorbell OwnChanged { get; } = new();

    /// <summary>This appliance's latest own arrival or departure of each person (by slug), and who posts it.</summary>
    public IReadOnlyList<(string Slug, BuildingChange Change)> OwnChanges()
    {
        lock (_lock)
        {
            return [.. _own.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => (o.Key, o.Value))];
        }
    }

    /// <summary>
    /// A peer's change record for a person (null: its topic was emptied). This appliance's own, found retained on
    /// connecting, is taken back when it knows none newer: a change it was still to post is in its outbox as a
    /// post (it is judged again if it is still pending), so it no longer tells the peers it is owed.
    /// </summary>
    public void HeardChange(string siteId, string slug, BuildingChange? change)
    {
        bool changed = false, ringPeers = false;
        lock (_lock)
        {
            if (siteId == SelfId)
            {
                if (change is not null && (!_own.TryGetValue(slug, out BuildingChange? mine) || mine.At < change.At))
                {
                    changed = Record(slug, change.State == ChangeState.Owed ? change with { State = ChangeState.Posted } : change);
                }
            }
            else if (PeerOf(siteId) is { } peer)
            {
                if (change is null)
                {
                    peer.Changes.Remove(slug);
                }
                else
                {
                    peer.Changes[slug] = change;
                    // An offline peer's record can leave a post to take over (found retained after its status).
                    ringPeers = !peer.Online;
                }
            }
        }
        if (changed)
        {
            OwnChanged.Ring();
        }
        if (ringPeers)
        {
            PeersChanged.Ring();
        }
    }

    /// <summary>One of this appliance's own arrivals or departures that its local rules drop (cooldown, departures off, …): no post is due.</summary>
    public void Quiet(PresenceEventKind kind, string slug, DateTimeOffset at)
    {
        if (kind is not (PresenceEventKind.Arrived or PresenceEventKind.Left))
        {
            return;
        }
        bool changed;
        lock (_lock)
        {
            changed = Record(slug, BuildingChange.Own(kind, at, ChangeState.Quiet, SelfId));
        }
        if (changed)
        {
            OwnChanged.Ring();
        }
    }

    /// <summary>Keeps the record of the person's latest own change (an older event judged again leaves it); true when it changed.</summary>
    private bool Record(string slug, BuildingChange change)
    {
        if (_own.TryGetValue(slug, out BuildingChange? mine) && (mine.At > change.At || mine == change))
        {
            return false;
        }
        _own[slug] = change;
        return true;
    }
}
