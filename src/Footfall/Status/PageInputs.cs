using Footfall.Building;
using Footfall.Leds;
using Footfall.Presence;
using Footfall.Runtime;

namespace Footfall.Status;

/// <summary>What the daemon hands the page besides the store: health, who is in, the events as they are committed, and the status LED's judge.</summary>
public sealed record PageInputs(Health Health, PresenceBoard Board, Broadcast<IReadOnlyList<PresenceEvent>> Committed, StatusJudge Judge)
{
    /// <summary>The building this appliance shares a broker with (mqtt.building), or null: alone.</summary>
    public BuildingModel? Building { get; init; }

    /// <summary>What the image's updater last said, as the page words it (nothing when the daemon watches no such file).</summary>
    public UpdateNotice Update { get; init; } = new();
}
