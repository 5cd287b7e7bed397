namespace Footfall.Runtime;

/// <summary>
/// Turns "a native library is missing" into the one line a person can act on: which library, and which
/// Debian package brings it on the release this machine runs. Pure: the release codename is passed in
/// (see <see cref="OsRelease"/>), so every release's wording is tested without that release.
/// </summary>
public static class NativeLibraries
{
    /// <summary>
    /// The one line for the missing library behind <paramref name="e"/>, looking through the wrappers it
    /// arrives in (TypeInitializationException from a static constructor, a library's own exception), or
    /// null when no DllNotFoundException is inside. A library footfall does not know is named as the
    /// runtime named it, still in one line.
    /// </summary>
    public static string? Explain(Exception? e, string? codename)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException missing)
            {
                return Identify(missing.Message) is { } library
                    ? Message(library, codename)
                    : $"a native library could not be loaded: {missing.Message.Split('\n')[0].Trim()}";
            }
        }
        return null;
    }

    /// <summary>Which dependency a library name (or the runtime's message naming it) means; null for another library.</summary>
    public static NativeDependency? Identify(string nameOrMessage)
    {
        // The runtime's message quotes the name it asked for: "Unable to load shared library 'wpcap' or ...".
        string text = nameOrMessage.ToLowerInvariant();
        if (text.Contains("e_sqlite3", StringComparison.Ordinal))
        {
            return NativeDependency.Sqlite;
        }
        if (text.Contains("gpiod", StringComparison.Ordinal))
        {
            return NativeDependency.Gpiod;
        }
        if (text.Contains("wpcap", StringComparison.Ordinal) || text.Contains("pcap", StringComparison.Ordinal))
        {
            return NativeDependency.Pcap;
        }
        return null;
    }

    /// <summary>The file the loader looks for, as a person would search for it.</summary>
    public static string FileName(NativeDependency library) => library switch
    {
        NativeDependency.Pcap => "libpcap.so.0.8",
        NativeDependency.Gpiod => "libgpiod.so.3",
        _ => "libe_sqlite3.so",
    };

    /// <summary>
    /// What to install, for the Debian release <paramref name="codename"/> (VERSION_CODENAME; null when
    /// unknown). Debian renamed libpcap's package for the 64-bit time_t transition in trixie, and packages
    /// libgpiod 2 (the v2 uAPI the LEDs use) only from trixie on.
    /// </summary>
    public static string Remedy(NativeDependency library, string? codename) => (library, codename) switch
    {
        (NativeDependency.Sqlite, _) => "it ships beside the footfall binary (scripts/publish leaves it there): install the whole publish folder, not the binary alone",
        (NativeDependency.Pcap, "bookworm" or "bullseye" or "buster") => "install Debian's libpcap0.8 (apt install libpcap0.8)",
        (NativeDependency.Pcap, "trixie" or "forky" or "sid") => "install Debian's libpcap0.8t64 (apt install libpcap0.8t64)",
        (NativeDependency.Pcap, _) => "install libpcap (Debian: libpcap0.8t64 from trixie on, libpcap0.8 before)",
        (NativeDependency.Gpiod, "bookworm" or "bullseye" or "buster") => $"Debian {codename} has only libgpiod2, too old for footfall's GPIO: libgpiod3 comes with trixie",
        (NativeDependency.Gpiod, "trixie" or "forky" or "sid") => "install Debian's libgpiod3 (apt install libgpiod3)",
        (NativeDependency.Gpiod, _) => "install libgpiod 2 (Debian: libgpiod3, from trixie on)",
        _ => throw new ArgumentOutOfRangeException(nameof(library)),
    };

    /// <summary>The one line for a missing library: what failed to load and what to do.</summary>
    public static string Message(NativeDependency library, string? codename) =>
        $"{FileName(library)} could not be loaded: {Remedy(library, codename)}";
}
