using Footfall.Building;
using Footfall.Presence;
using Footfall.Tests.Support;

namespace Footfall.Tests.Building;

public class BuildingModelTests
{
    private static readonly TimeSpan s_window = BuildingModel.RaceWindow;

    [Fact]
    public void AnApplianceWithoutPeersPostsItsOwnArrivalOnceTheRaceWindowHasClosed()
    {
        var floors = new Floors(("2nd-floor", "2nd floor", TimeSpan.Zero));
        DateTimeOffset at = floors.Sees("2nd-floor", "alice", home: true);

        Assert.Equal(AnnounceVerdict.HoldUntil(at + s_window), floors.Judge("2nd-floor", PresenceEventKind.Arrived, "alice", at));
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("2nd-floor", PresenceEventKind.Arrived, "alice", at));
    }

    [Fact]
    public void UnknownDevicesAreNotTheBuildingsBusiness()
    {
        var floors = new Floors(("2nd-floor", "2nd floor", TimeSpan.Zero));
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("2nd-floor", PresenceEventKind.UnknownDeviceSeen, "x", floors.Now("2nd-floor")));
    }

    [Fact]
    public void AWalkUpstairsIsNeitherAnArrivalNorADeparture()
    {
        var floors = new Floors(("2nd-floor", "2nd floor", TimeSpan.Zero), ("3rd-floor", "3rd floor", TimeSpan.Zero));
        DateTimeOffset arrived = floors.Sees("2nd-floor", "alice", home: true);
        floors.Pass(TimeSpan.FromHours(1));
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("2nd-floor", PresenceEventKind.Arrived, "alice", arrived));

        DateTimeOffset upstairs = floors.Sees("3rd-floor", "alice", home: true);
        floors.Pass(AwayAfterAndAMinute);
        DateTimeOffset leftDownstairs = floors.Sees("2nd-floor", "alice", home: false);
        floors.Pass(s_window);

        Assert.Equal(AnnounceVerdict.Dropped("already in the building, on 2nd floor"),
            floors.Judge("3rd-floor", PresenceEventKind.Arrived, "alice", upstairs));
        Assert.Equal(AnnounceVerdict.Dropped("still in the building, on 3rd floor"),
            floors.Judge("2nd-floor", PresenceEventKind.Left, "alice", leftDownstairs));
    }

    [Fact]
    public void AnArrivalJudgedLateIsStillAWalkWhenTheOtherFloorHadHerThen()
    {
        // The 3rd floor's announcer was busy (or restarting): by the time it judges, the 2nd floor has dropped her.
        var floors = new Floors(("2nd-floor", "2nd floor", TimeSpan.Zero), ("3rd-floor", "3rd floor", TimeSpan.Zero));
        floors.Sees("2nd-floor", "alice", home: true);
        floors.Pass(TimeSpan.FromHours(1));
        DateTimeOffset upstairs = floors.Sees("3rd-floor", "alice", home: true);
        floors.Pass(AwayAfterAndAMinute);
        floors.Sees("2nd-floor", "alice", home: false);
        floors.Pass(s_window);

        Assert.Equal(VerdictKind.Drop, floors.Judge("3rd-floor", PresenceEventKind.Arrived, "alice", upstairs).Kind);
    }

    [Fact]
    public void TwoFloorsSeeingHerInTheSameSecondMakeOnePostByTheSmallestSiteId()
    {
        var floors = new Floors(("floor-3", "3rd floor", TimeSpan.Zero), ("floor-2", "2nd floor", TimeSpan.Zero));
        Assert.Equal(
            (AnnounceVerdict.Dropped("announced by 2nd floor"), AnnounceVerdict.Post),
            floors.Race("alice", home: true, "floor-3", "floor-2", TimeSpan.FromMilliseconds(400)));
    }

    [Fact]
    public void LeavingBothFloorsMakesOneDeparture()
    {
        var floors = new Floors(("floor-2", "2nd floor", TimeSpan.Zero), ("floor-3", "3rd floor", TimeSpan.Zero));
        floors.Sees("floor-2", "alice", home: true);
        floors.Sees("floor-3", "alice", home: true);
        floors.Pass(TimeSpan.FromHours(2));

        // Lost on the 2nd floor first, long before the 3rd: only the last one out of the building posts.
        DateTimeOffset off2 = floors.Sees("floor-2", "alice", home: false);
        floors.Pass(TimeSpan.FromMinutes(3));
        DateTimeOffset off3 = floors.Sees("floor-3", "alice", home: false);
        floors.Pass(s_window);
        Assert.Equal(VerdictKind.Drop, floors.Judge("floor-2", PresenceEventKind.Left, "alice", off2).Kind);
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("floor-3", PresenceEventKind.Left, "alice", off3));

        // Lost on both within a second: one of them posts.
        floors.Sees("floor-2", "bob", home: true);
        floors.Sees("floor-3", "bob", home: true);
        floors.Pass(TimeSpan.FromHours(2));
        Assert.Equal(
            (AnnounceVerdict.Dropped("announced by 2nd floor"), AnnounceVerdict.Post),
            floors.Race("bob", home: false, "floor-3", "floor-2", TimeSpan.FromMilliseconds(700)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-4)]
    [InlineData(45)]
    public void ClocksThatDifferMakeNoDifference(int secondsOff)
    {
        var floors = new Floors(("floor-2", "2nd floor", TimeSpan.Zero), ("floor-3", "3rd floor", TimeSpan.FromSeconds(secondsOff)));
        Assert.Equal(
            (AnnounceVerdict.Dropped("announced by 2nd floor"), AnnounceVerdict.Post),
            floors.Race("alice", home: true, "floor-3", "floor-2", TimeSpan.Zero));

        floors.Pass(TimeSpan.FromHours(1));
        Assert.Equal(
            (AnnounceVerdict.Dropped("still in the building, on 3rd floor"), AnnounceVerdict.Post),
            floors.Race("alice", home: false, "floor-2", "floor-3", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void AKilledApplianceNeitherPostsNorBlocksButItsPeopleCountInForAwayAfter()
    {
        var floors = new Floors(("floor-2", "2nd floor", TimeSpan.Zero), ("floor-3", "3rd floor", TimeSpan.Zero));
        floors.Sees("floor-2", "carol", home: true);
        floors.Pass(TimeSpan.FromMinutes(30));
        floors.Killed("floor-2");

        // Carol walks upstairs a minute after the 2nd floor died: she was counted in all along.
        floors.Pass(TimeSpan.FromMinutes(1));
        DateTimeOffset upstairs = floors.Sees("floor-3", "carol", home: true);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Dropped("already in the building, on 2nd floor"), floors.Judge("floor-3", PresenceEventKind.Arrived, "carol", upstairs));
        Assert.Equal(["3rd floor", "2nd floor (offline)"], floors.Model("floor-3").Snapshot([new LocalPerson("Carol", true, upstairs)]).People.Single().Places);

        // Dave arrives on both floors at once, but the 2nd floor is dead: the 3rd posts.
        DateTimeOffset dave = floors.Sees("floor-3", "dave", home: true);
        floors.Model("floor-3").HeardPerson("floor-2", "dave", home: true, retained: false);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("floor-3", PresenceEventKind.Arrived, "dave", dave));

        // After awayAfter the dead floor's people no longer count.
        floors.Pass(Floors.AwayAfter);
        BuildingSnapshot later = floors.Model("floor-3").Snapshot([]);
        Assert.False(later.People.Single(p => p.Slug == "carol").IsIn);
        Assert.Equal("2nd floor", later.People.Single(p => p.Slug == "carol").Place);
        Assert.False(later.Appliances.Single(a => a.Id == "floor-2").Online);
    }

    [Fact]
    public void ABrokerAwayHoldsPostsForAWhileThenTheApplianceAnnouncesAlone()
    {
        var clock = new ManualClock();
        var model = new BuildingModel("floor-2", "2nd floor", Floors.AwayAfter, clock);
        DateTimeOffset start = clock.GetUtcNow();
        Assert.False(model.Alone);
        Assert.Equal(AnnounceVerdict.HoldUntil(start + BuildingModel.BrokerGrace), model.Judge(PresenceEventKind.Arrived, "alice", start));
        clock.Advance(BuildingModel.BrokerGrace);
        Assert.Equal(AnnounceVerdict.Alone, model.Judge(PresenceEventKind.Arrived, "alice", start));
        Assert.True(model.Alone);
        Assert.True(model.Snapshot([]).Alone);

        // Back: the retained state needs a moment to arrive before anything is judged.
        model.LinkUp();
        DateTimeOffset back = clock.GetUtcNow();
        Assert.Equal(AnnounceVerdict.HoldUntil(back + s_window), model.Judge(PresenceEventKind.Arrived, "alice", start));
        model.HeardStatus("floor-3", online: true, retained: true);
        model.HeardPerson("floor-3", "alice", home: true, retained: true);
        clock.Advance(s_window);
        Assert.Equal(VerdictKind.Drop, model.Judge(PresenceEventKind.Arrived, "alice", start).Kind);

        // A restart of the broker: within the grace nothing is posted alone.
        model.LinkDown();
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(VerdictKind.Hold, model.Judge(PresenceEventKind.Left, "alice", clock.GetUtcNow()).Kind);
        Assert.False(model.Alone);
    }

    [Fact]
    public void OwnMessagesHeardBackAreNotAPeer()
    {
        var clock = new ManualClock();
        var model = new BuildingModel("floor-2", "2nd floor", Floors.AwayAfter, clock);
        model.LinkUp();
        model.HeardStatus("floor-2", online: true, retained: false);
        model.HeardPerson("floor-2", "alice", home: true, retained: false);
        Assert.Equal(["floor-2"], model.Snapshot([]).Appliances.Select(a => a.Id));
        Assert.Empty(model.Snapshot([]).People);
    }

    [Fact]
    public void TheSnapshotNamesPeopleAsTheConfigurationDoesAndSaysWhereEachIs()
    {
        var floors = new Floors(("floor-2", "2nd floor", TimeSpan.Zero), ("floor-3", "3rd floor", TimeSpan.Zero));
        floors.Sees("floor-3", "zoe-van-dijk", home: true);
        floors.Sees("floor-3", "erin", home: true);
        floors.Pass(TimeSpan.FromMinutes(5));
        floors.Sees("floor-3", "erin", home: false);

        BuildingSnapshot building = floors.Model("floor-2").Snapshot(
            [new LocalPerson("Zoë van Dijk", false, null), new LocalPerson("Alice", true, floors.Now("floor-2"))]);

        Assert.Equal(
            [
                new BuildingPerson("Alice", "alice", true, ["2nd floor"], "2nd floor"),
                new BuildingPerson("erin", "erin", false, [], "3rd floor"),
                new BuildingPerson("Zoë van Dijk", "zoe-van-dijk", true, ["3rd floor"], "3rd floor"),
            ],
            building.People.Select(p => p with { Places = [.. p.Places] }),
            new BuildingPersonComparer());
        Assert.Equal([("floor-2", true, true), ("floor-3", true, false)], building.Appliances.Select(a => (a.Id, a.Online, a.Self)));
    }

    private static TimeSpan AwayAfterAndAMinute => Floors.AwayAfter + TimeSpan.FromMinutes(1);

    private sealed class BuildingPersonComparer : IEqualityComparer<BuildingPerson>
    {
        public bool Equals(BuildingPerson? x, BuildingPerson? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Slug == y.Slug && x.IsIn == y.IsIn && x.Place == y.Place && x.Places.SequenceEqual(y.Places);

        public int GetHashCode(BuildingPerson obj) => obj.Slug.GetHashCode(StringComparison.Ordinal);
    }
}
