using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

internal static partial class Libc
{
    public const short POLLIN = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Library, SetLastError = true)]
    public static unsafe partial int poll(PollFd* fds, nuint count, int timeoutMilliseconds);
}
