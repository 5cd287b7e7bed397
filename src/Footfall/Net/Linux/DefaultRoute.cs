using System.Globalization;

namespace Footfall.Net.Linux;

/// <summary>Finds the interface of the IPv4 default route in the kernel's routing table (/proc/net/route).</summary>
public static class DefaultRoute
{
    public const string RouteTable = "/proc/net/route";

    /// <summary>The default route's interface with the lowest metric, or null when there is no default route.</summary>
    public static string? FindInterface(string routeTable = RouteTable)
    {
        if (!File.Exists(routeTable))
        {
            return null;
        }
        return FindInterface(File.ReadLines(routeTable));
    }

    /// <summary>Parses the table's lines: "Iface Destination Gateway Flags RefCnt Use Metric Mask ...", hex fields.</summary>
    public static string? FindInterface(IEnumerable<string> lines)
    {
        const int RTF_UP = 0x1;
        string? best = null;
        long bestMetric = long.MaxValue;
        foreach (string line in lines.Skip(1))
        {
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8
                || fields[1] != "00000000" || fields[7] != "00000000"
                || !int.TryParse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int flags)
                || (flags & RTF_UP) == 0
                || !long.TryParse(fields[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out long metric))
            {
                continue;
            }
            if (metric < bestMetric)
            {
                best = fields[0];
                bestMetric = metric;
            }
        }
        return best;
    }
}
