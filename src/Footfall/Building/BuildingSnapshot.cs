namespace Footfall.Building;

/// <summary>One of this appliance's own people, as its store says: in or not, and when last seen.</summary>
public sealed record LocalPerson(string Name, bool IsIn, DateTimeOffset? LastSeen);

/// <summary>An appliance of the building; <paramref name="Since"/> is when its status last changed, if seen change.</summary>
public sealed record BuildingAppliance(string Id, string Name, bool Online, bool Self, DateTimeOffset? Since);

/// <summary>A person of the building: in when any live appliance (or one offline for less than awayAfter) has them in.</summary>
/// <param name="Places">The names of the appliances that have them in.</param>
/// <param name="Place">Where they are, or where they were last seen when out (null: nowhere known).</param>
public sealed record BuildingPerson(string Name, string Slug, bool IsIn, IReadOnlyList<string> Places, string? Place);

/// <summary>The building for the page and /api/who.</summary>
/// <param name="Connected">Whether the broker is connected.</param>
/// <param name="Alone">Whether this appliance announces on its own (the broker has been away too long).</param>
public sealed record BuildingSnapshot(bool Connected, bool Alone, IReadOnlyList<BuildingAppliance> Appliances, IReadOnlyList<BuildingPerson> People);
