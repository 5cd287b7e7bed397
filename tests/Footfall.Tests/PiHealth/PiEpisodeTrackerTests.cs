using Footfall.PiHealth;
using Footfall.Tests.Support;

namespace Footfall.Tests.PiHealth;

/// <summary>Readings in, episodes out, on a manual clock: a reading every 5 s as the daemon polls.</summary>
public class PiEpisodeTrackerTests
{
    private static readonly TimeSpan s_poll = TimeSpan.FromSeconds(5);
    private static readonly Temperature s_limit = Temperature.FromCelsius(80);

    private readonly ManualClock _clock = new();
    private readonly PiEpisodeTracker _tracker;

    public PiEpisodeTrackerTests() => _tracker = new PiEpisodeTracker(s_limit, _clock);

    [Fact]
    public void AnAlarmStartsUnderVoltageAndHalfAMinuteOfNormalReadingsEndItAtTheFirstOfThem()
    {
        DateTimeOffset start = _clock.GetUtcNow();
        PiEpisodeChange started = Assert.Single(Poll(alarm: true));
        Assert.Equal(new PiEpisodeChange(PiEpisodeChangeKind.Started, new PiEpisode(PiEpisodeKind.UnderVoltage, start, null, C(50))), started);
        Assert.Empty(Poll(alarm: true));

        DateTimeOffset firstNormal = _clock.GetUtcNow();
        for (int i = 0; i < 6; i++)
        {
            Assert.Empty(Poll(alarm: false)); // 0 s to 25 s of quiet: not over yet
        }
        PiEpisodeChange ended = Assert.Single(Poll(alarm: false));
        Assert.Equal(PiEpisodeChangeKind.Ended, ended.Change);
        Assert.Equal(new PiEpisode(PiEpisodeKind.UnderVoltage, start, firstNormal, C(50)), ended.Episode);
        Assert.Empty(_tracker.Open);
    }

    [Fact]
    public void ASupplyThatSagsAgainWithinTheQuietTimeIsOneEpisode()
    {
        var changes = new List<PiEpisodeChange>();
        for (int i = 0; i < 40; i++)
        {
            // Sags on every fourth reading, as under bursts of load: never 30 s of calm.
            changes.AddRange(Poll(alarm: i % 4 == 0));
        }
        Assert.Equal([PiEpisodeChangeKind.Started], changes.Select(c => c.Change));
        Assert.Single(_tracker.Open);
    }

    [Fact]
    public void OverheatingStartsAtTheLimitAndEndsFiveDegreesBelowItWithoutFlapping()
    {
        Assert.Empty(Poll(celsius: 79.9));
        DateTimeOffset start = _clock.GetUtcNow();
        Assert.Equal(PiEpisodeChangeKind.Started, Assert.Single(Poll(celsius: 80.0)).Change);
        foreach (double celsius in new[] { 79.0, 80.5, 76.0, 80.9, 75.1 })
        {
            Assert.Empty(Poll(celsius));
        }
        DateTimeOffset end = _clock.GetUtcNow();
        PiEpisodeChange ended = Assert.Single(Poll(celsius: 75.0));
        Assert.Equal(new PiEpisode(PiEpisodeKind.Overheating, start, end, C(80.9)), ended.Episode);
        Assert.Empty(Poll(celsius: 79.9));
        Assert.Equal(PiEpisodeChangeKind.Started, Assert.Single(Poll(celsius: 80.1)).Change);
    }

    [Fact]
    public void APeakIsToldOnlyWhenItRoseByADegreeSoTheStoreIsNotWrittenEveryPoll()
    {
        Poll(celsius: 80.0);
        Assert.Empty(Poll(celsius: 80.9));
        PiEpisodeChange rose = Assert.Single(Poll(celsius: 81.0));
        Assert.Equal((PiEpisodeChangeKind.PeakRose, C(81.0)), (rose.Change, rose.Episode.Peak));
        Assert.Empty(Poll(celsius: 81.5));
        Assert.Empty(Poll(celsius: 78.0));
        Assert.Equal(C(82.3), Assert.Single(Poll(celsius: 82.3)).Episode.Peak);
    }

