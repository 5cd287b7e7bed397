using Footfall.Net;
using Footfall.Tests.Support;

namespace Footfall.Tests.Net;

public class ArpFrameTests
{
    [Fact]
    public void ParsesABroadcastRequest()
    {
        Assert.True(ArpFrame.TryParse(Frames.Arp(), out ArpFrame frame));
        Assert.Equal(ArpOperation.Request, frame.Operation);
        Assert.Equal("3c:22:fb:00:00:01", frame.SenderMac.ToString());
        Assert.Equal("192.168.1.20", frame.SenderIp.ToString());
        Assert.Equal("192.168.1.1", frame.TargetIp.ToString());
        Assert.Equal(MacAddress.Broadcast, frame.EthernetDestination);
        Assert.False(frame.IsGratuitous);
        Assert.False(frame.IsProbe);
    }

    [Fact]
    public void ParsesAReplyWithoutPadding()
    {
        byte[] bytes = Frames.Arp(operation: 2, targetMac: "02:ff:00:00:00:01", ethernetDestination: "02:ff:00:00:00:01", length: 42);
        Assert.True(ArpFrame.TryParse(bytes, out ArpFrame frame));
        Assert.Equal(ArpOperation.Reply, frame.Operation);
        Assert.Equal("02:ff:00:00:00:01", frame.TargetMac.ToString());
    }

    [Fact]
    public void RecognisesGratuitousAnnouncementsAndProbes()
    {
        Assert.True(ArpFrame.TryParse(Frames.Arp(senderIp: "10.0.0.9", targetIp: "10.0.0.9"), out ArpFrame announcement));
        Assert.True(announcement.IsGratuitous);
        Assert.True(ArpFrame.TryParse(Frames.Arp(senderIp: "0.0.0.0", targetIp: "10.0.0.9"), out ArpFrame probe));
        Assert.True(probe.IsProbe);
        Assert.False(probe.IsGratuitous);
    }

    [Fact]
    public void AcceptsPaddingUpToTheLargestEthernetFrame()
    {
        Assert.True(ArpFrame.TryParse(Frames.Arp(length: 1514), out _));
    }

    public static TheoryData<string, byte[]> MalformedFrames()
    {
        var data = new TheoryData<string, byte[]>();
        byte[] valid = Frames.Arp();
        data.Add("empty", []);
        data.Add("ethernet header only", valid[..14]);
        data.Add("truncated by one byte", valid[..41]);
        data.Add("truncated inside the sender address", valid[..30]);
        data.Add("oversized (jumbo)", Frames.Arp(length: 1515));
        data.Add("oversized (9000)", Frames.Arp(length: 9000));
        data.Add("IPv4 ethertype", Frames.With(valid, (12, 0x08), (13, 0x00)));
        data.Add("802.1Q VLAN tag", VlanTagged(valid, 0x8100));
        data.Add("802.1ad QinQ tag", VlanTagged(valid, 0x88a8));
        data.Add("hardware type 6 (IEEE 802)", Frames.With(valid, (15, 6)));
        data.Add("hardware type 256", Frames.With(valid, (14, 1), (15, 0)));
        data.Add("protocol IPv6", Frames.With(valid, (16, 0x86), (17, 0xdd)));
        data.Add("hardware length 8", Frames.With(valid, (18, 8)));
        data.Add("protocol length 16", Frames.With(valid, (19, 16)));
        data.Add("operation 0", Frames.Arp(operation: 0));
        data.Add("operation 3 (RARP request)", Frames.Arp(operation: 3));
        data.Add("operation 257", Frames.Arp(operation: 257));
        data.Add("zero sender MAC", Frames.Arp(senderMac: "00:00:00:00:00:00", ethernetSource: "3c:22:fb:00:00:01"));
        data.Add("broadcast sender MAC", Frames.Arp(senderMac: "ff:ff:ff:ff:ff:ff", ethernetSource: "3c:22:fb:00:00:01"));
        data.Add("multicast sender MAC", Frames.Arp(senderMac: "01:00:5e:00:00:01", ethernetSource: "3c:22:fb:00:00:01"));
        data.Add("multicast sender IP", Frames.Arp(senderIp: "224.0.0.1"));
        data.Add("broadcast sender IP", Frames.Arp(senderIp: "255.255.255.255"));
        data.Add("reply from 0.0.0.0", Frames.Arp(operation: 2, senderIp: "0.0.0.0"));
        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public void RefusesMalformedFrames(string why, byte[] bytes)
    {
        Assert.False(ArpFrame.TryParse(bytes, out ArpFrame frame), why);
        Assert.Equal(default, frame);
    }

    [Fact]
    public void WritesWhatItParses()
    {
        var request = ArpFrame.Request(new MacAddress(0x02ff_0000_0001), new Ipv4Address(0x0a4d_0001), new Ipv4Address(0x0a4d_0063), MacAddress.Broadcast);
        byte[] buffer = new byte[ArpFrame.PaddedLength];
        Assert.Equal(60, request.WriteTo(buffer));
        Assert.Equal(Frames.Arp(senderMac: "02:ff:00:00:00:01", senderIp: "10.77.0.1", targetIp: "10.77.0.99"), buffer);
        Assert.True(ArpFrame.TryParse(buffer, out ArpFrame parsed));
        Assert.Equal(request, parsed);
    }

    [Fact]
    public void RandomBytesNeverThrowAndNeverPassAnInvalidFrame()
    {
        var random = new Random(2026_11_21);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++)
        {
            // Mostly random noise, a quarter with a plausible ARP header so the deeper checks get exercised.
            byte[] bytes = new byte[random.Next(0, 1600)];
            random.NextBytes(bytes);
            if (i % 4 == 0 && bytes.Length >= 22)
            {
                byte[] header = [0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 6, 4, 0, (byte)random.Next(0, 4)];
                header.CopyTo(bytes, 12);
            }
            bool ok = ArpFrame.TryParse(bytes, out _);
            Assert.True(ok == Frames.IsValidArpFrame(bytes), $"frame {i} ({bytes.Length} bytes): parser said {ok}");
            accepted += ok ? 1 : 0;
        }
        Assert.InRange(accepted, 1_000, 60_000);
    }

    [Fact]
    public void EveryOneByteMutationOfAValidFrameIsJudgedLikeTheOracle()
    {
        var random = new Random(7);
        byte[] valid = Frames.Arp(operation: 2);
        for (int position = 0; position < 42; position++)
        {
            for (int trial = 0; trial < 64; trial++)
            {
                byte[] mutated = (byte[])valid.Clone();
                mutated[position] = (byte)random.Next(256);
                Assert.Equal(Frames.IsValidArpFrame(mutated), ArpFrame.TryParse(mutated, out _));
            }
        }
    }

    private static byte[] VlanTagged(byte[] frame, ushort tpid)
    {
        // dst, src, then a 4-byte tag (TPID + VLAN 5) before the real EtherType.
        byte[] tagged = new byte[frame.Length + 4];
        frame.AsSpan(0, 12).CopyTo(tagged);
        tagged[12] = (byte)(tpid >> 8);
        tagged[13] = (byte)tpid;
        tagged[15] = 5;
        frame.AsSpan(12).CopyTo(tagged.AsSpan(16));
        return tagged;
    }
}
