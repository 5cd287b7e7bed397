using System.CommandLine;
using Footfall.Config;
using Footfall.Daemon;
using Footfall.Hardware.Gpio;
using Footfall.Leds;
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
        var test = new Command("test", "Light each configured LED in turn (the status LED, then each person's), naming it on stdout, so the wiring can be checked. Exit 1 if an LED could not be had.")
        {
            configOption, eachOption,
        };
        test.SetAction(parse => Test(parse.GetValue(configOption)!, parse.GetValue(eachOption)!));
        return new Command("leds", "The LEDs: one per person who is in, and a status LED.") { test };
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
        var log = new Log(Console.Error, TimeProvider.System);
        using HardwareLeds leds = HardwareLeds.Open(settings.Leds, settings.People, log, chip => LibgpiodChip.Open(chip));
        if (leds.IsEmpty && leds.Unavailable == 0)
        {
            Console.Error.WriteLine($"footfall: {configPath}: no LEDs are configured (people[].led, leds.status or leds.statusLed), and there is no ACT LED");
            return ExitCodes.BadUsage;
        }
        if (leds.IsEmpty)
        {
            Console.Error.WriteLine("footfall: none of the configured LEDs could be had (see above)");
            return ExitCodes.RuntimeFailure;
        }
        var dark = settings.People.Select(p => new PersonLed(p.Name, p.Led, false)).ToList();
        var steps = new List<(string Name, LedFrame Frame)>();
        if (settings.Leds.StatusLine is not null || settings.Leds.StatusLed is not null || Hardware.SysfsLed.Exists("ACT"))
        {
            steps.Add((StatusName(settings.Leds), new LedFrame(StatusCondition.HealthySomeoneIn, true, dark)));
        }
        for (int i = 0; i < dark.Count; i++)
        {
            if (dark[i].Line is { } line)
            {
                var people = dark.ToList();
                people[i] = dark[i] with { On = true };
                steps.Add(($"{dark[i].Name}'s LED (line {line})", new LedFrame(StatusCondition.HealthySomeoneIn, false, people)));
            }
        }
        var off = new LedFrame(StatusCondition.HealthySomeoneIn, false, dark);
        foreach ((string name, LedFrame frame) in steps)
        {
            Console.Out.WriteLine($"{name}: on");
            leds.Show(frame);
            Thread.Sleep(each);
            leds.Show(off);
        }
        Console.Out.WriteLine("all off");
        return leds.Unavailable == 0 ? ExitCodes.Success : ExitCodes.RuntimeFailure;
    }

    private static string StatusName(LedSettings leds) =>
        leds.StatusLine is { } line ? $"status LED (line {line})" : $"status LED ({leds.StatusLed ?? "ACT"})";
}
