namespace Footfall.Leds;

/// <summary>
/// The status LED's state: the condition it shows and since when, so that a new condition starts its
/// pattern from the beginning (a blink code is counted from its first blink).
/// </summary>
public sealed class StatusLed
{
    private readonly TimeProvider _time;
    private long _since;

    public StatusLed(TimeProvider time)
    {
        _time = time;
        _since = time.GetTimestamp();
    }

    public StatusCondition Condition { get; private set; } = StatusCondition.Booting;

    /// <summary>Shows <paramref name="condition"/>; returns true if it changed.</summary>
    public bool Show(StatusCondition condition)
    {
        if (condition == Condition)
        {
            return false;
        }
        Condition = condition;
        _since = _time.GetTimestamp();
        return true;
    }

    public bool IsOn => StatusPatterns.For(Condition).IsOn(_time.GetElapsedTime(_since));

    /// <summary>How long until the pattern next turns the LED on or off; null while it is steady.</summary>
    public TimeSpan? UntilNextChange => StatusPatterns.For(Condition).UntilNextChange(_time.GetElapsedTime(_since));
}
