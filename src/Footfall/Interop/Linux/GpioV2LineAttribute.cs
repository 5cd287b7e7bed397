using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

/// <summary>
/// struct gpio_v2_line_attribute from &lt;linux/gpio.h&gt;: 16 bytes, an id and a 64-bit union (flags,
/// output values, or a debounce period), 8-byte aligned on every architecture (__aligned_u64).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct GpioV2LineAttribute
{
    [FieldOffset(0)] public uint Id;
    [FieldOffset(4)] public uint Padding;
    [FieldOffset(8)] public ulong Flags;
    [FieldOffset(8)] public ulong Values;
    [FieldOffset(8)] public uint DebouncePeriodMicroseconds;
}

/// <summary>struct gpio_v2_line_config_attribute: an attribute and the mask of the requested lines it applies to.</summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal struct GpioV2LineConfigAttribute
{
    [FieldOffset(0)] public GpioV2LineAttribute Attribute;
    [FieldOffset(16)] public ulong Mask;
}
