namespace Footfall.Runtime;

/// <summary>
/// One verdict on whether footfall is working, from what its workers report: each expected kind of
/// progress (a sweep completed, the store committed) must have happened recently, and every worker must
/// be alive. The watchdog is fed only while this says healthy; the status LED shows why not.
/// </summary>
public sealed class Health
{
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Expectation> _expectations = new();
    private readonly Dictionary<string, bool> _alive = new();
    private readonly Dictionary<string, string> _problems = new();
    private readonly object _gate = new();

    public Health(TimeProvider time) => _time = time;

    /// <summary>
    /// Rung when the verdict may have changed other than by time passing: a problem set or cleared, a
    /// worker started or stopped, late progress reported. Time's part is <see cref="UntilLate"/>. Between
    /// them a reader (the LEDs) can wait for a change instead of asking several times a second.
    /// </summary>
    public Doorbell Changed { get; } = new();

    /// <summary>Progress of kind <paramref name="name"/> must be reported at least every <paramref name="within"/>.</summary>
    public void Expect(string name, TimeSpan within)
    {
        lock (_gate)
        {
            // Counting from now gives a starting worker its first period to report.
            _expectations[name] = new Expectation(within, _time.GetTimestamp());
        }
        Changed.Ring();
    }

    public void ReportProgress(string name)
    {
        bool wasLate = false;
        lock (_gate)
        {
            if (_expectations.TryGetValue(name, out Expectation? expectation))
            {
                long now = _time.GetTimestamp();
                wasLate = _time.GetElapsedTime(expectation.Last, now) > expectation.Within;
                expectation.Last = now;
            }
        }
        if (wasLate)
        {
            Changed.Ring();
        }
    }

    public void MarkAlive(string worker, bool alive)
    {
        bool changed;
        lock (_gate)
        {
            changed = !_alive.TryGetValue(worker, out bool was) || was != alive;
            _alive[worker] = alive;
        }
        if (changed)
        {
            Changed.Ring();
        }
    }

    /// <summary>How long until some expected progress becomes late if none is reported; null when nothing can.</summary>
    public TimeSpan? UntilLate()
    {
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            TimeSpan? next = null;
            foreach (Expectation expectation in _expectations.Values)
            {
                TimeSpan since = _time.GetElapsedTime(expectation.Last, now);
                if (since <= expectation.Within)
                {
                    // Late means strictly more than Within: the verdict turns just after that moment.
                    TimeSpan until = expectation.Within - since + TimeSpan.FromMilliseconds(1);
                    next = next is null || until < next ? until : next;
                }
            }
            return next;
        }
    }

    /// <summary>A condition that needs a human (e.g. "announcing: X says the credentials are wrong"); null clears it.</summary>
    public void SetProblem(string area, string? problem)
    {
        bool changed;
        lock (_gate)
        {
            _problems.TryGetValue(area, out string? was);
            changed = was != problem;
            if (problem is null)
            {
                _problems.Remove(area);
            }
            else
            {
                _problems[area] = problem;
            }
        }
        if (changed)
        {
            Changed.Ring();
        }
    }

    /// <summary>The verdict now: healthy, or the reasons why not.</summary>
    public HealthVerdict Verdict()
    {
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            var reasons = new List<string>();
            var late = new List<string>();
            var stopped = new List<string>();
            foreach ((string name, Expectation expectation) in _expectations)
            {
                TimeSpan since = _time.GetElapsedTime(expectation.Last, now);
                if (since > expectation.Within)
                {
                    late.Add(name);
                    reasons.Add($"no {name} for {since.TotalSeconds:0} s (expected every {expectation.Within.TotalSeconds:0} s)");
                }
            }
            foreach ((string worker, bool alive) in _alive)
            {
                if (!alive)
                {
                    stopped.Add(worker);
                    reasons.Add($"worker {worker} is not running");
                }
            }
            return new HealthVerdict(reasons.Count == 0, reasons, _problems.Values.ToList())
            {
                Late = late,
                Stopped = stopped,
                ProblemAreas = _problems.Keys.ToList(),
            };
        }
    }

    private sealed class Expectation(TimeSpan within, long last)
    {
        public TimeSpan Within { get; } = within;

        public long Last { get; set; } = last;
    }
}

/// <summary>
/// <paramref name="Healthy"/> gates the watchdog: false when footfall is stuck. <paramref name="Problems"/>
/// are things a human should fix (bad credentials, say) that do not make footfall stuck.
/// </summary>
public sealed record HealthVerdict(bool Healthy, IReadOnlyList<string> Reasons, IReadOnlyList<string> Problems)
{
    /// <summary>The kinds of progress that are overdue (names given to <see cref="Health.Expect"/>).</summary>
    public IReadOnlyList<string> Late { get; init; } = [];

    /// <summary>The workers that are not running.</summary>
    public IReadOnlyList<string> Stopped { get; init; } = [];

    /// <summary>The areas of <see cref="Problems"/> (see <see cref="HealthAreas"/>), for the status LED.</summary>
    public IReadOnlyList<string> ProblemAreas { get; init; } = [];
}
