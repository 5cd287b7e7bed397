using Footfall.Net;
using Footfall.Presence;
using Footfall.Sweep;
using Footfall.Tests.Support;

namespace Footfall.Tests.Tracking;

public class PresenceTrackerTests
{
    private static readonly MacAddress s_alicePhone = Mac("3c:22:fb:00:00:01");
    private static readonly MacAddress s_aliceLaptop = Mac("a4:83:e7:00:00:02");
    private static readonly MacAddress s_bobPhone = Mac("3c:22:fb:00:00:03");
    private static readonly MacAddress s_visitor = Mac("da:a1:19:00:00:09");

    private static readonly Person[] s_people =
    [
        new("Alice", "she", [s_alicePhone, s_aliceLaptop], 17),
        new("Bob", "he", [s_bobPhone], 22),
    ];

    private readonly ManualClock _clock = new();
    private readonly PresenceRules _rules = new() { AwayAfter = TimeSpan.FromMinutes(10), Departure = new DeparturePlan { WakeQueries = 0 } };

    [Fact]
    public void APersonWithTwoDevicesArrivesOnce()
    {
        PresenceTracker tracker = Started();
        See(tracker, s_alicePhone, "10.0.0.21");
        _clock.Advance(TimeSpan.FromSeconds(30));
        See(tracker, s_aliceLaptop, "10.0.0.22");
        See(tracker, s_alicePhone, "10.0.0.21");

        PresenceEvent arrival = Assert.Single(tracker.TakeEvents());
        Assert.Equal((PresenceEventKind.Arrived, "Alice", true), (arrival.Kind, arrival.Person, arrival.Announce));
        Assert.Equal(s_alicePhone, arrival.Mac);
    }

    [Fact]
    public void TwoPeopleArrivingTogetherAreTwoArrivals()
    {
        PresenceTracker tracker = Started();
        See(tracker, s_bobPhone, "10.0.0.30");
        See(tracker, s_aliceLaptop, "10.0.0.22");
        Assert.Equal(["Bob", "Alice"], tracker.TakeEvents().Select(e => e.Person));
        Assert.All(tracker.Presence, p => Assert.True(p.IsIn));
    }

    [Fact]
    public void EitherDeviceKeepsAPersonIn()
    {
        PresenceTracker tracker = Started();
        See(tracker, s_alicePhone, "10.0.0.21");
        for (int minute = 0; minute < 60; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            // The phone sleeps after the first minutes; the laptop is seen every 9 minutes.
            if (minute % 9 == 0)
            {
                See(tracker, s_aliceLaptop, "10.0.0.22");
            }
            tracker.Tick();
            Assert.Empty(tracker.TakeDepartureChecks());
        }
        Assert.Single(tracker.TakeEvents());
        Assert.True(tracker.Presence.First().IsIn);
    }

    [Fact]
    public void SilenceForAwayAfterStartsADepartureCheckToEachDevicesLastAddress()
    {
        PresenceTracker tracker = Started();
        See(tracker, s_alicePhone, "10.0.0.21");
        See(tracker, s_aliceLaptop, "10.0.0.22");
        tracker.TakeEvents();

        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        tracker.Tick();
        Assert.Empty(tracker.TakeDepartureChecks());

        _clock.Advance(TimeSpan.FromSeconds(1));
        tracker.Tick();
        Assert.Equal(
            [new DepartureCheck("Alice", s_alicePhone, Ip("10.0.0.21")), new DepartureCheck("Alice", s_aliceLaptop, Ip("10.0.0.22"))],
            tracker.TakeDepartureChecks());
        Assert.Empty(tracker.TakeEvents());
        Assert.True(tracker.Presence.First().IsIn, "nobody leaves before the check has had its chance");
    }

