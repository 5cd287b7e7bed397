using Footfall.Runtime;

namespace Footfall.Presence;

/// <summary>
/// Who is in, as the tracker last published it, for the LEDs to read whenever they like: a snapshot
/// replaced whole, so readers never see half an update and never wait for the tracker.
/// </summary>
public sealed class PresenceBoard
{
    private volatile Snapshot _snapshot = new(new HashSet<string>(StringComparer.Ordinal), false);

    public bool FirstSweepDone => _snapshot.FirstSweepDone;

    /// <summary>Rung when who is in, or whether the first sweep is done, changes: the LEDs wait on it rather than poll.</summary>
    public Doorbell Changed { get; } = new();

    public bool AnyoneIn => _snapshot.In.Count > 0;

    public bool IsIn(string person) => _snapshot.In.Contains(person);

    public void Publish(IEnumerable<PersonPresence> presence, bool firstSweepDone)
    {
        var isIn = presence.Where(p => p.IsIn).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Snapshot last = _snapshot;
        if (last.FirstSweepDone != firstSweepDone || !last.In.SetEquals(isIn))
        {
            _snapshot = new Snapshot(isIn, firstSweepDone);
            Changed.Ring();
        }
    }

    private sealed record Snapshot(HashSet<string> In, bool FirstSweepDone);
}
