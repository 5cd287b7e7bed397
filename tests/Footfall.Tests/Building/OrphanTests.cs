using Footfall.Building;
using Footfall.Presence;

namespace Footfall.Tests.Building;

/// <summary>People an appliance had in when it died: counted out after awayAfter, and that departure posted once.</summary>
public class OrphanTests
{
    [Fact]
    public void TheSmallestLiveSiteRecordsTheDepartureNobodySawOnceAndItIsPosted()
    {
        var floors = new Floors(("floor-1", "1st floor", TimeSpan.Zero), ("floor-2", "2nd floor", TimeSpan.Zero), ("floor-3", "3rd floor", TimeSpan.FromSeconds(3)));
        floors.Sees("floor-3", "carol", home: true);
        floors.Pass(TimeSpan.FromHours(1));
        floors.Killed("floor-3");
        floors.Pass(Floors.AwayAfter - TimeSpan.FromSeconds(1));
        Assert.Empty(floors.Model("floor-1").OrphansDue());

        floors.Pass(TimeSpan.FromSeconds(6));
        (string slug, DateTimeOffset at) = Assert.Single(floors.Model("floor-1").OrphansDue());
        Assert.Equal("carol", slug);
        Assert.Equal(floors.Now("floor-1") - TimeSpan.FromSeconds(5), at);
        Assert.Empty(floors.Model("floor-1").OrphansDue());
        Assert.Empty(floors.Model("floor-2").OrphansDue());

        floors.Pass(BuildingModel.RaceWindow);
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("floor-1", PresenceEventKind.Left, "carol", at));
    }

    [Fact]
    public void SomeoneWhoWalkedToALiveFloorIsNoOrphanNowOrLater()
    {
        var floors = new Floors(("floor-1", "1st floor", TimeSpan.Zero), ("floor-3", "3rd floor", TimeSpan.Zero));
        floors.Sees("floor-3", "carol", home: true);
        floors.Pass(TimeSpan.FromHours(1));
        floors.Killed("floor-3");
        floors.Pass(TimeSpan.FromMinutes(1));
        floors.Model("floor-1").Local("carol", home: true, floors.Now("floor-1"));
        floors.Pass(Floors.AwayAfter);
        Assert.Empty(floors.Model("floor-1").OrphansDue());

        // She leaves from the 1st floor: its own departure; the dead floor's stale "home" never makes a second.
        floors.Model("floor-1").Local("carol", home: false, floors.Now("floor-1"));
        floors.Pass(TimeSpan.FromMinutes(1));
        Assert.Empty(floors.Model("floor-1").OrphansDue());
    }

    [Fact]
    public void TheOrphansLoopSleepsUntilTheFirstDeadFloorsPeopleStopCountingAndIsWokenByAWill()
    {
        var floors = new Floors(("floor-1", "1st floor", TimeSpan.Zero), ("floor-2", "2nd floor", TimeSpan.Zero), ("floor-3", "3rd floor", TimeSpan.Zero));
        BuildingModel first = floors.Model("floor-1");
        floors.Sees("floor-2", "bob", home: true);
        floors.Sees("floor-3", "carol", home: true);
        Assert.Null(first.UntilOrphansDue());

        Task woken = first.PeersChanged.Next;
        floors.Killed("floor-3");
        Assert.True(woken.IsCompleted);
        Assert.Equal(Floors.AwayAfter, first.UntilOrphansDue());

        floors.Pass(TimeSpan.FromMinutes(4));
        floors.Killed("floor-2");
        Assert.Equal(Floors.AwayAfter - TimeSpan.FromMinutes(4), first.UntilOrphansDue());

        floors.Pass(Floors.AwayAfter - TimeSpan.FromMinutes(4));
        Assert.Equal(TimeSpan.Zero, first.UntilOrphansDue());
        Assert.Equal("carol", Assert.Single(first.OrphansDue()).Slug);
        Assert.Equal(TimeSpan.FromMinutes(4), first.UntilOrphansDue());

        floors.Pass(TimeSpan.FromMinutes(4));
        Assert.Equal("bob", Assert.Single(first.OrphansDue()).Slug);
        Assert.Null(first.UntilOrphansDue());
    }
}
