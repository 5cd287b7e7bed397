namespace Footfall.Leds;

/// <summary>
/// A repeating pattern of on and off spans, starting with the first (on) span. Pure: the LED's level
/// is a function of the time since the pattern started, so it can be rendered at any rate.
/// </summary>
public sealed class BlinkPattern
{
    private readonly TimeSpan[] _spans;
    private readonly TimeSpan _cycle;

    private BlinkPattern(string description, TimeSpan[] spans)
    {
        Description = description;
        _spans = spans;
        _cycle = spans.Aggregate(TimeSpan.Zero, (sum, span) => sum + span);
    }

    /// <summary>How the office would describe it: "steady on", "3 blinks, pause".</summary>
    public string Description { get; }

    public static BlinkPattern Steady { get; } = new("steady on", []);

    /// <summary>On for <paramref name="on"/>, off for <paramref name="off"/>, again and again.</summary>
    public static BlinkPattern Blink(string description, TimeSpan on, TimeSpan off) => new(description, [on, off]);

    /// <summary>On, off, on, off… for each span in turn (an even number of them), again and again.</summary>
    public static BlinkPattern Spans(string description, params TimeSpan[] spans)
    {
        return spans.Length == 0 || spans.Length % 2 != 0
            ? throw new ArgumentException("A pattern needs pairs of on and off spans.", nameof(spans))
            : new(description, spans);
    }

    /// <summary><paramref name="count"/> blinks of <paramref name="on"/> with <paramref name="gap"/> between them, then <paramref name="pause"/> dark.</summary>
    public static BlinkPattern Code(int count, TimeSpan on, TimeSpan gap, TimeSpan pause)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var spans = new TimeSpan[count * 2];
        for (int i = 0; i < count; i++)
        {
            spans[2 * i] = on;
            spans[(2 * i) + 1] = i == count - 1 ? pause : gap;
        }
        return new BlinkPattern($"{count} blinks, pause", spans);
    }

    /// <summary>How long after <paramref name="sinceStart"/> the level next changes; null for a steady pattern.</summary>
    public TimeSpan? UntilNextChange(TimeSpan sinceStart)
    {
        if (_spans.Length == 0)
        {
            return null;
        }
        TimeSpan into = TimeSpan.FromTicks(Math.Max(0, sinceStart.Ticks) % _cycle.Ticks);
        foreach (TimeSpan span in _spans)
        {
            if (into < span)
            {
                return span - into;
            }
            into -= span;
        }
        return _spans[0];
    }

    public bool IsOn(TimeSpan sinceStart)
    {
        if (_spans.Length == 0)
        {
            return true;
        }
        TimeSpan into = TimeSpan.FromTicks(Math.Max(0, sinceStart.Ticks) % _cycle.Ticks);
        for (int i = 0; i < _spans.Length; i++)
        {
            if (into < _spans[i])
            {
                return i % 2 == 0;
            }
            into -= _spans[i];
        }
        return false;
    }
}
