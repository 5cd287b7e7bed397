using Footfall.Net;
using Footfall.Presence;
using Footfall.Sweep;

namespace Footfall.Replay;

/// <summary>
/// Runs the presence rules over a recording at the recording's own timestamps. Pure: frames in,
/// events out. Every frame the daemon takes (ARP, DHCP requests, IPv6 neighbour discovery) is a
/// sighting here as there (<see cref="SightingReader"/>). What a recording cannot hold is decided as follows, and said in `footfall replay --help`:
/// <list type="bullet">
/// <item>The first sweep: the first sweep interval of the recording counts as the first sweep after a
/// start, so people seen then are recorded as in without an announcement, as the daemon would.</item>
/// <item>Departure checks cannot be sent into a recording. Replay asks them at the moment the daemon
/// would, and counts any frame from the device within the check window as the answer (a recording
/// of footfall run holds the real answers to its real checks); otherwise the person leaves then.</item>
/// <item>The recording's end is not a departure: who is in when it ends stays in.</item>
/// <item>Sweepers are left out: a MAC that asked for more than <see cref="SweeperTargets"/> addresses
/// is footfall itself (in a tcpdump of the appliance) or another scanner, not a visitor.</item>
/// </list>
/// </summary>
public static class CaptureReplay
{
    public const int SweeperTargets = 32;

    private static readonly TimeSpan s_tick = TimeSpan.FromSeconds(1);
    private const int EthernetSourceOffset = 6;

    /// <summary>MACs that asked for more than <see cref="SweeperTargets"/> different addresses.</summary>
    public static IReadOnlySet<MacAddress> FindSweepers(IEnumerable<CapturedFrame> frames)
    {
        var asked = new Dictionary<MacAddress, HashSet<Ipv4Address>>();
        foreach (CapturedFrame frame in frames)
        {
            if (Parse(frame) is { Operation: ArpOperation.Request } arp && !arp.IsGratuitous && !arp.IsProbe)
            {
                if (!asked.TryGetValue(arp.SenderMac, out HashSet<Ipv4Address>? targets))
                {
                    asked[arp.SenderMac] = targets = [];
                }
                targets.Add(arp.TargetIp);
            }
        }
        return asked.Where(pair => pair.Value.Count > SweeperTargets).Select(pair => pair.Key).ToHashSet();
    }

    /// <summary>The events the rules decide for <paramref name="frames"/> (in capture order), oldest first.</summary>
    public static IReadOnlyList<PresenceEvent> Run(
        IEnumerable<CapturedFrame> frames, IReadOnlyList<Person> people, PresenceRules rules, TimeSpan sweepInterval, IReadOnlySet<MacAddress> ignored)
    {
        var events = new List<PresenceEvent>();
        // No MAC is ours in a recording: footfall's own frames in it are left out as a sweeper's.
        var reader = new SightingReader(MacAddress.Zero);
        ReplayClock? clock = null;
        PresenceTracker? tracker = null;
        DateTimeOffset firstSweepDone = default, nextTick = default;
        bool swept = false;

        void AdvanceTo(DateTimeOffset at)
        {
            while (nextTick <= at)
            {
                clock!.Set(nextTick);
                if (!swept && nextTick >= firstSweepDone)
                {
                    tracker!.OnSweepCompleted();
                    swept = true;
                }
                tracker!.Tick();
                tracker.TakeDepartureChecks(); // asked; the recording holds the answers, or not
                events.AddRange(tracker.TakeEvents());
                nextTick += s_tick;
            }
            clock!.Set(at);
        }

        foreach (CapturedFrame frame in frames)
        {
            if (tracker is null)
            {
                clock = new ReplayClock(frame.At);
                tracker = new PresenceTracker(people, rules, clock);
                firstSweepDone = frame.At + sweepInterval;
                nextTick = frame.At + s_tick;
            }
            AdvanceTo(frame.At);
            if (frame.WireLength != frame.Bytes.Length || reader.Read(frame.Bytes.Span, 0, out Sighting sighting) != FrameVerdict.Seen
                || ignored.Contains(sighting.Mac) || ignored.Contains(MacAddress.Read(frame.Bytes.Span[EthernetSourceOffset..])))
            {
                continue;
            }
            tracker.OnSighting(sighting);
            events.AddRange(tracker.TakeEvents());
        }
        return events;
    }

    private static ArpFrame? Parse(in CapturedFrame frame) =>
        frame.WireLength == frame.Bytes.Length && ArpFrame.TryParse(frame.Bytes.Span, out ArpFrame arp) ? arp : null;
}
