using Footfall.Net;
using Footfall.Presence;
using Footfall.Sweep;
using Footfall.Tests.Support;

namespace Footfall.Tests.Tracking;

/// <summary>The tracker with real phones' habits: DHCP and IPv6 sightings, new private MACs, hostnames, IP conflicts.</summary>
public class PhoneTrackingTests
{
    private static readonly MacAddress s_alicePhone = Mac("3c:22:fb:00:00:01");
    private static readonly MacAddress s_bobPhone = Mac("3c:22:fb:00:00:03");
    private static readonly MacAddress s_private = Mac("da:a1:19:00:00:09");
    private static readonly MacAddress s_private2 = Mac("6a:00:00:00:00:0a");
    private static readonly DhcpIdentity s_aliceIdentity = new("Alices-iPhone", "01:3c:22:fb:00:00:01");

    private readonly ManualClock _clock = new();
    private readonly PresenceRules _rules = new() { AwayAfter = TimeSpan.FromMinutes(10) };

    [Fact]
    public void ADhcpDiscoverIsAnArrivalAndItsHostnameIsKept()
    {
        PresenceTracker tracker = Started(People());
        tracker.OnSighting(new Sighting(s_alicePhone, Ipv4Address.Any, 0, SightingKind.Dhcp, s_aliceIdentity));
        PresenceEvent arrival = Assert.Single(tracker.TakeEvents());
        Assert.Equal(("Alice", PresenceEventKind.Arrived, (Ipv4Address?)null), (arrival.Person, arrival.Kind, arrival.Ip));
        DeviceSeen device = Assert.Single(tracker.TakeDeviceUpdates());
        Assert.Equal(s_aliceIdentity, device.Dhcp);

        // The ARP that follows gives the address; the identity stays.
        See(tracker, s_alicePhone, "10.160.0.21");
        device = Assert.Single(tracker.TakeDeviceUpdates());
        Assert.Equal((Ip("10.160.0.21"), s_aliceIdentity), (device.Ip, device.Dhcp));
    }

    [Fact]
    public void NeighbourDiscoveryKeepsAPersonInWithoutLosingTheirIpv4Address()
    {
        PresenceTracker tracker = Started(People());
        See(tracker, s_alicePhone, "10.160.0.21");
        for (int minute = 0; minute < 60; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            tracker.OnSighting(new Sighting(s_alicePhone, Ipv4Address.Any, 0, SightingKind.NeighborDiscovery));
            tracker.Tick();
            Assert.Empty(tracker.TakeDepartureChecks());
        }
        Assert.Single(tracker.TakeEvents());
        Assert.Equal(Ip("10.160.0.21"), tracker.TakeDeviceUpdates().Single().Ip);
    }

    [Fact]
    public void ADeviceSeenOnlyByIpv6IsNotAskedByArp()
    {
        PresenceTracker tracker = Started(People());
        tracker.OnSighting(new Sighting(s_alicePhone, Ipv4Address.Any, 0, SightingKind.NeighborDiscovery));
        tracker.TakeEvents();
        _clock.Advance(TimeSpan.FromMinutes(10));
        tracker.Tick();
        Assert.Empty(tracker.TakeDepartureChecks());
        Assert.Equal(PresenceEventKind.Left, Assert.Single(tracker.TakeEvents()).Kind);
    }

    [Fact]
    public void TheDepartureCheckWaitsTheWholePlanBeforeLettingGo()
    {
        PresenceTracker tracker = Started(People());
        See(tracker, s_alicePhone, "10.160.0.21");
        tracker.TakeEvents();
        _clock.Advance(TimeSpan.FromMinutes(10));
        tracker.Tick();
        Assert.Single(tracker.TakeDepartureChecks());

        // A sleepy phone answers only after the wake, late in the plan: still in.
        _clock.Advance(_rules.Departure.Window - TimeSpan.FromMilliseconds(100));
        tracker.Tick();
        Assert.Empty(tracker.TakeEvents());
        See(tracker, s_alicePhone, "10.160.0.21");
        _clock.Advance(TimeSpan.FromSeconds(5));
        tracker.Tick();
        Assert.Empty(tracker.TakeEvents());
        Assert.True(tracker.Presence.First().IsIn);

        // Silent through a whole check: gone exactly when its window closes.
        _clock.Advance(TimeSpan.FromMinutes(10));
        tracker.Tick();
        Assert.Single(tracker.TakeDepartureChecks());
        _clock.Advance(_rules.Departure.Window - TimeSpan.FromMilliseconds(1));
        tracker.Tick();
        Assert.Empty(tracker.TakeEvents());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        tracker.Tick();
        Assert.Equal(PresenceEventKind.Left, Assert.Single(tracker.TakeEvents()).Kind);
    }

