using Footfall.Net;
using Footfall.Sweep;
using Footfall.Tests.Support;

namespace Footfall.Tests.Sweep;

public class SweeperTests
{
    private static readonly MacAddress s_ourMac = new(0x02ff_0000_0001);
    private static readonly Ipv4Address s_ourIp = new(0x0a4d_0001); // 10.77.0.1

    private readonly ManualClock _clock = new();
    private readonly SimulatedLan _lan;
    private readonly SweepTargets _targets;

    public SweeperTests()
    {
        _lan = new SimulatedLan(_clock);
        Assert.True(Ipv4Subnet.TryParse("10.77.0.0/24", out Ipv4Subnet subnet));
        Assert.True(SweepTargets.TryCreate([subnet], s_ourIp, out _targets, out _));
    }

    [Fact]
    public void FindsExactlyTheHostsThatAnswerWithTheirMacs()
    {
        Dictionary<string, string> truth = AddHosts(30);
        SweepResults results = Sweep(new SweepOptions());
        Assert.Equal(truth.OrderBy(h => SimulatedLan.IpValue(h.Key)).ToList(),
            results.Hosts().Select(h => KeyValuePair.Create(h.Ip.ToString(), h.Mac.ToString())).ToList());
    }

    [Fact]
    public void RetriesGoOnlyToAddressesThatStayedSilent()
    {
        Dictionary<string, string> truth = AddHosts(30);
        SweepResults results = Sweep(new SweepOptions { Retries = 3 });
        // Nothing is lost, so the first retry finds nobody new and ends the sweep: two passes.
        Assert.Equal(253 + (253 - 30), results.RequestsSent);
        foreach (string ip in truth.Keys)
        {
            Assert.Equal(1, _lan.Sent.Count(s => s.TargetIp == SimulatedLan.IpValue(ip)));
        }
        Assert.Equal(2, _lan.Sent.Count(s => s.TargetIp == SimulatedLan.IpValue("10.77.0.254")));
        Assert.DoesNotContain(_lan.Sent, s => s.TargetIp == s_ourIp.Value);
    }

    [Fact]
    public void LossSeenInTheFirstRetryKeepsTheRetriesGoing()
    {
        AddHosts(30);
        _lan.ReplyLoss = 0.3;
        Sweep(new SweepOptions { Retries = 4 });
        Assert.Equal(5, _lan.Sent.Count(s => s.TargetIp == SimulatedLan.IpValue("10.77.0.254")));
    }

    [Fact]
    public void NoRetriesMeansOnePass()
    {
        AddHosts(30);
        _lan.ReplyLoss = 0.3;
        Assert.Equal(253, Sweep(new SweepOptions { Retries = 0 }).RequestsSent);
    }

    [Fact]
    public void RetriesRecoverLostReplies()
    {
        AddHosts(30);
        _lan.ReplyLoss = 0.5;
        SweepResults once = Sweep(new SweepOptions { Retries = 0 });
        int foundOnce = once.Found;
        SweepResults withRetries = Sweep(new SweepOptions { Retries = 6 });
        Assert.InRange(foundOnce, 5, 25);
        Assert.True(withRetries.Found >= 29, $"found {withRetries.Found} of 30 with retries");
    }

