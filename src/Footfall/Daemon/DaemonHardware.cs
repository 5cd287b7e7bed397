using System.Device.Spi;
using Footfall.Capture;
using Footfall.Config;
using Footfall.Hardware.Gpio;
using Footfall.Hardware.Leds;

namespace Footfall.Daemon;

/// <summary>
/// How `footfall run` reaches its hardware. <paramref name="Panel"/>: also show the LEDs as log lines
/// (the terminal panel); <paramref name="Watchdog"/>: open the watchdog device (off on a dev machine
/// whose own watchdog must not be armed).
/// </summary>
public sealed record DaemonHardware(bool Panel = false, bool Watchdog = true)
{
    /// <summary>Opens a GPIO chip by path, name or label; tests substitute a fake chip.</summary>
    public Func<string, IGpioChip> OpenChip { get; init; } = chip => LibgpiodChip.Open(chip);

    /// <summary>Opens the LED strip's SPI device; tests substitute one that records what is sent.</summary>
    public Func<StripSettings, SpiDevice> OpenSpi { get; init; } = StripLeds.OpenSpi;

    /// <summary>Where the Pi's temperature and under-voltage alarm are read (see <see cref="Hardware.PiSensors"/>); tests give a fake tree.</summary>
    public string SysfsRoot { get; init; } = Hardware.PiSensors.DefaultRoot;

    /// <summary>Records every frame the sweeper receives (run --capture), or null.</summary>
    public CaptureRecorder? Capture { get; init; }
}
