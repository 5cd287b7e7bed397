using Footfall.Building;
using Footfall.Config;
using Footfall.Presence;

namespace Footfall.Announce;

/// <summary>
/// What composing posts needs: the announce settings, the people, the site's zone, a clock and a source of chance;
/// and the building, when this appliance shares a broker with others (null: alone).
/// </summary>
public sealed record AnnouncerSetup(AnnounceSettings Settings, IReadOnlyList<Person> People, TimeZoneInfo TimeZone, TimeProvider Time, Random Random, BuildingModel? Building = null);
