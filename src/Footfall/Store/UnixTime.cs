namespace Footfall.Store;

/// <summary>
/// Times are stored as UTC milliseconds since the Unix epoch: compact INTEGER columns that sort and
/// compare in SQL, with no time zone or text format to get wrong.
/// </summary>
internal static class UnixTime
{
    public static long ToMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
