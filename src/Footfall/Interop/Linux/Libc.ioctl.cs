using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

internal static partial class Libc
{
    // Socket ioctls from <linux/sockios.h>; the same numbers on every Linux architecture.
    public const uint SIOCGIFFLAGS = 0x8913;
    public const uint SIOCGIFADDR = 0x8915;
    public const uint SIOCGIFNETMASK = 0x891b;
    public const uint SIOCGIFHWADDR = 0x8927;
    public const uint SIOCGIFINDEX = 0x8933;

    public const short IFF_UP = 0x1;
    public const short IFF_LOOPBACK = 0x8;
    public const ushort ARPHRD_ETHER = 1;

    [LibraryImport(Library, SetLastError = true)]
    public static unsafe partial int ioctl(int fd, nuint request, void* argument);
}
