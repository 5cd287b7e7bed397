using System.Device.Spi;
using Footfall.Config;
using Footfall.Hardware.Leds;
using Footfall.Leds;
using Footfall.Leds.Strip;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Tests.Support;
using Footfall.Text;

namespace Footfall.Tests.Leds;

/// <summary>The WS2812B strip: what each pixel shows, and the very bytes sent to SPI for it.</summary>
public sealed class StripTests
{
    private static readonly Person[] s_people =
    [
        new("Alice", "she", [], null, Pixel: 0, Color: new Rgb(0xff, 0xaa, 0x00)),
        new("Bob", "he", [], 22, Pixel: 2),
        new("Carol", "she", [], null),
    ];

    private static readonly StripSettings s_strip = new() { Pixels = 4, Brightness = 0.5, StatusPixel = 3 };

    private readonly StringWriter _logText = new();
    private readonly Log _log;
    private FakeSpiDevice? _spi;

    public StripTests() => _log = new Log(_logText, new ManualClock(), journal: true);

    [Fact]
    public void PeoplesPixelsShowTheirColourWhileInAndTheStatusPixelItsMeaning()
    {
        StripLayout layout = StripLayout.Create(s_strip, s_people);
        var pixels = new Rgb[4];
        layout.Paint(Frame(StatusCondition.Booting, statusOn: true, alice: true, bob: false), pixels);
        Assert.Equal([new Rgb(0x80, 0x55, 0x00), Rgb.Off, Rgb.Off, new Rgb(0x80, 0x60, 0x00)], pixels);

        // Bob has no colour of his own: the palette's second, by his place in the configuration.
        layout.Paint(Frame(StatusCondition.HealthySomeoneIn, statusOn: true, alice: false, bob: true), pixels);
        Assert.Equal([Rgb.Off, Rgb.Off, new Rgb(0x80, 0x00, 0x80), new Rgb(0x00, 0x80, 0x00)], pixels);

        layout.Paint(Frame(StatusCondition.NoNetwork, statusOn: true, alice: false, bob: false), pixels);
        Assert.Equal(new Rgb(0x80, 0x00, 0x00), pixels[3]);
        layout.Paint(Frame(StatusCondition.NoNetwork, statusOn: false, alice: false, bob: false), pixels);
        Assert.All(pixels, p => Assert.Equal(Rgb.Off, p));
    }

    [Fact]
    public void AnUpdateBeingInstalledIsBlueLikeAStickReportAndAFailedOneRedLikeEveryCode()
    {
        Assert.Equal(StripLayout.StatusColor(StatusCondition.StickWriting), StripLayout.StatusColor(StatusCondition.Updating));
        Assert.Equal(StripLayout.StatusColor(StatusCondition.NoNetwork), StripLayout.StatusColor(StatusCondition.UpdateFailed));
        Assert.NotEqual(StripLayout.StatusColor(StatusCondition.Updating), StripLayout.StatusColor(StatusCondition.UpdateFailed));
    }

    [Fact]
    public void TheBytesSentAreTheWs2812bEncodingOfTheFrame()
    {
        using StripLeds strip = Open();
        strip.Show(Frame(StatusCondition.HealthySomeoneIn, statusOn: true, alice: true, bob: true));

        byte[] sent = Assert.Single(_spi!.Writes);
        Rgb[] expected = [new(0x80, 0x55, 0x00), Rgb.Off, new(0x80, 0x00, 0x80), new(0x00, 0x80, 0x00)];
        Assert.Equal(Ws2812b(expected), sent);
        Assert.Equal(StripLeds.ClockFrequency, _spi.ConnectionSettings.ClockFrequency);
    }

    [Fact]
    public void AFrameIsSentOnlyWhenAPixelChanges()
    {
        using StripLeds strip = Open();
        LedFrame frame = Frame(StatusCondition.HealthySomeoneIn, statusOn: true, alice: true, bob: false);
        strip.Show(frame);
        strip.Show(frame);
        strip.Show(frame with { Status = StatusCondition.HealthyNobodyIn });   // same colour: green
        Assert.Single(_spi!.Writes);
        strip.Show(frame with { StatusOn = false });
        Assert.Equal(2, _spi.Writes.Count);
    }

    [Fact]
    public void DisposingTurnsEveryPixelOffAndReleasesTheDevice()
    {
        StripLeds strip = Open();
        strip.Show(Frame(StatusCondition.HealthySomeoneIn, statusOn: true, alice: true, bob: true));
        strip.Dispose();
        Assert.Equal(Ws2812b(new Rgb[4]), _spi!.Writes[^1]);
        Assert.True(_spi.Disposed);
    }

    [Fact]
    public void AMissingSpiDeviceIsSaidOnceAndFootfallCarriesOnWithoutTheStrip()
    {
        var settings = s_strip with { Spi = "/dev/spidev9.7" };
        Assert.False(File.Exists(settings.Spi));
        Assert.Null(StripLeds.Open(settings, s_people, _log, StripLeds.OpenSpi));
        Assert.Equal(
            ["<4>LEDs: Could not open the LED strip's SPI device '/dev/spidev9.7': No such file or directory (is dtparam=spi=on in config.txt?): carrying on without the strip"],
            _logText.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void NoStripConfiguredIsNoStripAndNoMessage()
    {
        Assert.Null(StripLeds.Open(null, s_people, _log, _ => throw new InvalidOperationException("not to be opened")));
        Assert.Equal("", _logText.ToString());
    }

    [Fact]
    public void TheSpiDeviceIsAddressedByBusAndChipSelect()
    {
        Assert.Equal((0, 0), new StripSettings().SpiAddress);
        Assert.Equal((1, 2), new StripSettings { Spi = "/dev/spidev1.2" }.SpiAddress);
    }

    /// <summary>
    /// The WS2812B's wire format, written out independently of the bindings: GRB, most significant bit
    /// first, each bit as three SPI bits (1 → 110, 0 → 100) at 2.4 MHz, then the reset: 30 zero bytes (100 µs low).
    /// </summary>
    private static byte[] Ws2812b(IEnumerable<Rgb> pixels)
    {
        var bits = new List<bool>();
        foreach (Rgb pixel in pixels)
        {
            foreach (byte component in new[] { pixel.G, pixel.R, pixel.B })
            {
                for (int bit = 7; bit >= 0; bit--)
                {
                    bits.AddRange([true, ((component >> bit) & 1) == 1, false]);
                }
            }
        }
        var bytes = new List<byte>();
        for (int i = 0; i < bits.Count; i += 8)
        {
            bytes.Add((byte)Enumerable.Range(0, 8).Aggregate(0, (acc, k) => (acc << 1) | (bits[i + k] ? 1 : 0)));
        }
        bytes.AddRange(new byte[30]);
        return [.. bytes];
    }

    private StripLeds Open() =>
        StripLeds.Open(s_strip, s_people, _log, settings =>
        {
            (int bus, int chipSelect) = settings.SpiAddress;
            return _spi = new FakeSpiDevice(new SpiConnectionSettings(bus, chipSelect) { ClockFrequency = StripLeds.ClockFrequency });
        })!;

    private static LedFrame Frame(StatusCondition status, bool statusOn, bool alice, bool bob) =>
        new(status, statusOn, [new PersonLed("Alice", null, alice), new PersonLed("Bob", 22, bob), new PersonLed("Carol", null, true)]);
}
