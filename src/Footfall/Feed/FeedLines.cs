using System.Globalization;
using Footfall.Messages;

namespace Footfall.Feed;

/// <summary>
/// The words of the feed: short, lower-key than the posts, in the spirit of bustle. Where there is a choice
/// of words it is made by the event's id, so the same history always reads the same, on the terminal and on
/// the page alike.
/// </summary>
public static class FeedLines
{
    // A line names at most this many people; a crowd is "Alice, Bob, Carol and 12 others".
    private const int MostNames = 4;

    private static readonly string[] s_walkedIn = ["{0} walked in", "{0} is in", "{0} arrived"];
    private static readonly string[] s_quiet = ["the office is quiet now", "the last one out: the office is empty"];

    public static string Arrived(IReadOnlyList<string> names, long firstId) => names.Count == 1
        ? string.Format(CultureInfo.InvariantCulture, Pick(s_walkedIn, firstId), names[0])
        : $"{Names(names)} arrived together";

    public static string Back(string name, TimeSpan away) => $"{name} is back after {Duration(away)}";

    public static string AlreadyIn(IReadOnlyList<string> names) =>
        $"{Names(names)} {(names.Count == 1 ? "was" : "were")} already in when footfall started looking";

    /// <param name="stayed">Null when the store does not know how long (a single departure only).</param>
    public static string Left(IReadOnlyList<string> names, TimeSpan? stayed) => names.Count switch
    {
        1 when stayed is { } time => $"{names[0]} left after {Duration(time)}",
        1 => $"{names[0]} left",
        _ => $"{Names(names)} left together",
    };

    public static string Quiet(long eventId) => Pick(s_quiet, eventId);

    /// <param name="phones">How many of them have a randomised address, as phones use on Wi-Fi.</param>
    public static string UnknownDevices(int count, int phones)
    {
        string what = phones == count ? "phone" : "device";
        return count == 1
            ? $"an unknown {what} wanders onto the network"
            : $"{count} unknown {what}s wander onto the network";
    }

    /// <summary>"meanwhile: 3 more arrivals, 2 departures and an unknown device".</summary>
    public static string Summary(int arrivals, int departures, int unknownDevices, int quiet)
    {
        var parts = new List<string>();
        Add(parts, arrivals, "arrival");
        Add(parts, departures, "departure");
        Add(parts, unknownDevices, "unknown device");
        if (quiet > 0)
        {
            parts.Add(quiet == 1 ? "a quiet office" : $"{quiet} quiet moments");
        }
        return parts.Count == 0 ? "meanwhile: a busy minute" : $"meanwhile: {NameList.Join(parts)}";
    }

    /// <summary>For people: "40 s", "25 min", "1 h 40 min", "6 h"; rounded like `footfall log` and the status page, so all three agree.</summary>
    public static string Duration(TimeSpan time) => time switch
    {
        { TotalSeconds: < 59.5 } => $"{Math.Max(0, (int)Math.Round(time.TotalSeconds))} s",
        { TotalMinutes: < 59.5 } => $"{(int)Math.Round(time.TotalMinutes)} min",
        { TotalHours: < 1 } => "1 h",
        { TotalHours: < 2 } when time.Minutes >= 5 => $"1 h {time.Minutes} min",
        { TotalDays: < 2 } => $"{(int)Math.Round(time.TotalHours, MidpointRounding.AwayFromZero)} h",
        _ => $"{(int)time.TotalDays} days",
    };

    private static string Names(IReadOnlyList<string> names) => names.Count <= MostNames
        ? NameList.Join(names)
        : NameList.Join([.. names.Take(MostNames - 1), $"{names.Count - (MostNames - 1)} others"]);

    private static void Add(List<string> parts, int count, string what)
    {
        if (count > 0)
        {
            parts.Add(count == 1 ? $"{(parts.Count == 0 ? "1 more" : "1")} {what}" : $"{count}{(parts.Count == 0 ? " more" : "")} {what}s");
        }
    }

    private static string Pick(string[] choices, long id) => choices[(int)(Math.Abs(id) % choices.Length)];
}
