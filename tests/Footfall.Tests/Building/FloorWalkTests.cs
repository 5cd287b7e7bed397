using Footfall.Building;
using Footfall.Tests.Support;

namespace Footfall.Tests.Building;

public class FloorWalkTests
{
    [Theory]
    [InlineData("2nd floor", "3rd floor", "Alice went up to the 3rd floor")]
    [InlineData("Floor 12", "Floor 3", "Alice went down to Floor 3")]
    [InlineData("Annex", "3rd floor", "Alice went to the 3rd floor")]
    [InlineData("Level 2 east", "Level 2 west", "Alice went to Level 2 west")]
    public void SaysUpOrDownWhenBothPlacesHaveANumber(string from, string to, string said) =>
        Assert.Equal(said, new FloorWalk("alice", from, to, DateTimeOffset.UnixEpoch).Text("Alice"));

    [Fact]
    public void TheModelSeesAWalkFromItsOwnFloorAndBetweenPeersButNotAnArrival()
    {
        var clock = new ManualClock();
        var model = new BuildingModel("floor-2", "2nd floor", TimeSpan.FromMinutes(10), clock);
        model.LinkUp();
        foreach ((string id, string name) in new[] { ("floor-3", "3rd floor"), ("floor-4", "4th floor") })
        {
            model.HeardStatus(id, online: true, retained: true);
            model.HeardName(id, name);
        }
        model.Local("alice", home: true, clock.GetUtcNow());
        Assert.Empty(model.WalksSince(0).Walks);

        // Alice appears upstairs while this floor has her: a walk; and this floor's own departure is half of it.
        clock.Advance(TimeSpan.FromMinutes(5));
        model.HeardPerson("floor-3", "alice", home: true, retained: false);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(model.IsWalk("alice", clock.GetUtcNow()));
        model.Local("alice", home: false, clock.GetUtcNow());

        // Then from the 3rd floor to the 4th, between two peers; then the 3rd drops her.
        model.HeardPerson("floor-4", "alice", home: true, retained: false);
        model.HeardPerson("floor-3", "alice", home: false, retained: false);

        // Bob walks down into this floor: its own arrival is the other half.
        model.HeardPerson("floor-4", "bob", home: true, retained: true);
        Assert.True(model.IsWalk("bob", clock.GetUtcNow()));
        model.Local("bob", home: true, clock.GetUtcNow());

        (IReadOnlyList<FloorWalk> walks, long told) = model.WalksSince(0);
        Assert.Equal(
            ["Alice went up to the 3rd floor", "Alice went up to the 4th floor", "Bob went down to the 2nd floor"],
            walks.Select(w => w.Text(w.Person == "alice" ? "Alice" : "Bob")));
        Assert.Equal(3, told);
        Assert.Empty(model.WalksSince(told).Walks);

        // Carol simply arrives: no walk, and her arrival is no half of one.
        Assert.False(model.IsWalk("carol", clock.GetUtcNow()));
        model.Local("carol", home: true, clock.GetUtcNow());
        Assert.Empty(model.WalksSince(told).Walks);
    }

    [Fact]
    public void OnlyTheLatestWalksAreKept()
    {
        var clock = new ManualClock();
        var model = new BuildingModel("floor-2", "2nd floor", TimeSpan.FromMinutes(10), clock);
        model.HeardStatus("floor-3", online: true, retained: true);
        for (int i = 0; i < BuildingModel.WalksKept + 20; i++)
        {
            model.Local("alice", home: true, clock.GetUtcNow());
            model.HeardPerson("floor-3", "alice", home: true, retained: false);
            model.Local("alice", home: false, clock.GetUtcNow());
            model.HeardPerson("floor-3", "alice", home: false, retained: false);
        }
        (IReadOnlyList<FloorWalk> walks, long told) = model.WalksSince(0);
        Assert.Equal(BuildingModel.WalksKept, walks.Count);
        Assert.Equal(BuildingModel.WalksKept + 20, told);
        Assert.Equal(5, model.WalksSince(told - 5).Walks.Count);
    }
}