    [Fact]
    public void APrivateMacSendingAKnownDevicesHostnameIsProbablyTheirsAndSaidOnce()
    {
        PresenceTracker tracker = Started(People());
        tracker.OnSighting(new Sighting(s_alicePhone, Ip("10.160.0.21"), 0, SightingKind.Dhcp, s_aliceIdentity));
        tracker.TakeDeviceUpdates();

        // Same hostname, a new private MAC and so a new client id (busybox sends 01 + MAC).
        var rotated = new DhcpIdentity("alices-iphone", "01:da:a1:19:00:00:09");
        tracker.OnSighting(new Sighting(s_private, Ipv4Address.Any, 0, SightingKind.Dhcp, rotated));
        See(tracker, s_private, "10.160.0.22");
        string notice = Assert.Single(tracker.TakeNotices());
        Assert.Contains("da:a1:19:00:00:09 is probably Alice's phone with a new private address", notice);
        DeviceSeen device = Assert.Single(tracker.TakeDeviceUpdates(), d => d.Mac == s_private);
        Assert.Equal(("Alice", (string?)null), (device.ProbablyOf, device.Person));
        // It does not count for Alice: only people[].hostnames does that.
        Assert.Equal(PresenceEventKind.UnknownDeviceSeen, tracker.TakeEvents().Last().Kind);
    }

    [Fact]
    public void AGloballyAdministeredMacOrAnUnknownHostnameIsNotFlagged()
    {
        PresenceTracker tracker = Started(People());
        tracker.OnSighting(new Sighting(s_alicePhone, Ip("10.160.0.21"), 0, SightingKind.Dhcp, s_aliceIdentity));
        tracker.OnSighting(new Sighting(s_bobPhone with { Value = 0x3c22_fb00_00ff }, Ipv4Address.Any, 0, SightingKind.Dhcp, s_aliceIdentity with { ClientId = null }));
        tracker.OnSighting(new Sighting(s_private, Ipv4Address.Any, 0, SightingKind.Dhcp, new DhcpIdentity("Carols-Pixel", null)));
        Assert.Empty(tracker.TakeNotices());
        Assert.All(tracker.TakeDeviceUpdates(), d => Assert.Null(d.ProbablyOf));
    }

    [Fact]
    public void AHostnameTwoPeoplesDevicesUsedPointsAtNobody()
    {
        PresenceTracker tracker = Started(People());
        tracker.OnSighting(new Sighting(s_alicePhone, Ipv4Address.Any, 0, SightingKind.Dhcp, new DhcpIdentity("iPhone", null)));
        tracker.OnSighting(new Sighting(s_bobPhone, Ipv4Address.Any, 0, SightingKind.Dhcp, new DhcpIdentity("iPhone", null)));
        tracker.OnSighting(new Sighting(s_private, Ipv4Address.Any, 0, SightingKind.Dhcp, new DhcpIdentity("IPHONE", null)));
        Assert.Empty(tracker.TakeNotices());
        Assert.Null(tracker.TakeDeviceUpdates().Single(d => d.Mac == s_private).ProbablyOf);
    }

    [Fact]
    public void WithPeopleHostnamesSuchADeviceCountsForThemAndIsAskedAtDeparture()
    {
        Person[] people = People(aliceHostnames: ["Alices-iPhone"]);
        PresenceTracker tracker = Started(people);
        tracker.OnSighting(new Sighting(s_private, Ipv4Address.Any, 0, SightingKind.Dhcp, new DhcpIdentity("ALICES-IPHONE", null)));
        See(tracker, s_private, "10.160.0.22");
        PresenceEvent arrival = Assert.Single(tracker.TakeEvents());
        Assert.Equal(("Alice", s_private), (arrival.Person, arrival.Mac));
        Assert.Contains("counts for Alice", Assert.Single(tracker.TakeNotices()));
        DeviceSeen device = Assert.Single(tracker.TakeDeviceUpdates());
        Assert.Equal(("Alice", true), (device.Person, device.ByHostname));

        _clock.Advance(TimeSpan.FromMinutes(10));
        tracker.Tick();
        Assert.Equal([new DepartureCheck("Alice", s_private, Ip("10.160.0.22"))], tracker.TakeDepartureChecks());
    }

