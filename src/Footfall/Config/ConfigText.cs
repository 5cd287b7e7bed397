using System.Globalization;
using System.Text;

namespace Footfall.Config;

/// <summary>Echoing what someone wrote back to them, safely: quoted, escaped and cut short.</summary>
internal static class ConfigText
{
    /// <summary>Longer values are cut: an error line should fit a terminal, and a stray paste should not fill it.</summary>
    public const int MaximumEcho = 40;

    /// <summary>
    /// The text in double quotes, JSON-style escapes for quotes, backslashes and anything invisible
    /// (control, format and separator characters, which could garble or spoof a terminal line).
    /// </summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(Math.Min(text.Length, MaximumEcho) + 8).Append('"');
        int shown = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (shown == MaximumEcho)
            {
                quoted.Append('…');
                break;
            }
            shown++;
            switch (rune.Value)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                default:
                    if (IsInvisible(rune))
                    {
                        quoted.Append(rune.Value <= 0xFFFF ? $"\\u{rune.Value:x4}" : $"\\u{{{rune.Value:x}}}");
                    }
                    else
                    {
                        quoted.Append(rune.ToString());
                    }
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>True when the text has a character that does not print (control, format, separator); names and keys should not.</summary>
    public static bool HasInvisible(string text)
    {
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (IsInvisible(rune))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsInvisible(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned;
}
