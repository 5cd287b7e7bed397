namespace Footfall.Interop.Pcap;

/// <summary>
/// The few libpcap calls SharpPcap does not expose. SharpPcap opens, filters, reads and sends; footfall
/// only needs the descriptor to poll() on, so that one wait covers frames and the sweep's own timers.
/// </summary>
internal static partial class Pcap
{
    // Debian's libpcap0.8t64 (libpcap 1.x despite the name) installs exactly this soname; SharpPcap
    // finds the same file by trying its list of names.
    public const string Library = "libpcap.so.0.8";

    /// <summary>Where the fixed fields of struct pcap_pkthdr sit on LP64 Linux (x86-64, arm64): a timeval, then two u32.</summary>
    public const int HeaderSecondsOffset = 0;
    public const int HeaderMicrosecondsOffset = 8;
    public const int HeaderCaptureLengthOffset = 16;
    public const int HeaderLengthOffset = 20;
}
