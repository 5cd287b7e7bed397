using Footfall.Contracts;
using Footfall.Net;
using Footfall.Presence;
using Footfall.Store;

namespace Footfall.Tests.Store;

/// <summary>What migration 4 keeps with a device: its DHCP identity, how it is owned, whose it probably is, a conflict.</summary>
public sealed class PhoneDeviceStoreTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    [Fact]
    public void ADevicesIdentityAndMarksSurviveAReopenAndTheTrackerGetsThemBack()
    {
        DateTimeOffset now = _fixture.Now;
        var rotated = new DeviceSeen(Mac("da:a1:19:00:00:09"), Ip("10.0.0.22"), now, null)
        {
            Dhcp = new DhcpIdentity("Alices-iPhone", "01:da:a1:19:00:00:09"),
            ProbablyOf = "Alice",
            ConflictWith = Mac("3c:22:fb:00:00:01"),
        };
        var adopted = new DeviceSeen(Mac("6a:00:00:00:00:0a"), Ipv4Address.Any, now, "Alice") { Dhcp = new DhcpIdentity("alices-ipad", null), ByHostname = true };
        _fixture.Store.RecordDevices([rotated, adopted]);
        _fixture.Reopen();

        Dictionary<MacAddress, DeviceRow> rows = _fixture.Store.Devices().ToDictionary(d => d.Mac);
        Assert.Equal(rotated, rows[rotated.Mac].ToSeen());
        Assert.Equal(adopted, rows[adopted.Mac].ToSeen());
        Assert.Equal("probably Alice's phone with a new private address; IP conflict with 3c:22:fb:00:00:01", DeviceNotes.Of(rows[rotated.Mac]));
        Assert.Equal("counts for Alice by DHCP hostname (people[].hostnames)", DeviceNotes.Of(rows[adopted.Mac]));
    }

    [Fact]
    public void ANewerSightingReplacesTheMarksAndAnOlderOneDoesNot()
    {
        DateTimeOffset t0 = _fixture.Now;
        MacAddress mac = Mac("da:a1:19:00:00:09");
        _fixture.Store.RecordDevices([new DeviceSeen(mac, Ip("10.0.0.22"), t0, null) { ProbablyOf = "Alice", ConflictWith = Mac("3c:22:fb:00:00:01") }]);
        _fixture.Store.RecordDevices([new DeviceSeen(mac, Ip("10.0.0.22"), t0.AddMinutes(1), null)]);
        _fixture.Store.RecordDevices([new DeviceSeen(mac, Ip("10.0.0.22"), t0.AddSeconds(30), null) { ProbablyOf = "Bob" }]);
        DeviceRow row = Assert.Single(_fixture.Store.Devices());
        Assert.Equal((null, null, (DhcpIdentity?)null), (row.ProbablyOf, row.ConflictWith, row.Dhcp));
        Assert.Equal("", DeviceNotes.Of(row));
    }

    public void Dispose() => _fixture.Dispose();

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out MacAddress mac) ? mac : throw new ArgumentException(text);

    private static Ipv4Address Ip(string text) => Ipv4Address.TryParse(text, out Ipv4Address ip) ? ip : throw new ArgumentException(text);
}
