namespace Footfall.Hardware.Gpio;

/// <summary>
/// A GPIO chip as footfall uses it: a name, a label, and output lines to request. The real one is
/// <see cref="LibgpiodChip"/> (System.Device.Gpio over libgpiod); tests use a fake that records requests.
/// </summary>
public interface IGpioChip : IDisposable
{
    /// <summary>The kernel's name, such as "gpiochip0".</summary>
    string Name { get; }

    /// <summary>The driver's label, such as "pinctrl-bcm2711".</summary>
    string Label { get; }

    int LineCount { get; }

    /// <summary>Requests <paramref name="lines"/> as outputs, initially inactive: all of them, or none.</summary>
    /// <exception cref="GpioException">A line is busy, out of range, or not ours to use.</exception>
    IGpioLines RequestOutputs(IReadOnlyList<int> lines, bool activeLow);
}

/// <summary>Lines held by one request. Values are logical: true is active (lit), whatever the wiring.</summary>
public interface IGpioLines : IDisposable
{
    IReadOnlyList<int> Lines { get; }

    /// <summary>Sets the lines whose bit is set in <paramref name="mask"/>; bit i is <see cref="Lines"/>[i].</summary>
    void SetValues(ulong bits, ulong mask);
}
