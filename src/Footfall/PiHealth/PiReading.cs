namespace Footfall.PiHealth;

/// <summary>
/// What the Pi's sensors say at one moment. Each is null when this machine has no such sensor or it could
/// not be read: a PC, a Pi without the raspberrypi-hwmon driver, a sysfs file that went away.
/// </summary>
/// <param name="UnderVoltage">The firmware saw the supply sag below about 4.63 V since the driver last asked.</param>
public readonly record struct PiReading(Temperature? Temperature, bool? UnderVoltage)
{
    public bool IsEmpty => Temperature is null && UnderVoltage is null;
}
