using Footfall.Capture;
using Footfall.LabTests.Support;
using Footfall.Net;
using Footfall.Net.Linux;
using Footfall.Sweep;
using Footfall.Tests.Support;

namespace Footfall.LabTests;

/// <summary>
/// Zero allocations per frame on the real receive path: libpcap (SharpPcap's raw route) through the widened
/// filter, parse, sighting; for each kind of frame footfall takes (ARP, DHCP requests, IPv6 neighbour discovery).
/// </summary>
public class RealSocketAllocationTests
{
    private const int Frames = 100_000;

    [Fact]
    public void ReceivingAHundredThousandRealFramesAllocatesNothing()
    {
        using Lab lab = Lab.Up("phalloc", "10.169.0.0/29", 1);
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
            Array.Clear(sink.Kinds);
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
            foreach (SightingKind kind in (SightingKind[])[SightingKind.Gratuitous, SightingKind.Dhcp, SightingKind.NeighborDiscovery])
            {
                Assert.True(sink.Kinds[(int)kind] > Frames / 4, $"{kind}: {sink.Kinds[(int)kind]} of {sink.Count}");
            }
            Assert.Equal(0, allocated);
        }
    }

    private static Thread StartSending(PcapLink socket, InterfaceInfo phone, CancellationToken stop)
    {
        var thread = new Thread(() =>
        {
            // Gratuitous announcements, DHCP requests with a hostname and client id, and neighbour
            // solicitations from the device by turns, as fast as the kernel takes them.
            byte[] arp = new byte[ArpFrame.PaddedLength];
            var announcement = new ArpFrame(MacAddress.Broadcast, phone.Mac, ArpOperation.Request, phone.Mac, phone.Address!.Value, MacAddress.Zero, phone.Address!.Value);
            announcement.WriteTo(arp);
            string mac = phone.Mac.ToString();
            byte[][] frames =
            [
                arp,
                PhoneFrames.Dhcp(messageType: 3, clientMac: mac, requestedIp: phone.Address!.Value.ToString(), clientId: [1, .. Footfall.Tests.Support.Frames.Mac(mac)]),
                PhoneFrames.NeighborDiscovery(sourceMac: mac),
            ];
            int next = 0;
            while (!stop.IsCancellationRequested)
            {
                if (socket.TrySend(frames[next % frames.Length]))
                {
                    next++;
                }
                else
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
        public int[] Kinds = new int[Enum.GetValues<SightingKind>().Length];

        public void OnSighting(in Sighting sighting)
        {
            Count++;
            LastMac = sighting.Mac;
            Kinds[(int)sighting.Kind]++;
        }
    }
}