    [Fact]
    public void AnAnsweredDepartureCheckRescuesASleepyPhone()
    {
        PresenceTracker tracker = Started();
        See(tracker, s_bobPhone, "10.0.0.30");
        tracker.TakeEvents();
        _clock.Advance(TimeSpan.FromMinutes(11));
        tracker.Tick();
        Assert.Single(tracker.TakeDepartureChecks());

        // The phone ignored broadcast sweeps but answers the unicast request.
        _clock.Advance(TimeSpan.FromMilliseconds(400));
        See(tracker, s_bobPhone, "10.0.0.30");
        _clock.Advance(TimeSpan.FromSeconds(5));
        tracker.Tick();

        Assert.Empty(tracker.TakeEvents());
        Assert.True(tracker.Presence.Single(p => p.Name == "Bob").IsIn);
        Assert.Empty(tracker.TakeDepartureChecks());
    }

    [Fact]
    public void AnUnansweredDepartureCheckMeansTheyLeftAndSaysHowLongTheyStayed()
    {
        PresenceTracker tracker = Started();
        See(tracker, s_bobPhone, "10.0.0.30");
        _clock.Advance(TimeSpan.FromHours(2));
        See(tracker, s_bobPhone, "10.0.0.30");
        tracker.TakeEvents();

        _clock.Advance(TimeSpan.FromMinutes(10));
        tracker.Tick();
        Assert.Single(tracker.TakeDepartureChecks());
        _clock.Advance(TimeSpan.FromSeconds(2));
        tracker.Tick();
        Assert.Empty(tracker.TakeEvents());
        _clock.Advance(TimeSpan.FromSeconds(1));
        tracker.Tick();

        PresenceEvent left = Assert.Single(tracker.TakeEvents());
        Assert.Equal((PresenceEventKind.Left, "Bob", TimeSpan.FromHours(2)), (left.Kind, left.Person, left.Stayed));
        Assert.False(tracker.Presence.Single(p => p.Name == "Bob").IsIn);

        // Coming back is a new arrival.
        _clock.Advance(TimeSpan.FromMinutes(1));
        See(tracker, s_bobPhone, "10.0.0.30");
        Assert.Equal(PresenceEventKind.Arrived, Assert.Single(tracker.TakeEvents()).Kind);
    }

    [Fact]
    public void ADeviceThatMovedIsCheckedAtItsNewAddress()
    {
        PresenceTracker tracker = Started();
        See(tracker, s_bobPhone, "10.0.0.30");
        _clock.Advance(TimeSpan.FromMinutes(1));
        See(tracker, s_bobPhone, "10.0.0.77");
        _clock.Advance(TimeSpan.FromMinutes(10));
        tracker.Tick();
        Assert.Equal(Ip("10.0.0.77"), Assert.Single(tracker.TakeDepartureChecks()).Ip);
        Assert.Single(tracker.TakeEvents());
        Assert.Equal("10.0.0.77", tracker.TakeDeviceUpdates().Single(d => d.Mac == s_bobPhone).Ip.ToString());
    }

    [Fact]
    public void PeopleFoundByTheFirstSweepAreRecordedSilently()
    {
        var tracker = new PresenceTracker(s_people, _rules, _clock);
        See(tracker, s_alicePhone, "10.0.0.21");
        tracker.OnSweepCompleted();
        See(tracker, s_bobPhone, "10.0.0.30");

        IReadOnlyList<PresenceEvent> events = tracker.TakeEvents();
        Assert.Equal([("Alice", false), ("Bob", true)], events.Select(e => (e.Person, e.Announce)));
    }

    [Fact]
    public void AnnounceOnStartupAnnouncesThemToo()
    {
        var tracker = new PresenceTracker(s_people, _rules with { AnnounceOnStartup = true }, _clock);
        See(tracker, s_alicePhone, "10.0.0.21");
        Assert.True(Assert.Single(tracker.TakeEvents()).Announce);
    }

    [Fact]
    public void ARestartWhileSomeoneStaysInDoesNotAnnounceThemAgain()
    {
        DateTimeOffset arrived = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(5));
        PersonPresence[] saved = [new("Alice", true, arrived, _clock.GetUtcNow()), new("Bob", false, null, null)];
        _clock.Advance(TimeSpan.FromMinutes(2)); // the restart

