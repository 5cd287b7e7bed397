using System.Text;

namespace Footfall.Text;

/// <summary>
/// Names as topic levels and Home Assistant ids: lowercase ASCII letters and digits, other runs as one
/// '-' ("Zoë van Dijk" → "zoe-van-dijk"). Accented Latin letters become their base letter, so names stay
/// readable; footfall runs with invariant globalization, where Unicode normalisation cannot do this.
/// </summary>
public static class Slug
{
    /// <summary>What a name with no letter or digit at all becomes.</summary>
    public const string Empty = "x";

    public static string Of(string name)
    {
        var slug = new StringBuilder(name.Length);
        bool dash = false;
        foreach (char c in name)
        {
            string letters = char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c).ToString() : Fold(c);
            if (letters.Length == 0)
            {
                dash = true;
                continue;
            }
            if (dash && slug.Length > 0)
            {
                slug.Append('-');
            }
            slug.Append(letters);
            dash = false;
        }
        return slug.Length == 0 ? Empty : slug.ToString();
    }

    // Latin-1 Supplement and Latin Extended-A, by ranges of code points that share a base letter.
    private static readonly (char First, char Last, string Base)[] s_folds =
    [
        ('\u00C0', '\u00C5', "a"), ('\u00C6', '\u00C6', "ae"), ('\u00C7', '\u00C7', "c"), ('\u00C8', '\u00CB', "e"),
        ('\u00CC', '\u00CF', "i"), ('\u00D0', '\u00D0', "d"), ('\u00D1', '\u00D1', "n"), ('\u00D2', '\u00D6', "o"),
        ('\u00D8', '\u00D8', "o"), ('\u00D9', '\u00DC', "u"), ('\u00DD', '\u00DD', "y"), ('\u00DE', '\u00DE', "th"),
        ('\u00DF', '\u00DF', "ss"), ('\u00E0', '\u00E5', "a"), ('\u00E6', '\u00E6', "ae"), ('\u00E7', '\u00E7', "c"),
        ('\u00E8', '\u00EB', "e"), ('\u00EC', '\u00EF', "i"), ('\u00F0', '\u00F0', "d"), ('\u00F1', '\u00F1', "n"),
        ('\u00F2', '\u00F6', "o"), ('\u00F8', '\u00F8', "o"), ('\u00F9', '\u00FC', "u"), ('\u00FD', '\u00FD', "y"),
        ('\u00FE', '\u00FE', "th"), ('\u00FF', '\u00FF', "y"),
        ('\u0100', '\u0105', "a"), ('\u0106', '\u010D', "c"), ('\u010E', '\u0111', "d"), ('\u0112', '\u011B', "e"),
        ('\u011C', '\u0123', "g"), ('\u0124', '\u0127', "h"), ('\u0128', '\u0131', "i"), ('\u0132', '\u0133', "ij"),
        ('\u0134', '\u0135', "j"), ('\u0136', '\u0138', "k"), ('\u0139', '\u0142', "l"), ('\u0143', '\u014B', "n"),
        ('\u014C', '\u0151', "o"), ('\u0152', '\u0153', "oe"), ('\u0154', '\u0159', "r"), ('\u015A', '\u0161', "s"),
        ('\u0162', '\u0167', "t"), ('\u0168', '\u0173', "u"), ('\u0174', '\u0175', "w"), ('\u0176', '\u0178', "y"),
        ('\u0179', '\u017E', "z"), ('\u017F', '\u017F', "s"),
    ];

    /// <summary>The base letters of an accented Latin letter; "" for anything else (a separator).</summary>
    private static string Fold(char c)
    {
        foreach ((char first, char last, string letters) in s_folds)
        {
            if (c >= first && c <= last)
            {
                return letters;
            }
        }
        return "";
    }
}
