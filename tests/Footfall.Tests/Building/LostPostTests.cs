using Footfall.Building;
using Footfall.Presence;

namespace Footfall.Tests.Building;

/// <summary>
/// The posts the retained state alone could lose (issue 23): a building change whose appliance was to post it, and
/// died first, must still be posted exactly once, by it when it is back or by a floor that saw the person later.
/// </summary>
public class LostPostTests
{
    private static readonly TimeSpan s_window = BuildingModel.RaceWindow;

    [Fact]
    public void ARaceWinnerKilledBeforeItsPostPostsItWhenBackThoughTheLoserDeferredToIt()
    {
        // Alice is seen on the 1st and the 3rd floor within a second. The 3rd floor judges first and defers to the
        // 1st (the smaller site id); the 1st is killed before it judges, and starts again with her arrival pending.
        var floors = new Floors(("1st-floor", "1st floor", TimeSpan.Zero), ("3rd-floor", "3rd floor", TimeSpan.FromSeconds(4)));
        (DateTimeOffset onFirst, _, AnnounceVerdict third) = floors.Deferred("1st-floor", "3rd-floor", "alice");
        Assert.Equal(AnnounceVerdict.Dropped("announced by 1st floor"), third);
        floors.Killed("1st-floor");

        floors.Pass(TimeSpan.FromSeconds(30));
        floors.Restarted("1st-floor");
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("1st-floor", PresenceEventKind.Arrived, "alice", onFirst));
    }

    [Fact]
    public void AFloorThatSeesHerAfterTheOwnerDiedWithItsPostOwedPostsItAndTheOwnerBackDoesNot()
    {
        // Alice is seen on the 1st floor alone, which is killed while its post waits for the race window; the 3rd
        // floor sees her 8 s later, when the 1st floor's will has told it the 1st floor is offline.
        var floors = new Floors(("1st-floor", "1st floor", TimeSpan.Zero), ("3rd-floor", "3rd floor", TimeSpan.FromSeconds(-4)));
        DateTimeOffset onFirst = floors.Sees("1st-floor", "alice", home: true);
        Assert.Equal(VerdictKind.Hold, floors.Judge("1st-floor", PresenceEventKind.Arrived, "alice", onFirst).Kind);
        floors.Pass(TimeSpan.FromSeconds(2));
        floors.Killed("1st-floor");
        floors.Pass(TimeSpan.FromSeconds(6));
        DateTimeOffset onThird = floors.Sees("3rd-floor", "alice", home: true);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("3rd-floor", PresenceEventKind.Arrived, "alice", onThird));

        // Back, the 1st floor finds her in on the 3rd floor, whose post is made: its own is not posted a second time.
        floors.Pass(TimeSpan.FromMinutes(1));
        floors.Restarted("1st-floor");
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Dropped("already in the building, on 3rd floor"), floors.Judge("1st-floor", PresenceEventKind.Arrived, "alice", onFirst));
    }

    [Fact]
    public void AThirdFloorThatTookTheDeadOwnersPostOverMakesTheOwnerBackDropItsOwn()
    {
        // The 3rd floor defers to the 1st, which dies before judging; the 2nd floor sees her later and, the 1st
        // floor's arrival being owed by the dead, posts it. Back, the 1st floor does not post it a second time.
        var floors = new Floors(("1st-floor", "1st floor", TimeSpan.Zero), ("2nd-floor", "2nd floor", TimeSpan.Zero), ("3rd-floor", "3rd floor", TimeSpan.Zero));
        DateTimeOffset onFirst = floors.Sees("1st-floor", "alice", home: true);
        floors.Judge("1st-floor", PresenceEventKind.Arrived, "alice", onFirst);
        DateTimeOffset onThird = floors.Sees("3rd-floor", "alice", home: true);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Dropped("announced by 1st floor"), floors.Judge("3rd-floor", PresenceEventKind.Arrived, "alice", onThird));
        floors.Killed("1st-floor");
        floors.Pass(TimeSpan.FromSeconds(20));
        DateTimeOffset onSecond = floors.Sees("2nd-floor", "alice", home: true);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("2nd-floor", PresenceEventKind.Arrived, "alice", onSecond));

        floors.Restarted("1st-floor");
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Dropped("already in the building, on 2nd floor"), floors.Judge("1st-floor", PresenceEventKind.Arrived, "alice", onFirst));
    }

    [Fact]
    public void AnOwnerAliveIsCountedOnAndAPeerThatPostedFirstIsNotPostedAgain()
    {
        var floors = new Floors(("floor-2", "2nd floor", TimeSpan.Zero), ("floor-3", "3rd floor", TimeSpan.FromSeconds(3)));
        DateTimeOffset onSecond = floors.Sees("floor-2", "alice", home: true);
        floors.Judge("floor-2", PresenceEventKind.Arrived, "alice", onSecond);
        floors.Pass(TimeSpan.FromSeconds(8));
        // The 2nd floor has not judged yet (its announcer was busy), but it is alive: the 3rd floor's is a walk.
        DateTimeOffset onThird = floors.Sees("floor-3", "alice", home: true);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Dropped("already in the building, on 2nd floor"), floors.Judge("floor-3", PresenceEventKind.Arrived, "alice", onThird));
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("floor-2", PresenceEventKind.Arrived, "alice", onSecond));
        Assert.Equal(
            [("alice", new BuildingChange(PresenceEventKind.Arrived, onThird, ChangeState.Elsewhere, "floor-2", onSecond))],
            floors.Model("floor-3").OwnChanges());

        // Bob is seen on the 3rd floor, then on the 2nd 5 s later, just after the 3rd floor has judged: the 3rd posts. The 2nd floor, the smaller site id, finds that post made and does not post again.
        DateTimeOffset bobOnThird = floors.Sees("floor-3", "bob", home: true);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("floor-3", PresenceEventKind.Arrived, "bob", bobOnThird));
        DateTimeOffset bobOnSecond = floors.Sees("floor-2", "bob", home: true);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Dropped("announced by 3rd floor"), floors.Judge("floor-2", PresenceEventKind.Arrived, "bob", bobOnSecond));
    }

    [Fact]
    public void ARecordNamingAnOlderEventOfThisApplianceIsNotACallToPostANewOne()
    {
        var floors = new Floors(("floor-2", "2nd floor", TimeSpan.Zero), ("floor-3", "3rd floor", TimeSpan.Zero));
        DateTimeOffset first = floors.Sees("floor-2", "alice", home: true);
        floors.Pass(TimeSpan.FromSeconds(1));
        floors.Sees("floor-3", "alice", home: true);
        floors.Judge("floor-2", PresenceEventKind.Arrived, "alice", first);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Post, floors.Judge("floor-2", PresenceEventKind.Arrived, "alice", first));
        Assert.Equal(VerdictKind.Drop, floors.Judge("floor-3", PresenceEventKind.Arrived, "alice", first + TimeSpan.FromSeconds(1)).Kind);

        // She leaves the 2nd floor only (a walk upstairs) and comes back to it hours later: the 3rd floor's record
        // still names the 2nd floor's first arrival, not this one.
        floors.Pass(TimeSpan.FromHours(1));
        DateTimeOffset left = floors.Sees("floor-2", "alice", home: false);
        floors.Pass(s_window);
        Assert.Equal(VerdictKind.Drop, floors.Judge("floor-2", PresenceEventKind.Left, "alice", left).Kind);
        floors.Pass(TimeSpan.FromHours(2));
        DateTimeOffset back = floors.Sees("floor-2", "alice", home: true);
        floors.Pass(s_window);
        Assert.Equal(AnnounceVerdict.Dropped("already in the building, on 3rd floor"), floors.Judge("floor-2", PresenceEventKind.Arrived, "alice", back));
    }

    [Fact]
    public void ItsOwnRecordFoundRetainedIsTakenBackAsPostedUnlessItsEventIsJudgedAgain()
    {
        var clock = new Support.ManualClock();
        var model = new BuildingModel("floor-2", "2nd floor", Floors.AwayAfter, clock);
        DateTimeOffset at = clock.GetUtcNow();
        model.HeardChange("floor-2", "alice", BuildingChange.Own(PresenceEventKind.Arrived, at, ChangeState.Owed, "floor-2"));
        Assert.Equal([("alice", BuildingChange.Own(PresenceEventKind.Arrived, at, ChangeState.Posted, "floor-2"))], model.OwnChanges());

        model.LinkUp();
        Assert.Equal(VerdictKind.Hold, model.Judge(PresenceEventKind.Arrived, "alice", at).Kind);
        Assert.Equal([("alice", BuildingChange.Own(PresenceEventKind.Arrived, at, ChangeState.Owed, "floor-2"))], model.OwnChanges());

        // An older record heard back changes nothing; a local rule's drop says no post is due.
        model.HeardChange("floor-2", "alice", BuildingChange.Own(PresenceEventKind.Left, at - TimeSpan.FromHours(1), ChangeState.Posted, "floor-2"));
        model.Quiet(PresenceEventKind.Arrived, "alice", at);
        Assert.Equal([("alice", BuildingChange.Own(PresenceEventKind.Arrived, at, ChangeState.Quiet, "floor-2"))], model.OwnChanges());
    }
}
