using Footfall.Feed;
using Footfall.Presence;
using Footfall.Store;

namespace Footfall.Tests.Store;

public sealed class StoreFeedTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void EventsAfterAnIdComeInTheOrderTheyWereWritten()
    {
        DateTimeOffset t0 = _fixture.Now;
        FootfallStore store = _fixture.Store;
        store.Commit([new(PresenceEventKind.Left, t0.AddMinutes(5), "Bob", Stayed: TimeSpan.FromHours(2))], []);
        store.Commit([new(PresenceEventKind.Arrived, t0, "Alice"), new(PresenceEventKind.UnknownDeviceSeen, t0.AddMinutes(6), Mac: StoreFixture.Mac("da:00:00:00:00:01"), Announce: false)], []);

        IReadOnlyList<FeedEvent> all = store.EventsAfter(0, 100);
        Assert.Equal(["Bob", "Alice", null], all.Select(e => e.Event.Person));
        Assert.Equal(all.Select(e => e.Id).Order(), all.Select(e => e.Id));
        Assert.Equal(TimeSpan.FromHours(2), all[0].Event.Stayed);

        Assert.Equal([all[2]], store.EventsAfter(all[1].Id, 100));
        Assert.Equal([all[1]], store.EventsAfter(all[0].Id, 1));
        Assert.Empty(store.EventsAfter(all[2].Id, 100));
    }
}
