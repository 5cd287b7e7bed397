using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

/// <summary>
/// struct gpio_v2_line_request from &lt;linux/gpio.h&gt;: 592 bytes. The caller fills offsets, consumer,
/// config and num_lines; GPIO_V2_GET_LINE_IOCTL fills fd with the new line request's descriptor.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 592)]
internal unsafe struct GpioV2LineRequest
{
    [FieldOffset(0)] public fixed uint Offsets[GpioApi.LinesMax];
    [FieldOffset(256)] public fixed byte Consumer[GpioApi.MaxNameSize];
    [FieldOffset(288)] public GpioV2LineConfig Config;
    [FieldOffset(560)] public uint NumLines;
    [FieldOffset(564)] public uint EventBufferSize;
    [FieldOffset(568)] public fixed uint Padding[5];
    [FieldOffset(588)] public int Fd;
}
