using Footfall.Config;
using Footfall.Hardware.Gpio;
using Footfall.Interop.Linux;

namespace Footfall.Cli.Doctor;

/// <summary>The checks of the hardware the configuration names: the GPIO chip and its lines, the strip's SPI device.</summary>
internal static class DeviceChecks
{
    /// <summary>Opens the chip and checks that each line is on it. A line held by a running daemon is not asked for.</summary>
    public static CheckResult Gpio(FootfallSettings? settings)
    {
        if (settings is null)
        {
            return CheckResult.Skipped("GPIO", "no --config, so no lines to check");
        }
        IReadOnlyList<int> lines = GpioLineUse.Of(settings);
        if (lines.Count == 0)
        {
            return CheckResult.Skipped("GPIO", "the config uses no GPIO line");
        }
        try
        {
            using LibgpiodChip chip = LibgpiodChip.Open(settings.Leds.Chip);
            int[] missing = [.. lines.Where(l => l < 0 || l >= chip.LineCount)];
            return missing.Length == 0
                ? CheckResult.Ok($"GPIO {chip}", $"{LibgpiodChip.LineList(lines)} of its {chip.LineCount}")
                : CheckResult.Problem($"GPIO {chip}", $"it has {chip.LineCount} lines, so not {LibgpiodChip.LineList(missing)}: check people[].led, leds.status and watchdog.kickPin, or leds.chip");
        }
        catch (GpioException e)
        {
            return CheckResult.Problem($"GPIO {settings.Leds.Chip}", $"{e.Message}: check leds.chip (gpiodetect lists the chips)");
        }
    }

    public static CheckResult Spi(FootfallSettings? settings)
    {
        if (settings?.Leds.Strip is not { } strip)
        {
            return CheckResult.Skipped("LED strip", settings is null ? "no --config" : "the config has no leds.strip");
        }
        if (!File.Exists(strip.Spi))
        {
            return CheckResult.Problem($"LED strip {strip.Spi}", "no such SPI device: enable SPI (dtparam=spi=on in config.txt; the image does) or fix leds.strip.spi");
        }
        if (Libc.access(strip.Spi, Libc.W_OK) != 0)
        {
            return CheckResult.Problem($"LED strip {strip.Spi}", "not writable by this user: run as root or in the device's group");
        }
        return CheckResult.Ok($"LED strip {strip.Spi}", $"present and writable, for {strip.Pixels} pixels");
    }
}
