using Footfall.Building;
using Footfall.Feed;
using Footfall.Presence;

namespace Footfall.Status;

/// <summary>
/// The page's feed in a building: a walk between floors is told as a walk ("Alice went up to the 3rd floor"),
/// and this appliance's own arrival or departure that is half of it is left out, so it is not told as one.
/// </summary>
internal sealed class BuildingWalks
{
    private readonly IReadOnlyList<Person> _people;
    private long _told;

    public BuildingWalks(IReadOnlyList<Person> people) => _people = people;

    /// <summary>The events to tell: all of them alone; in a building, without the halves of walks.</summary>
    public static IReadOnlyList<FeedEvent> WithoutWalks(BuildingModel? building, IReadOnlyList<FeedEvent> events) =>
        building is null
            ? events
            : [.. events.Where(e => e.Event.Kind is not (PresenceEventKind.Arrived or PresenceEventKind.Left)
                || e.Event.Person is not { } person || !building.IsWalk(Text.Slug.Of(person), e.Event.At))];

    /// <summary>The walks seen since the last call, as feed lines, the person called as the configuration calls them.</summary>
    public IReadOnlyList<FeedEntry> Fresh(BuildingModel? building)
    {
        if (building is null)
        {
            return [];
        }
        (IReadOnlyList<FloorWalk> walks, _told) = building.WalksSince(_told);
        return [.. walks.Select(w => new FeedEntry(w.At, FeedKind.Walk, w.Text(NameOf(w.Person)), []))];
    }

    private string NameOf(string slug) => _people.FirstOrDefault(p => Text.Slug.Of(p.Name) == slug)?.Name ?? slug;
}
