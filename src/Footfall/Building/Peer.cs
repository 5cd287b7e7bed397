namespace Footfall.Building;

/// <summary>
/// Another appliance of the building, as its retained topics describe it: its name (site.name), whether it is
/// online (its status; "offline" is its last will) and since when, on this appliance's clock, and its people.
/// </summary>
public sealed class Peer
{
    public Peer(string id) => (Id, Name) = (id, id);

    /// <summary>The site id: the last level of its topic. The smallest id posts when appliances race.</summary>
    public string Id { get; }

    public string Name { get; set; }

    public bool Online { get; set; }

    /// <summary>When its status last changed; MinValue when the status was found retained (older than us).</summary>
    public DateTimeOffset StatusAt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Whether a status was heard at all: a peer only seen through its people's topics is not live.</summary>
    public bool StatusKnown { get; set; }

    public Dictionary<string, PeerPerson> People { get; } = new(StringComparer.Ordinal);

    /// <summary>Its latest own arrival or departure of each person (by slug), and who posts it.</summary>
    public Dictionary<string, BuildingChange> Changes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether its people still count in the building at <paramref name="now"/>: while it is online, and for
    /// <paramref name="awayAfter"/> after its will was heard (its people may still be there; nobody can tell).
    /// </summary>
    public bool Counts(DateTimeOffset now, TimeSpan awayAfter) =>
        Online || (StatusKnown && StatusAt != DateTimeOffset.MinValue && now - StatusAt < awayAfter);
}
