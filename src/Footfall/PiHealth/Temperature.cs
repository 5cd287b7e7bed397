using System.Globalization;

namespace Footfall.PiHealth;

/// <summary>
/// A temperature in millidegrees Celsius, as the kernel's thermal zones give it: kept as an exact integer
/// (comparisons at a limit never suffer rounding) and shown to a tenth of a degree.
/// </summary>
public readonly record struct Temperature(int MilliCelsius) : IComparable<Temperature>
{
    public static Temperature FromCelsius(int celsius) => new(checked(celsius * 1000));

    public double Celsius => MilliCelsius / 1000.0;

    public int CompareTo(Temperature other) => MilliCelsius.CompareTo(other.MilliCelsius);

    public static bool operator <(Temperature a, Temperature b) => a.MilliCelsius < b.MilliCelsius;

    public static bool operator >(Temperature a, Temperature b) => a.MilliCelsius > b.MilliCelsius;

    public static bool operator <=(Temperature a, Temperature b) => a.MilliCelsius <= b.MilliCelsius;

    public static bool operator >=(Temperature a, Temperature b) => a.MilliCelsius >= b.MilliCelsius;

    public static Temperature operator -(Temperature a, Temperature b) => new(a.MilliCelsius - b.MilliCelsius);

    public static Temperature operator +(Temperature a, Temperature b) => new(a.MilliCelsius + b.MilliCelsius);

    /// <summary>"84.3 °C".</summary>
    public override string ToString() => Celsius.ToString("0.0", CultureInfo.InvariantCulture) + " °C";
}
