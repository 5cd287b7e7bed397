using System.Diagnostics;
using System.Globalization;
using Footfall.Interop.Linux;
using Footfall.Tests.Support;

namespace Footfall.Tests.Hardware;

/// <summary>
/// Every struct size, field offset and ioctl number footfall uses for GPIO and the watchdog, checked
/// against what gcc says from this machine's own kernel headers (linux-libc-dev). A wrong offset would
/// not fail loudly: the kernel would read garbage flags or drive the wrong line.
/// </summary>
public class UapiLayoutTests
{
    private const string Program = """
        #include <stddef.h>
        #include <stdio.h>
        #include <linux/gpio.h>
        #include <linux/watchdog.h>
        #define SIZE(t) printf("sizeof %s %zu\n", #t, sizeof(struct t))
        #define OFF(t, f) printf("offsetof %s.%s %zu\n", #t, #f, offsetof(struct t, f))
        #define NUM(n) printf("%s %lu\n", #n, (unsigned long)(n))
        int main(void) {
            SIZE(gpiochip_info); OFF(gpiochip_info, name); OFF(gpiochip_info, label); OFF(gpiochip_info, lines);
            SIZE(gpio_v2_line_attribute); OFF(gpio_v2_line_attribute, id); OFF(gpio_v2_line_attribute, padding);
            OFF(gpio_v2_line_attribute, flags); OFF(gpio_v2_line_attribute, values); OFF(gpio_v2_line_attribute, debounce_period_us);
            SIZE(gpio_v2_line_config_attribute); OFF(gpio_v2_line_config_attribute, attr); OFF(gpio_v2_line_config_attribute, mask);
            SIZE(gpio_v2_line_config); OFF(gpio_v2_line_config, flags); OFF(gpio_v2_line_config, num_attrs);
            OFF(gpio_v2_line_config, padding); OFF(gpio_v2_line_config, attrs);
            SIZE(gpio_v2_line_request); OFF(gpio_v2_line_request, offsets); OFF(gpio_v2_line_request, consumer);
            OFF(gpio_v2_line_request, config); OFF(gpio_v2_line_request, num_lines); OFF(gpio_v2_line_request, event_buffer_size);
            OFF(gpio_v2_line_request, padding); OFF(gpio_v2_line_request, fd);
            SIZE(gpio_v2_line_values); OFF(gpio_v2_line_values, bits); OFF(gpio_v2_line_values, mask);
            NUM(GPIO_MAX_NAME_SIZE); NUM(GPIO_V2_LINES_MAX); NUM(GPIO_V2_LINE_NUM_ATTRS_MAX);
            NUM(GPIO_V2_LINE_FLAG_ACTIVE_LOW); NUM(GPIO_V2_LINE_FLAG_OUTPUT); NUM(GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES);
            NUM(GPIO_GET_CHIPINFO_IOCTL); NUM(GPIO_V2_GET_LINE_IOCTL); NUM(GPIO_V2_LINE_SET_VALUES_IOCTL);
            NUM(WDIOC_KEEPALIVE); NUM(WDIOC_SETTIMEOUT); NUM(WDIOC_GETTIMEOUT);
            return 0;
        }
        """;

