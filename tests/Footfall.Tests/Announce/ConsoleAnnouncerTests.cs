using Footfall.Announce;
using Footfall.Config;
using Footfall.Presence;
using Footfall.Store;
using Footfall.Tests.Store;
using static Footfall.Tests.Store.StoreFixture;

namespace Footfall.Tests.Announce;

/// <summary>The console announcer on a real store and a fake clock: it prints what X would get.</summary>
public sealed class ConsoleAnnouncerTests : IDisposable
{
    private static readonly Person Carol = new("Carol", "they", [Mac("f0:18:98:00:00:04")], null);

    private readonly StoreFixture _fixture = new();   // 09:00 UTC: morning
    private readonly StringWriter _out = new() { NewLine = "\n" };

    public void Dispose() => _fixture.Dispose();

    private ConsoleAnnouncer Announcer(AnnounceSettings settings) =>
        new(_fixture.Store, _out, settings, [Alice, Bob, Carol], TimeZoneInfo.Utc, _fixture.Clock, new Random(3));

    [Fact]
    public async Task ArrivalsWithinTheWindowArePrintedAsTheOnePostXWouldGet()
    {
        DateTimeOffset t0 = _fixture.Now;
        FootfallStore store = _fixture.Store;
        store.Commit([new(PresenceEventKind.Arrived, t0, "Alice")], [new("Alice", true, t0, t0)]);
        _fixture.Clock.Advance(TimeSpan.FromSeconds(20));
        store.Commit([new(PresenceEventKind.Arrived, t0.AddSeconds(20), "Bob")], [new("Bob", true, t0.AddSeconds(20), t0.AddSeconds(20))]);
        ConsoleAnnouncer announcer = Announcer(new AnnounceSettings());

        Assert.Equal(t0.AddSeconds(60), await announcer.RunOnceAsync(default));
        Assert.Equal("", _out.ToString());

        _fixture.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(await announcer.RunOnceAsync(default));
        string line = Assert.Single(_out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        string post = line["09:00 ".Length..];
        Assert.StartsWith("09:00 ", line);
        Assert.Contains(BuiltInMessages.Group(DayPart.Morning), t => post == t.Replace("{name}", "Alice and Bob").Replace("{count}", "2"));
        Assert.All(store.Log(10), row => Assert.Equal((OutboxState.Delivered, "printed on the console"), (row.Announcement, row.AnnouncementDetail)));

        // Nothing twice.
        Assert.Null(await announcer.RunOnceAsync(default));
        Assert.Single(_out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task WhatXWouldNotGetIsNotPrintedAndTheLogSaysWhy()
    {
        DateTimeOffset t0 = _fixture.Now;
        FootfallStore store = _fixture.Store;
        store.Commit([new(PresenceEventKind.Left, t0, "Carol", Stayed: TimeSpan.FromHours(3))], [new("Carol", false, null, t0)]);
        store.Commit([new(PresenceEventKind.Arrived, t0.AddMinutes(10), "Carol")], [new("Carol", true, t0.AddMinutes(10), t0.AddMinutes(10))]);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Null(await Announcer(new AnnounceSettings { AggregateWindow = TimeSpan.Zero }).RunOnceAsync(default));
        Assert.Equal("", _out.ToString());
        Assert.Equal(
            [(OutboxState.Dropped, "departure posts are off"), (OutboxState.Dropped, "back within the 1h cooldown")],
            store.Log(10).Select(row => (row.Announcement, row.AnnouncementDetail)));
    }

    [Fact]
    public async Task TheConfiguredTemplatesAreUsed()
    {
        DateTimeOffset t0 = _fixture.Now;
        _fixture.Store.Commit([new(PresenceEventKind.Arrived, t0, "Carol")], [new("Carol", true, t0, t0)]);
        var settings = new AnnounceSettings
        {
            AggregateWindow = TimeSpan.Zero,
            Messages = new Dictionary<DayPart, IReadOnlyList<string>> { [DayPart.Morning] = ["{name} is in; {pronoun} made {count}."] },
        };
        await Announcer(settings).RunOnceAsync(default);
        Assert.Equal("09:00 Carol is in; they made 1.\n", _out.ToString());
    }
}
