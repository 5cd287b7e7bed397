using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Footfall.Cli.Report;

/// <summary>
/// Masks configured secrets in a support report's bytes: each secret as it is, as JSON writes it (both
/// escapings footfall uses) and percent-encoded, as it would sit in a broker's address. Pure: bytes in,
/// bytes out. A secret that is also part of ordinary words is masked there too: a report a little harder
/// to read is the price of never carrying a password off the premises.
/// </summary>
internal sealed class SecretScrubber
{
    private static readonly string[] s_masks = [Config.Secret.Mask, "[masked]", "[secret]"];

    // Longest first: where one secret holds another, the longer is masked whole.
    private readonly byte[][] _needles;

    public SecretScrubber(IEnumerable<string> secrets)
    {
        _needles = [.. secrets.Where(s => s.Length > 0).SelectMany(Forms).Distinct(StringComparer.Ordinal)
            .Select(Encoding.UTF8.GetBytes).OrderByDescending(n => n.Length)];
        // A mask that holds a secret would put it back: take the first that holds none, or mask with nothing.
        string mask = s_masks.FirstOrDefault(m => !Holds(Encoding.UTF8.GetBytes(m))) ?? "";
        Mask = Encoding.UTF8.GetBytes(mask);
    }

    public bool IsEmpty => _needles.Length == 0;

    /// <summary>What a secret is replaced with.</summary>
    public byte[] Mask { get; }

    /// <summary>The ways <paramref name="secret"/> can appear in a file footfall or a library wrote.</summary>
    public static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        yield return JsonEncodedText.Encode(secret).Value;
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
        yield return Uri.EscapeDataString(secret);
    }

    /// <summary>True when any form of any secret occurs in <paramref name="text"/>.</summary>
    public bool Holds(ReadOnlySpan<byte> text)
    {
        foreach (byte[] needle in _needles)
        {
            if (text.IndexOf(needle) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary><paramref name="text"/> with every occurrence masked, left to right; <paramref name="masked"/> counts them.</summary>
    public byte[] Scrub(ReadOnlySpan<byte> text, out int masked)
    {
        masked = 0;
        // Where each needle next occurs at or after the cursor (-1: nowhere); found again only once passed.
        int[] next = new int[_needles.Length];
        for (int i = 0; i < _needles.Length; i++)
        {
            next[i] = text.IndexOf(_needles[i]);
        }
        var output = new MemoryStream(text.Length);
        int cursor = 0;
        while (true)
        {
            int best = -1;
            for (int i = 0; i < _needles.Length; i++)
            {
                if (next[i] >= 0 && next[i] < cursor)
                {
                    int again = text[cursor..].IndexOf(_needles[i]);
                    next[i] = again < 0 ? -1 : cursor + again;
                }
                // Earliest wins; at the same place the longer (listed first) wins.
                if (next[i] >= 0 && (best < 0 || next[i] < next[best]))
                {
                    best = i;
                }
            }
            if (best < 0)
            {
                break;
            }
            output.Write(text[cursor..next[best]]);
            output.Write(Mask);
            cursor = next[best] + _needles[best].Length;
            masked++;
        }
        output.Write(text[cursor..]);
        return output.ToArray();
    }
}
