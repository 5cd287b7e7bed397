using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

internal static partial class Libc
{
    public const int SOL_SOCKET = 1;
    public const int SO_RCVBUF = 8;
    public const int SO_RCVBUFFORCE = 33;
    public const int SOL_PACKET = 263;
    public const int PACKET_ADD_MEMBERSHIP = 1;
    public const int PACKET_IGNORE_OUTGOING = 23;

    [LibraryImport(Library, SetLastError = true)]
    public static unsafe partial int setsockopt(int fd, int level, int name, void* value, uint valueLength);
}
