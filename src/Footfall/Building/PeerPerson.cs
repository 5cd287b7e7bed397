namespace Footfall.Building;

/// <summary>
/// What one peer last said of one person: home or not, when that changed (on this appliance's clock, when the
/// message arrived; <see cref="DateTimeOffset.MinValue"/> for a retained state found on subscribing, whose
/// change is older than anything here), and whether the state before it was home.
/// </summary>
public readonly record struct PeerPerson(bool Home, DateTimeOffset ChangedAt, bool WasHome)
{
    /// <summary>Went from home to not home at <see cref="ChangedAt"/>.</summary>
    public bool Dropped => !Home && WasHome;
}
