namespace Footfall.Daemon;

/// <summary>
/// How the supervisor restarts crashed workers, in the OTP spirit: restart with a growing delay, and give
/// up — ending the process non-zero so the service manager restarts it — after too many restarts in a
/// short time, because then the fault is not passing.
/// </summary>
public sealed record SupervisorPolicy
{
    public int MaxRestarts { get; init; } = 5;

    public TimeSpan Within { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The delay before restart number <paramref name="recentRestarts"/> (from 1): doubling, capped.</summary>
    public TimeSpan BackoffFor(int recentRestarts)
    {
        double factor = Math.Pow(2, Math.Clamp(recentRestarts - 1, 0, 30));
        TimeSpan backoff = FirstBackoff * factor;
        return backoff > MaxBackoff ? MaxBackoff : backoff;
    }
}
