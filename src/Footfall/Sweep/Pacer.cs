namespace Footfall.Sweep;

/// <summary>
/// Spreads a burst of requests evenly at a fixed rate: request k (from 0) is due k/rate seconds
/// after the start. Pure arithmetic on timestamps of a given frequency (TimeProvider's ticks).
/// </summary>
public readonly struct Pacer
{
    private readonly long _start;
    private readonly long _rate;
    private readonly long _frequency;

    public Pacer(long start, int ratePerSecond, long timestampFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        _start = start;
        _rate = ratePerSecond;
        _frequency = timestampFrequency;
    }

    /// <summary>How many requests should have gone out by <paramref name="now"/>: the first at once, then one every 1/rate s.</summary>
    public long DueBy(long now)
    {
        if (now < _start)
        {
            return 0;
        }
        return (long)((Int128)(now - _start) * _rate / _frequency) + 1;
    }

    /// <summary>The timestamp at which request number <paramref name="index"/> (from 0) is due.</summary>
    public long DueAt(long index)
    {
        // Round up so that DueBy(DueAt(k)) always counts request k.
        Int128 ticks = ((Int128)index * _frequency + _rate - 1) / _rate;
        return _start + (long)ticks;
    }
}
