using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Footfall.Messages;

/// <summary>
/// The length X counts a post by (twitter-text's version 3 configuration): after NFC, code points in
/// [0,4351], [8192,8205], [8208,8223] and [8242,8247] weigh 1, all others 2; an emoji, even a sequence
/// of several code points (skin tone, flag, keycap), weighs 2; a link weighs 23 whatever
/// its length. X refuses a post over <see cref="Maximum"/>.
/// </summary>
/// <remarks>
/// twitter-text finds links with a list of every top-level domain and emoji with twemoji's list of
/// sequences; neither list is copied here. Where this cannot be sure, it counts more, never less: a
/// link-like word whose domain ending is not one it knows counts the larger of 23 and its own
/// weight, and a ZWJ sequence (👨‍👩‍👧) counts as its parts, which X does for those not on its list.
/// </remarks>
public static partial class WeightedLength
{
    public const int Maximum = 280;

    private const int Scale = 100;
    private const int LinkWeight = 23 * Scale;
    private const int Light = 1 * Scale;
    private const int Heavy = 2 * Scale;
    private const char ZeroWidthJoiner = '\u200D';

    // Endings twitter-text surely takes for a link; for others the count is hedged (see remarks).
    private static readonly HashSet<string> s_knownDomainEndings = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "ai", "app", "dev", "me", "tv",
        "xyz", "online", "site", "tech", "blog", "news", "social",
        "nl", "de", "uk", "fr", "be", "eu", "es", "it", "ch", "at", "se", "no", "dk", "fi", "pl", "pt", "ie", "us",
        "ca", "au", "nz", "jp", "cn", "kr", "in", "br", "ru", "ly", "gg", "to", "fm", "cz", "gr", "hu", "lu", "is",
    };

    /// <summary>The weighted length of <paramref name="text"/> in X's characters.</summary>
    public static int Of(string text)
    {
        // footfall is built with invariant globalization, where string.Normalize leaves non-ASCII text as it is.
        string normalized = CanonicalComposition.Compose(text);
        int scaled = 0;
        int position = 0;
        foreach (Match link in LinkPattern().Matches(normalized))
        {
            int end = link.Index + TrimmedLinkLength(link.Value);
            if (end <= link.Index)
            {
                continue;
            }
            scaled += PlainWeight(normalized.AsSpan(position, link.Index - position));
            ReadOnlySpan<char> linkText = normalized.AsSpan(link.Index, end - link.Index);
            scaled += s_knownDomainEndings.Contains(link.Groups["ending"].Value) ? LinkWeight : Math.Max(LinkWeight, PlainWeight(linkText));
            position = end;
        }
        scaled += PlainWeight(normalized.AsSpan(position));
        return scaled / Scale;
    }

    /// <summary>Whether X takes <paramref name="text"/> as a post's text by length.</summary>
    public static bool Fits(string text) => Of(text) <= Maximum;

    private static int PlainWeight(ReadOnlySpan<char> text)
    {
        int scaled = 0;
        while (!text.IsEmpty)
        {
            int length = StringInfo.GetNextTextElementLength(text);
            ReadOnlySpan<char> element = text[..length];
            scaled += !IsEmoji(element) ? CodePointWeights(element)
                : element.Contains(ZeroWidthJoiner) ? JoinedEmojiWeight(element)
                : EmojiWeight(element);
            text = text[length..];
        }
        return scaled;
    }

    private static int CodePointWeights(ReadOnlySpan<char> element)
    {
        int scaled = 0;
        foreach (Rune rune in element.EnumerateRunes())
        {
            scaled += Weight(rune.Value);
        }
        return scaled;
    }

    private static int Weight(int codePoint) => codePoint is <= 4351 or (>= 8192 and <= 8205) or (>= 8208 and <= 8223) or (>= 8242 and <= 8247) ? Light : Heavy;

    // X counts a ZWJ sequence once only if it is on its list (👨‍👩‍👧), else each emoji and joiner (🧑🏽‍🚀 is 5
    // with twitter-text 3.1.0): without the list, count the parts, so that a post is never too long.
    private static int JoinedEmojiWeight(ReadOnlySpan<char> element)
    {
        int scaled = 0;
        foreach (Range part in element.Split(ZeroWidthJoiner))
        {
            ReadOnlySpan<char> piece = element[part];
            scaled += piece.IsEmpty ? 0 : IsEmoji(piece) ? EmojiWeight(piece) : CodePointWeights(piece);
        }
        return scaled + (element.Count(ZeroWidthJoiner) * Light);
    }

    // An emoji counts once; a combining mark someone put on it still counts on its own, as X does.
    private static int EmojiWeight(ReadOnlySpan<char> element)
    {
        int scaled = Heavy;
        foreach (Rune rune in element.EnumerateRunes())
        {
            bool partOfTheEmoji = rune.Value is 0x20E3 or (>= 0xFE00 and <= 0xFE0F);
            if (!partOfTheEmoji && Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                scaled += Weight(rune.Value);
            }
        }
        return scaled;
    }

    private static bool IsEmoji(ReadOnlySpan<char> element)
    {
        Rune.DecodeFromUtf16(element, out Rune first, out _);
        if (first.Value >= 0x1F000)
        {
            return true;
        }
        // Keycaps ("1⃣", "#️⃣") and presentation selectors ("©️") make an emoji of a plain character.
        if (element.Contains('\u20E3') || element.Contains('\uFE0F'))
        {
            return true;
        }
        // Symbols that are emoji without a selector (☺, ❤, ⌚, ⭐); they weigh 2 either way, but count once with their modifiers.
        return first.Value is (>= 0x2300 and <= 0x23FF) or (>= 0x2600 and <= 0x27BF) or (>= 0x2B00 and <= 0x2BFF);
    }

    // A path ends before trailing punctuation, and before a ')' that opened nowhere in it.
    private static int TrimmedLinkLength(string link)
    {
        int end = link.Length;
        while (end > 0)
        {
            char last = link[end - 1];
            if (last is '.' or ',' or '!' or '?' or ';' or ':' or '\'' or '"')
            {
                end--;
            }
            else if (last == ')' && link.AsSpan(0, end).Count('(') < link.AsSpan(0, end).Count(')'))
            {
                end--;
            }
            else
            {
                break;
            }
        }
        return end;
    }

    // An optional scheme, a dotted host whose last label is letters, an optional port and path; not an
    // address (after '@') and not the middle of a word or of another dotted name.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_@.\-/])(?:https?://)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}_\-]*[\p{L}\p{N}])?\.)+(?<ending>\p{L}{2,})(?![\p{L}\p{N}_\-@])(?::[0-9]{1,5})?(?:[/?#][^\s]*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
