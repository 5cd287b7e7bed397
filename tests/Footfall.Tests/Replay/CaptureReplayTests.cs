using Footfall.Net;
using Footfall.Presence;
using Footfall.Replay;
using Footfall.Tests.Support;

namespace Footfall.Tests.Replay;

/// <summary>The presence rules over a recording, at the recording's timestamps: frames in, events out.</summary>
public class CaptureReplayTests
{
    private const string AlicePhone = "3c:22:fb:00:00:01";
    private const string BobLaptop = "3c:22:fb:00:00:02";
    private const string Printer = "3c:22:fb:00:00:0c";
    private const string Visitor = "da:a1:19:00:00:09";

    private static readonly DateTimeOffset s_t0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly PresenceRules s_rules = new() { AwayAfter = TimeSpan.FromMinutes(10) };
    private static readonly TimeSpan s_sweep = TimeSpan.FromSeconds(10);

    private static readonly Person[] s_people =
    [
        new("Alice", "she", [Mac(AlicePhone)], null),
        new("Bob", "he", [Mac(BobLaptop)], null),
    ];

    [Fact]
    public void WhoIsSeenInTheFirstSweepIntervalIsInButNotAnnouncedAndLaterArrivalsAre()
    {
        IReadOnlyList<PresenceEvent> events = Replay(
            At(0, AlicePhone, "192.168.1.20"),
            At(30, BobLaptop, "192.168.1.21"),
            At(31, Visitor, "192.168.1.99"));
        Assert.Equal(
            [
                (PresenceEventKind.Arrived, "Alice", s_t0, false),
                (PresenceEventKind.Arrived, "Bob", s_t0.AddSeconds(30), true),
                (PresenceEventKind.UnknownDeviceSeen, (string?)null, s_t0.AddSeconds(31), false),
            ],
            events.Select(e => (e.Kind, e.Person, e.At, e.Announce)));
        Assert.Equal(Mac(Visitor), events[2].Mac);
    }

    [Fact]
    public void AnUnansweredDepartureCheckLetsThemGoAfterAwayAfterAndTheCheckWindow()
    {
        // Alice's phone goes quiet after 10 s; the printer keeps talking, so the recording goes on.
        var frames = new List<CapturedFrame> { At(0, AlicePhone, "192.168.1.20"), At(10, AlicePhone, "192.168.1.20") };
        frames.AddRange(Enumerable.Range(1, 80).Select(i => At(i * 10, Printer, "192.168.1.5")));
        PresenceEvent left = Assert.Single(Replay([.. frames]), e => e.Kind == PresenceEventKind.Left);
        Assert.Equal("Alice", left.Person);
        // Checked on the first whole second at or after 10 s + awayAfter, left at the first tick after the window closed.
        TimeSpan window = TimeSpan.FromSeconds(Math.Ceiling(s_rules.DepartureCheckWindow.TotalSeconds));
        Assert.Equal(s_t0.AddSeconds(10) + s_rules.AwayAfter + window, left.At);
        Assert.Equal(TimeSpan.FromSeconds(10), left.Stayed);
    }

    [Fact]
    public void AFrameFromTheDeviceWithinTheCheckWindowIsTheAnswer()
    {
        // As in a recording of footfall run: the phone answers the daemon's unicast check a second in.
        var frames = new List<CapturedFrame> { At(0, AlicePhone, "192.168.1.20") };
        frames.AddRange(Enumerable.Range(1, 59).Select(i => At(i * 10, Printer, "192.168.1.5")));
        frames.Add(At(601, AlicePhone, "192.168.1.20", operation: 2));
        frames.AddRange(Enumerable.Range(61, 30).Select(i => At(i * 10, Printer, "192.168.1.5")));
        Assert.DoesNotContain(Replay([.. frames]), e => e.Kind == PresenceEventKind.Left);
    }

    [Fact]
    public void TheEndOfTheRecordingIsNotADeparture()
    {
        IReadOnlyList<PresenceEvent> events = Replay(At(0, AlicePhone, "192.168.1.20"), At(5, Printer, "192.168.1.5"));
        Assert.DoesNotContain(events, e => e.Kind == PresenceEventKind.Left);
    }

    [Fact]
    public void ASweeperIsFoundAndLeftOutAndOneAskingForAFewIsNot()
    {
        const string appliance = "b8:27:eb:00:00:01";
        var frames = Enumerable.Range(1, 40)
            .Select(i => At(0.01 * i, appliance, "192.168.1.2", targetIp: $"192.168.1.{i + 2}"))
            .Append(At(1, Printer, "192.168.1.5", targetIp: "192.168.1.1"))
            .Append(At(2, Printer, "192.168.1.5", targetIp: "192.168.1.20"))
            .ToArray();
        IReadOnlySet<MacAddress> sweepers = CaptureReplay.FindSweepers(frames);
        Assert.Equal([Mac(appliance)], sweepers);

        IReadOnlyList<PresenceEvent> events = CaptureReplay.Run(frames, s_people, s_rules, s_sweep, sweepers);
        Assert.Equal([Mac(Printer)], events.Select(e => e.Mac!.Value));
    }

    [Fact]
    public void FramesThatAreNotArpOrArrivedCutShortAreRefused()
    {
        byte[] ipv4 = Frames.Arp(senderMac: AlicePhone);
        ipv4[12] = 0x08;
        ipv4[13] = 0x00;
        byte[] arp = Frames.Arp(senderMac: AlicePhone);
        IReadOnlyList<PresenceEvent> events = Replay(
            new CapturedFrame(s_t0, ipv4, ipv4.Length),
            new CapturedFrame(s_t0.AddSeconds(1), arp.AsMemory(0, 40), arp.Length));
        Assert.Empty(events);
    }

    [Fact]
    public void DhcpRequestsAndNeighbourDiscoveryInARecordingAreSightingsAsOnTheWire()
    {
        // Bob arrives by his DHCP DISCOVER and, silent after it, leaves; Alice's phone, quiet on IPv4 after
        // its first ARP, stays in by IPv6 for the recording's 30 minutes.
        var frames = new List<CapturedFrame> { At(0, AlicePhone, "192.168.1.20"), Whole(30, PhoneFrames.Dhcp(clientMac: BobLaptop, hostname: "bobs-laptop")) };
        frames.AddRange(Enumerable.Range(1, 60).Select(i => Whole(i * 30, PhoneFrames.NeighborDiscovery(sourceMac: AlicePhone))));
        IReadOnlyList<PresenceEvent> events = Replay([.. frames]);
        Assert.Equal(
            [(PresenceEventKind.Arrived, "Alice"), (PresenceEventKind.Arrived, "Bob"), (PresenceEventKind.Left, "Bob")],
            events.Select(e => (e.Kind, e.Person)));
        Assert.Null(events[1].Ip);
    }

    private static CapturedFrame Whole(double seconds, byte[] frame) => new(s_t0.AddSeconds(seconds), frame, frame.Length);

    private static IReadOnlyList<PresenceEvent> Replay(params CapturedFrame[] frames) =>
        CaptureReplay.Run(frames, s_people, s_rules, s_sweep, new HashSet<MacAddress>());

    private static CapturedFrame At(double seconds, string mac, string ip, ushort operation = 1, string targetIp = "192.168.1.1")
    {
        byte[] frame = Frames.Arp(operation: operation, senderMac: mac, senderIp: ip, targetIp: targetIp);
        return new CapturedFrame(s_t0.AddSeconds(seconds), frame, frame.Length);
    }

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out MacAddress mac) ? mac : throw new FormatException(text);
}
