namespace Footfall.Bus;

/// <summary>How long a bus waits before its next try to reach its broker: doubling from one second to a minute, with jitter.</summary>
public sealed class Backoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private readonly Random _random;
    private int _failures;

    public Backoff(Random random) => _random = random;

    /// <summary>Failures in a row so far.</summary>
    public int Failures => _failures;

    /// <summary>Counts a failure and returns the pause before the next try.</summary>
    public TimeSpan Next()
    {
        _failures++;
        double seconds = Math.Min(Longest.TotalSeconds, First.TotalSeconds * Math.Pow(2, Math.Min(_failures - 1, 10)));
        // Up to a fifth less, so several appliances restarted together do not knock in step.
        return TimeSpan.FromSeconds(seconds * (1 - (0.2 * _random.NextDouble())));
    }

    public void Reset() => _failures = 0;
}
