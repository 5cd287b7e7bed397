namespace Footfall.Tests.Support;

/// <summary>A clock that moves only when told to (Microsoft's FakeTimeProvider is not served by our registry).</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks;
    private readonly DateTimeOffset _epoch;

    public ManualClock(DateTimeOffset? start = null) => _epoch = start ?? new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public override DateTimeOffset GetUtcNow() => _epoch.AddTicks(_ticks);

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _ticks += by.Ticks;
    }
}
