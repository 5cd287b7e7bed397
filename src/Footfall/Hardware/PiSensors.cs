using System.Globalization;
using Footfall.PiHealth;

namespace Footfall.Hardware;

/// <summary>
/// The Pi's SoC temperature and under-voltage alarm, read straight from sysfs (not Iot.Device.CpuTemperature,
/// which brings UnitsNet: 12.6 MB and trim warnings, for two small text files). The root is a parameter
/// so that tests read fake trees. Never throws: a sensor that is missing or says something odd reads as null.
/// </summary>
public sealed class PiSensors
{
    public const string DefaultRoot = "/sys";

    /// <summary>The mainline raspberrypi-hwmon driver's name for its device.</summary>
    public const string VoltageSensorName = "rpi_volt";

    // The thermal zones' millidegrees; anything outside this is a broken sensor, not a temperature.
    private const int MinimumMilliCelsius = -60_000;
    private const int MaximumMilliCelsius = 200_000;

    private readonly string _temperatureFile;
    private readonly string _hwmonClass;
    private string? _alarmFile;

    public PiSensors(string root = DefaultRoot)
    {
        _temperatureFile = Path.Combine(root, "class", "thermal", "thermal_zone0", "temp");
        _hwmonClass = Path.Combine(root, "class", "hwmon");
    }

    public PiReading Read() => new(ReadTemperature(), ReadUnderVoltage());

    private Temperature? ReadTemperature() =>
        ReadSmall(_temperatureFile) is { } text
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int milli)
        && milli is >= MinimumMilliCelsius and <= MaximumMilliCelsius
            ? new Temperature(milli)
            : null;

    private bool? ReadUnderVoltage()
    {
        // hwmonN numbers follow probe order, which can differ from boot to boot: find the device by name,
        // and look again if the one found goes away (a driver reloaded).
        for (int attempt = 0; attempt < 2; attempt++)
        {
            _alarmFile ??= FindAlarmFile();
            if (_alarmFile is null)
            {
                return null;
            }
            switch (ReadSmall(_alarmFile))
            {
                case "0":
                    return false;
                case "1":
                    return true;
                case null:
                    _alarmFile = null;
                    continue;
                default:
                    return null;
            }
        }
        return null;
    }

    private string? FindAlarmFile()
    {
        string[] devices;
        try
        {
            devices = Directory.GetDirectories(_hwmonClass);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        Array.Sort(devices, StringComparer.Ordinal);
        foreach (string device in devices)
        {
            if (ReadSmall(Path.Combine(device, "name")) == VoltageSensorName)
            {
                return Path.Combine(device, "in0_lcrit_alarm");
            }
        }
        return null;
    }

    /// <summary>A sysfs attribute's text, trimmed; null if it cannot be read or is far longer than an attribute is.</summary>
    private static string? ReadSmall(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            Span<byte> buffer = stackalloc byte[64];
            int length = 0;
            int read;
            // sysfs reports a size of 4096 whatever the contents, so read to the end rather than trust it.
            while (length < buffer.Length && (read = stream.Read(buffer[length..])) > 0)
            {
                length += read;
            }
            if (length == buffer.Length)
            {
                return null;
            }
            return System.Text.Encoding.ASCII.GetString(buffer[..length]).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
