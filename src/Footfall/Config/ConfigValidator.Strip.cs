using System.Globalization;
using System.Text.RegularExpressions;
using Footfall.Text;

namespace Footfall.Config;

/// <summary>The WS2812B strip: "leds.strip", and each person's "pixel" and "color".</summary>
internal sealed partial class ConfigValidator
{
    [GeneratedRegex("^/dev/spidev[0-9]{1,2}\\.[0-9]{1,2}$")]
    private static partial Regex SpiDevicePath();

    private static Rgb? PersonColorOrNull(string? text) => text is not null && Rgb.TryParse(text, out Rgb color) ? color : null;

    private Rgb? PersonColor(string? text, string path)
    {
        if (text is not null && PersonColorOrNull(text) is null)
        {
            Report(path, $"{ConfigText.Quote(text)} is not a colour: write \"#ffaa00\" or a name such as \"orange\" or \"royalblue\"");
        }
        return PersonColorOrNull(text);
    }

    /// <summary>The strip, and whether every pixel named (people's and the status pixel) is on it, each once.</summary>
    private StripSettings? Strip(StripSection? strip, List<PersonEntry?> people)
    {
        if (strip is null)
        {
            for (int i = 0; i < people.Count; i++)
            {
                if (people[i]?.Pixel is not null)
                {
                    Report($"{ConfigPath.Index("people", i)}.pixel", "needs leds.strip, the strip the pixel is on");
                }
            }
            return null;
        }
        var settings = new StripSettings();
        if (strip.Spi is { } spi)
        {
            if (!SpiDevicePath().IsMatch(spi))
            {
                Report("leds.strip.spi", $"{ConfigText.Quote(spi)} is not an SPI device such as \"/dev/spidev0.0\"");
            }
            settings = settings with { Spi = spi };
        }
        if (strip.Pixels is not { } pixels)
        {
            Report("leds.strip.pixels", "is required when leds.strip is given: how many pixels the strip has");
        }
        else if (pixels is < 1 or > StripSettings.MaxPixels)
        {
            Report("leds.strip.pixels", $"{pixels} is not from 1 to {StripSettings.MaxPixels}");
        }
        else
        {
            settings = settings with { Pixels = pixels };
        }
        if (strip.Brightness is { } brightness)
        {
            if (brightness is < 0 or > 1)
            {
                Report("leds.strip.brightness", $"{brightness.ToString(CultureInfo.InvariantCulture)} is not from 0 (off) to 1 (full)");
            }
            settings = settings with { Brightness = brightness };
        }

        // Who has each pixel so far, to name them when a second one claims it.
        var owners = new Dictionary<int, string>();
        void Claim(int pixel, string path, string who)
        {
            if (pixel < 0)
            {
                Report(path, $"pixel {pixel} is not on the strip: pixels count from 0");
            }
            else if (settings.Pixels > 0 && pixel >= settings.Pixels)
            {
                Report(path, $"pixel {pixel} is not on the strip: leds.strip.pixels is {settings.Pixels}, so pixels are 0 to {settings.Pixels - 1}");
            }
            else if (!owners.TryAdd(pixel, who))
            {
                Report(path, $"pixel {pixel} is already used by {owners[pixel]}");
            }
        }
        if (strip.StatusPixel is { } statusPixel)
        {
            Claim(statusPixel, "leds.strip.statusPixel", "leds.strip.statusPixel");
            settings = settings with { StatusPixel = statusPixel };
        }
        for (int i = 0; i < people.Count; i++)
        {
            if (people[i] is { Pixel: { } pixel } person)
            {
                string path = $"{ConfigPath.Index("people", i)}.pixel";
                Claim(pixel, path, person.Name is { Length: > 0 } name ? $"{path} ({name})" : path);
            }
        }
        return settings;
    }
}
