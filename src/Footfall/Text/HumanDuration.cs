namespace Footfall.Text;

/// <summary>Durations as people write them: "150ms", "15s", "10m", "8h", "1d", and sums like "1h30m".</summary>
public static class HumanDuration
{
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text.IsEmpty)
        {
            return false;
        }
        long totalMilliseconds = 0;
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == start || i - start > 9)
            {
                return false;
            }
            long number = long.Parse(text[start..i], provider: System.Globalization.CultureInfo.InvariantCulture);
            int unitStart = i;
            while (i < text.Length && char.IsAsciiLetterLower(text[i]))
            {
                i++;
            }
            long unit = text[unitStart..i] switch
            {
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                _ => 0,
            };
            if (unit == 0)
            {
                return false;
            }
            totalMilliseconds += number * unit;
        }
        duration = TimeSpan.FromMilliseconds(totalMilliseconds);
        return true;
    }

    /// <summary>The shortest exact form: 90 s is "1m30s", 0.15 s is "150ms".</summary>
    public static string Format(TimeSpan duration)
    {
        long ms = (long)duration.TotalMilliseconds;
        if (ms == 0)
        {
            return "0s";
        }
        var text = new System.Text.StringBuilder();
        foreach ((long size, string unit) in (ReadOnlySpan<(long, string)>)[(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1_000, "s"), (1, "ms")])
        {
            if (ms >= size)
            {
                text.Append(ms / size).Append(unit);
                ms %= size;
            }
        }
        return text.ToString();
    }
}
