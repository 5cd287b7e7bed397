using Footfall.Building;
using Footfall.Config;
using Footfall.Messages;
using Footfall.Presence;
using Footfall.Tests.Support;

namespace Footfall.Tests.Announce.Messages;

/// <summary>The composer with a building: the local rules first, then the building's verdict on each arrival and departure.</summary>
public class ComposerBuildingTests
{
    private static readonly Person[] s_people = [new("Alice", "she", [], null), new("Bob", null, [], null)];

    private sealed class NoHistory : IAnnounceHistory
    {
        public string? LastTemplate(string person) => null;

        public DateTimeOffset? LastDepartureBefore(string person, DateTimeOffset at) => null;
    }

    private static (Composer Composer, BuildingModel Building, ManualClock Clock) Make(AnnounceSettings settings)
    {
        var clock = new ManualClock();
        var building = new BuildingModel("floor-3", "3rd floor", TimeSpan.FromMinutes(10), clock);
        building.LinkUp();
        building.HeardName("floor-2", "2nd floor");
        building.HeardStatus("floor-2", online: true, retained: true);
        clock.Advance(TimeSpan.FromMinutes(1));
        return (new Composer(settings, TimeZoneInfo.Utc, new Random(3), clock) { Building = building }, building, clock);
    }

    [Fact]
    public void AnArrivalWaitsForTheRaceWindowEvenWithoutAnAggregationWindow()
    {
        (Composer composer, _, ManualClock clock) = Make(new AnnounceSettings { AggregateWindow = TimeSpan.Zero });
        DateTimeOffset at = clock.GetUtcNow();
        PendingAnnouncement[] pending = [new(1, new PresenceEvent(PresenceEventKind.Arrived, at, "Alice"))];

        Composition waiting = composer.Compose(pending, s_people, 1, new NoHistory());
        Assert.Empty(waiting.Posts);
        Assert.Empty(waiting.Dropped);
        Assert.Equal(at + BuildingModel.RaceWindow, waiting.WaitUntil);

        clock.Advance(BuildingModel.RaceWindow);
        Assert.Equal([1L], Assert.Single(composer.Compose(pending, s_people, 1, new NoHistory()).Posts).EventIds);
    }

    [Fact]
    public void AWalkIsDroppedWithWhereTheyAreAndTheLocalRulesComeFirst()
    {
        (Composer composer, BuildingModel building, ManualClock clock) = Make(new AnnounceSettings { AggregateWindow = TimeSpan.Zero, Departures = false });
        building.HeardPerson("floor-2", "alice", home: true, retained: true);
        DateTimeOffset at = clock.GetUtcNow();
        clock.Advance(BuildingModel.RaceWindow);

        Composition result = composer.Compose(
            [new(1, new PresenceEvent(PresenceEventKind.Arrived, at, "Alice")), new(2, new PresenceEvent(PresenceEventKind.Left, at, "Bob"))],
            s_people, 1, new NoHistory());

        Assert.Empty(result.Posts);
        Assert.Equal(
            [new DroppedAnnouncement(1, "already in the building, on 2nd floor"), new DroppedAnnouncement(2, "departure posts are off")],
            result.Dropped);
    }

    [Fact]
    public void ADepartureWhileAnotherFloorStillHasThemIsNotPosted()
    {
        (Composer composer, BuildingModel building, ManualClock clock) = Make(new AnnounceSettings { Departures = true });
        building.HeardPerson("floor-2", "bob", home: true, retained: true);
        DateTimeOffset at = clock.GetUtcNow();
        clock.Advance(BuildingModel.RaceWindow);
        Composition result = composer.Compose([new(5, new PresenceEvent(PresenceEventKind.Left, at, "Bob"))], s_people, 0, new NoHistory());
        Assert.Equal([new DroppedAnnouncement(5, "still in the building, on 2nd floor")], result.Dropped);

        // Gone from the 2nd floor too: now it is the building's departure.
        building.HeardPerson("floor-2", "bob", home: false, retained: false);
        clock.Advance(BuildingModel.RaceWindow * 3);
        DateTimeOffset later = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(composer.Compose([new(6, new PresenceEvent(PresenceEventKind.Left, later, "Bob"))], s_people, 0, new NoHistory()).Posts);
    }

    [Fact]
    public void TheCooldownSpansTheBuilding()
    {
        (Composer composer, BuildingModel building, ManualClock clock) = Make(new AnnounceSettings { AggregateWindow = TimeSpan.Zero, Cooldown = TimeSpan.FromHours(1) });
        building.HeardPerson("floor-2", "alice", home: true, retained: true);
        building.HeardPerson("floor-2", "alice", home: false, retained: false); // left the building from the 2nd floor
        clock.Advance(TimeSpan.FromMinutes(20));
        DateTimeOffset back = clock.GetUtcNow();
        clock.Advance(BuildingModel.RaceWindow);

        Composition result = composer.Compose([new(1, new PresenceEvent(PresenceEventKind.Arrived, back, "Alice"))], s_people, 1, new NoHistory());

        Assert.Equal([new DroppedAnnouncement(1, "back within the 1h cooldown")], result.Dropped);
        Assert.Null(building.PeerDepartureBefore("alice", back - TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void AnEventTheLocalRulesDropIsNoPostTheBuildingIsOwed()
    {
        (Composer composer, BuildingModel building, ManualClock clock) = Make(new AnnounceSettings { AggregateWindow = TimeSpan.Zero, Departures = false });
        DateTimeOffset at = clock.GetUtcNow();
        PendingAnnouncement[] pending = [new(1, new PresenceEvent(PresenceEventKind.Arrived, at, "Alice")), new(2, new PresenceEvent(PresenceEventKind.Left, at, "Bob"))];

        composer.Compose(pending, s_people, 1, new NoHistory());
        Assert.Equal(
            [("alice", BuildingChange.Own(PresenceEventKind.Arrived, at, ChangeState.Owed, "floor-3")), ("bob", BuildingChange.Own(PresenceEventKind.Left, at, ChangeState.Quiet, "floor-3"))],
            building.OwnChanges());

        clock.Advance(BuildingModel.RaceWindow);
        composer.Compose(pending, s_people, 1, new NoHistory());
        Assert.Equal(BuildingChange.Own(PresenceEventKind.Arrived, at, ChangeState.Posted, "floor-3"), building.OwnChanges()[0].Change);
    }
}
