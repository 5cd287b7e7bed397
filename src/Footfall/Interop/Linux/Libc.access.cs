using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

internal static partial class Libc
{
    public const int W_OK = 2;

    // Asks whether a file could be written without opening it: opening /dev/watchdog arms it.
    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string path, int mode);
}
