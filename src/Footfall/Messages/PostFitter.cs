using System.Globalization;

namespace Footfall.Messages;

/// <summary>
/// Makes a post X will take: the first template whose text fits, else the one that leaves most room,
/// with long names cut ("Bartholomew-Alexand…"), a long group folded ("Alice, Bob and 9 others"), and
/// as a last resort the text itself cut.
/// </summary>
internal static class PostFitter
{
    private const string Ellipsis = "…";

    // Names are first cut to this many characters; only if that is not enough, further.
    private const int ReadableNameLength = 12;

    public static (string Template, string Text) Fit(IReadOnlyList<string> templates, IReadOnlyList<string> names, string pronoun, int count)
    {
        foreach (string template in templates)
        {
            string whole = TemplateFiller.Fill(template, NameList.Join(names), pronoun, count);
            if (WeightedLength.Fits(whole))
            {
                return (template, whole);
            }
        }
        string roomiest = templates.MinBy(t => WeightedLength.Of(TemplateFiller.Fill(t, "", pronoun, count)))!;
        string Filled(IReadOnlyList<string> shown) => TemplateFiller.Fill(roomiest, NameList.Join(shown), pronoun, count);

        var cut = names.ToList();
        while (!WeightedLength.Fits(Filled(cut)) && CutLongest(cut, ReadableNameLength))
        {
        }
        // Fold the tail of a long group into "N others", keeping as many names as fit.
        for (int shown = cut.Count - 1; shown >= 1 && !WeightedLength.Fits(Filled(cut)); shown--)
        {
            int others = names.Count - shown;
            cut = [.. cut.Take(shown), $"{others.ToString(CultureInfo.InvariantCulture)} {(others == 1 ? "other" : "others")}"];
        }
        while (!WeightedLength.Fits(Filled(cut)) && CutLongest(cut, 1))
        {
        }
        string text = Filled(cut);
        return (roomiest, WeightedLength.Fits(text) ? text : CutText(text));
    }

    // Cuts one character off the longest name still longer than `shortest`; false if none is.
    private static bool CutLongest(List<string> names, int shortest)
    {
        int longest = -1;
        int longestLength = shortest;
        for (int i = 0; i < names.Count; i++)
        {
            int length = new StringInfo(Uncut(names[i])).LengthInTextElements;
            if (length > longestLength)
            {
                (longest, longestLength) = (i, length);
            }
        }
        if (longest < 0)
        {
            return false;
        }
        names[longest] = new StringInfo(Uncut(names[longest])).SubstringByTextElements(0, longestLength - 1) + Ellipsis;
        return true;
    }

    private static string Uncut(string name) => name.EndsWith(Ellipsis, StringComparison.Ordinal) ? name[..^Ellipsis.Length] : name;

    private static string CutText(string text)
    {
        var elements = new StringInfo(text);
        for (int keep = elements.LengthInTextElements - 1; keep > 0; keep--)
        {
            string cut = elements.SubstringByTextElements(0, keep).TrimEnd() + Ellipsis;
            if (WeightedLength.Fits(cut))
            {
                return cut;
            }
        }
        return Ellipsis;
    }
}
