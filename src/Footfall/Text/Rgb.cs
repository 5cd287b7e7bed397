using System.Drawing;
using System.Globalization;

namespace Footfall.Text;

/// <summary>A colour as a person's strip pixel (or, later, their dot on the status page) shows it.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb Off = new(0, 0, 0);

    /// <summary>"#ffaa00", "#fa0", or a colour name such as "orange" or "RoyalBlue" (the CSS and .NET names).</summary>
    public static bool TryParse(string text, out Rgb color)
    {
        color = Off;
        string trimmed = text.Trim();
        if (trimmed.StartsWith('#'))
        {
            ReadOnlySpan<char> hex = trimmed.AsSpan(1);
            if (hex.Length == 3 && uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint s))
            {
                // #rgb means #rrggbb with each digit doubled, as in CSS.
                color = new((byte)(((s >> 8) & 0xf) * 17), (byte)(((s >> 4) & 0xf) * 17), (byte)((s & 0xf) * 17));
                return true;
            }
            if (hex.Length == 6 && uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint l))
            {
                color = new((byte)(l >> 16), (byte)(l >> 8), (byte)l);
                return true;
            }
            return false;
        }
        // Known colours only: FromName makes up a transparent black for any other word, and the
        // system colours ("Window", "ActiveCaption") are a desktop theme's, not a colour.
        Color named = Color.FromName(trimmed);
        if (!named.IsKnownColor || named.IsSystemColor || named.A != 255)
        {
            return false;
        }
        color = new(named.R, named.G, named.B);
        return true;
    }

    /// <summary>Dimmed to <paramref name="brightness"/> (0 to 1): WS2812B pixels at full power dazzle and draw 60 mA each.</summary>
    public Rgb Scale(double brightness) =>
        new(Dim(R, brightness), Dim(G, brightness), Dim(B, brightness));

    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";

    private static byte Dim(byte value, double brightness) => (byte)Math.Round(value * Math.Clamp(brightness, 0, 1), MidpointRounding.AwayFromZero);
}
