using Footfall.Runtime;

namespace Footfall.Tests.Runtime;

public sealed class NativeLibrariesTests
{
    [Theory]
    [InlineData("Unable to load shared library 'wpcap' or one of its dependencies.", NativeDependency.Pcap)]
    [InlineData("Unable to load shared library 'libpcap.so.0.8' or one of its dependencies.", NativeDependency.Pcap)]
    [InlineData("Unable to load shared library 'libgpiod.so.3' or one of its dependencies.", NativeDependency.Gpiod)]
    [InlineData("Unable to load shared library 'e_sqlite3' or one of its dependencies.", NativeDependency.Sqlite)]
    public void TheRuntimesMessageNamesTheLibrary(string message, NativeDependency expected)
    {
        Assert.Equal(expected, NativeLibraries.Identify(message));
    }

    [Theory]
    [InlineData(NativeDependency.Pcap, "bookworm", "libpcap.so.0.8 could not be loaded: install Debian's libpcap0.8 (apt install libpcap0.8)")]
    [InlineData(NativeDependency.Pcap, "trixie", "libpcap.so.0.8 could not be loaded: install Debian's libpcap0.8t64 (apt install libpcap0.8t64)")]
    [InlineData(NativeDependency.Pcap, null, "libpcap.so.0.8 could not be loaded: install libpcap (Debian: libpcap0.8t64 from trixie on, libpcap0.8 before)")]
    [InlineData(NativeDependency.Gpiod, "trixie", "libgpiod.so.3 could not be loaded: install Debian's libgpiod3 (apt install libgpiod3)")]
    [InlineData(NativeDependency.Gpiod, "bookworm", "libgpiod.so.3 could not be loaded: Debian bookworm has only libgpiod2, too old for footfall's GPIO: libgpiod3 comes with trixie")]
    [InlineData(NativeDependency.Sqlite, "trixie", "libe_sqlite3.so could not be loaded: it ships beside the footfall binary (scripts/publish leaves it there): install the whole publish folder, not the binary alone")]
    public void EachLibraryAndReleaseHasItsOwnRemedy(NativeDependency library, string? codename, string expected)
    {
        Assert.Equal(expected, NativeLibraries.Message(library, codename));
    }

    [Fact]
    public void AMissingLibraryIsFoundInsideItsWrappers()
    {
        var missing = new DllNotFoundException("Unable to load shared library 'wpcap' or one of its dependencies.\nIn order to help diagnose ...");
        var wrapped = new InvalidOperationException("outer", new TypeInitializationException("SharpPcap.LibPcap.LibPcapSafeNativeMethods", missing));
        Assert.Equal(NativeLibraries.Message(NativeDependency.Pcap, "trixie"), NativeLibraries.Explain(wrapped, "trixie"));
    }

    [Fact]
    public void AnUnknownLibraryIsStillOneLine()
    {
        string? line = NativeLibraries.Explain(new DllNotFoundException("Unable to load shared library 'libfoo'.\nmore"), "trixie");
        Assert.Equal("a native library could not be loaded: Unable to load shared library 'libfoo'.", line);
    }

    [Fact]
    public void OtherExceptionsAreNotExplained()
    {
        Assert.Null(NativeLibraries.Explain(new TypeInitializationException("X", new InvalidOperationException("no")), "trixie"));
    }

    [Theory]
    [InlineData("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n", "bookworm")]
    [InlineData("VERSION_CODENAME=\"trixie\"\n", "trixie")]
    [InlineData("ID=debian\n", null)]
    [InlineData("VERSION_CODENAME=\n", null)]
    public void TheCodenameIsReadFromOsRelease(string text, string? expected)
    {
        Assert.Equal(expected, OsRelease.ParseCodename(text));
    }
}
