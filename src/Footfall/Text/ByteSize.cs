using System.Globalization;
using System.Text.RegularExpressions;

namespace Footfall.Text;

/// <summary>Sizes as people write them: "50MB", "500KB", "1GB" (powers of 1000), or "64MiB" (of 1024).</summary>
public static partial class ByteSize
{
    [GeneratedRegex("^([0-9]{1,9})\\s*(B|KB|MB|GB|KiB|MiB|GiB)$")]
    private static partial Regex Size();

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        Match match = Size().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }
        long unit = match.Groups[2].Value switch
        {
            "KB" => 1000L,
            "MB" => 1000L * 1000,
            "GB" => 1000L * 1000 * 1000,
            "KiB" => 1024L,
            "MiB" => 1024L * 1024,
            "GiB" => 1024L * 1024 * 1024,
            _ => 1,
        };
        bytes = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * unit;
        return true;
    }
}
