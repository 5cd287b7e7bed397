using Footfall.Text;

namespace Footfall.PiHealth;

/// <summary>
/// Turns the Pi's sensor readings into episodes of under-voltage and overheating. Pure: readings come in,
/// changes come out, time comes from the <see cref="TimeProvider"/>.
/// <list type="bullet">
/// <item>Under-voltage starts with an alarm of 1 and ends once the alarm has read 0 for
/// <see cref="UnderVoltageQuiet"/>, at the first 0: a supply that sags with every burst of load is one
/// episode, not one every few seconds.</item>
/// <item>Overheating starts at or above the limit and ends at <see cref="Hysteresis"/> below it, so a SoC
/// hovering at the limit does not flap.</item>
/// <item>A missing reading starts and ends nothing: not knowing is not the same as all clear.</item>
/// </list>
/// </summary>
public sealed class PiEpisodeTracker
{
    public static readonly Temperature Hysteresis = new(5_000);
    public static readonly Temperature PeakStep = new(1_000);
    public static readonly TimeSpan UnderVoltageQuiet = TimeSpan.FromSeconds(30);

    /// <summary>How long the status LED keeps telling of an episode after it ended: a Pi that sagged at 3 am is still worth a look at 9.</summary>
    public static readonly TimeSpan ShownFor = TimeSpan.FromHours(24);

    private readonly TimeProvider _time;
    private readonly Dictionary<PiEpisodeKind, Ongoing> _open = [];
    private PiEpisode? _lastEnded;

    /// <param name="limit">health.maxTemperature.</param>
    /// <param name="lastEnded">The latest episode that ended before this start (from the store), so the LED keeps showing it after a restart.</param>
    public PiEpisodeTracker(Temperature limit, TimeProvider time, PiEpisode? lastEnded = null)
    {
        Limit = limit;
        _time = time;
        _lastEnded = lastEnded;
    }

    public Temperature Limit { get; }

    /// <summary>The episodes going on now.</summary>
    public IReadOnlyList<PiEpisode> Open => [.. _open.Values.Select(o => o.Episode).OrderBy(e => e.Kind)];

    public IReadOnlyList<PiEpisodeChange> Observe(PiReading reading)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var changes = new List<PiEpisodeChange>();
        if (reading.Temperature is { } temperature)
        {
            // First, so that an episode ending with this reading carries it in its peak.
            foreach (Ongoing ongoing in _open.Values)
            {
                ongoing.Raise(temperature);
            }
        }
        if (reading.UnderVoltage is { } alarm)
        {
            ObserveAlarm(alarm, reading.Temperature, now, changes);
        }
        if (reading.Temperature is { } t)
        {
            ObserveTemperature(t, now, changes);
        }
        foreach (Ongoing ongoing in _open.Values)
        {
            if (!changes.Any(c => c.Episode.Kind == ongoing.Episode.Kind) && ongoing.PeakRoseEnough())
            {
                changes.Add(new PiEpisodeChange(PiEpisodeChangeKind.PeakRose, ongoing.Episode));
            }
        }
        return changes;
    }

    /// <summary>What needs a human now, for the health verdict and the status LED; null when nothing does.</summary>
    public string? Attention()
    {
        if (_open.Count > 0)
        {
            return string.Join("; ", Open.Select(e => e.Kind == PiEpisodeKind.UnderVoltage
                ? $"under-voltage since {ClockTime.Format(e.Start)}: the power supply cannot keep up"
                : $"overheating since {ClockTime.Format(e.Start)}: {e.Peak} at the most, the limit is {Limit}"));
        }
        if (_lastEnded is { End: { } end } last && _time.GetUtcNow() - end < ShownFor)
        {
            return $"{Name(last.Kind)} until {ClockTime.Format(end)}, in the last {HumanDuration.Format(ShownFor)}";
        }
        return null;
    }

    public static string Name(PiEpisodeKind kind) => kind == PiEpisodeKind.UnderVoltage ? "under-voltage" : "overheating";

    private void ObserveAlarm(bool alarm, Temperature? temperature, DateTimeOffset now, List<PiEpisodeChange> changes)
    {
        if (!_open.TryGetValue(PiEpisodeKind.UnderVoltage, out Ongoing? ongoing))
        {
            if (alarm)
            {
                Start(PiEpisodeKind.UnderVoltage, temperature, now, changes);
            }
            return;
        }
        if (alarm)
        {
            ongoing.NormalSince = null;
            return;
        }
        ongoing.NormalSince ??= now;
        if (now - ongoing.NormalSince.Value >= UnderVoltageQuiet)
        {
            End(PiEpisodeKind.UnderVoltage, ongoing.NormalSince.Value, changes);
        }
    }

    private void ObserveTemperature(Temperature temperature, DateTimeOffset now, List<PiEpisodeChange> changes)
    {
        bool open = _open.ContainsKey(PiEpisodeKind.Overheating);
        if (!open && temperature >= Limit)
        {
            Start(PiEpisodeKind.Overheating, temperature, now, changes);
        }
        else if (open && temperature <= Limit - Hysteresis)
        {
            End(PiEpisodeKind.Overheating, now, changes);
        }
    }

    private void Start(PiEpisodeKind kind, Temperature? temperature, DateTimeOffset now, List<PiEpisodeChange> changes)
    {
        var ongoing = new Ongoing(new PiEpisode(kind, now, null, temperature));
        _open[kind] = ongoing;
        changes.Add(new PiEpisodeChange(PiEpisodeChangeKind.Started, ongoing.Episode));
    }

    private void End(PiEpisodeKind kind, DateTimeOffset end, List<PiEpisodeChange> changes)
    {
        PiEpisode ended = _open[kind].Episode with { End = end };
        _open.Remove(kind);
        // An under-voltage episode ends back at its first normal reading, which can be before an overheating episode ended.
        if (_lastEnded?.End is not { } latest || end >= latest)
        {
            _lastEnded = ended;
        }
        changes.Add(new PiEpisodeChange(PiEpisodeChangeKind.Ended, ended));
    }

    private sealed class Ongoing(PiEpisode episode)
    {
        private Temperature? _said = episode.Peak;

        public PiEpisode Episode { get; private set; } = episode;

        /// <summary>Under-voltage only: since when the alarm has read 0.</summary>
        public DateTimeOffset? NormalSince { get; set; }

        public void Raise(Temperature temperature)
        {
            if (Episode.Peak is not { } peak || temperature > peak)
            {
                Episode = Episode with { Peak = temperature };
            }
        }

        public bool PeakRoseEnough()
        {
            if (Episode.Peak is not { } peak || (_said is { } said && peak - said < PeakStep))
            {
                return false;
            }
            _said = peak;
            return true;
        }
    }
}
