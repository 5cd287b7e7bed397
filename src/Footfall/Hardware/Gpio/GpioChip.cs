using System.Text;
using Footfall.Interop.Linux;

namespace Footfall.Hardware.Gpio;

/// <summary>
/// A GPIO chip through the kernel's character device, /dev/gpiochipN, with the v2 uAPI: no libgpiod,
/// no sysfs GPIO (gone from current kernels). Found by path, by name or by label, see <see cref="Open"/>.
/// </summary>
public sealed class GpioChip : IGpioChip
{
    public const string DefaultDeviceDirectory = "/dev";

    private readonly int _fd;

    private GpioChip(int fd, string name, string label, int lineCount)
    {
        _fd = fd;
        Name = name;
        Label = label;
        LineCount = lineCount;
    }

    public string Name { get; }

    public string Label { get; }

    public int LineCount { get; }

    public override string ToString() => $"{Name} ({Label})";

    /// <summary>
    /// Opens the chip <paramref name="chip"/> names: a path ("/dev/gpiochip0"), a name in /dev
    /// ("gpiochip0"), or a label ("pinctrl-bcm2711", matched against every chip's label).
    /// </summary>
    /// <exception cref="LinuxException">No such chip, or it cannot be opened (the errno says why).</exception>
    public static GpioChip Open(string chip, string deviceDirectory = DefaultDeviceDirectory)
    {
        if (chip.Contains('/'))
        {
            return OpenPath(chip);
        }
        string path = Path.Combine(deviceDirectory, chip);
        if (File.Exists(path) || chip.StartsWith("gpiochip", StringComparison.Ordinal))
        {
            // A kernel name: open it, so that a missing chip is reported with its path.
            return OpenPath(path);
        }
        IEnumerable<string> candidates = Directory.Exists(deviceDirectory)
            ? Directory.EnumerateFiles(deviceDirectory, "gpiochip*").Order(StringComparer.Ordinal)
            : [];
        LinuxException? firstFailure = null;
        foreach (string candidate in candidates)
        {
            try
            {
                GpioChip opened = OpenPath(candidate);
                if (opened.Label == chip)
                {
                    return opened;
                }
                opened.Dispose();
            }
            catch (LinuxException e)
            {
                // A chip we may not open cannot be told apart from the one asked for: say so if nothing matches.
                firstFailure ??= e;
            }
        }
        throw firstFailure ?? new LinuxException($"find a GPIO chip in {deviceDirectory} labelled", chip, Libc.ENOENT);
    }

    private static unsafe GpioChip OpenPath(string path)
    {
        int fd = Libc.open(path, Libc.O_RDWR | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw LinuxException.FromLastError("open GPIO chip", path);
        }
        GpioChipInfo info;
        if (Libc.ioctl(fd, GpioApi.GPIO_GET_CHIPINFO_IOCTL, &info) < 0)
        {
            var failure = LinuxException.FromLastError("read chip info of", path);
            Libc.close(fd);
            throw failure;
        }
        return new GpioChip(fd, CString(info.Name), CString(info.Label), (int)info.Lines);
    }

    public unsafe IGpioLines RequestOutputs(IReadOnlyList<int> lines, bool activeLow, string consumer)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lines.Count, GpioApi.LinesMax);
        GpioV2LineRequest request = default;
        for (int i = 0; i < lines.Count; i++)
        {
            request.Offsets[i] = (uint)lines[i];
        }
        WriteCString(consumer, request.Consumer, GpioApi.MaxNameSize);
        request.NumLines = (uint)lines.Count;
        request.Config.Flags = GpioApi.GPIO_V2_LINE_FLAG_OUTPUT | (activeLow ? GpioApi.GPIO_V2_LINE_FLAG_ACTIVE_LOW : 0);
        // Without an output-values attribute the kernel drives new outputs inactive: every LED starts off.
        if (Libc.ioctl(_fd, GpioApi.GPIO_V2_GET_LINE_IOCTL, &request) < 0)
        {
            throw LinuxException.FromLastError($"request {LineList(lines)} as {(lines.Count == 1 ? "an output" : "outputs")} on", ToString());
        }
        return new GpioLineRequest(request.Fd, lines.ToArray(), this);
    }

    public void Dispose() => Libc.close(_fd);

    internal static string LineList(IReadOnlyList<int> lines) =>
        (lines.Count == 1 ? "line " : "lines ") + string.Join(", ", lines);

    private static unsafe string CString(byte* text)
    {
        int length = 0;
        while (length < GpioApi.MaxNameSize && text[length] != 0)
        {
            length++;
        }
        return Encoding.UTF8.GetString(text, length);
    }

    private static unsafe void WriteCString(string text, byte* buffer, int size)
    {
        // Leaves room for the terminating zero; the kernel copies at most size - 1 bytes anyway.
        int written = Encoding.UTF8.GetBytes(text.AsSpan(), new Span<byte>(buffer, size - 1));
        buffer[written] = 0;
    }

    /// <summary>Lines held through the descriptor GPIO_V2_GET_LINE_IOCTL returned; closing it releases them.</summary>
    private sealed class GpioLineRequest(int fd, int[] lines, GpioChip chip) : IGpioLines
    {
        public IReadOnlyList<int> Lines => lines;

        public unsafe void SetValues(ulong bits, ulong mask)
        {
            var values = new GpioV2LineValues { Bits = bits, Mask = mask };
            if (Libc.ioctl(fd, GpioApi.GPIO_V2_LINE_SET_VALUES_IOCTL, &values) < 0)
            {
                throw LinuxException.FromLastError($"set {LineList(lines)} on", chip.ToString());
            }
        }

        public void Dispose() => Libc.close(fd);
    }
}
