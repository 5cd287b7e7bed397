using System.Text;

namespace Footfall.Announce.X;

/// <summary>
/// OAuth 1.0a's percent-encoding (RFC 5849 3.6): UTF-8 first, then every byte outside the unreserved
/// set (A-Z a-z 0-9 - . _ ~) as %XX with uppercase hex. Not Uri.EscapeDataString, whose set and
/// case have varied between runtimes.
/// </summary>
public static class PercentEncoding
{
    public static string Encode(string value)
    {
        var encoded = new StringBuilder(value.Length * 3 / 2);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (Rune rune in value.EnumerateRunes())
        {
            int length = rune.EncodeToUtf8(utf8);
            for (int i = 0; i < length; i++)
            {
                byte b = utf8[i];
                if (IsUnreserved(b))
                {
                    encoded.Append((char)b);
                }
                else
                {
                    encoded.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
                }
            }
        }
        return encoded.ToString();
    }

    /// <summary>
    /// Decodes one application/x-www-form-urlencoded name or value: '+' is a space, %XX a byte, the
    /// bytes UTF-8. Query strings are decoded the same way before signing (RFC 5849 3.4.1.3.1).
    /// </summary>
    public static string DecodeFormComponent(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    /// <summary>Splits "a=1&amp;b&amp;c=" into decoded pairs; a name without '=' has the empty value.</summary>
    public static IEnumerable<(string Name, string Value)> ParseForm(string raw)
    {
        foreach (string pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            yield return equals < 0
                ? (DecodeFormComponent(pair), "")
                : (DecodeFormComponent(pair[..equals]), DecodeFormComponent(pair[(equals + 1)..]));
        }
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';
}
