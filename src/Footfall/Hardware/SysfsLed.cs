using System.Globalization;

namespace Footfall.Hardware;

/// <summary>
/// An LED of the kernel's LED class, /sys/class/leds/NAME: the Pi's own ACT (green) and PWR (red) LEDs.
/// Its trigger is set to "none" so that the kernel (mmc activity, heartbeat) stops driving it, and
/// footfall sets the brightness.
/// </summary>
public sealed class SysfsLed
{
    public const string ClassDirectory = "/sys/class/leds";

    private readonly string _brightness;
    private readonly string _onText;
    private bool? _on;

    private SysfsLed(string name, string directory, int maxBrightness)
    {
        Name = name;
        _brightness = Path.Combine(directory, "brightness");
        _onText = maxBrightness.ToString(CultureInfo.InvariantCulture);
    }

    public string Name { get; }

    public static bool Exists(string name, string classDirectory = ClassDirectory) =>
        Directory.Exists(Path.Combine(classDirectory, name));

    /// <exception cref="IOException">No such LED, or it cannot be written (not root).</exception>
    /// <exception cref="UnauthorizedAccessException">Not allowed to write its trigger.</exception>
    public static SysfsLed Open(string name, string classDirectory = ClassDirectory)
    {
        string directory = Path.Combine(classDirectory, name);
        if (!Directory.Exists(directory))
        {
            throw new IOException($"there is no LED '{name}' in {classDirectory}");
        }
        File.WriteAllText(Path.Combine(directory, "trigger"), "none");
        string max = Path.Combine(directory, "max_brightness");
        int maxBrightness = File.Exists(max) && int.TryParse(File.ReadAllText(max).Trim(), CultureInfo.InvariantCulture, out int value) && value > 0 ? value : 1;
        return new SysfsLed(name, directory, maxBrightness);
    }

    /// <summary>Writes the brightness only when it changes: a blink is two writes, not ten a second.</summary>
    public void Set(bool on)
    {
        if (_on == on)
        {
            return;
        }
        File.WriteAllText(_brightness, on ? _onText : "0");
        _on = on;
    }
}