    [Fact]
    public void OursMatchTheKernelHeaders()
    {
        // scripts/test installs gcc and linux-libc-dev; xunit 2 cannot skip at run time, and a layout
        // check that quietly did not run would be worse than a clear failure.
        string gcc = FindGcc() ?? throw new InvalidOperationException(
            "gcc is not installed: install gcc and linux-libc-dev (scripts/test does) to check the uAPI layout against the kernel headers");
        Dictionary<string, ulong> c = CompileAndRun(gcc);
        Dictionary<string, ulong> ours = Ours();
        Assert.Equal(c.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
        var wrong = c.Where(pair => ours[pair.Key] != pair.Value)
            .Select(pair => $"{pair.Key}: gcc says {pair.Value}, footfall has {ours[pair.Key]}")
            .ToList();
        Assert.Empty(wrong);
    }

    private static unsafe Dictionary<string, ulong> Ours()
    {
        var table = new Dictionary<string, ulong>();
        void Size(string name, int size) => table[$"sizeof {name}"] = (ulong)size;
        void Off(string name, void* start, void* field) => table[$"offsetof {name}"] = (ulong)((byte*)field - (byte*)start);

        GpioChipInfo info = default;
        Size("gpiochip_info", sizeof(GpioChipInfo));
        Off("gpiochip_info.name", &info, info.Name);
        Off("gpiochip_info.label", &info, info.Label);
        Off("gpiochip_info.lines", &info, &info.Lines);

        GpioV2LineAttribute attribute = default;
        Size("gpio_v2_line_attribute", sizeof(GpioV2LineAttribute));
        Off("gpio_v2_line_attribute.id", &attribute, &attribute.Id);
        Off("gpio_v2_line_attribute.padding", &attribute, &attribute.Padding);
        Off("gpio_v2_line_attribute.flags", &attribute, &attribute.Flags);
        Off("gpio_v2_line_attribute.values", &attribute, &attribute.Values);
        Off("gpio_v2_line_attribute.debounce_period_us", &attribute, &attribute.DebouncePeriodMicroseconds);

        GpioV2LineConfigAttribute configAttribute = default;
        Size("gpio_v2_line_config_attribute", sizeof(GpioV2LineConfigAttribute));
        Off("gpio_v2_line_config_attribute.attr", &configAttribute, &configAttribute.Attribute);
        Off("gpio_v2_line_config_attribute.mask", &configAttribute, &configAttribute.Mask);

        GpioV2LineConfig config = default;
        Size("gpio_v2_line_config", sizeof(GpioV2LineConfig));
        Off("gpio_v2_line_config.flags", &config, &config.Flags);
        Off("gpio_v2_line_config.num_attrs", &config, &config.NumAttrs);
        Off("gpio_v2_line_config.padding", &config, config.Padding);
        Off("gpio_v2_line_config.attrs", &config, &config.Attrs);

        GpioV2LineRequest request = default;
        Size("gpio_v2_line_request", sizeof(GpioV2LineRequest));
        Off("gpio_v2_line_request.offsets", &request, request.Offsets);
        Off("gpio_v2_line_request.consumer", &request, request.Consumer);
        Off("gpio_v2_line_request.config", &request, &request.Config);
        Off("gpio_v2_line_request.num_lines", &request, &request.NumLines);
        Off("gpio_v2_line_request.event_buffer_size", &request, &request.EventBufferSize);
        Off("gpio_v2_line_request.padding", &request, request.Padding);
        Off("gpio_v2_line_request.fd", &request, &request.Fd);

        GpioV2LineValues values = default;
        Size("gpio_v2_line_values", sizeof(GpioV2LineValues));
        Off("gpio_v2_line_values.bits", &values, &values.Bits);
        Off("gpio_v2_line_values.mask", &values, &values.Mask);

        // The attribute array must hold exactly GPIO_V2_LINE_NUM_ATTRS_MAX entries back to back.
        Assert.Equal(GpioApi.LineNumAttrsMax * sizeof(GpioV2LineConfigAttribute), sizeof(GpioV2LineConfig.Attributes));

        table["GPIO_MAX_NAME_SIZE"] = GpioApi.MaxNameSize;
        table["GPIO_V2_LINES_MAX"] = GpioApi.LinesMax;
        table["GPIO_V2_LINE_NUM_ATTRS_MAX"] = GpioApi.LineNumAttrsMax;
        table["GPIO_V2_LINE_FLAG_ACTIVE_LOW"] = GpioApi.GPIO_V2_LINE_FLAG_ACTIVE_LOW;
        table["GPIO_V2_LINE_FLAG_OUTPUT"] = GpioApi.GPIO_V2_LINE_FLAG_OUTPUT;
        table["GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES"] = GpioApi.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
        table["GPIO_GET_CHIPINFO_IOCTL"] = GpioApi.GPIO_GET_CHIPINFO_IOCTL;
        table["GPIO_V2_GET_LINE_IOCTL"] = GpioApi.GPIO_V2_GET_LINE_IOCTL;
        table["GPIO_V2_LINE_SET_VALUES_IOCTL"] = GpioApi.GPIO_V2_LINE_SET_VALUES_IOCTL;
        table["WDIOC_KEEPALIVE"] = WatchdogApi.WDIOC_KEEPALIVE;
        table["WDIOC_SETTIMEOUT"] = WatchdogApi.WDIOC_SETTIMEOUT;
        table["WDIOC_GETTIMEOUT"] = WatchdogApi.WDIOC_GETTIMEOUT;
        return table;
    }

    private static Dictionary<string, ulong> CompileAndRun(string gcc)
    {
        using var directory = new TempDirectory();
        string source = Path.Combine(directory.Path, "layout.c");
        string binary = Path.Combine(directory.Path, "layout");
        File.WriteAllText(source, Program);
        string compiled = RunToEnd(gcc, "-std=c11", "-Wall", "-Werror", "-o", binary, source);
        Assert.True(File.Exists(binary), $"gcc could not build the layout probe (are linux-libc-dev's headers installed?):\n{compiled}");
        return RunToEnd(binary)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(
                parts => string.Join(' ', parts[..^1]),
                parts => ulong.Parse(parts[^1], CultureInfo.InvariantCulture));
    }

    private static string? FindGcc() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "gcc"))
            .FirstOrDefault(File.Exists);

    private static string RunToEnd(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(info)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return stdout + stderr.Result;
    }
}
