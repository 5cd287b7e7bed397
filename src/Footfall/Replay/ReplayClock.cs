namespace Footfall.Replay;

/// <summary>The time a recording says it is: set to each frame's timestamp as replay goes.</summary>
internal sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now)
    {
        if (now > _now)
        {
            _now = now;
        }
    }
}
