using System.Text.Json;
using Footfall.Bus;
using Footfall.Presence;
using Footfall.Tests.Store;

namespace Footfall.Tests.Bus;

public class EventEnvelopeTests
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 28, 9, 12, 3, 250, TimeSpan.FromHours(1));

    [Fact]
    public void AnArrivalIsAVersionOneEnvelope()
    {
        var e = new PresenceEvent(PresenceEventKind.Arrived, s_at, "Alice", StoreFixture.Mac("3c:22:fb:00:00:01"), StoreFixture.Ip("10.0.0.7"));
        Assert.Equal(
            """{"version":1,"type":"arrived","data":{"person":"Alice","at":"2026-11-28T08:12:03.250Z","stayedSeconds":null,"mac":"3c:22:fb:00:00:01","ip":"10.0.0.7"}}""",
            System.Text.Encoding.UTF8.GetString(EventEnvelope.Of(e)));
    }

    [Fact]
    public void ADepartureSaysHowLongTheyStayed()
    {
        JsonElement data = Parse(new PresenceEvent(PresenceEventKind.Left, s_at, "Bob", Stayed: TimeSpan.FromSeconds(3600.4))).GetProperty("data");
        Assert.Equal(3600, data.GetProperty("stayedSeconds").GetInt64());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("mac").ValueKind);
    }

    [Fact]
    public void AnUnknownDeviceHasNoPerson()
    {
        JsonElement root = Parse(new PresenceEvent(PresenceEventKind.UnknownDeviceSeen, s_at, Mac: StoreFixture.Mac("02:00:00:00:00:09"), Ip: StoreFixture.Ip("10.0.0.9")));
        Assert.Equal("unknown_device_seen", root.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("data").GetProperty("person").ValueKind);
        Assert.Equal("02:00:00:00:00:09", root.GetProperty("data").GetProperty("mac").GetString());
    }

    private static JsonElement Parse(PresenceEvent e) => JsonDocument.Parse(EventEnvelope.Of(e)).RootElement;
}
