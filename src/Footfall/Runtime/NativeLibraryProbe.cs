using System.Runtime.InteropServices;

namespace Footfall.Runtime;

/// <summary>Whether a native library can be loaded here, asked before anything needs it: loaded and unloaded, nothing of it runs.</summary>
public static class NativeLibraryProbe
{
    public static bool CanLoad(NativeDependency library)
    {
        // e_sqlite3 is looked for as the runtime looks for it (beside the binary once published); the others
        // where the system keeps them.
        bool loaded = library == NativeDependency.Sqlite
            ? NativeLibrary.TryLoad("e_sqlite3", typeof(NativeLibraryProbe).Assembly, null, out IntPtr handle)
            : NativeLibrary.TryLoad(NativeLibraries.FileName(library), out handle);
        if (loaded)
        {
            NativeLibrary.Free(handle);
        }
        return loaded;
    }
}
