using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Text.RegularExpressions;
using Footfall.Runtime;

namespace Footfall.Hardware.Gpio;

/// <summary>
/// A GPIO chip through System.Device.Gpio's <see cref="LibGpiodV2Driver"/>: the kernel's character
/// device (/dev/gpiochipN, the v2 uAPI) through libgpiod.so.3 (Debian's libgpiod3). Chosen by hand:
/// the library's automatic choice on a Pi maps /dev/gpiomem or /dev/mem, which Debian's kernel does
/// not offer and which footfall must not need. Found by path, by name or by label, see <see cref="Open"/>.
/// </summary>
// LibGpiodV2Driver is marked experimental (SDGPIO0001) for its event API; footfall only drives outputs.
#pragma warning disable SDGPIO0001
public sealed partial class LibgpiodChip : IGpioChip
{
    public const string DeviceDirectory = "/dev";

    private readonly int _number;

    private LibgpiodChip(GpioChipInfo info)
    {
        _number = info.Id;
        Name = info.Name;
        Label = info.Label;
        LineCount = info.NumLines;
    }

    public string Name { get; }

    public string Label { get; }

    public int LineCount { get; }

    public override string ToString() => $"{Name} ({Label})";

    [GeneratedRegex("^gpiochip([0-9]+)$")]
    private static partial Regex ChipName();

    /// <summary>
    /// Opens the chip <paramref name="chip"/> names: a path ("/dev/gpiochip0"), a kernel name
    /// ("gpiochip0"), or a label ("pinctrl-bcm2711", matched against every chip's label).
    /// </summary>
    /// <exception cref="GpioException">No such chip, it cannot be opened, or libgpiod is missing.</exception>
    public static LibgpiodChip Open(string chip)
    {
        if (chip.Contains('/'))
        {
            return OpenPath(chip);
        }
        if (ChipName().IsMatch(chip))
        {
            return OpenPath(Path.Combine(DeviceDirectory, chip));
        }
        GpioException? firstFailure = null;
        foreach (string candidate in Directory.EnumerateFiles(DeviceDirectory, "gpiochip*").Order(StringComparer.Ordinal))
        {
            try
            {
                LibgpiodChip opened = OpenPath(candidate);
                if (opened.Label == chip)
                {
                    return opened;
                }
            }
            catch (GpioException e) when (e.InnerException is not DllNotFoundException)
            {
                // A chip we may not open cannot be told apart from the one asked for: say so if nothing matches.
                firstFailure ??= e;
            }
        }
        throw firstFailure ?? new GpioException($"Could not find a GPIO chip in {DeviceDirectory} labelled '{chip}'");
    }

    private static LibgpiodChip OpenPath(string path)
    {
        // libgpiod opens /dev/gpiochipN by number: follow a symlink (a udev alias) to the real name.
        FileSystemInfo? target = File.Exists(path) ? File.ResolveLinkTarget(path, returnFinalTarget: true) : null;
        string name = Path.GetFileName(target?.FullName ?? path);
        if (!File.Exists(path))
        {
            throw new GpioException($"Could not open GPIO chip '{path}': No such file or directory");
        }
        if (ChipName().Match(name) is not { Success: true } match)
        {
            throw new GpioException($"Could not open GPIO chip '{path}': not a GPIO character device (/dev/gpiochipN)");
        }
        return Call($"open GPIO chip '{path}'", () =>
        {
            using var driver = new LibGpiodV2Driver(int.Parse(match.Groups[1].Value));
            return new LibgpiodChip(driver.GetChipInfo());
        });
    }

    public IGpioLines RequestOutputs(IReadOnlyList<int> lines, bool activeLow)
    {
        string what = $"request {LineList(lines)} of {this} as {(lines.Count == 1 ? "an output" : "outputs")}";
        return Call(what, () =>
        {
            var controller = new GpioController(new LibGpiodV2Driver(_number));
            try
            {
                foreach (int line in lines)
                {
                    // Inactive from the start: an LED wired active-low is driven high at once.
                    controller.OpenPin(line, PinMode.Output, Level(on: false, activeLow));
                }
                return new Lines(controller, lines.ToArray(), activeLow, this);
            }
            catch
            {
                controller.Dispose();
                throw;
            }
        });
    }

    /// <summary>Nothing is held between requests: each request owns its own controller.</summary>
    public void Dispose()
    {
    }

    internal static string LineList(IReadOnlyList<int> lines) =>
        (lines.Count == 1 ? "line " : "lines ") + string.Join(", ", lines);

    private static PinValue Level(bool on, bool activeLow) => on != activeLow ? PinValue.High : PinValue.Low;

    /// <summary>Runs a libgpiod call, turning every failure into one <see cref="GpioException"/> that says what failed.</summary>
    private static T Call<T>(string what, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (Missing(e) is { } missing)
        {
            throw new GpioException($"Could not {what}: {NativeLibraries.Message(NativeDependency.Gpiod, OsRelease.Codename())}", missing);
        }
        catch (Exception e) when (e is GpiodException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw new GpioException($"Could not {what}: {Reason(e)}", e);
        }
    }

    private static DllNotFoundException? Missing(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException missing)
            {
                return missing;
            }
        }
        return null;
    }

    // GpiodException wraps the native failure as "Exception while calling libgpiod"; the useful text is innermost.
    private static string Reason(Exception e)
    {
        while (e.InnerException is { } inner && e.Message.StartsWith("Exception while calling", StringComparison.Ordinal))
        {
            e = inner;
        }
        return e.Message;
    }

    /// <summary>Lines held by one controller; disposing it releases them.</summary>
    private sealed class Lines(GpioController controller, int[] lines, bool activeLow, LibgpiodChip chip) : IGpioLines
    {
        IReadOnlyList<int> IGpioLines.Lines => lines;

        public void SetValues(ulong bits, ulong mask)
        {
            Call($"set {LineList(lines)} of {chip}", () =>
            {
                for (int i = 0; i < lines.Length; i++)
                {
                    if ((mask & (1UL << i)) != 0)
                    {
                        controller.Write(lines[i], Level((bits & (1UL << i)) != 0, activeLow));
                    }
                }
                return true;
            });
        }

        public void Dispose() => controller.Dispose();
    }
}
