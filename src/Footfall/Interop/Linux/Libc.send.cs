using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

internal static partial class Libc
{
    public const int MSG_DONTWAIT = 0x40;

    [LibraryImport(Library, SetLastError = true)]
    public static unsafe partial nint send(int fd, byte* buffer, nuint length, int flags);
}
