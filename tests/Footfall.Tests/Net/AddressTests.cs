using Footfall.Net;

namespace Footfall.Tests.Net;

public class AddressTests
{
    [Theory]
    [InlineData("3c:22:fb:00:00:01", "3c:22:fb:00:00:01")]
    [InlineData("3C-22-FB-0A-BB-FF", "3c:22:fb:0a:bb:ff")]
    public void MacAddressesParseAndPrintLowercase(string text, string expected)
    {
        Assert.True(MacAddress.TryParse(text, out MacAddress mac));
        Assert.Equal(expected, mac.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("3c:22:fb:00:01")]
    [InlineData("3c:22:fb:00:00:0g")]
    [InlineData("3c:22-fb:00:00:01")]
    [InlineData("3c:22:fb:00:00:01:")]
    [InlineData("3c.22.fb.00.00.01")]
    public void BadMacAddressesAreRefused(string text) => Assert.False(MacAddress.TryParse(text, out _));

    [Fact]
    public void MacFlagsFollowTheFirstOctet()
    {
        Assert.True(new MacAddress(0x0200_0000_0001).IsLocallyAdministered);
        Assert.False(new MacAddress(0x3c22_fb00_0001).IsLocallyAdministered);
        Assert.True(new MacAddress(0x0100_5e00_0001).IsGroup);
        Assert.False(MacAddress.Zero.IsUnicast);
        Assert.False(MacAddress.Broadcast.IsUnicast);
    }

    [Theory]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("192.168.1.20", 0xC0A8_0114u)]
    [InlineData("255.255.255.255", 0xFFFF_FFFFu)]
    public void Ipv4AddressesRoundTrip(string text, uint value)
    {
        Assert.True(Ipv4Address.TryParse(text, out Ipv4Address address));
        Assert.Equal(value, address.Value);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.4 ")]
    [InlineData("+1.2.3.4")]
    [InlineData("1..3.4")]
    [InlineData("1.2.3.1000")]
    public void BadIpv4AddressesAreRefused(string text) => Assert.False(Ipv4Address.TryParse(text, out _));

    [Theory]
    [InlineData("192.168.1.0/24", "192.168.1.0/24", 254)]
    [InlineData("192.168.1.77/24", "192.168.1.0/24", 254)]
    [InlineData("10.0.0.0/22", "10.0.0.0/22", 1022)]
    [InlineData("10.0.0.0/16", "10.0.0.0/16", 65534)]
    [InlineData("10.0.0.4/31", "10.0.0.4/31", 2)]
    [InlineData("10.0.0.9", "10.0.0.9/32", 1)]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", 4294967294)]
    public void SubnetsParseNormaliseAndCountHosts(string text, string normalised, long hosts)
    {
        Assert.True(Ipv4Subnet.TryParse(text, out Ipv4Subnet subnet));
        Assert.Equal(normalised, subnet.ToString());
        Assert.Equal(hosts, subnet.HostCount);
    }

    [Theory]
    [InlineData("192.168.1.0/33")]
    [InlineData("192.168.1.0/")]
    [InlineData("192.168.1.0/2a")]
    [InlineData("192.168.1.0/ 4")]
    [InlineData("192.168.1.0/+4")]
    [InlineData("192.168.1.0/024")]
    [InlineData("/24")]
    [InlineData("eth0")]
    public void BadSubnetsAreRefused(string text) => Assert.False(Ipv4Subnet.TryParse(text, out _));

    [Fact]
    public void HostRangesLeaveOutNetworkAndBroadcastExceptOnPointToPointLinks()
    {
        Assert.True(Ipv4Subnet.TryParse("192.168.1.0/24", out Ipv4Subnet lan));
        Assert.Equal(("192.168.1.1", "192.168.1.254"), (lan.HostRange.First.ToString(), lan.HostRange.Last.ToString()));
        Assert.True(Ipv4Subnet.TryParse("10.0.0.4/31", out Ipv4Subnet p2p));
        Assert.Equal(("10.0.0.4", "10.0.0.5"), (p2p.HostRange.First.ToString(), p2p.HostRange.Last.ToString()));
    }

    [Theory]
    [InlineData("255.255.255.0", 24)]
    [InlineData("255.255.252.0", 22)]
    [InlineData("255.255.255.255", 32)]
    [InlineData("0.0.0.0", 0)]
    [InlineData("255.0.255.0", -1)]
    public void NetmasksBecomePrefixLengths(string mask, int prefix)
    {
        Assert.True(Ipv4Address.TryParse(mask, out Ipv4Address address));
        Assert.Equal(prefix, Ipv4Subnet.PrefixLengthOf(address));
    }
}
