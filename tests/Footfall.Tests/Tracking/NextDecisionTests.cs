using Footfall.Net;
using Footfall.Presence;
using Footfall.Sweep;
using Footfall.Tests.Support;

namespace Footfall.Tests.Tracking;

/// <summary>
/// The daemon sleeps until <see cref="PresenceTracker.UntilNextDecision"/> instead of ticking every second,
/// so that figure must name the very moment <see cref="PresenceTracker.Tick"/> would act: never later
/// (a departure would come late), and nothing may be decided before it. The daemon also persists a
/// device update at once only when it says more than a later last-seen time (HasNewDeviceFacts).
/// </summary>
public class NextDecisionTests
{
    private static readonly MacAddress s_bobPhone = MacAddress.TryParse("3c:22:fb:00:00:03", out MacAddress m) ? m : default;
    private static readonly Person[] s_people = [new("Bob", "he", [s_bobPhone], 22)];

    private readonly ManualClock _clock = new();
    private readonly PresenceRules _rules = new() { AwayAfter = TimeSpan.FromMinutes(10), Departure = new DeparturePlan { WakeQueries = 0 } };

    [Fact]
    public void NothingWaitsOnTheClockBeforeTheFirstSweepOrWhenNobodyIsIn()
    {
        var tracker = new PresenceTracker(s_people, _rules, _clock);
        Assert.Null(tracker.UntilNextDecision());
        tracker.OnSweepCompleted();
        Assert.Null(tracker.UntilNextDecision());
    }

    [Fact]
    public void ItNamesTheMomentsTheCheckStartsAndTheDepartureIsDecided()
    {
        var tracker = new PresenceTracker(s_people, _rules, _clock);
        tracker.OnSweepCompleted();
        See(tracker);
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(TimeSpan.FromMinutes(7), tracker.UntilNextDecision());

        // Ticking just before the moment decides nothing; at the moment, the check starts.
        _clock.Advance(TimeSpan.FromMinutes(7) - TimeSpan.FromMilliseconds(1));
        tracker.Tick();
        Assert.Empty(tracker.TakeDepartureChecks());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.Zero, tracker.UntilNextDecision());
        tracker.Tick();
        Assert.Single(tracker.TakeDepartureChecks());

        // Then the check's window, and after the departure nothing more.
        Assert.Equal(_rules.DepartureCheckWindow, tracker.UntilNextDecision());
        _clock.Advance(_rules.DepartureCheckWindow - TimeSpan.FromMilliseconds(1));
        tracker.Tick();
        Assert.DoesNotContain(tracker.TakeEvents(), e => e.Kind == PresenceEventKind.Left);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        tracker.Tick();
        Assert.Single(tracker.TakeEvents(), e => e.Kind == PresenceEventKind.Left);
        Assert.Null(tracker.UntilNextDecision());
    }

    [Fact]
    public void ASightingPushesTheMomentBack()
    {
        var tracker = new PresenceTracker(s_people, _rules, _clock);
        tracker.OnSweepCompleted();
        See(tracker);
        _clock.Advance(TimeSpan.FromMinutes(4));
        See(tracker);
        Assert.Equal(TimeSpan.FromMinutes(10), tracker.UntilNextDecision());
    }

    [Fact]
    public void ALaterLastSeenAloneIsNoNewDeviceFactButANewDeviceOrAddressIs()
    {
        var tracker = new PresenceTracker(s_people, _rules, _clock);
        tracker.OnSweepCompleted();
        See(tracker);
        Assert.True(tracker.HasNewDeviceFacts);
        tracker.TakeDeviceUpdates();
        Assert.False(tracker.HasNewDeviceFacts);

        _clock.Advance(TimeSpan.FromSeconds(10));
        See(tracker);
        Assert.False(tracker.HasNewDeviceFacts);
        Assert.Single(tracker.TakeDeviceUpdates());

        See(tracker, "10.0.0.31");
        Assert.True(tracker.HasNewDeviceFacts);
    }

    private void See(PresenceTracker tracker, string ip = "10.0.0.30") =>
        tracker.OnSighting(new Sighting(s_bobPhone, Ipv4Address.TryParse(ip, out Ipv4Address address) ? address : default, _clock.GetTimestamp(), SightingKind.Reply));
}
