using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

/// <summary>struct gpio_v2_line_config from &lt;linux/gpio.h&gt;: 272 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 272)]
internal unsafe struct GpioV2LineConfig
{
    /// <summary>Flags (GPIO_V2_LINE_FLAG_*) for every requested line that no attribute overrides.</summary>
    [FieldOffset(0)] public ulong Flags;
    [FieldOffset(8)] public uint NumAttrs;
    [FieldOffset(12)] public fixed uint Padding[5];
    [FieldOffset(32)] public Attributes Attrs;

    [InlineArray(GpioApi.LineNumAttrsMax)]
    public struct Attributes
    {
        private GpioV2LineConfigAttribute _first;
    }
}