    [Fact]
    public void HostnamesAreOffByDefaultAndCountAgainAfterARestart()
    {
        PresenceTracker plain = Started(People());
        plain.OnSighting(new Sighting(s_private, Ipv4Address.Any, 0, SightingKind.Dhcp, new DhcpIdentity("Alices-iPhone", null)));
        Assert.DoesNotContain(plain.TakeEvents(), e => e.Kind == PresenceEventKind.Arrived);

        // The store gives back an unknown device with its hostname; the config now lists the name.
        var stored = new DeviceSeen(s_private, Ip("10.160.0.22"), _clock.GetUtcNow(), null) { Dhcp = new DhcpIdentity("alices-iphone", null) };
        var restarted = new PresenceTracker(People(aliceHostnames: ["Alices-iPhone"]), _rules, _clock, restoredDevices: [stored]);
        restarted.OnSweepCompleted();
        restarted.OnSighting(new Sighting(s_private, Ip("10.160.0.22"), 0, SightingKind.Reply));
        Assert.Equal("Alice", Assert.Single(restarted.TakeEvents()).Person);
    }

    [Fact]
    public void TwoMacsAnsweringForOneAddressByTurnsAreAConflictSaidOncePerEpisode()
    {
        PresenceTracker tracker = Started(People());
        See(tracker, s_alicePhone, "10.160.0.50");
        See(tracker, s_private, "10.160.0.50");
        Assert.Empty(tracker.TakeNotices());
        for (int i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            See(tracker, s_alicePhone, "10.160.0.50");
            See(tracker, s_private, "10.160.0.50");
        }
        Assert.Equal(["IP conflict: 10.160.0.50 is answered by both da:a1:19:00:00:09 and 3c:22:fb:00:00:01"], tracker.TakeNotices());
        Dictionary<MacAddress, DeviceSeen> devices = tracker.TakeDeviceUpdates().ToDictionary(d => d.Mac);
        Assert.Equal(s_private, devices[s_alicePhone].ConflictWith);
        Assert.Equal(s_alicePhone, devices[s_private].ConflictWith);

        // Quiet for awayAfter: the episode ends and the mark goes; a new one is said again.
        _clock.Advance(TimeSpan.FromMinutes(10));
        See(tracker, s_alicePhone, "10.160.0.50");
        tracker.Tick();
        Assert.All(tracker.TakeDeviceUpdates(), d => Assert.Null(d.ConflictWith));
        See(tracker, s_private, "10.160.0.50");
        See(tracker, s_alicePhone, "10.160.0.50");
        Assert.Single(tracker.TakeNotices());
    }

    [Fact]
    public void AnAddressThatChangesHandsOnceIsNoConflict()
    {
        // The rotator: its old MAC is gone, the new one gets the same lease.
        PresenceTracker tracker = Started(People());
        See(tracker, s_private, "10.160.0.60");
        _clock.Advance(TimeSpan.FromSeconds(20));
        for (int i = 0; i < 10; i++)
        {
            See(tracker, s_private2, "10.160.0.60");
            _clock.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Empty(tracker.TakeNotices());
        Assert.All(tracker.TakeDeviceUpdates(), d => Assert.Null(d.ConflictWith));
    }

    [Fact]
    public void ProbesAndDhcpWishesAreNotClaims()
    {
        PresenceTracker tracker = Started(People());
        See(tracker, s_alicePhone, "10.160.0.70");
        tracker.OnSighting(new Sighting(s_private, Ip("10.160.0.70"), 0, SightingKind.Probe));
        tracker.OnSighting(new Sighting(s_private, Ip("10.160.0.70"), 0, SightingKind.Dhcp, new DhcpIdentity("x", null)));
        See(tracker, s_alicePhone, "10.160.0.70");
        tracker.OnSighting(new Sighting(s_private, Ip("10.160.0.70"), 0, SightingKind.Probe));
        See(tracker, s_alicePhone, "10.160.0.70");
        Assert.Empty(tracker.TakeNotices());
    }

    private static Person[] People(string[]? aliceHostnames = null) =>
    [
        new("Alice", "she", [s_alicePhone], null) { Hostnames = aliceHostnames ?? [] },
        new("Bob", "he", [s_bobPhone], null),
    ];

    private PresenceTracker Started(Person[] people)
    {
        var tracker = new PresenceTracker(people, _rules, _clock);
        tracker.OnSweepCompleted();
        return tracker;
    }

    private static void See(PresenceTracker tracker, MacAddress mac, string ip) =>
        tracker.OnSighting(new Sighting(mac, Ip(ip), 0, SightingKind.Reply));

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out MacAddress mac) ? mac : throw new ArgumentException(text);

    private static Ipv4Address Ip(string text) => Ipv4Address.TryParse(text, out Ipv4Address ip) ? ip : throw new ArgumentException(text);
}