        var tracker = new PresenceTracker(s_people, _rules, _clock, saved);
        See(tracker, s_alicePhone, "10.0.0.21");
        tracker.OnSweepCompleted();
        tracker.Tick();

        Assert.Empty(tracker.TakeEvents());
        PersonPresence alice = tracker.Presence.First();
        Assert.True(alice.IsIn);
        Assert.Equal(arrived, alice.Since);
    }

    [Fact]
    public void SomeoneWhoLeftWhileWeWereDownLeavesAfterTheFirstSweep()
    {
        DateTimeOffset arrived = _clock.GetUtcNow();
        PersonPresence[] saved = [new("Bob", true, arrived, arrived.AddHours(1))];
        DeviceSeen[] devices = [new(s_bobPhone, Ip("10.0.0.30"), arrived.AddHours(1), "Bob")];
        _clock.Advance(TimeSpan.FromHours(3));

        var tracker = new PresenceTracker(s_people, _rules, _clock, saved, devices);
        tracker.Tick();
        Assert.Empty(tracker.TakeDepartureChecks()); // not before we have looked around once

        tracker.OnSweepCompleted();
        tracker.Tick();
        Assert.Equal(Ip("10.0.0.30"), Assert.Single(tracker.TakeDepartureChecks()).Ip);
        _clock.Advance(TimeSpan.FromSeconds(3));
        tracker.Tick();
        PresenceEvent left = Assert.Single(tracker.TakeEvents());
        Assert.Equal((PresenceEventKind.Left, TimeSpan.FromHours(1)), (left.Kind, left.Stayed));
    }

    [Fact]
    public void UnknownDevicesAreLoggedWhenNewOrBackAfterAnAbsenceAndNeverAnnounced()
    {
        PresenceTracker tracker = Started();
        See(tracker, s_visitor, "10.0.0.99");
        _clock.Advance(TimeSpan.FromMinutes(5));
        See(tracker, s_visitor, "10.0.0.99");
        _clock.Advance(TimeSpan.FromMinutes(30));
        See(tracker, s_visitor, "10.0.0.98");

        IReadOnlyList<PresenceEvent> events = tracker.TakeEvents();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal((PresenceEventKind.UnknownDeviceSeen, false, s_visitor), (e.Kind, e.Announce, e.Mac!.Value)));
        Assert.Null(tracker.TakeDeviceUpdates().Single().Person);
        Assert.All(tracker.Presence, p => Assert.False(p.IsIn));
    }

    [Fact]
    public void UnknownDevicesAreForgottenAfterRetention()
    {
        PresenceTracker tracker = Started();
        See(tracker, s_visitor, "10.0.0.99");
        See(tracker, s_bobPhone, "10.0.0.30");
        tracker.TakeDeviceUpdates();
        _clock.Advance(TimeSpan.FromHours(25));
        tracker.ForgetUnknownDevicesBefore(_clock.GetUtcNow() - TimeSpan.FromHours(24));
        tracker.TakeEvents();
        See(tracker, s_visitor, "10.0.0.99");
        Assert.Equal(PresenceEventKind.UnknownDeviceSeen, Assert.Single(tracker.TakeEvents()).Kind);
    }

    private PresenceTracker Started()
    {
        var tracker = new PresenceTracker(s_people, _rules, _clock);
        tracker.OnSweepCompleted();
        return tracker;
    }

    private void See(PresenceTracker tracker, MacAddress mac, string ip) =>
        tracker.OnSighting(new Sighting(mac, Ip(ip), _clock.GetTimestamp(), SightingKind.Reply));

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out MacAddress mac) ? mac : throw new ArgumentException(text);

    private static Ipv4Address Ip(string text) => Ipv4Address.TryParse(text, out Ipv4Address ip) ? ip : throw new ArgumentException(text);
}
