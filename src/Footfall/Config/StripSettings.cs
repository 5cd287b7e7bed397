namespace Footfall.Config;

/// <summary>
/// The "leds.strip" section: a WS2812B strip on SPI. Each person may have a pixel (<see cref="Presence.Person.Pixel"/>)
/// and one pixel may show the status LED's patterns in colour.
/// </summary>
public sealed record StripSettings
{
    public const string DefaultSpi = "/dev/spidev0.0";
    public const double DefaultBrightness = 0.3;
    public const int MaxPixels = 1024;

    /// <summary>The SPI device the strip's data line hangs off: /dev/spidevBUS.CS.</summary>
    public string Spi { get; init; } = DefaultSpi;

    public int Pixels { get; init; }

    /// <summary>0 to 1, applied to every colour.</summary>
    public double Brightness { get; init; } = DefaultBrightness;

    public int? StatusPixel { get; init; }

    /// <summary>The bus and chip select of <see cref="Spi"/>, which the validator has checked.</summary>
    public (int Bus, int ChipSelect) SpiAddress
    {
        get
        {
            string[] parts = Spi["/dev/spidev".Length..].Split('.');
            return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
