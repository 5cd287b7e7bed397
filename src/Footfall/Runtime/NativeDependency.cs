namespace Footfall.Runtime;

/// <summary>The native libraries footfall loads at run time rather than carrying in its binary.</summary>
public enum NativeDependency
{
    /// <summary>libpcap, through SharpPcap (which asks for 'wpcap', 'libpcap', ...) and footfall's own P/Invoke.</summary>
    Pcap,

    /// <summary>libgpiod 2 (libgpiod.so.3), through System.Device.Gpio's LibGpiodV2Driver.</summary>
    Gpiod,

    /// <summary>SQLite's e_sqlite3, which the publish leaves beside the binary as libe_sqlite3.so.</summary>
    Sqlite,
}
