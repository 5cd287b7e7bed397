using System.Globalization;
using System.Text;

namespace Footfall.Bus;

/// <summary>
/// Names as topic levels and Home Assistant ids: lowercase ASCII letters and digits, other runs as one
/// '-' ("Zoë van Dijk" → "zoe-van-dijk"). Accents are dropped rather than the letter, so names stay readable.
/// </summary>
public static class Slug
{
    /// <summary>What a name with no letter or digit at all becomes.</summary>
    public const string Empty = "x";

    public static string Of(string name)
    {
        var slug = new StringBuilder(name.Length);
        bool dash = false;
        foreach (char c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (dash && slug.Length > 0)
                {
                    slug.Append('-');
                }
                slug.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else
            {
                dash = true;
            }
        }
        return slug.Length == 0 ? Empty : slug.ToString();
    }
}
