namespace Footfall.Interop.Linux;

/// <summary>Constants and ioctl numbers of the GPIO character device's v2 uAPI, &lt;linux/gpio.h&gt;.</summary>
internal static unsafe class GpioApi
{
    public const int MaxNameSize = 32;
    public const int LinesMax = 64;
    public const int LineNumAttrsMax = 10;

    public const ulong GPIO_V2_LINE_FLAG_ACTIVE_LOW = 1UL << 1;
    public const ulong GPIO_V2_LINE_FLAG_OUTPUT = 1UL << 3;

    public const uint GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES = 2;

    private const byte Type = 0xB4;

    public static readonly uint GPIO_GET_CHIPINFO_IOCTL = Ioctl.Ior(Type, 0x01, sizeof(GpioChipInfo));
    public static readonly uint GPIO_V2_GET_LINE_IOCTL = Ioctl.Iowr(Type, 0x07, sizeof(GpioV2LineRequest));
    public static readonly uint GPIO_V2_LINE_SET_VALUES_IOCTL = Ioctl.Iowr(Type, 0x0F, sizeof(GpioV2LineValues));
}
