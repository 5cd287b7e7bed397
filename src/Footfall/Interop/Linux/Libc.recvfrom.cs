using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

internal static partial class Libc
{
    /// <summary>With MSG_TRUNC a packet socket returns the frame's real length even when the buffer was smaller.</summary>
    public const int MSG_TRUNC = 0x20;

    [LibraryImport(Library, SetLastError = true)]
    public static unsafe partial nint recvfrom(int fd, byte* buffer, nuint length, int flags, SockaddrLl* address, uint* addressLength);
}
