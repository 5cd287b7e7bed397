namespace Footfall.Config;

/// <summary>The "health" section: when the Pi counts as overheating.</summary>
public sealed record HealthSettings
{
    /// <summary>The Pi 4's firmware starts throttling at 80 °C (the Pi 3B+ softly at 60): past it, something is wrong with the cooling.</summary>
    public const int DefaultMaxTemperature = 80;

    /// <summary>Whole degrees Celsius of the SoC at which an overheating episode starts; it ends 5 °C below.</summary>
    public int MaxTemperature { get; init; } = DefaultMaxTemperature;
}
