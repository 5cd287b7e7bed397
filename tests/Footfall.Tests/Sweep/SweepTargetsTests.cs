using Footfall.Net;
using Footfall.Sweep;

namespace Footfall.Tests.Sweep;

public class SweepTargetsTests
{
    [Fact]
    public void ASlash24WithoutOurselvesIs253Targets()
    {
        SweepTargets targets = Create(["192.168.1.0/24"], "192.168.1.10");
        Assert.Equal(253, targets.Count);
        Assert.Equal("192.168.1.1", targets[0].ToString());
        Assert.Equal("192.168.1.9", targets[8].ToString());
        Assert.Equal("192.168.1.11", targets[9].ToString());
        Assert.Equal("192.168.1.254", targets[252].ToString());
        Assert.False(targets.TryIndexOf(Ip("192.168.1.10"), out _));
        Assert.False(targets.TryIndexOf(Ip("192.168.1.0"), out _));
        Assert.False(targets.TryIndexOf(Ip("192.168.1.255"), out _));
        Assert.False(targets.TryIndexOf(Ip("192.168.2.1"), out _));
    }

    [Fact]
    public void EveryIndexMapsBackToItself()
    {
        SweepTargets targets = Create(["10.0.0.0/22", "10.0.8.0/24", "172.16.0.0/30"], "10.0.1.1");
        Assert.Equal(1022 - 1 + 254 + 2, targets.Count);
        Ipv4Address previous = default;
        for (int i = 0; i < targets.Count; i++)
        {
            Ipv4Address address = targets[i];
            Assert.True(targets.TryIndexOf(address, out int back));
            Assert.Equal(i, back);
            Assert.True(i == 0 || address.Value > previous.Value, "targets ascend");
            previous = address;
        }
    }

    [Fact]
    public void OverlappingSubnetsAreSweptOnce()
    {
        SweepTargets targets = Create(["10.1.0.0/24", "10.1.0.0/25", "10.1.0.128/25", "10.1.1.0/24"], null);
        // 10.1.0.1 - 10.1.0.254 merged with 10.1.0.1-126 and 129-254, then 10.1.1.1-254.
        Assert.Equal(254 + 254, targets.Count);
    }

    [Fact]
    public void ASlash16IsTheWidest()
    {
        Assert.Equal(65534 - 1, Create(["10.9.0.0/16"], "10.9.0.1").Count);
        Assert.True(Ipv4Subnet.TryParse("10.8.0.0/15", out Ipv4Subnet wide));
        Assert.False(SweepTargets.TryCreate([wide], null, out _, out string error));
        Assert.Contains("up to /16", error);
        Assert.Contains("10.8.0.0/15", error);
    }

    [Fact]
    public void OnlyOurOwnAddressLeavesNothingToSweep()
    {
        Assert.True(Ipv4Subnet.TryParse("10.0.0.5/32", out Ipv4Subnet self));
        Assert.False(SweepTargets.TryCreate([self], Ip("10.0.0.5"), out _, out string error));
        Assert.Contains("no address", error);
    }

    private static SweepTargets Create(string[] cidrs, string? self)
    {
        var subnets = cidrs.Select(c => Ipv4Subnet.TryParse(c, out Ipv4Subnet s) ? s : throw new ArgumentException(c)).ToList();
        Assert.True(SweepTargets.TryCreate(subnets, self is null ? null : Ip(self), out SweepTargets targets, out string error), error);
        return targets;
    }

    private static Ipv4Address Ip(string text) => Ipv4Address.TryParse(text, out Ipv4Address a) ? a : throw new ArgumentException(text);
}