    [Fact]
    public void AnUnderVoltageEpisodeKeepsThePeakTemperatureSeenDuringIt()
    {
        Poll(alarm: true, celsius: 60.0);
        Poll(alarm: true, celsius: 64.5);
        Poll(alarm: false, celsius: 61.0);
        PiEpisode ended = PollUntilEnded(alarm: false, celsius: 58.0);
        Assert.Equal(C(64.5), ended.Peak);
    }

    [Fact]
    public void MissingReadingsNeitherStartNorEndAnything()
    {
        Poll(alarm: true, celsius: 85.0);
        Assert.Equal(2, _tracker.Open.Count);
        for (int i = 0; i < 20; i++)
        {
            Assert.Empty(_tracker.Observe(new PiReading(null, null)));
            _clock.Advance(s_poll);
        }
        Assert.Equal([PiEpisodeKind.UnderVoltage, PiEpisodeKind.Overheating], _tracker.Open.Select(e => e.Kind));

        // The quiet time counts from the first normal reading, not from the gap before it.
        Assert.Empty(Poll(alarm: false, celsius: null));
        Assert.Empty(Poll(alarm: false, celsius: null));
        Assert.Single(_tracker.Open, e => e.Kind == PiEpisodeKind.UnderVoltage);
    }

    [Fact]
    public void BothKindsAreTrackedApart()
    {
        Assert.Equal([PiEpisodeKind.UnderVoltage, PiEpisodeKind.Overheating], Poll(alarm: true, celsius: 83.0).Select(c => c.Episode.Kind));
        PiEpisodeChange cooled = Assert.Single(Poll(alarm: true, celsius: 70.0));
        Assert.Equal((PiEpisodeKind.Overheating, PiEpisodeChangeKind.Ended), (cooled.Episode.Kind, cooled.Change));
        Assert.Equal(PiEpisodeKind.UnderVoltage, Assert.Single(_tracker.Open).Kind);
    }

    [Fact]
    public void AttentionIsAskedWhileAnEpisodeLastsAndForADayAfterTheLastOneEnded()
    {
        Assert.Null(_tracker.Attention());
        Poll(celsius: 84.3);
        Assert.StartsWith("overheating since ", _tracker.Attention());
        Assert.EndsWith(": 84.3 °C at the most, the limit is 80.0 °C", _tracker.Attention());
        Poll(alarm: true, celsius: 84.0);
        Assert.Contains("under-voltage since ", _tracker.Attention());

        Poll(alarm: false, celsius: 70.0);
        PollUntilEnded(alarm: false, celsius: 70.0);
        Assert.StartsWith("under-voltage until ", _tracker.Attention());
        _clock.Advance(PiEpisodeTracker.ShownFor - TimeSpan.FromMinutes(2));
        Assert.NotNull(_tracker.Attention());
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(_tracker.Attention());
    }

    [Fact]
    public void AnEpisodeThatEndedBeforeARestartIsStillShownForItsDay()
    {
        DateTimeOffset end = _clock.GetUtcNow().AddHours(-23);
        var tracker = new PiEpisodeTracker(s_limit, _clock, new PiEpisode(PiEpisodeKind.Overheating, end.AddMinutes(-5), end, C(82.0)));
        Assert.StartsWith("overheating until ", tracker.Attention());
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(tracker.Attention());
    }

    private static Temperature C(double celsius) => new((int)Math.Round(celsius * 1000));

    private IReadOnlyList<PiEpisodeChange> Poll(double? celsius = 50.0, bool? alarm = null)
    {
        IReadOnlyList<PiEpisodeChange> changes = _tracker.Observe(new PiReading(celsius is { } c ? C(c) : null, alarm));
        _clock.Advance(s_poll);
        return changes;
    }

    private IReadOnlyList<PiEpisodeChange> Poll(bool alarm, double? celsius = 50.0) => Poll(celsius, alarm);

    private PiEpisode PollUntilEnded(bool alarm, double celsius)
    {
        for (int i = 0; i < 100; i++)
        {
            if (Poll(celsius, alarm).FirstOrDefault(c => c.Change == PiEpisodeChangeKind.Ended) is { } ended)
            {
                return ended.Episode;
            }
        }
        throw new InvalidOperationException("the episode never ended");
    }
}
