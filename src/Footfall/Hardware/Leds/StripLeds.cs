using System.Device.Spi;
using System.Drawing;
using Footfall.Config;
using Footfall.Leds;
using Footfall.Leds.Strip;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Text;
using Iot.Device.Ws28xx;

namespace Footfall.Hardware.Leds;

/// <summary>
/// A WS2812B strip on SPI through Iot.Device.Bindings' <see cref="Ws2812b"/>: the bindings turn each
/// colour into the strip's bit timing (GRB order, one bit as three SPI bits at 2.4 MHz) and send it.
/// A frame is sent only when a pixel changes: the strip holds its colours between frames.
/// </summary>
public sealed class StripLeds : ILedDriver
{
    /// <summary>Three SPI bits per strip bit at 2.4 MHz make the WS2812B's 1.25 µs bit (Iot.Device.Ws28xx's README).</summary>
    public const int ClockFrequency = 2_400_000;

    private readonly SpiDevice _spi;
    private readonly Ws28xx _strip;
    private readonly Rgb[] _pixels;
    private readonly Rgb[] _shown;
    private bool _sentOnce;

    private StripLeds(SpiDevice spi, StripLayout layout)
    {
        _spi = spi;
        Layout = layout;
        _strip = new Ws2812b(spi, layout.Pixels);
        _pixels = new Rgb[layout.Pixels];
        _shown = new Rgb[layout.Pixels];
    }

    public StripLayout Layout { get; }

    /// <summary>"strip of 16 pixels on /dev/spidev0.0", for the log.</summary>
    public string Description { get; private init; } = "";

    /// <summary>
    /// The strip the settings name, or null when there is none configured, or it cannot be had (no
    /// SPI device: said once, and footfall carries on without it).
    /// </summary>
    public static StripLeds? Open(StripSettings? strip, IReadOnlyList<Person> people, Log log, Func<StripSettings, SpiDevice> openSpi)
    {
        if (strip is null)
        {
            return null;
        }
        try
        {
            return new StripLeds(openSpi(strip), StripLayout.Create(strip, people))
            {
                Description = $"strip of {strip.Pixels} pixels on {strip.Spi}",
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warn($"LEDs: {e.Message}: carrying on without the strip");
            return null;
        }
    }

    /// <summary>The real SPI device, after checking it is there at all (the kernel only makes it with dtparam=spi=on).</summary>
    public static SpiDevice OpenSpi(StripSettings strip)
    {
        if (!File.Exists(strip.Spi))
        {
            throw new IOException($"Could not open the LED strip's SPI device '{strip.Spi}': No such file or directory (is dtparam=spi=on in config.txt?)");
        }
        (int bus, int chipSelect) = strip.SpiAddress;
        return SpiDevice.Create(new SpiConnectionSettings(bus, chipSelect)
        {
            ClockFrequency = ClockFrequency,
            Mode = SpiMode.Mode0,
            DataBitLength = 8,
        });
    }

    public void Show(LedFrame frame)
    {
        Layout.Paint(frame, _pixels);
        if (_sentOnce && _pixels.AsSpan().SequenceEqual(_shown))
        {
            return;
        }
        Send();
    }

    public void Dispose()
    {
        try
        {
            Array.Fill(_pixels, Rgb.Off);
            Send();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Going away anyway: the strip keeps its last colours, which is all that is lost.
        }
        _spi.Dispose();
    }

    private void Send()
    {
        for (int i = 0; i < _pixels.Length; i++)
        {
            Rgb c = _pixels[i];
            _strip.Image.SetPixel(i, 0, Color.FromArgb(c.R, c.G, c.B));
        }
        _strip.Update();
        _pixels.CopyTo(_shown, 0);
        _sentOnce = true;
    }
}
