using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

/// <summary>struct gpiochip_info from &lt;linux/gpio.h&gt;: 68 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioChipInfo
{
    public fixed byte Name[GpioApi.MaxNameSize];
    public fixed byte Label[GpioApi.MaxNameSize];
    public uint Lines;
}
