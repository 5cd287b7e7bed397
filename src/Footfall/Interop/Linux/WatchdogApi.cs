namespace Footfall.Interop.Linux;

/// <summary>The watchdog ioctls of &lt;linux/watchdog.h&gt;. Each takes a pointer to an int.</summary>
internal static class WatchdogApi
{
    private const byte Type = (byte)'W';

    public static readonly uint WDIOC_KEEPALIVE = Ioctl.Ior(Type, 5, sizeof(int));
    public static readonly uint WDIOC_SETTIMEOUT = Ioctl.Iowr(Type, 6, sizeof(int));
    public static readonly uint WDIOC_GETTIMEOUT = Ioctl.Ior(Type, 7, sizeof(int));

    /// <summary>Written just before close, tells a driver that the stop is deliberate, so it disarms.</summary>
    public const byte MagicClose = (byte)'V';
}
