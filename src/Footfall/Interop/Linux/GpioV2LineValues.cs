using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

/// <summary>
/// struct gpio_v2_line_values from &lt;linux/gpio.h&gt;: bit i is the i-th line of the request (not the
/// chip's line i); only lines whose mask bit is set are changed.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineValues
{
    public ulong Bits;
    public ulong Mask;
}
