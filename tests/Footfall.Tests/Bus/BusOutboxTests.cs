using Footfall.Presence;
using Footfall.Store;
using Footfall.Tests.Store;

namespace Footfall.Tests.Bus;

/// <summary>Each bus drains its own outbox rows; the announcer's rows, posts and the log are as before.</summary>
public sealed class BusOutboxTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public BusOutboxTests()
    {
        Store.SyncPeople([StoreFixture.Alice, StoreFixture.Bob]);
        Store.Destinations = [OutboxDestination.Announce, OutboxDestination.Mqtt, OutboxDestination.ZenIrcBot];
    }

    private FootfallStore Store => _fixture.Store;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void EachDestinationGetsItsOwnRowsInOrder()
    {
        IReadOnlyList<long> ids = Store.Commit(
        [
            new(PresenceEventKind.Arrived, _fixture.Now, "Alice", Announce: false),
            new(PresenceEventKind.Arrived, _fixture.Now, "Bob"),
            new(PresenceEventKind.UnknownDeviceSeen, _fixture.Now, Mac: StoreFixture.Mac("02:00:00:00:00:09"), Ip: StoreFixture.Ip("10.0.0.9"), Announce: false),
        ], []);

        // MQTT wants every event; the announcer and the IRC channel only those to be announced.
        Assert.Equal(ids, Store.PendingBus(OutboxDestination.Mqtt, 10).Select(i => i.Id).Select(EventOf));
        Assert.Equal([ids[1]], Store.PendingBus(OutboxDestination.ZenIrcBot, 10).Select(i => EventOf(i.Id)));
        Assert.Equal([ids[1]], Store.PendingOutbox(10).Select(i => i.EventId));
        Assert.Equal(3, Store.Log(10).Count);
    }

    [Fact]
    public void ABusDeliveringLeavesTheOthersPending()
    {
        Store.Commit([new(PresenceEventKind.Arrived, _fixture.Now, "Bob")], []);
        BusItem mqtt = Assert.Single(Store.PendingBus(OutboxDestination.Mqtt, 10));
        Assert.True(Store.MarkOutbox(mqtt.Id, OutboxState.Delivered, "on footfall/x/events"));

        Assert.Empty(Store.PendingBus(OutboxDestination.Mqtt, 10));
        Assert.Single(Store.PendingBus(OutboxDestination.ZenIrcBot, 10));
        OutboxItem announce = Assert.Single(Store.PendingOutbox(10));
        Assert.Equal(OutboxState.Pending, Assert.Single(Store.Log(10)).Announcement);
        Assert.Equal(announce.EventId, Assert.Single(Store.Log(10)).Id);
    }

    [Fact]
    public void TheChannelSeesThePostTheAnnouncerComposed()
    {
        IReadOnlyList<long> ids = Store.Commit([new(PresenceEventKind.Arrived, _fixture.Now, "Alice"), new(PresenceEventKind.Arrived, _fixture.Now, "Bob")], []);
        BusItem waiting = Store.PendingBus(OutboxDestination.ZenIrcBot, 10)[0];
        Assert.Equal(OutboxState.Pending, waiting.Announced);
        Assert.Null(waiting.PostId);

        Store.SaveComposition([new PostDraft(ids, "Morning, Alice and Bob!", new Dictionary<string, string>())], []);

        IReadOnlyList<BusItem> items = Store.PendingBus(OutboxDestination.ZenIrcBot, 10);
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("Morning, Alice and Bob!", i.PostText));
        Assert.Single(items.Select(i => i.PostId).Distinct());
        Assert.All(items, i => Assert.False(i.PostAlreadyDelivered));
        // Composing touched only the announcer's rows.
        Assert.Equal(2, Store.PendingBus(OutboxDestination.Mqtt, 10).Count);

        // Once the channel has the post for Alice's row, Bob's row knows it, after a restart too.
        Store.MarkOutbox(items[0].Id, OutboxState.Delivered, "said");
        _fixture.Reopen();
        Store.Destinations = [OutboxDestination.Announce, OutboxDestination.Mqtt, OutboxDestination.ZenIrcBot];
        Assert.True(Assert.Single(Store.PendingBus(OutboxDestination.ZenIrcBot, 10)).PostAlreadyDelivered);
        Assert.All(Store.PendingBus(OutboxDestination.Mqtt, 10), i => Assert.False(i.PostAlreadyDelivered));
    }

    private long EventOf(long outboxId)
    {
        using var connection = _fixture.Raw();
        return Convert.ToInt64(StoreFixture.Scalar(connection, $"SELECT event_id FROM outbox WHERE id = {outboxId}"), System.Globalization.CultureInfo.InvariantCulture);
    }
}
