using System.CommandLine;
using Footfall.Capture;
using Footfall.Contracts;
using Footfall.Net;
using Footfall.Presence;
using Footfall.Replay;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Cli;

/// <summary>`footfall replay FILE.pcap --config FILE`: the events a recording produces under a configuration.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var fileArgument = new Argument<string>("FILE.pcap")
        {
            Description = "A recording: from footfall run --capture or footfall sweep --write, or tcpdump -w on any machine of the office's wired LAN (pcap or pcapng, Ethernet).",
        };
        Option<string> configOption = CliConfig.ConfigOption();
        Option<bool> jsonOption = StoreReading.JsonOption();
        var ignoreOption = new Option<string[]>("--ignore")
        {
            Description = "Leave out frames from this MAC (repeatable). Sweepers (a MAC asking for more than 32 addresses: footfall itself in a tcpdump of the appliance) are left out anyway.",
            HelpName = "MAC",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("replay", """
            Run the presence rules over a recording at its own timestamps and print the events they produce (arrivals, departures, unknown devices), one per line or, with --json, in the shape of 'footfall log --json'. To see why footfall got someone wrong: record, change the configuration, replay.
            A recording cannot be asked anything, so: its first sweep interval counts as the first sweep after a start (people seen then are in, not announced); departure checks are taken as asked when the daemon would ask them, and any frame from the device within the check window (a recording of footfall run holds the answers to its real checks) counts as the answer, otherwise the person leaves then; the end of the recording is not a departure.
            Exit 2 for a file that is not a readable Ethernet capture, or is cut short (the events up to the cut are printed first).
            """)
        {
            fileArgument, configOption, jsonOption, ignoreOption,
        };
        command.SetAction(parse => Run(parse.GetValue(fileArgument)!, parse.GetValue(configOption)!, parse.GetValue(jsonOption), parse.GetValue(ignoreOption) ?? []));
        return command;
    }

    private static int Run(string path, string configPath, bool json, string[] ignoreTexts)
    {
        var ignored = new HashSet<MacAddress>();
        foreach (string text in ignoreTexts)
        {
            if (!MacAddress.TryParse(text, out MacAddress mac))
            {
                throw new UsageException($"--ignore '{text}' is not a MAC address such as 3c:22:fb:00:00:01.");
            }
            ignored.Add(mac);
        }
        if (CliConfig.Load(configPath) is not { } settings)
        {
            return ExitCodes.BadUsage;
        }

        var frames = new List<CapturedFrame>();
        string? cut = null;
        try
        {
            foreach (CapturedFrame frame in CaptureFileReader.Read(path))
            {
                frames.Add(frame);
            }
        }
        catch (CaptureFileException e) when (frames.Count > 0)
        {
            cut = e.Message;
        }
        catch (CaptureFileException e)
        {
            Console.Error.WriteLine($"footfall: {e.Message}");
            return ExitCodes.BadUsage;
        }

        foreach (MacAddress sweeper in CaptureReplay.FindSweepers(frames))
        {
            if (ignored.Add(sweeper))
            {
                Console.Error.WriteLine($"footfall: leaving out {sweeper}: it asked for more than {CaptureReplay.SweeperTargets} addresses, so it sweeps (footfall itself, or another scanner)");
            }
        }
        var rules = new PresenceRules { AwayAfter = settings.Presence.AwayAfter, AnnounceOnStartup = settings.Presence.AnnounceOnStartup, Departure = settings.Presence.Departure };
        IReadOnlyList<PresenceEvent> events = CaptureReplay.Run(frames, settings.People, rules, settings.Network.SweepInterval, ignored);
        // The configuration's site.timeZone: the clock the daemon's page and posts would have used.
        var clock = new SiteClock(settings.Site.TimeZone);
        Write(events, json, clock);

        string span = frames.Count == 0 ? "" : $" from {clock.DateTime(frames[0].At)} to {clock.DateTime(frames[^1].At)} ({SiteClock.Name(clock.Zone)})";
        Console.Error.WriteLine($"footfall: replayed {frames.Count} frames{span}: {events.Count} events.");
        if (cut is not null)
        {
            Console.Error.WriteLine($"footfall: {cut} (the recording is cut short: the events above are those up to the cut)");
            return ExitCodes.BadUsage;
        }
        return ExitCodes.Success;
    }

    private static void Write(IReadOnlyList<PresenceEvent> events, bool json, SiteClock clock)
    {
        if (json)
        {
            StoreReading.WriteJson(
                new LogJson([.. events.Select((e, i) => new EventJson(
                    i + 1, e.At.ToUniversalTime(), StoredNames.Of(e.Kind), e.Person, e.Mac?.ToString(), e.Ip?.ToString(), e.Stayed?.TotalSeconds, null))]),
                CliJson.Default.LogJson);
            return;
        }
        using TextWriter stdout = StoreReading.Stdout();
        if (events.Count == 0)
        {
            stdout.WriteLine("No events.");
            return;
        }
        var table = new TextTable("TIME", "EVENT", "WHO", "DEVICE", "IP");
        foreach (PresenceEvent e in events)
        {
            table.Add(clock.DateTime(e.At), EventWords.Describe(e), e.Person ?? "unknown", e.Mac?.ToString() ?? "-", e.Ip?.ToString() ?? "-");
        }
        table.Write(stdout);
    }
}
