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

    /// <summary>Hands out a frame a given number of times, each from the next sender address, then falls silent and lets time pass.</summary>
    private sealed class ReplayLink(ManualClock clock, byte[] frame) : IArpLink
    {
        private uint _sender = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(28));

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
