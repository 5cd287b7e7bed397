using Footfall.Feed;
using Footfall.Net;
using Footfall.Presence;
using Footfall.Tests.Support;

namespace Footfall.Tests.Feed;

public class FeedComposerTests
{
    private static readonly DateTimeOffset s_day = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly MacAddress s_visitorPhone = Mac("da:a1:19:00:00:01");   // locally administered: a phone's private address
    private static readonly MacAddress s_printer = Mac("00:1b:a9:00:00:02");

    private static DateTimeOffset At(string time) => s_day + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out MacAddress mac) ? mac : throw new ArgumentException(text);

    private static FeedEvent Arrived(long id, string time, string person, bool announce = true) =>
        new(id, new PresenceEvent(PresenceEventKind.Arrived, At(time), person, Announce: announce));

    private static FeedEvent Left(long id, string time, string person, TimeSpan? stayed = null) =>
        new(id, new PresenceEvent(PresenceEventKind.Left, At(time), person, Stayed: stayed));

    private static FeedEvent Unknown(long id, string time, MacAddress mac) =>
        new(id, new PresenceEvent(PresenceEventKind.UnknownDeviceSeen, At(time), Mac: mac, Announce: false));

    /// <summary>A day at the office, as the store would hold it.</summary>
    private static readonly FeedEvent[] s_scriptedDay =
    [
        Arrived(1, "08:00:00", "Alice", announce: false),   // found by the first sweep after a start
        Arrived(2, "08:50:00", "Bob"),
        Arrived(3, "09:00:10", "Carol"),
        Arrived(4, "09:00:40", "Dave"),                     // within Carol's minute
        Unknown(5, "09:30:00", s_visitorPhone),
        Unknown(6, "09:45:00", s_visitorPhone),             // came and went: not again within the hour
        Unknown(7, "10:31:00", s_visitorPhone),
        Unknown(8, "10:31:20", s_printer),
        Left(9, "12:00:00", "Bob", TimeSpan.FromMinutes(190)),
        Arrived(10, "12:20:00", "Bob"),                     // back from lunch
        Left(11, "15:00:00", "Dave", TimeSpan.FromHours(6) - TimeSpan.FromSeconds(40)),
        Left(12, "17:00:00", "Alice", TimeSpan.FromHours(9)),
        Left(13, "17:00:30", "Carol", TimeSpan.FromHours(8)),
        Left(14, "17:00:50", "Bob", TimeSpan.FromHours(4.7)),
    ];

    private static readonly (string At, FeedKind Kind, string Text)[] s_scriptedFeed =
    [
        ("08:00:00", FeedKind.Arrival, "Alice was already in when footfall started looking"),
        ("08:50:00", FeedKind.Arrival, "Bob arrived"),
        ("09:00:10", FeedKind.Arrival, "Carol and Dave arrived together"),
        ("09:30:00", FeedKind.UnknownDevice, "an unknown phone wanders onto the network"),
        ("10:31:00", FeedKind.UnknownDevice, "2 unknown devices wander onto the network"),
        ("12:00:00", FeedKind.Departure, "Bob left after 3 h"),
        ("12:20:00", FeedKind.Arrival, "Bob is back after 20 min"),
        ("15:00:00", FeedKind.Departure, "Dave left after 6 h"),
        ("17:00:00", FeedKind.Departure, "Alice, Carol and Bob left together"),
        ("17:00:50", FeedKind.Quiet, "the office is quiet now"),
    ];

    [Fact]
    public void AScriptedDayReadsAsItHappened()
    {
        var clock = new ManualClock(At("18:00:00"));
        IReadOnlyList<FeedEntry> feed = FeedComposer.Tell(s_scriptedDay, peopleInNow: [], new FeedRules(), clock);
        Assert.Equal(s_scriptedFeed, feed.Select(e => (Time(e.At), e.Kind, e.Text)));
        Assert.Equal([3L, 4L], feed[2].EventIds);
        Assert.Equal([12L, 13L, 14L], feed[8].EventIds);
        Assert.Equal([14L], feed[9].EventIds);
    }

    [Fact]
    public void PlayedLiveOnAFakeClockTheDayGivesTheSameLinesEachOnceItsMinuteIsOver()
    {
        var clock = new ManualClock(At("07:59:00"));
        var composer = new FeedComposer(new FeedRules(), clock, peopleIn: []);
        var shown = new List<(FeedEntry Entry, DateTimeOffset ShownAt)>();
        int next = 0;
        while (clock.GetUtcNow() < At("18:00:00"))
        {
            // Like `feed --follow`: poll once a second for what the daemon has written since.
            var written = new List<FeedEvent>();
            while (next < s_scriptedDay.Length && s_scriptedDay[next].Event.At <= clock.GetUtcNow())
            {
                written.Add(s_scriptedDay[next++]);
            }
            shown.AddRange(composer.Advance(written).Select(e => (e, clock.GetUtcNow())));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(s_scriptedFeed, shown.Select(s => (Time(s.Entry.At), s.Entry.Kind, s.Entry.Text)));
        Assert.Null(composer.NextDue);
        Assert.Equal(14, composer.LastEventId);
        // A line waits for its minute to be over (more can join it), and not much longer; the quiet line
        // comes right after the departures it follows.
        Assert.All(shown, s => Assert.InRange(s.ShownAt - s.Entry.At, s.Entry.Kind == FeedKind.Quiet ? TimeSpan.Zero : TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61)));
    }

    [Fact]
    public void ALineWaitsForItsWindowAndNextDueSaysUntilWhen()
    {
        var clock = new ManualClock(At("09:00:00"));
        var composer = new FeedComposer(new FeedRules(), clock, peopleIn: ["Alice"]);
        Assert.Empty(composer.Advance([Arrived(1, "09:00:00", "Bob")]));
        Assert.Equal(At("09:01:00"), composer.NextDue);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(composer.Advance([Arrived(2, "09:00:30", "Carol")]));
        Assert.Equal(At("09:01:00"), composer.NextDue);

        clock.Advance(TimeSpan.FromSeconds(30));
        FeedEntry line = Assert.Single(composer.Advance());
        Assert.Equal("Bob and Carol arrived together", line.Text);
        Assert.Null(composer.NextDue);
        Assert.Empty(composer.Advance([Arrived(2, "09:00:30", "Carol")]));   // already taken: ignored
    }

    [Fact]
    public void ASnapshotTellsWhatIsStillInsideItsWindow()
    {
        var clock = new ManualClock(At("09:00:30"));
        var composer = new FeedComposer(new FeedRules(), clock, peopleIn: []);
        Assert.Empty(composer.Advance([Arrived(1, "09:00:00", "Bob"), Arrived(2, "09:00:20", "Carol")]));
        Assert.Equal(["Bob and Carol arrived together"], composer.Finish().Select(e => e.Text));
        Assert.Null(composer.NextDue);
    }

    [Fact]
    public void ACrowdIsAFewNamesAndACount()
    {
        FeedEvent[] crowd = [.. Enumerable.Range(0, 12).Select(i => Arrived(i + 1, $"09:00:{i:00}", $"P{i}"))];
        FeedEntry line = Assert.Single(FeedComposer.Tell(crowd, [], new FeedRules(), new ManualClock(At("10:00:00"))));
        Assert.Equal("P0, P1, P2 and 9 others arrived together", line.Text);
        Assert.Equal(12, line.EventIds.Count);
    }

    [Fact]
    public void OnlyTheDepartureThatEmptiesTheOfficeMakesItQuiet()
    {
        var clock = new ManualClock(At("19:00:00"));
        IReadOnlyList<FeedEntry> feed = FeedComposer.Tell(
            [Left(1, "17:00:00", "Alice"), Left(2, "18:00:00", "Bob", TimeSpan.FromSeconds(42))],
            peopleInNow: [], new FeedRules(), clock);
        Assert.Equal(["Alice left", "Bob left after 42 s", "the office is quiet now"], feed.Select(e => e.Text));

        // Carol is still in by the store: nobody made the office quiet.
        feed = FeedComposer.Tell([Left(1, "17:00:00", "Alice"), Left(2, "18:00:00", "Bob")], peopleInNow: ["Carol"], new FeedRules(), clock);
        Assert.DoesNotContain(feed, e => e.Kind == FeedKind.Quiet);
    }

    [Fact]
    public void WhoWasInBeforeAHistoryIsItsEventsUndone()
    {
        FeedEvent[] history = [Arrived(1, "09:00:00", "Bob"), Left(2, "10:00:00", "Alice"), Left(3, "11:00:00", "Bob"), Arrived(4, "12:00:00", "Alice")];
        Assert.Equal(["Alice", "Carol"], FeedComposer.PeopleInBefore(history, ["Alice", "Carol"]).Order());
    }

    [Fact]
    public void AnUnknownDeviceThatComesAndGoesIsMentionedAtMostOnceAnHour()
    {
        var clock = new ManualClock(At("23:59:00"));
        // The tracker reports it again each time it is back after awayAfter: every 10 minutes all day.
        FeedEvent[] flapping = [.. Enumerable.Range(0, 24 * 6).Select(i => Unknown(i + 1, TimeSpan.FromMinutes(10 * i).ToString(), s_printer))];
        IReadOnlyList<FeedEntry> feed = FeedComposer.Tell(flapping, [], new FeedRules(), clock);
        Assert.Equal(24, feed.Count);
        Assert.All(feed, e => Assert.Equal("an unknown device wanders onto the network", e.Text));
        Assert.All(feed.Zip(feed.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AnEventWrittenLateStillJoinsItsMinute()
    {
        // Written in this order (ids), though Carol came first: the store may hold such a pair.
        FeedEvent[] history = [Arrived(1, "09:00:40", "Dave"), Arrived(2, "09:00:10", "Carol"), Arrived(3, "09:01:20", "Erin")];
        IReadOnlyList<FeedEntry> feed = FeedComposer.Tell(history, [], new FeedRules(), new ManualClock(At("10:00:00")));
        Assert.Equal([("09:00:10", "Carol and Dave arrived together"), ("09:01:20", "Erin walked in")], feed.Select(e => (Time(e.At), e.Text)));
    }

    [Fact]
    public void ABusyMinuteIsAHandfulOfLinesAndOneSummaryOfTheRest()
    {
        // With announce.aggregateWindow 0 nothing is grouped: only the throttle keeps the feed calm.
        var rules = new FeedRules { Window = TimeSpan.Zero };
        FeedEvent[] rush = [.. Enumerable.Range(0, 30).Select(i => Arrived(i + 1, $"09:00:{i:00}", $"P{i}"))];
        IReadOnlyList<FeedEntry> feed = FeedComposer.Tell(rush, [], rules, new ManualClock(At("10:00:00")));

        Assert.Equal(6, feed.Count);
        Assert.Equal(["P0 is in", "P1 arrived", "P2 walked in", "P3 is in", "P4 arrived"], feed.Take(5).Select(e => e.Text));
        FeedEntry summary = feed[5];
        Assert.Equal((FeedKind.Summary, "meanwhile: 25 more arrivals", At("09:01:00")), (summary.Kind, summary.Text, summary.At));
        Assert.Equal(Enumerable.Range(6, 25).Select(i => (long)i), summary.EventIds);
    }

    [Fact]
    public void AHeldSummaryComesOutOnTheClockWhenNothingElseComes()
    {
        var clock = new ManualClock(At("09:00:10"));
        var composer = new FeedComposer(new FeedRules { Window = TimeSpan.Zero, MaxLinesPerMinute = 3 }, clock, []);
        IReadOnlyList<FeedEntry> first = composer.Advance([.. Enumerable.Range(0, 5).Select(i => Arrived(i + 1, $"09:00:0{i}", $"P{i}"))]);
        Assert.Equal(3, first.Count);
        Assert.Equal(At("09:01:00"), composer.NextDue);

        clock.Advance(TimeSpan.FromSeconds(49));
        Assert.Empty(composer.Advance());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("meanwhile: 2 more arrivals", Assert.Single(composer.Advance()).Text);
        Assert.Null(composer.NextDue);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 10)]
    [InlineData(3, 60)]
    [InlineData(4, 60)]
    [InlineData(5, 300)]
    public void AnyHistoryKeepsTheRulesAndReadsTheSameLiveAsAfterwards(int seed, int windowSeconds)
    {
        var rules = new FeedRules { Window = TimeSpan.FromSeconds(windowSeconds) };
        IReadOnlyList<FeedEvent> history = RandomHistory(new Random(seed), count: 400);
        DateTimeOffset end = history[^1].Event.At + TimeSpan.FromHours(1);
        IReadOnlyList<FeedEntry> afterwards = FeedComposer.Tell(history, [], rules, new ManualClock(end));

        // Never more than a handful in any minute.
        for (int i = rules.MaxLinesPerMinute; i < afterwards.Count; i++)
        {
            Assert.True(afterwards[i].At - afterwards[i - rules.MaxLinesPerMinute].At >= TimeSpan.FromMinutes(1), $"too many lines in the minute before {afterwards[i].At:HH:mm:ss}");
        }
        Assert.Equal(afterwards.OrderBy(e => e.At), afterwards);
        // Every arrival and departure is told, once (the quiet line shares its departure's id).
        var told = afterwards.Where(e => e.Kind != FeedKind.Quiet).SelectMany(e => e.EventIds).ToList();
        Assert.Equal(told.Count, told.Distinct().Count());
        Assert.All(history.Where(e => e.Event.Kind != PresenceEventKind.UnknownDeviceSeen), e => Assert.Contains(e.Id, told));

        // Live, polled every 5 s on a fake clock, the same lines come out.
        var clock = new ManualClock(history[0].Event.At);
        var composer = new FeedComposer(rules, clock, []);
        var live = new List<FeedEntry>();
        int next = 0;
        while (clock.GetUtcNow() < end)
        {
            int from = next;
            while (next < history.Count && history[next].Event.At <= clock.GetUtcNow())
            {
                next++;
            }
            live.AddRange(composer.Advance(history.Skip(from).Take(next - from)));
            clock.Advance(TimeSpan.FromSeconds(5));
        }
        Assert.Equal(afterwards.Select(e => (e.At, e.Kind, e.Text)), live.Select(e => (e.At, e.Kind, e.Text)));
    }

    // People coming and going at random, often in bursts, and visitors' devices.
    private static List<FeedEvent> RandomHistory(Random random, int count)
    {
        string[] people = ["Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi"];
        var isIn = new HashSet<string>();
        var events = new List<FeedEvent>();
        DateTimeOffset at = At("08:00:00");
        for (int id = 1; id <= count; id++)
        {
            at += TimeSpan.FromSeconds(random.Next(4) == 0 ? random.Next(600) : random.Next(15));
            string person = people[random.Next(people.Length)];
            PresenceEvent e = random.Next(5) == 0
                ? new PresenceEvent(PresenceEventKind.UnknownDeviceSeen, at, Mac: new MacAddress(0x0200_0000_0000UL + (ulong)random.Next(12)), Announce: false)
                : isIn.Add(person) ? new PresenceEvent(PresenceEventKind.Arrived, at, person)
                : new PresenceEvent(PresenceEventKind.Left, at, person, Stayed: TimeSpan.FromMinutes(random.Next(600)));
            if (e.Kind == PresenceEventKind.Left)
            {
                isIn.Remove(person);
            }
            events.Add(new FeedEvent(id, e));
        }
        return events;
    }

    private static string Time(DateTimeOffset at) => at.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