    [Fact]
    public void RequestsArePacedAtTheRate()
    {
        Sweep(new SweepOptions { RatePerSecond = 1000, Retries = 0 });
        Assert.Equal(253, _lan.Sent.Count);
        long start = _lan.Sent[0].Timestamp;
        for (int k = 0; k < _lan.Sent.Count; k++)
        {
            Assert.True(_lan.Sent[k].Timestamp - start >= k * TimeSpan.TicksPerMillisecond, $"request {k} went out early");
        }
        // Bursts are bounded by the 4 ms wait granularity, so the pass does not drag on either.
        Assert.InRange(_lan.Sent[^1].Timestamp - start, 252 * TimeSpan.TicksPerMillisecond, 260 * TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public void StopsEarlyWhenEveryTargetHasAnswered()
    {
        Assert.True(Ipv4Subnet.TryParse("10.77.0.2/31", out Ipv4Subnet pair));
        Assert.True(SweepTargets.TryCreate([pair], s_ourIp, out SweepTargets two, out _));
        _lan.AddHost("10.77.0.2", "3c:22:fb:00:00:02");
        _lan.AddHost("10.77.0.3", "3c:22:fb:00:00:03");
        var results = new SweepResults();
        new Sweeper(_lan, s_ourMac, s_ourIp, _clock).Sweep(two, new SweepOptions { FinalWait = TimeSpan.FromSeconds(5) }, results);
        Assert.Equal(2, results.Found);
        Assert.Equal(2, results.RequestsSent);
        Assert.True(results.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void UnsolicitedFramesAreSightingsAndLateRepliesAreNotLost()
    {
        var sink = new RecordingSink();
        var sweeper = new Sweeper(_lan, s_ourMac, s_ourIp, _clock, sink);
        // A phone announcing itself during the sweep, a reply to someone else, and our own frame echoed.
        _lan.Inject(Frames.Arp(senderMac: "3c:22:fb:00:00:aa", senderIp: "10.77.0.50", targetIp: "10.77.0.50"), TimeSpan.FromMilliseconds(3));
        _lan.Inject(Frames.Arp(operation: 2, senderMac: "3c:22:fb:00:00:bb", senderIp: "10.77.0.60", targetMac: "3c:22:fb:00:00:cc", targetIp: "10.77.0.61", ethernetDestination: "3c:22:fb:00:00:cc"), TimeSpan.FromMilliseconds(4));
        _lan.Inject(Frames.Arp(senderMac: "02:ff:00:00:00:01", senderIp: "10.77.0.1", targetIp: "10.77.0.70"), TimeSpan.FromMilliseconds(5));
        // A DHCP client probing for an address, and a reply that comes long after the sweep.
        _lan.Inject(Frames.Arp(senderMac: "3c:22:fb:00:00:dd", senderIp: "0.0.0.0", targetIp: "10.77.0.80"), TimeSpan.FromMilliseconds(6));
        _lan.Inject(Frames.Arp(operation: 2, senderMac: "3c:22:fb:00:00:ee", senderIp: "10.77.0.90", targetMac: "02:ff:00:00:00:01", targetIp: "10.77.0.1", ethernetDestination: "02:ff:00:00:00:01"), TimeSpan.FromSeconds(3));

        var results = new SweepResults();
        sweeper.Sweep(_targets, new SweepOptions(), results);
        Assert.Equal(["10.77.0.50", "10.77.0.60"], results.Hosts().Select(h => h.Ip.ToString()));
        Assert.Equal(
            [("3c:22:fb:00:00:aa", SightingKind.Gratuitous), ("3c:22:fb:00:00:bb", SightingKind.Reply), ("3c:22:fb:00:00:dd", SightingKind.Probe)],
            sink.Sightings.Select(s => (s.Mac.ToString(), s.Kind)));
        Assert.Equal("10.77.0.80", sink.Sightings[2].Ip.ToString());

        sweeper.Listen(TimeSpan.FromSeconds(5));
        Assert.Equal(("3c:22:fb:00:00:ee", "10.77.0.90", SightingKind.Reply), (sink.Sightings[^1].Mac.ToString(), sink.Sightings[^1].Ip.ToString(), sink.Sightings[^1].Kind));
    }

    [Fact]
    public void MalformedAndTruncatedFramesAreCountedAndIgnored()
    {
        var sink = new RecordingSink();
        var sweeper = new Sweeper(_lan, s_ourMac, s_ourIp, _clock, sink);
        _lan.Inject(Frames.Arp(operation: 9), TimeSpan.Zero);
        _lan.Inject(Frames.Arp()[..30], TimeSpan.Zero);
        _lan.Inject(Frames.Arp(length: 4000), TimeSpan.Zero);
        sweeper.Listen(TimeSpan.FromMilliseconds(10));
        Assert.Empty(sink.Sightings);
        Assert.Equal(3, sweeper.FramesRefused);
    }

    [Fact]
    public void AUnicastCheckIsAddressedToTheDevice()
    {
        _lan.AddHost("10.77.0.33", "3c:22:fb:00:00:33");
        var sink = new RecordingSink();
        var sweeper = new Sweeper(_lan, s_ourMac, s_ourIp, _clock, sink);
        Assert.True(Ipv4Address.TryParse("10.77.0.33", out Ipv4Address ip));
        Assert.True(sweeper.SendUnicastRequest(ip, new MacAddress(0x3c22_fb00_0033)));
        sweeper.Listen(TimeSpan.FromMilliseconds(10));
        Assert.Single(sink.Sightings);
    }

    private Dictionary<string, string> AddHosts(int count)
    {
        var truth = new Dictionary<string, string>();
        for (int i = 0; i < count; i++)
        {
            string ip = $"10.77.0.{2 + (i * 8)}";
            string mac = $"3c:22:fb:00:01:{i:x2}";
            _lan.AddHost(ip, mac);
            truth[ip] = mac;
        }
        return truth;
    }

    private SweepResults Sweep(SweepOptions options)
    {
        _lan.Sent.Clear();
        var results = new SweepResults();
        new Sweeper(_lan, s_ourMac, s_ourIp, _clock).Sweep(_targets, options, results);
        return results;
    }

    private sealed class RecordingSink : ISightingSink
    {
        public List<Sighting> Sightings { get; } = new();

        public void OnSighting(in Sighting sighting) => Sightings.Add(sighting);
    }
}
