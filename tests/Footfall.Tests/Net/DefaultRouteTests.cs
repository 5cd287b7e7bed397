using Footfall.Net.Linux;

namespace Footfall.Tests.Net;

public class DefaultRouteTests
{
    private const string Header = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

    [Fact]
    public void PicksTheDefaultRouteWithTheLowestMetric()
    {
        string[] table =
        [
            Header,
            "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
            "eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0",
            "eth0\t0000000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0",
        ];
        Assert.Equal("eth0", DefaultRoute.FindInterface(table));
    }

    [Fact]
    public void NoDefaultRouteMeansNoInterface()
    {
        string[] table = [Header, "eth0\t0000000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0"];
        Assert.Null(DefaultRoute.FindInterface(table));
        Assert.Null(DefaultRoute.FindInterface([Header, "garbage", ""]));
    }

    [Fact]
    public void RoutesThatAreNotUpAreIgnored()
    {
        string[] table = [Header, "eth0\t00000000\t0100000A\t0002\t0\t0\t100\t00000000\t0\t0\t0"];
        Assert.Null(DefaultRoute.FindInterface(table));
    }
}
