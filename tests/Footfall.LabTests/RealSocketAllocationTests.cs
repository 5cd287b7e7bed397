using Footfall.LabTests.Support;
using Footfall.Net;
using Footfall.Net.Capture;
using Footfall.Net.Linux;
using Footfall.Sweep;

namespace Footfall.LabTests;

/// <summary>Zero allocations per frame on the real receive path: libpcap (SharpPcap's raw route), parse, sighting.</summary>
public class RealSocketAllocationTests
{
    private const int Frames = 100_000;

    [Fact]
    public void ReceivingAHundredThousandRealFramesAllocatesNothing()
    {
        using Lab lab = Lab.Up("alloc", "10.78.0.0/29", 1);
        LabDevice device = lab.Devices[0];
        (PcapLink receiver, InterfaceInfo app) = Netns.Enter(lab.AppNamespace, () =>
        {
            InterfaceInfo link = InterfaceInfo.Query("lab0");
            return (PcapLink.Open(link), link);
        });
        (PcapLink sender, InterfaceInfo phone) = Netns.Enter($"ffl-{lab.Name}-{device.Name}", () =>
        {
            InterfaceInfo link = InterfaceInfo.Query("eth0");
            return (PcapLink.Open(link), link);
        });
        using (receiver)
        using (sender)
        {
            var sink = new CountingSink();
            var sweeper = new Sweeper(receiver, app.Mac, app.Address!.Value, TimeProvider.System, sink);
            using var done = new CancellationTokenSource();
            Thread blaster = StartSending(sender, phone, done.Token);

            // Warm up, then measure on this thread only: the sender allocates on its own.
            while (sink.Count < 1_000)
            {
                sweeper.Listen(TimeSpan.FromMilliseconds(50));
            }
            sink.Count = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            while (sink.Count < Frames)
            {
                sweeper.Listen(TimeSpan.FromMilliseconds(50));
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            done.Cancel();
            blaster.Join();

            Assert.True(sink.Count >= Frames);
            Assert.True(sink.LastMac == phone.Mac, "the frames came from the device");
            Assert.Equal(0, allocated);
        }
    }

    private static Thread StartSending(PcapLink socket, InterfaceInfo phone, CancellationToken stop)
    {
        var thread = new Thread(() =>
        {
            // Gratuitous announcements from the device, as fast as the kernel takes them.
            byte[] frame = new byte[ArpFrame.PaddedLength];
            var announcement = new ArpFrame(MacAddress.Broadcast, phone.Mac, ArpOperation.Request, phone.Mac, phone.Address!.Value, MacAddress.Zero, phone.Address!.Value);
            announcement.WriteTo(frame);
            while (!stop.IsCancellationRequested)
            {
                if (!socket.TrySend(frame))
                {
                    Thread.Yield();
                }
            }
        });
        thread.Start();
        return thread;
    }

    private sealed class CountingSink : ISightingSink
    {
        public int Count;
        public MacAddress LastMac;

        public void OnSighting(in Sighting sighting)
        {
            Count++;
            LastMac = sighting.Mac;
        }
    }
}
