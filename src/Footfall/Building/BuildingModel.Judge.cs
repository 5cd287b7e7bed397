using Footfall.Presence;

namespace Footfall.Building;

public sealed partial class BuildingModel
{
    /// <summary>
    /// Whether this appliance posts its own arrival or departure of <paramref name="slug"/> at <paramref name="at"/>:
    /// hold while the race window is open or the broker has just gone; post a change a peer counts on this appliance
    /// to post (it deferred to it); drop a walk between floors, or a change a peer with a smaller site id saw in the
    /// same window, or one a peer has already posted; post otherwise, alone when the broker is long gone. An arrival
    /// whose earlier half was owed by an appliance that died before posting it is no walk: this one posts it. What
    /// is decided becomes this appliance's own change record (<see cref="OwnChanges"/>), for its peers.
    /// </summary>
    public AnnounceVerdict Judge(PresenceEventKind kind, string slug, DateTimeOffset at)
    {
        if (kind is not (PresenceEventKind.Arrived or PresenceEventKind.Left))
        {
            return AnnounceVerdict.Post;
        }
        AnnounceVerdict verdict;
        bool changed;
        lock (_lock)
        {
            (verdict, BuildingChange record) = Decide(kind, slug, at);
            changed = Record(slug, record);
        }
        if (changed)
        {
            OwnChanged.Ring();
        }
        return verdict;
    }

    private (AnnounceVerdict, BuildingChange) Decide(PresenceEventKind kind, string slug, DateTimeOffset at)
    {
        DateTimeOffset now = _time.GetUtcNow();
        BuildingChange owed = BuildingChange.Own(kind, at, ChangeState.Owed, SelfId);
        BuildingChange posted = owed with { State = ChangeState.Posted };
        if (!_connected)
        {
            return now - _linkChangedAt >= BrokerGrace
                ? (AnnounceVerdict.Alone, posted)
                : (AnnounceVerdict.HoldUntil(_linkChangedAt + BrokerGrace), owed);
        }
        // Wait for the window to close, and after a (re)connection for the retained state to arrive.
        DateTimeOffset due = Later(at, _linkChangedAt) + RaceWindow;
        if (now < due)
        {
            return (AnnounceVerdict.HoldUntil(due), owed);
        }
        DateTimeOffset from = at - RaceWindow, to = at + RaceWindow;
        Peer? first = null, postedBy = null;
        bool reliedOn = false;
        foreach (Peer peer in _peers.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            peer.Changes.TryGetValue(slug, out BuildingChange? change);
            if (change is { State: ChangeState.Elsewhere } && change.Kind == kind && change.Owner == SelfId && change.OwnerAt == at)
            {
                // It took its own half for part of this very change: this appliance posts it, whatever it found before.
                reliedOn = true;
                continue;
            }
            if (!peer.People.TryGetValue(slug, out PeerPerson person))
            {
                continue;
            }
            bool counts = peer.Counts(now, _awayAfter);
            bool racing;
            if (kind == PresenceEventKind.Arrived)
            {
                bool hadThemBefore = (person.Home && person.ChangedAt < from) || (person.Dropped && person.ChangedAt > to);
                if (counts && hadThemBefore && !OwedByTheDead(peer, slug))
                {
                    return (AnnounceVerdict.Dropped($"already in the building, on {peer.Name}"), OwnerOf(peer, slug, change, kind, at));
                }
                racing = person.Home && person.ChangedAt >= from && person.ChangedAt <= to;
            }
            else
            {
                bool stillHasThem = person.Home || (person.Dropped && person.ChangedAt > to);
                if (counts && stillHasThem)
                {
                    return (AnnounceVerdict.Dropped($"still in the building, on {peer.Name}{(peer.Online ? "" : " (offline)")}"), owed with { State = ChangeState.Quiet });
                }
                racing = person.Dropped && person.ChangedAt >= from && person.ChangedAt <= to;
            }
            if (racing && postedBy is null && change is { State: ChangeState.Posted } && change.Kind == kind)
            {
                postedBy = peer;
            }
            if (racing && peer.Online && first is null)
            {
                first = peer;
            }
        }
        if (postedBy is not null)
        {
            return (AnnounceVerdict.Dropped($"announced by {postedBy.Name}"), OwnerOf(postedBy, slug, postedBy.Changes[slug], kind, at));
        }
        if (!reliedOn && first is not null && string.CompareOrdinal(first.Id, SelfId) < 0)
        {
            return (AnnounceVerdict.Dropped($"announced by {first.Name}"), OwnerOf(first, slug, first.Changes.GetValueOrDefault(slug), kind, at));
        }
        return (AnnounceVerdict.Post, posted);
    }

    /// <summary>
    /// Whether the peer's arrival of the person was never posted and never will be: it, or the appliance it counted
    /// on, was still to post it when it went offline. Its people still count in, but not as a walk's first half.
    /// </summary>
    private bool OwedByTheDead(Peer peer, string slug)
    {
        if (!peer.Changes.TryGetValue(slug, out BuildingChange? change) || change.Kind != PresenceEventKind.Arrived || change.Owner is not { } ownerId)
        {
            return false;
        }
        Peer? owner = ownerId == peer.Id ? peer : _peers.GetValueOrDefault(ownerId);
        return owner is not null && DiedOwing(owner, slug, PresenceEventKind.Arrived, change.OwnerAt);
    }

    /// <summary>
    /// This appliance's change, when <paramref name="peer"/>'s change (or the one it counts on) is the building's. When the
    /// one it counts on died owing its post, the peer is the owner: it takes that post over (<see cref="TakeoversDue"/>).
    /// </summary>
    private BuildingChange OwnerOf(Peer peer, string slug, BuildingChange? change, PresenceEventKind kind, DateTimeOffset at) => change switch
    {
        { State: ChangeState.Elsewhere, Owner: { } owner } when change.Kind == kind
            && !(_peers.GetValueOrDefault(owner) is { } dead && DiedOwing(dead, slug, kind, change.OwnerAt)) => new(kind, at, ChangeState.Elsewhere, owner, change.OwnerAt),
        not null when change.Kind == kind => new(kind, at, ChangeState.Elsewhere, peer.Id, change.At),
        _ => new(kind, at, ChangeState.Elsewhere, peer.Id, null),
    };

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
