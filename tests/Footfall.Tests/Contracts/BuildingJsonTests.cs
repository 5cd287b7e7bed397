using System.Text.Json;
using Footfall.Building;
using Footfall.Contracts;

namespace Footfall.Tests.Contracts;

public class BuildingJsonTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void AnApplianceAloneSaysNothingOfABuilding()
    {
        using JsonDocument json = JsonDocument.Parse(JsonSerializer.Serialize(new WhoJson([], null), CliJson.Default.WhoJson));
        Assert.False(json.RootElement.TryGetProperty("building", out _));
    }

    [Fact]
    public void TheBuildingCarriesEveryApplianceAndEachPersonsPlace()
    {
        var snapshot = new BuildingSnapshot(true, false,
            [new("floor-2", "2nd floor", true, true, null), new("floor-3", "3rd floor", false, false, s_now)],
            [new("Alice", "alice", true, ["2nd floor", "3rd floor (offline)"], "2nd floor"), new("Bob", "bob", false, [], null)]);
        WhoJson who = new WhoJson([], null) with { Building = BuildingJson.Of(snapshot) };

        using JsonDocument json = JsonDocument.Parse(JsonSerializer.Serialize(who, CliJson.Default.WhoJson));

        JsonElement building = json.RootElement.GetProperty("building");
        Assert.True(building.GetProperty("connected").GetBoolean());
        Assert.False(building.GetProperty("alone").GetBoolean());
        JsonElement b = building.GetProperty("appliances")[1];
        Assert.Equal(("floor-3", "3rd floor", false, false, "2026-12-01T08:00:00+00:00"),
            (b.GetProperty("id").GetString(), b.GetProperty("name").GetString(), b.GetProperty("online").GetBoolean(), b.GetProperty("self").GetBoolean(), b.GetProperty("since").GetString()));
        JsonElement alice = building.GetProperty("people")[0];
        Assert.Equal("2nd floor", alice.GetProperty("place").GetString());
        Assert.Equal(["2nd floor", "3rd floor (offline)"], alice.GetProperty("places").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.Null, building.GetProperty("people")[1].GetProperty("place").ValueKind);
    }
}
