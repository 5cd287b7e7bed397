namespace Footfall.Announce.X;

/// <summary>
/// When to try a request again after <see cref="XResult"/> (pure; the random source is passed in so tests
/// fix it). Network trouble and 5xx back off exponentially with jitter, capped, so a Pi that comes back
/// online with a queue does not hammer X, and a fleet of Pis does not retry in step.
/// </summary>
public static class RetryPolicy
{
    public static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(10);

    /// <summary>Wrong credentials do not fix themselves: look again now and then, in case someone fixed the keys.</summary>
    public static readonly TimeSpan AfterUnauthorized = TimeSpan.FromMinutes(15);

    /// <summary>X's 15-minute window, for a 429 that does not say when it resets.</summary>
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The next try after the <paramref name="attempts"/>th failed one (1 for the first), or null when the
    /// request must not be retried (<see cref="XOutcome.Rejected"/>) or needs none.
    /// </summary>
    public static DateTimeOffset? NextTry(XResult result, int attempts, DateTimeOffset now, Random random) => result.Outcome switch
    {
        XOutcome.Transient => now + Jittered(attempts, random),
        XOutcome.Unauthorized => now + AfterUnauthorized,
        // A second more than the reset: X's clock and ours differ by a little even when both are synchronised.
        XOutcome.RateLimited => result.ResetAt is { } reset && reset > now ? reset + TimeSpan.FromSeconds(1) : now + RateLimitWindow,
        _ => null,
    };

    /// <summary>5 s, 10 s, 20 s … up to 10 min, each between half and all of that ("equal jitter").</summary>
    public static TimeSpan Jittered(int attempts, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempts);
        double ceiling = Math.Min(LongestPause.TotalSeconds, FirstPause.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return TimeSpan.FromSeconds((ceiling / 2) + (random.NextDouble() * ceiling / 2));
    }
}
