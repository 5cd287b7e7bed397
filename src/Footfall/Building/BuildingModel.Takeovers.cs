using Footfall.Presence;

namespace Footfall.Building;

public sealed partial class BuildingModel
{
    private readonly HashSet<(string Slug, DateTimeOffset At, DateTimeOffset OwnerOffline)> _takeoversTold = [];

    /// <summary>
    /// This appliance's own changes that another appliance was to post and never will: this appliance deferred to it
    /// (or took its own for a walk from it), and it went offline with the post still owed (its record says
    /// <see cref="ChangeState.Owed"/> for that very event). Each is given once, a race window after the owner's will
    /// (an owner restarted at once keeps its post), to be judged again: among several floors that deferred to it,
    /// the smallest live site id posts it, as in any race. Nothing is given when the owner's record says posted.
    /// </summary>
    public IReadOnlyList<(PresenceEventKind Kind, string Slug, DateTimeOffset At)> TakeoversDue()
    {
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            var due = new List<(PresenceEventKind, string, DateTimeOffset)>();
            foreach ((string slug, BuildingChange mine, Peer owner) in Orphaned())
            {
                if (owner.StatusAt + RaceWindow <= now && _takeoversTold.Add((slug, mine.At, owner.StatusAt)))
                {
                    due.Add((mine.Kind, slug, mine.At));
                }
            }
            return due;
        }
    }

    /// <summary>How long until <see cref="TakeoversDue"/> may next give a change (zero: now); null when none waits.</summary>
    public TimeSpan? UntilTakeoversDue()
    {
        lock (_lock)
        {
            DateTimeOffset? due = null;
            foreach ((string slug, BuildingChange mine, Peer owner) in Orphaned())
            {
                if (!_takeoversTold.Contains((slug, mine.At, owner.StatusAt)) && (due is null || owner.StatusAt + RaceWindow < due))
                {
                    due = owner.StatusAt + RaceWindow;
                }
            }
            return due is { } at ? Later(at, _time.GetUtcNow()) - _time.GetUtcNow() : null;
        }
    }

    /// <summary>Own changes left to an owner that is offline owing their post.</summary>
    private IEnumerable<(string Slug, BuildingChange Mine, Peer Owner)> Orphaned()
    {
        foreach ((string slug, BuildingChange mine) in _own)
        {
            if (mine is { State: ChangeState.Elsewhere, Owner: { } ownerId } && _peers.GetValueOrDefault(ownerId) is { } owner
                && DiedOwing(owner, slug, mine.Kind, mine.OwnerAt))
            {
                yield return (slug, mine, owner);
            }
        }
    }

    /// <summary>Whether <paramref name="owner"/> is offline with its own change of that kind at <paramref name="at"/> (its clock) still owed.</summary>
    private static bool DiedOwing(Peer owner, string slug, PresenceEventKind kind, DateTimeOffset? at) =>
        !owner.Online
        && owner.Changes.TryGetValue(slug, out BuildingChange? owed)
        && owed.Kind == kind && owed.State == ChangeState.Owed && owed.At == at;
}
