namespace Footfall.Interop.Linux;

/// <summary>
/// The C library calls footfall makes, one function per file (Libc.*.cs), named as in C.
/// Every import sets errno; callers turn failures into <see cref="LinuxException"/>.
/// </summary>
internal static partial class Libc
{
    public const string Library = "libc";

    public const int EINTR = 4;
    public const int ENODEV = 19;
    public const int EADDRNOTAVAIL = 99;
}
