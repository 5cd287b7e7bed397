using System.Buffers.Binary;
using Footfall.Net;
using Footfall.Sweep;
using Footfall.Tests.Support;

namespace Footfall.Tests.Sweep;

/// <summary>
/// The receive-and-parse path must not allocate: a daemon that sweeps every few seconds for years
/// should not make the GC work for every frame. (The lab tests measure the same over a real socket.)
/// </summary>
public class AllocationTests
{
    private const int Frames = 100_000;

    private readonly ManualClock _clock = new();
    private readonly ReplayLink _link;
    private readonly CountingSink _sink = new();
    private readonly Sweeper _sweeper;
    private readonly SweepTargets _targets;

    public AllocationTests()
    {
        // Replies from all over a /16, so that most frames are recorded as a found target.
        _link = new ReplayLink(_clock, Support.Frames.Arp(operation: 2, senderIp: "10.77.0.0", targetIp: "10.77.0.1"));
        _sweeper = new Sweeper(_link, new MacAddress(0x02ff_0000_0001), new Ipv4Address(0x0a4d_0001), _clock, _sink);
        Assert.True(Ipv4Subnet.TryParse("10.77.0.0/16", out Ipv4Subnet subnet));
        Assert.True(SweepTargets.TryCreate([subnet], null, out _targets, out _));
    }

    [Fact]
    public void AWholeSweepReceivingAHundredThousandFramesAllocatesNothing()
    {
        var results = new SweepResults();
        var options = new SweepOptions { Retries = 1, RatePerSecond = SweepOptions.MaximumRate };
        // Warm up: JIT, tiering and first-use statics may allocate once; the result arrays are sized once.
        _link.Remaining = 1_000;
        _sweeper.Sweep(_targets, options, results);

        _link.Remaining = Frames;
        _sink.Count = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        _sweeper.Sweep(_targets, options, results);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Frames, _sink.Count);
        Assert.True(results.Found > 60_000, $"found {results.Found}: the record path was exercised");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ListeningBetweenSweepsAllocatesNothing()
    {
        _link.Remaining = 1_000;
        _sweeper.Listen(TimeSpan.FromSeconds(1));

        _link.Remaining = Frames;
        _sink.Count = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        _sweeper.Listen(TimeSpan.FromSeconds(1));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Frames, _sink.Count);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ListeningToArpDhcpAndNeighborDiscoveryAllocatesNothing()
    {
        // The three kinds by turns; the DHCP request carries a hostname and a client id, which become
        // strings once per client (the sweeper keeps them) and never again while they stay the same.
        byte[][] frames =
        [
            Support.Frames.Arp(operation: 2, senderIp: "10.77.0.5", targetIp: "10.77.0.1"),
            PhoneFrames.Dhcp(messageType: 3, requestedIp: "10.77.0.6", clientMac: "02:00:00:00:00:06", clientId: [1, 2, 0, 0, 0, 0, 6]),
            PhoneFrames.NeighborDiscovery(sourceMac: "02:00:00:00:00:07"),
        ];
        var link = new CyclingLink(_clock, frames);
        var sink = new KindSink();
        var sweeper = new Sweeper(link, new MacAddress(0x02ff_0000_0001), new Ipv4Address(0x0a4d_0001), _clock, sink);
        link.Remaining = 3_000;
        sweeper.Listen(TimeSpan.FromSeconds(1));

        link.Remaining = Frames;
        Array.Clear(sink.Kinds);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sweeper.Listen(TimeSpan.FromSeconds(1));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, sweeper.FramesRefused);
        Assert.True(sink.Kinds[(int)SightingKind.Reply] > Frames / 4);
        Assert.True(sink.Kinds[(int)SightingKind.Dhcp] > Frames / 4);
        Assert.True(sink.Kinds[(int)SightingKind.NeighborDiscovery] > Frames / 4);
        Assert.Equal(0, allocated);
    }

    /// <summary>Hands out the frames in turn, a given number in all, then falls silent and lets time pass.</summary>
    private sealed class CyclingLink(ManualClock clock, byte[][] frames) : CountedLink(clock)
    {
        private int _next;

        protected override int Next(Span<byte> buffer)
        {
            byte[] frame = frames[_next++ % frames.Length];
            frame.CopyTo(buffer);
            return frame.Length;
        }
    }

    /// <summary>A link that hands out <see cref="Remaining"/> frames as fast as asked, then falls silent and lets time pass.</summary>
    private abstract class CountedLink(ManualClock clock) : IArpLink
    {
        public int Remaining { get; set; }

        public bool TrySend(ReadOnlySpan<byte> frame) => true;

        public bool WaitForFrame(TimeSpan timeout)
        {
            if (Remaining > 0)
            {
                return true;
            }
            clock.Advance(timeout);
            return false;
        }

        public int TryReceive(Span<byte> buffer)
        {
            if (Remaining == 0)
            {
                return -1;
            }
            Remaining--;
            return Next(buffer);
        }

        protected abstract int Next(Span<byte> buffer);
    }

    private sealed class KindSink : ISightingSink
    {
        public int[] Kinds { get; } = new int[Enum.GetValues<SightingKind>().Length];

        public void OnSighting(in Sighting sighting) => Kinds[(int)sighting.Kind]++;
    }

    /// <summary>Hands out a frame a given number of times, each from the next sender address, then falls silent and lets time pass.</summary>
    private sealed class ReplayLink(ManualClock clock, byte[] frame) : CountedLink(clock)
    {
        private uint _sender = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(28));

        protected override int Next(Span<byte> buffer)
        {
            frame.CopyTo(buffer);
            _sender = 0x0a4d_0000 | ((_sender + 1) & 0xFFFF);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[28..], _sender == 0x0a4d_0000 ? 0x0a4d_0002 : _sender);
            return frame.Length;
        }
    }

    private sealed class CountingSink : ISightingSink
    {
        public int Count { get; set; }

        public void OnSighting(in Sighting sighting) => Count++;
    }
}
