using Footfall.Building;

namespace Footfall.Contracts;

/// <summary>The building on /api/who: the appliances sharing the broker, and each person with where they are.</summary>
/// <param name="Connected">Whether this appliance has the broker now.</param>
/// <param name="Alone">Whether it announces on its own (the broker has been away over a minute): duplicates are possible.</param>
internal sealed record BuildingJson(bool Connected, bool Alone, IReadOnlyList<ApplianceJson> Appliances, IReadOnlyList<BuildingPersonJson> People)
{
    public static BuildingJson Of(BuildingSnapshot building) => new(
        building.Connected,
        building.Alone,
        [.. building.Appliances.Select(a => new ApplianceJson(a.Id, a.Name, a.Online, a.Self, a.Since?.ToUniversalTime()))],
        [.. building.People.Select(p => new BuildingPersonJson(p.Name, p.IsIn, p.Place, p.Places))]);
}

/// <param name="Id">The site id (its topic's last level).</param>
/// <param name="Self">True for the appliance serving this page.</param>
/// <param name="Since">When its status last changed, as this appliance heard it; null if that was before it listened.</param>
internal sealed record ApplianceJson(string Id, string Name, bool Online, bool Self, DateTimeOffset? Since);

/// <param name="Place">Where they are; when out, where they were last seen (null: nowhere known).</param>
/// <param name="Places">Every appliance that has them in (an offline one marked so).</param>
internal sealed record BuildingPersonJson(string Name, bool In, string? Place, IReadOnlyList<string> Places);
