using Footfall.Building;
using Footfall.Presence;

namespace Footfall.Tests.Building;

/// <summary>
/// A race's winner that dies for good holding its post owed (issue 23): the floors that deferred to it take the post
/// over a race window after its will, and exactly one of them (the smallest live site id) posts it.
/// </summary>
public class TakeoverTests
{
    private static readonly TimeSpan s_window = BuildingModel.RaceWindow;

    [Fact]
    public void TheFloorThatDeferredToAnOwnerThatDiedOwingPostsItOnceAndTheOwnerBackDoesNot()
    {
        var floors = new Floors(("1st-floor", "1st floor", TimeSpan.Zero), ("3rd-floor", "3rd floor", TimeSpan.FromSeconds(4)));
        (DateTimeOffset onFirst, DateTimeOffset onThird, AnnounceVerdict deferred) = floors.Deferred("1st-floor", "3rd-floor", "alice");
        Assert.Equal(AnnounceVerdict.Dropped("announced by 1st floor"), deferred);
        BuildingModel third = floors.Model("3rd-floor");
        Assert.Empty(third.TakeoversDue());
        Assert.Null(third.UntilTakeoversDue());

        floors.Killed("1st-floor");
        Assert.Empty(third.TakeoversDue());
        Assert.Equal(s_window, third.UntilTakeoversDue());
        floors.Pass(s_window - TimeSpan.FromMilliseconds(1));
        Assert.Empty(third.TakeoversDue());
        floors.Pass(TimeSpan.FromMilliseconds(1));
        Assert.Equal([(PresenceEventKind.Arrived, "alice", onThird)], third.TakeoversDue());
        Assert.Empty(third.TakeoversDue());
        Assert.Null(third.UntilTakeoversDue());
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("3rd-floor", PresenceEventKind.Arrived, "alice", onThird));
        Assert.Empty(third.TakeoversDue());

        // Back long after, with its arrival still pending, the 1st floor finds that post made.
        floors.Pass(TimeSpan.FromMinutes(20));
        floors.Restarted("1st-floor");
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Dropped("already in the building, on 3rd floor"), floors.Judge("1st-floor", PresenceEventKind.Arrived, "alice", onFirst));
    }

    [Fact]
    public void OfSeveralFloorsThatDeferredTheSmallestLiveSiteIdPostsIt()
    {
        var floors = new Floors(("floor-1", "1st floor", TimeSpan.Zero), ("floor-2", "2nd floor", TimeSpan.FromSeconds(-3)), ("floor-3", "3rd floor", TimeSpan.FromSeconds(2)));
        DateTimeOffset onFirst = floors.Sees("floor-1", "alice", home: true);
        floors.Judge("floor-1", PresenceEventKind.Arrived, "alice", onFirst);
        floors.Pass(TimeSpan.FromMilliseconds(300));
        DateTimeOffset onSecond = floors.Sees("floor-2", "alice", home: true);
        DateTimeOffset onThird = floors.Sees("floor-3", "alice", home: true);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Dropped("announced by 1st floor"), floors.Judge("floor-3", PresenceEventKind.Arrived, "alice", onThird));
        Assert.Equal(AnnounceVerdict.Dropped("announced by 1st floor"), floors.Judge("floor-2", PresenceEventKind.Arrived, "alice", onSecond));
        floors.Killed("floor-1");
        floors.Pass(s_window);

        // Both take it up; the 3rd floor, judging first, leaves it to the 2nd, and now counts on the 2nd, not on the dead.
        Assert.Equal([(PresenceEventKind.Arrived, "alice", onThird)], floors.Model("floor-3").TakeoversDue());
        Assert.Equal([(PresenceEventKind.Arrived, "alice", onSecond)], floors.Model("floor-2").TakeoversDue());
        Assert.Equal(AnnounceVerdict.Dropped("announced by 2nd floor"), floors.Judge("floor-3", PresenceEventKind.Arrived, "alice", onThird));
        Assert.Equal(
            [("alice", new BuildingChange(PresenceEventKind.Arrived, onThird, ChangeState.Elsewhere, "floor-2", onSecond))],
            floors.Model("floor-3").OwnChanges());
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("floor-2", PresenceEventKind.Arrived, "alice", onSecond));
        Assert.Empty(floors.Model("floor-3").TakeoversDue());
        Assert.Empty(floors.Model("floor-2").TakeoversDue());
    }

    [Fact]
    public void NobodyTakesOverAPostTheDeadOwnerHadMade()
    {
        var floors = new Floors(("1st-floor", "1st floor", TimeSpan.Zero), ("3rd-floor", "3rd floor", TimeSpan.Zero));
        (AnnounceVerdict first, AnnounceVerdict third) = floors.Race("alice", home: true, "1st-floor", "3rd-floor", TimeSpan.FromMilliseconds(200));
        Assert.Equal(AnnounceVerdict.Post, first);
        Assert.Equal(AnnounceVerdict.Dropped("announced by 1st floor"), third);
        floors.Killed("1st-floor");
        Assert.Null(floors.Model("3rd-floor").UntilTakeoversDue());
        floors.Pass(TimeSpan.FromMinutes(1));
        Assert.Empty(floors.Model("3rd-floor").TakeoversDue());
    }

    [Fact]
    public void AnOwnerRestartedWithinTheWindowKeepsItsPost()
    {
        var floors = new Floors(("1st-floor", "1st floor", TimeSpan.Zero), ("3rd-floor", "3rd floor", TimeSpan.Zero));
        (DateTimeOffset onFirst, _, AnnounceVerdict deferred) = floors.Deferred("1st-floor", "3rd-floor", "alice");
        Assert.Equal(AnnounceVerdict.Dropped("announced by 1st floor"), deferred);
        floors.Killed("1st-floor");
        floors.Pass(TimeSpan.FromSeconds(2));
        floors.Restarted("1st-floor");
        floors.Pass(s_window);
        Assert.Empty(floors.Model("3rd-floor").TakeoversDue());
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("1st-floor", PresenceEventKind.Arrived, "alice", onFirst));
    }
}
