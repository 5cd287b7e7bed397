using Footfall.Hardware.Gpio;

namespace Footfall.Tests.Support;

/// <summary>A GPIO chip that records line requests and the logical level of every line; some lines can be made busy.</summary>
public sealed class FakeGpioChip : IGpioChip
{
    public string Name { get; init; } = "gpiochip0";

    public string Label { get; init; } = "pinctrl-bcm2711";

    public int LineCount { get; init; } = 58;

    public HashSet<int> Busy { get; } = [];

    /// <summary>Every request made, in order, with the lines it asked for.</summary>
    public List<(int[] Lines, bool ActiveLow)> Requests { get; } = [];

    /// <summary>The logical level of each line held (true: active, the LED lit).</summary>
    public Dictionary<int, bool> Levels { get; } = [];

    /// <summary>Every change of a line's level, in order.</summary>
    public List<(int Line, bool On)> Changes { get; } = [];

    public int Released { get; private set; }

    public IGpioLines RequestOutputs(IReadOnlyList<int> lines, bool activeLow)
    {
        Requests.Add((lines.ToArray(), activeLow));
        if (lines.FirstOrDefault(Busy.Contains, -1) is var busy and >= 0)
        {
            throw new GpioException($"Could not request line {busy} of {Name} ({Label}) as an output: Device or resource busy");
        }
        foreach (int line in lines)
        {
            Levels[line] = false;
        }
        return new Request(this, lines.ToArray());
    }

    public void Dispose()
    {
    }

    private sealed class Request(FakeGpioChip chip, int[] lines) : IGpioLines
    {
        public IReadOnlyList<int> Lines => lines;

        public void SetValues(ulong bits, ulong mask)
        {
            for (int i = 0; i < lines.Length; i++)
            {
                if ((mask & (1UL << i)) != 0)
                {
                    bool on = (bits & (1UL << i)) != 0;
                    if (chip.Levels[lines[i]] != on)
                    {
                        chip.Changes.Add((lines[i], on));
                    }
                    chip.Levels[lines[i]] = on;
                }
            }
        }

        public void Dispose()
        {
            chip.Released++;
            foreach (int line in lines)
            {
                chip.Levels.Remove(line);
            }
        }
    }
}
