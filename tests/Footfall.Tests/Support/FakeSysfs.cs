namespace Footfall.Tests.Support;

/// <summary>
/// A fake sysfs tree laid out as the kernel lays it out: class/hwmon/hwmonN are relative symbolic links to
/// the devices' own directories, and every attribute ends with a newline. Removed with everything on Dispose.
/// </summary>
public sealed class FakeSysfs : IDisposable
{
    private readonly TempDirectory _root = new();

    public string Root => _root.Path;

    public string TemperaturePath => _root.Combine("class", "thermal", "thermal_zone0", "temp");

    public string Combine(params string[] parts) => _root.Combine(parts);

    /// <summary>thermal_zone0's temp: millidegrees Celsius as text.</summary>
    public void Temperature(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TemperaturePath)!);
        File.WriteAllText(TemperaturePath, text + "\n");
    }

    public void RemoveTemperature() => File.Delete(TemperaturePath);

    /// <summary>
    /// Where the raspberrypi-hwmon driver's device sits on a Pi: a child of the firmware node, which the
    /// firmware driver registers itself (drivers/firmware/raspberrypi.c), not a device tree node of its own.
    /// </summary>
    public const string RaspberryPiHwmonParent = "platform/soc/soc:firmware/raspberrypi-hwmon";

    /// <summary>
    /// A hwmon device named <paramref name="name"/> as class/hwmon/<paramref name="entry"/>, with an
    /// in0_lcrit_alarm if given; its device under devices/<paramref name="parent"/> (by default one made up
    /// from the name). The class entry is a relative link, as the kernel makes it.
    /// </summary>
    public void Hwmon(string entry, string name, string? alarm = null, string? parent = null)
    {
        string relative = Path.Combine("devices", parent ?? $"platform/{name}-{entry}", "hwmon", entry);
        string device = _root.Combine(relative);
        Directory.CreateDirectory(device);
        File.WriteAllText(Path.Combine(device, "name"), name + "\n");
        if (alarm is not null)
        {
            File.WriteAllText(Path.Combine(device, "in0_lcrit_alarm"), alarm + "\n");
        }
        Directory.CreateDirectory(_root.Combine("class", "hwmon"));
        File.CreateSymbolicLink(_root.Combine("class", "hwmon", entry), Path.Combine("..", "..", relative));
    }

    public void Alarm(string entry, string value)
    {
        var device = (DirectoryInfo)new DirectoryInfo(_root.Combine("class", "hwmon", entry)).ResolveLinkTarget(returnFinalTarget: true)!;
        File.WriteAllText(Path.Combine(device.FullName, "in0_lcrit_alarm"), value + "\n");
    }

    public void Dispose() => _root.Dispose();
}
