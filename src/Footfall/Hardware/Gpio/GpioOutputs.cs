namespace Footfall.Hardware.Gpio;

/// <summary>
/// Output lines on one chip, set by line number. They are requested together; if that fails, each
/// line is tried alone so that one busy line darkens only its own LED, and the lines that failed are
/// named in <see cref="Failures"/>.
/// </summary>
public sealed class GpioOutputs : IDisposable
{
    private readonly List<IGpioLines> _requests = [];
    private readonly Dictionary<int, (IGpioLines Request, int Bit)> _where = [];

    private GpioOutputs(IReadOnlyList<GpioException> failures) => Failures = failures;

    /// <summary>Why lines could not be had: each names the chip, the line and the reason.</summary>
    public IReadOnlyList<GpioException> Failures { get; }

    public IEnumerable<int> Lines => _where.Keys;

    public static GpioOutputs Request(IGpioChip chip, IReadOnlyList<int> lines, bool activeLow)
    {
        var failures = new List<GpioException>();
        var outputs = new GpioOutputs(failures);
        if (lines.Count == 0)
        {
            return outputs;
        }
        try
        {
            outputs.Add(chip.RequestOutputs(lines, activeLow));
            return outputs;
        }
        catch (GpioException) when (lines.Count > 1)
        {
            // Find out which lines are the trouble, and keep the others.
        }
        foreach (int line in lines)
        {
            try
            {
                outputs.Add(chip.RequestOutputs([line], activeLow));
            }
            catch (GpioException e)
            {
                failures.Add(e);
            }
        }
        return outputs;
    }

    public bool Has(int line) => _where.ContainsKey(line);

    /// <summary>Sets every given line that is held.</summary>
    public void Set(IEnumerable<(int Line, bool On)> levels)
    {
        var changes = new Dictionary<IGpioLines, (ulong Bits, ulong Mask)>();
        foreach ((int line, bool on) in levels)
        {
            if (!_where.TryGetValue(line, out var where))
            {
                continue;
            }
            changes.TryGetValue(where.Request, out var change);
            ulong bit = 1UL << where.Bit;
            changes[where.Request] = (change.Bits | (on ? bit : 0), change.Mask | bit);
        }
        foreach ((IGpioLines request, (ulong bits, ulong mask)) in changes)
        {
            request.SetValues(bits, mask);
        }
    }

    public void Dispose()
    {
        foreach (IGpioLines request in _requests)
        {
            request.Dispose();
        }
        _requests.Clear();
        _where.Clear();
    }

    private void Add(IGpioLines request)
    {
        _requests.Add(request);
        for (int bit = 0; bit < request.Lines.Count; bit++)
        {
            _where[request.Lines[bit]] = (request, bit);
        }
    }
}
