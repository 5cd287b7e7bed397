using System.Globalization;

namespace Footfall.Building;

/// <summary>
/// A person seen on one appliance of the building while another still had them in: a walk between floors, not
/// a departure and an arrival. Told as "Alice went up to the 3rd floor": up or down when both places' names
/// hold a number (their first), "went to" otherwise.
/// </summary>
/// <param name="Person">The person's slug.</param>
/// <param name="At">When the new place had them, on this appliance's clock.</param>
public sealed record FloorWalk(string Person, string From, string To, DateTimeOffset At)
{
    /// <param name="name">How the person is called (the configuration's name, or the slug when only peers know them).</param>
    public string Text(string name)
    {
        string way = (Number(From), Number(To)) switch
        {
            ({ } from, { } to) when to > from => "went up to",
            ({ } from, { } to) when to < from => "went down to",
            _ => "went to",
        };
        return $"{name} {way} {Place(To)}";
    }

    /// <summary>"3rd floor" is "the 3rd floor"; a name that starts with a letter is said as it is.</summary>
    private static string Place(string name) => name.Length > 0 && char.IsAsciiDigit(name[0]) ? $"the {name}" : name;

    private static int? Number(string name)
    {
        int start = name.AsSpan().IndexOfAnyInRange('0', '9');
        if (start < 0)
        {
            return null;
        }
        int end = start;
        while (end < name.Length && end - start < 6 && char.IsAsciiDigit(name[end]))
        {
            end++;
        }
        return int.Parse(name.AsSpan(start, end - start), CultureInfo.InvariantCulture);
    }
}
