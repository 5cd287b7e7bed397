using Footfall.Net;
using Footfall.Tests.Support;

namespace Footfall.Tests.Net;

public class NeighborDiscoveryFrameTests
{
    [Fact]
    public void ParsesASolicitationAndAnAdvertisement()
    {
        Assert.True(NeighborDiscoveryFrame.TryParse(PhoneFrames.NeighborDiscovery(), out NeighborDiscoveryFrame ns));
        Assert.Equal(NeighborDiscoveryType.Solicitation, ns.Type);
        Assert.Equal(PhoneFrames.PhoneMac, ns.Source.ToString());
        Assert.True(NeighborDiscoveryFrame.TryParse(PhoneFrames.NeighborDiscovery(type: 136, destinationIp: "fdff::1", flags: 0x6000_0000), out NeighborDiscoveryFrame na));
        Assert.Equal(NeighborDiscoveryType.Advertisement, na.Type);
    }

    [Fact]
    public void AcceptsDuplicateAddressDetectionAndPadding()
    {
        // DAD: from ::, to the solicited-node group, no source link-layer option.
        Assert.True(NeighborDiscoveryFrame.TryParse(PhoneFrames.NeighborDiscovery(sourceIp: "::", linkLayerOption: false), out _));
        Assert.True(NeighborDiscoveryFrame.TryParse(PhoneFrames.NeighborDiscovery(padTo: 200), out _));
        Assert.True(NeighborDiscoveryFrame.TryParse(PhoneFrames.NeighborDiscovery(linkLayerOption: false), out _));
    }

    public static TheoryData<string, byte[]> MalformedFrames()
    {
        byte[] valid = PhoneFrames.NeighborDiscovery();
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "cut inside the target", valid[..70] },
            { "cut inside the option", valid[..(valid.Length - 2)] },
            { "oversized", PhoneFrames.NeighborDiscovery(padTo: 1515) },
            { "IPv4 ethertype", Frames.With(valid, (12, 0x08), (13, 0x00)) },
            { "IP version 4", Frames.With(valid, (14, 0x40)) },
            { "hop limit 64 (routed from elsewhere)", PhoneFrames.NeighborDiscovery(hopLimit: 64) },
            { "router solicitation (133)", PhoneFrames.NeighborDiscovery(type: 133) },
            { "redirect (137)", PhoneFrames.NeighborDiscovery(type: 137) },
            { "code 1", Rechecksummed(Frames.With(valid, (14 + 40 + 1, 1))) },
            { "bad checksum", Frames.With(valid, (14 + 40 + 2, (byte)(valid[14 + 40 + 2] ^ 0x10))) },
            { "a multicast target", PhoneFrames.NeighborDiscovery(target: "ff02::1") },
            { "an option of length zero", PhoneFrames.NeighborDiscovery(rawOptions: [1, 0, 0, 0, 0, 0, 0, 0]) },
            { "an option longer than the packet", PhoneFrames.NeighborDiscovery(rawOptions: [1, 2, 1, 2, 3, 4, 5, 6]) },
            { "DAD with a source link-layer option", PhoneFrames.NeighborDiscovery(sourceIp: "::") },
            { "DAD to a unicast address", PhoneFrames.NeighborDiscovery(sourceIp: "::", destinationIp: "fdff::1", linkLayerOption: false) },
            { "a solicited advertisement to a group", PhoneFrames.NeighborDiscovery(type: 136, destinationIp: "ff02::1", flags: 0x4000_0000) },
            { "an advertisement from ::", PhoneFrames.NeighborDiscovery(type: 136, sourceIp: "::", destinationIp: "ff02::1") },
            { "a multicast Ethernet source", PhoneFrames.NeighborDiscovery(sourceMac: "33:33:00:00:00:01") },
            { "a zero Ethernet source", PhoneFrames.NeighborDiscovery(sourceMac: "00:00:00:00:00:00") },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public void RefusesMalformedFrames(string why, byte[] frame)
    {
        Assert.False(NeighborDiscoveryFrame.TryParse(frame, out NeighborDiscoveryFrame parsed), why);
        Assert.Equal(default, parsed);
    }

    [Fact]
    public void EveryOneByteCorruptionAfterTheFlowLabelIsRefused()
    {
        // The ICMPv6 checksum covers the addresses, the length and the whole message; the version,
        // next header and hop limit are checked. Only traffic class and flow label are free.
        var random = new Random(135);
        byte[] valid = PhoneFrames.NeighborDiscovery();
        for (int position = 14 + 4; position < valid.Length; position++)
        {
            for (int trial = 0; trial < 16; trial++)
            {
                byte[] corrupt = (byte[])valid.Clone();
                corrupt[position] = (byte)(valid[position] ^ random.Next(1, 256));
                Assert.False(NeighborDiscoveryFrame.TryParse(corrupt, out _), $"byte {position} corrupted to {corrupt[position]:x2} was accepted");
            }
        }
        Assert.True(NeighborDiscoveryFrame.TryParse(Frames.With(valid, (15, 0xAB), (16, 0xCD), (17, 0xEF)), out _), "flow label is not checked");
    }

    [Fact]
    public void RandomBytesNeverThrowAndNeverPassAnInvalidFrame()
    {
        var random = new Random(2026_11_29);
        byte[] template = PhoneFrames.NeighborDiscovery();
        for (int i = 0; i < 100_000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            if (i % 2 == 0)
            {
                template.AsSpan(0, Math.Min(14 + 8, bytes.Length)).CopyTo(bytes);
            }
            if (NeighborDiscoveryFrame.TryParse(bytes, out NeighborDiscoveryFrame nd))
            {
                Assert.Equal(255, bytes[14 + 7]);
                Assert.True(nd.Source.IsUnicast);
            }
        }
    }

    /// <summary>Recomputes the ICMPv6 checksum so that only the field under test is wrong.</summary>
    private static byte[] Rechecksummed(byte[] frame)
    {
        int length = frame.Length - 54;
        frame[56] = 0;
        frame[57] = 0;
        byte[] pseudo = [.. frame.AsSpan(22, 32), 0, 0, (byte)(length >> 8), (byte)length, 0, 0, 0, 58, .. frame.AsSpan(54)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(56), PhoneFrames.Checksum(pseudo));
        return frame;
    }
}
