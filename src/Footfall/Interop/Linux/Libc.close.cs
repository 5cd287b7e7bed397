using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

internal static partial class Libc
{
    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);
}
