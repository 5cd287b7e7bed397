using System.CommandLine;
using Footfall.Config;
using Footfall.Hardware.Gpio;
using Footfall.Hardware.Leds;
using Footfall.Leds;
using Footfall.Leds.Strip;
using Footfall.Runtime;
using Footfall.Text;

namespace Footfall.Cli;

/// <summary>`footfall leds test --config FILE`: lights every configured LED once, for whoever wires the board.</summary>
public static class LedsCommand
{
    public static Command Create()
    {
        Option<string> configOption = CliConfig.ConfigOption();
        var eachOption = new Option<string>("--each")
        {
            Description = "How long each LED stays lit.",
            DefaultValueFactory = _ => "1s",
            HelpName = "DURATION",
        };
        var test = new Command("test", "Light each configured LED in turn (the status LED, then each person's LED and strip pixel), naming it on stdout, so the wiring can be checked. Exit 1 if an LED could not be had.")
        {
            configOption, eachOption,
        };
        test.SetAction(parse => Test(parse.GetValue(configOption)!, parse.GetValue(eachOption)!));
        return new Command("leds", "The LEDs: one per person who is in (a GPIO line or a pixel of a WS2812B strip), and a status LED.") { test };
    }

    private static int Test(string configPath, string eachText)
    {
        if (!HumanDuration.TryParse(eachText, out TimeSpan each) || each <= TimeSpan.Zero || each > TimeSpan.FromMinutes(1))
        {
            throw new UsageException($"--each '{eachText}' is not a duration from 1ms to 1m, such as \"1s\" or \"500ms\"");
        }
        if (CliConfig.Load(configPath) is not { } settings)
        {
            return ExitCodes.BadUsage;
        }
        // Without libgpiod no GPIO LED can be lit: one line naming the package, not a warning per LED.
        if (GpioLineUse.Of(settings).Count > 0 && !NativeLibraryProbe.CanLoad(NativeDependency.Gpiod))
        {
            Console.Error.WriteLine($"footfall: {NativeLibraries.Message(NativeDependency.Gpiod, OsRelease.Codename())}");
            return ExitCodes.RuntimeFailure;
        }
        var log = new Log(Console.Error, TimeProvider.System);
        using HardwareLeds leds = HardwareLeds.Open(settings.Leds, settings.People, log, chip => LibgpiodChip.Open(chip));
        using StripLeds? strip = StripLeds.Open(settings.Leds.Strip, settings.People, log, StripLeds.OpenSpi);
        int unavailable = leds.Unavailable + (settings.Leds.Strip is not null && strip is null ? 1 : 0);
        if (leds.IsEmpty && strip is null && unavailable == 0)
        {
            Console.Error.WriteLine($"footfall: {configPath}: no LEDs are configured (people[].led, people[].pixel, leds.status or leds.statusLed), and there is no ACT LED");
            return ExitCodes.BadUsage;
        }
        if (leds.IsEmpty && strip is null)
        {
            Console.Error.WriteLine("footfall: none of the configured LEDs could be had (see above)");
            return ExitCodes.RuntimeFailure;
        }
        ILedDriver[] drivers = strip is null ? [leds] : [leds, strip];
        foreach ((string name, LedFrame frame) in Steps(settings, strip?.Layout))
        {
            Console.Out.WriteLine($"{name}: on");
            Show(drivers, frame);
            Thread.Sleep(each);
            Show(drivers, frame with { StatusOn = false, People = [.. frame.People.Select(p => p with { On = false })] });
        }
        Console.Out.WriteLine("all off");
        return unavailable == 0 ? ExitCodes.Success : ExitCodes.RuntimeFailure;
    }

    private static void Show(IEnumerable<ILedDriver> drivers, LedFrame frame)
    {
        foreach (ILedDriver driver in drivers)
        {
            driver.Show(frame);
        }
    }

    /// <summary>The status LED (its line, the Pi's LED, or the strip's status pixel), then each person's LED and pixel.</summary>
    private static List<(string Name, LedFrame Frame)> Steps(FootfallSettings settings, StripLayout? strip)
    {
        var dark = settings.People.Select(p => new PersonLed(p.Name, p.Led, false)).ToList();
        var steps = new List<(string Name, LedFrame Frame)>();
        var statusParts = new List<string>();
        if (settings.Leds.StatusLine is not null || settings.Leds.StatusLed is not null || Hardware.SysfsLed.Exists("ACT"))
        {
            statusParts.Add(StatusName(settings.Leds));
        }
        if (strip?.StatusPixel is { } statusPixel)
        {
            statusParts.Add($"status pixel {statusPixel}");
        }
        if (statusParts.Count > 0)
        {
            steps.Add(($"status LED ({string.Join(", ", statusParts)})", new LedFrame(StatusCondition.HealthySomeoneIn, true, dark)));
        }
        for (int i = 0; i < dark.Count; i++)
        {
            var where = new List<string>();
            if (dark[i].Line is { } line)
            {
                where.Add($"line {line}");
            }
            if (strip?.PixelOf(dark[i].Name) is { } pixel)
            {
                where.Add($"pixel {pixel}, {StripLayout.ColorOf(settings.People[i], i)}");
            }
            if (where.Count > 0)
            {
                var people = dark.ToList();
                people[i] = dark[i] with { On = true };
                steps.Add(($"{dark[i].Name}'s LED ({string.Join("; ", where)})", new LedFrame(StatusCondition.HealthySomeoneIn, false, people)));
            }
        }
        return steps;
    }

    private static string StatusName(LedSettings leds) =>
        leds.StatusLine is { } line ? $"line {line}" : leds.StatusLed ?? "ACT";
}
