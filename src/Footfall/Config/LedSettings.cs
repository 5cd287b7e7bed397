namespace Footfall.Config;

/// <summary>The "leds" section: the GPIO chip the LEDs hang off and the status LED. Each person's LED is on <see cref="Presence.Person.Led"/>.</summary>
public sealed record LedSettings
{
    public const string DefaultChip = "gpiochip0";

    /// <summary>The GPIO chip, as libgpiod names it: "gpiochip0" or "/dev/gpiochip0".</summary>
    public string Chip { get; init; } = DefaultChip;

    /// <summary>The line of the status LED, or null for none.</summary>
    public int? StatusLine { get; init; }

    /// <summary>
    /// An LED of the LED class (/sys/class/leds/NAME) for status instead of a line: the Pi's own "ACT"
    /// or "PWR", so a bare Pi shows status. Null: "ACT" when it exists and no status line is given.
    /// </summary>
    public string? StatusLed { get; init; }

    /// <summary>True when an LED lights with the line low (wired to 3.3 V through the LED).</summary>
    public bool ActiveLow { get; init; }

    /// <summary>A WS2812B strip on SPI, or null for none.</summary>
    public StripSettings? Strip { get; init; }
}
