using System.Runtime.InteropServices;

namespace Footfall.Interop.Pcap;

internal static partial class Pcap
{
    /// <summary>The descriptor that becomes readable when a frame waits (with immediate mode: each frame).</summary>
    [LibraryImport(Library)]
    public static partial int pcap_get_selectable_fd(nint pcap);
}
