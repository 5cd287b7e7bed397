namespace Footfall.Config;

/// <summary>Which GPIO lines a configuration uses, for what needs libgpiod and a chip: people's LEDs, the status LED, the watchdog's kick pin.</summary>
public static class GpioLineUse
{
    public static IReadOnlyList<int> Of(FootfallSettings settings) =>
        [.. settings.People.Select(p => p.Led).Append(settings.Leds.StatusLine).Append(settings.Watchdog.KickPin).OfType<int>().Distinct().Order()];
}
