using Footfall.Config;
using Footfall.Messages;
using Footfall.Net;
using Footfall.Presence;
using Footfall.Tests.Support;

namespace Footfall.Tests.Announce.Messages;

public class ComposerTests
{
    private static readonly DateTimeOffset s_morning = new(2026, 6, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly Person[] s_people =
    [
        new("Alice", "she", [], null), new("Bob", null, [], null), new("Carol", "they", [], null),
    ];

    private sealed class History : IAnnounceHistory
    {
        public Dictionary<string, string> Templates { get; } = [];
        public Dictionary<string, DateTimeOffset> Departures { get; } = [];

        public string? LastTemplate(string person) => Templates.GetValueOrDefault(person);

        public DateTimeOffset? LastDepartureBefore(string person, DateTimeOffset at) =>
            Departures.TryGetValue(person, out DateTimeOffset left) && left < at ? left : null;
    }

    private static (Composer Composer, ManualClock Clock) Make(AnnounceSettings? settings = null, int seed = 7, DateTimeOffset? now = null)
    {
        var clock = new ManualClock(now ?? s_morning);
        return (new Composer(settings ?? new AnnounceSettings(), TimeZoneInfo.Utc, new Random(seed), clock), clock);
    }

    private static PendingAnnouncement Arrival(long id, string person, DateTimeOffset at, bool announce = true) =>
        new(id, new PresenceEvent(PresenceEventKind.Arrived, at, person, Announce: announce));

    private static PendingAnnouncement Departure(long id, string person, DateTimeOffset at) =>
        new(id, new PresenceEvent(PresenceEventKind.Left, at, person, Stayed: TimeSpan.FromHours(1)));

    [Fact]
    public void AnArrivalWaitsForTheWindowThenGoesOutAlone()
    {
        (Composer composer, ManualClock clock) = Make();
        PendingAnnouncement[] pending = [Arrival(1, "Alice", s_morning)];
        Composition waiting = composer.Compose(pending, s_people, 1, new History());
        Assert.Empty(waiting.Posts);
        Assert.Empty(waiting.Dropped);
        Assert.Equal(s_morning.AddSeconds(60), waiting.WaitUntil);

        clock.Advance(TimeSpan.FromSeconds(60));
        Composition ready = composer.Compose(pending, s_people, 1, new History());
        ComposedPost post = Assert.Single(ready.Posts);
        Assert.Equal([1L], post.EventIds);
        Assert.Contains("Alice", post.Text, StringComparison.Ordinal);
        Assert.Contains(post.TemplateUsed["Alice"], BuiltInMessages.Arrival(DayPart.Morning));
        Assert.Null(ready.WaitUntil);
    }

    [Fact]
    public void ArrivalsWithinTheWindowBecomeOnePost()
    {
        var settings = new AnnounceSettings { GroupMessages = ["{name} just walked in ({count} in, {pronoun} say hi)."] };
        (Composer composer, _) = Make(settings, now: s_morning.AddMinutes(2));
        Composition result = composer.Compose(
            [Arrival(1, "Alice", s_morning), Arrival(2, "Bob", s_morning.AddSeconds(20)), Arrival(3, "Carol", s_morning.AddSeconds(59)),
             Arrival(4, "Dave", s_morning.AddSeconds(61))],
            s_people, 4, new History());
        ComposedPost post = Assert.Single(result.Posts);
        Assert.Equal([1L, 2L, 3L], post.EventIds);
        Assert.Equal("Alice, Bob and Carol just walked in (4 in, they say hi).", post.Text);
        Assert.Equal(["Alice", "Bob", "Carol"], post.TemplateUsed.Keys.Order());
        // Dave opened a window of his own, still open.
        Assert.Empty(result.Dropped);
        Assert.Equal(s_morning.AddSeconds(121), result.WaitUntil);
    }

    [Fact]
    public void AZeroWindowPostsEachArrivalAtOnce()
    {
        (Composer composer, _) = Make(new AnnounceSettings { AggregateWindow = TimeSpan.Zero });
        Composition result = composer.Compose([Arrival(1, "Alice", s_morning), Arrival(2, "Bob", s_morning)], s_people, 2, new History());
        Assert.Equal([[1L], [2L]], result.Posts.Select(p => p.EventIds.ToArray()));
    }

    [Fact]
    public void SomeoneBackWithinTheCooldownIsNotAnnounced()
    {
        (Composer composer, _) = Make(now: s_morning.AddMinutes(5));
        var history = new History();
        history.Departures["Alice"] = s_morning.AddMinutes(-59);
        history.Departures["Bob"] = s_morning.AddMinutes(-61);
        Composition result = composer.Compose([Arrival(1, "Alice", s_morning), Arrival(2, "Bob", s_morning)], s_people, 2, history);
        Assert.Equal([new DroppedAnnouncement(1, "back within the 1h cooldown")], result.Dropped);
        Assert.Equal([2L], Assert.Single(result.Posts).EventIds);
    }

    [Fact]
    public void StaleArrivalsExpire()
    {
        (Composer composer, _) = Make(now: s_morning.AddMinutes(47).AddSeconds(30));
        Composition result = composer.Compose([Arrival(1, "Alice", s_morning), Arrival(2, "Bob", s_morning.AddMinutes(20))], s_people, 2, new History());
        Assert.Equal([new DroppedAnnouncement(1, "expired: 47m old")], result.Dropped);
        Assert.Equal([2L], Assert.Single(result.Posts).EventIds);
    }

    [Fact]
    public void UnknownDevicesAndStartupArrivalsAreDropped()
    {
        (Composer composer, _) = Make(now: s_morning.AddMinutes(5));
        var unknown = new PendingAnnouncement(1, new PresenceEvent(PresenceEventKind.UnknownDeviceSeen, s_morning, Mac: MacAddress.Zero));
        Composition result = composer.Compose([unknown, Arrival(2, "Alice", s_morning, announce: false)], s_people, 1, new History());
        Assert.Equal(["unknown devices are not announced", "recorded, not announced (already in at start-up)"], result.Dropped.Select(d => d.Reason));
        Assert.Empty(result.Posts);
    }

    [Fact]
    public void DeparturesAreDroppedByDefault()
    {
        (Composer composer, _) = Make();
        Composition result = composer.Compose([Departure(1, "Alice", s_morning)], s_people, 0, new History());
        Assert.Equal([new DroppedAnnouncement(1, "departure posts are off")], result.Dropped);
        Assert.Empty(result.Posts);
    }

    [Fact]
    public void DeparturesAndTheLastOneOutArePostedWhenOn()
    {
        var settings = new AnnounceSettings
        {
            Departures = true, LastOneOut = true,
            DepartureMessages = ["{name} left; {count} still in."], LastOneOutMessages = ["{name} was the last one out."],
        };
        (Composer composer, _) = Make(settings);
        Composition result = composer.Compose([Departure(1, "Alice", s_morning), Departure(2, "Bob", s_morning.AddSeconds(5))], s_people, 0, new History());
        Assert.Equal(["Alice left; 0 still in.", "Bob was the last one out."], result.Posts.Select(p => p.Text));
        Assert.Empty(result.Dropped);
    }

    [Fact]
    public void OnlyTheLastOneOutIsPostedWhenDeparturesAreOff()
    {
        (Composer composer, _) = Make(new AnnounceSettings { LastOneOut = true });
        Composition result = composer.Compose([Departure(1, "Alice", s_morning), Departure(2, "Bob", s_morning)], s_people, 0, new History());
        Assert.Equal([1L], result.Dropped.Select(d => d.EventId));
        Assert.Contains(Assert.Single(result.Posts).TemplateUsed["Bob"], BuiltInMessages.LastOneOut);

        // Someone still in: no last one out.
        Composition stillIn = composer.Compose([Departure(3, "Bob", s_morning)], s_people, 1, new History());
        Assert.Empty(stillIn.Posts);
    }

    [Fact]
    public void NeverTheSameTemplateTwiceInARowForAPerson()
    {
        (Composer composer, _) = Make(new AnnounceSettings { AggregateWindow = TimeSpan.Zero }, seed: 42);
        var history = new History();
        var used = new HashSet<string>();
        for (int i = 0; i < 200; i++)
        {
            ComposedPost post = Assert.Single(composer.Compose([Arrival(i, "Alice", s_morning)], s_people, 1, history).Posts);
            string template = post.TemplateUsed["Alice"];
            Assert.NotEqual(history.LastTemplate("Alice"), template);
            history.Templates["Alice"] = template;
            used.Add(template);
        }
        Assert.Equal(BuiltInMessages.Arrival(DayPart.Morning).Order(), used.Order());
    }

    [Fact]
    public void TheSameSeedGivesTheSamePosts()
    {
        string Run() => string.Join('|', Enumerable.Range(0, 20).Select(i =>
            Make(new AnnounceSettings { AggregateWindow = TimeSpan.Zero }, seed: 5).Composer
                .Compose([Arrival(i, "Carol", s_morning)], s_people, i, new History()).Posts[0].Text));
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void PronounAndCountAreFilledAndPronounTemplatesNeedAPronoun()
    {
        var settings = new AnnounceSettings
        {
            AggregateWindow = TimeSpan.Zero,
            Messages = new Dictionary<DayPart, IReadOnlyList<string>> { [DayPart.Morning] = ["{pronoun} is in: {name}, number {count}.", "{name} is in."] },
        };
        for (int seed = 0; seed < 10; seed++)
        {
            var history = new History();
            history.Templates["Alice"] = "{name} is in.";
            (Composer composer, _) = Make(settings, seed);
            Assert.Equal("She is in: Alice, number 3.", composer.Compose([Arrival(1, "Alice", s_morning)], s_people, 3, history).Posts[0].Text);
            Assert.Equal("Bob is in.", composer.Compose([Arrival(2, "Bob", s_morning)], s_people, 3, history).Posts[0].Text);
        }
        Assert.Equal("She is in: Alice, number 3.", TemplateFiller.Fill("{pronoun} is in: {name}, number {count}.", "Alice", "she", 3));
        Assert.Equal("Hi Alice. She is here.", TemplateFiller.Fill("Hi {name}. {pronoun} is here.", "Alice", "she", 3));
        Assert.Equal("Say hi to {count}: she is in.", TemplateFiller.Fill("Say hi to {name}: {pronoun} is in.", "{count}", "she", 3));
    }

    [Theory]
    [InlineData("Bartholomew-Alexandrina Wolfeschlegelsteinhausenbergerdorff the Third")]
    [InlineData("山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎")]
    [InlineData("🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉")]
    public void LongTextIsTrimmedToFit(string name)
    {
        string longTemplate = "{name} " + string.Concat(Enumerable.Repeat("是", 120)) + " https://example.com/office";
        var settings = new AnnounceSettings
        {
            AggregateWindow = TimeSpan.Zero,
            Messages = new Dictionary<DayPart, IReadOnlyList<string>> { [DayPart.Morning] = [longTemplate] },
        };
        var people = new[] { new Person(name, null, [], null) };
        (Composer composer, _) = Make(settings);
        string text = Assert.Single(composer.Compose([Arrival(1, name, s_morning)], people, 1, new History()).Posts).Text;
        Assert.True(WeightedLength.Of(text) <= WeightedLength.Maximum, $"{WeightedLength.Of(text)}: {text}");
        Assert.EndsWith("https://example.com/office", text, StringComparison.Ordinal);
        Assert.Contains("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AShorterTemplateIsPreferredToCuttingNames()
    {
        string tooLong = "{name} " + new string('x', 270);
        var settings = new AnnounceSettings
        {
            AggregateWindow = TimeSpan.Zero,
            Messages = new Dictionary<DayPart, IReadOnlyList<string>> { [DayPart.Morning] = [tooLong, "{name} is in."] },
        };
        for (int seed = 0; seed < 10; seed++)
        {
            (Composer composer, _) = Make(settings, seed);
            ComposedPost post = composer.Compose([Arrival(1, "Alexandrina", s_morning)], s_people, 1, new History()).Posts[0];
            Assert.Equal(("Alexandrina is in.", "{name} is in."), (post.Text, post.TemplateUsed["Alexandrina"]));
        }
    }

    [Fact]
    public void AHugeGroupIsFolded()
    {
        var names = Enumerable.Range(0, 40).Select(i => $"Person-with-a-long-name-{i}").ToList();
        (Composer composer, _) = Make(now: s_morning.AddMinutes(2));
        Composition result = composer.Compose(names.Select((n, i) => Arrival(i, n, s_morning)).ToList(), [], 40, new History());
        ComposedPost post = Assert.Single(result.Posts);
        Assert.Equal(40, post.EventIds.Count);
        Assert.True(WeightedLength.Of(post.Text) <= WeightedLength.Maximum);
        Assert.Matches("and [0-9]+ others", post.Text);
    }
}
