namespace Footfall.Interop.Linux;

/// <summary>
/// The _IOC encoding of &lt;asm-generic/ioctl.h&gt;: direction, size, type and number packed into 32 bits.
/// x86-64 and arm64 (the Pi) both use the generic layout; alpha, mips, powerpc and sparc do not, and
/// footfall does not run there.
/// </summary>
internal static class Ioctl
{
    private const int NumberShift = 0;
    private const int TypeShift = 8;
    private const int SizeShift = 16;
    private const int DirectionShift = 30;
    private const uint Write = 1;
    private const uint Read = 2;

    /// <summary>_IOR(type, number, size): the kernel writes the argument.</summary>
    public static uint Ior(byte type, byte number, int size) => Encode(Read, type, number, size);

    /// <summary>_IOWR(type, number, size): the kernel reads and writes the argument.</summary>
    public static uint Iowr(byte type, byte number, int size) => Encode(Read | Write, type, number, size);

    private static uint Encode(uint direction, byte type, byte number, int size) =>
        (direction << DirectionShift) | ((uint)size << SizeShift) | ((uint)type << TypeShift) | ((uint)number << NumberShift);
}
