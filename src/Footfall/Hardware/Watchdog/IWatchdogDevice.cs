namespace Footfall.Hardware.Watchdog;

/// <summary>
/// An armed hardware watchdog: it resets the machine unless fed within <see cref="Timeout"/>. The real
/// one is <see cref="LinuxWatchdog"/>; tests use a fake that records feeds.
/// </summary>
public interface IWatchdogDevice : IDisposable
{
    /// <summary>What the driver really uses, which may differ from what was asked.</summary>
    TimeSpan Timeout { get; }

    string Name { get; }

    void Feed();

    /// <summary>Disarms it on the way out (the magic close): only for a clean, deliberate stop.</summary>
    void Disarm();
}
