using System.CommandLine;
using System.Runtime.InteropServices;
using Footfall.Capture;
using Footfall.Config;
using Footfall.Daemon;
using Footfall.Net;
using Footfall.Net.Linux;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Sweep;
using Footfall.Text;

namespace Footfall.Cli;

/// <summary>`footfall run --config FILE [--data DIR]`: the daemon.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        Option<string> configOption = CliConfig.ConfigOption();
        var dataOption = new Option<string?>("--data")
        {
            Description = $"Directory for footfall's database (default: {FootfallStore.DefaultDataDirectory}; /data/footfall on the appliance).",
            HelpName = "DIR",
        };
        var panelOption = new Option<bool>("--panel")
        {
            Description = "Also show the LEDs as log lines (the terminal panel); shown anyway on a terminal when there are no LEDs to drive.",
        };
        var noWatchdogOption = new Option<bool>("--no-watchdog")
        {
            Description = "Do not open the hardware watchdog (watchdog.device): for a dev machine whose own watchdog must not be armed.",
        };
        var captureOption = new Option<string?>("--capture")
        {
            Description = "Record every frame the sweeper receives (ARP, DHCP requests, IPv6 neighbour discovery) into this pcap file, for footfall replay when presence was judged wrong. Bounded by --capture-size: the file turns into FILE.1 at half of it.",
            HelpName = "FILE.pcap",
        };
        var captureSizeOption = new Option<string>("--capture-size")
        {
            Description = "The most the capture may take on disk, FILE and FILE.1 together, e.g. 50MB, 1GB.",
            DefaultValueFactory = _ => "50MB",
            HelpName = "SIZE",
        };
        var command = new Command("run", "Run the daemon: sweep the LAN, track who is in, keep the history, announce arrivals, light the LEDs, feed the watchdog while healthy. Stops cleanly on SIGTERM or Ctrl-C. Needs CAP_NET_RAW (root).")
        {
            configOption, dataOption, panelOption, noWatchdogOption, captureOption, captureSizeOption,
        };
        command.SetAction(parse => Run(
            parse.GetValue(configOption)!,
            parse.GetValue(dataOption),
            new DaemonHardware(parse.GetValue(panelOption), !parse.GetValue(noWatchdogOption)),
            parse.GetValue(captureOption),
            parse.GetValue(captureSizeOption)!));
        return command;
    }

    private static int Run(string configPath, string? dataDirectory, DaemonHardware hardware, string? capturePath, string captureSizeText)
    {
        var log = new Log(Console.Error, TimeProvider.System);
        if (!ByteSize.TryParse(captureSizeText, out long captureBytes) || captureBytes < 1_000_000)
        {
            throw new UsageException($"--capture-size '{captureSizeText}' is not a size of at least 1MB, such as \"50MB\" or \"1GB\".");
        }
        if (CliConfig.Load(configPath) is not { } settings)
        {
            return ExitCodes.BadUsage;
        }

        using var stopping = new CancellationTokenSource();
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        bool ownSubnet = settings.Network.Subnets.Count == 0;
        if (NetworkWait.Resolve(settings.Network.Interface, ownSubnet, log, stopping.Token) is not { } link)
        {
            log.Info("stopped");
            return ExitCodes.Success;
        }
        var subnets = ownSubnet ? [link.Subnet!.Value] : settings.Network.Subnets.ToList();
        if (!SweepTargets.TryCreate(subnets, link.Address, out SweepTargets targets, out string targetsError))
        {
            throw new UsageException($"{configPath}: network.subnets: {targetsError}");
        }
        try
        {
            // Fail now, with the reason, rather than in a crash loop of the sweeper.
            PcapLink.Open(link).Dispose();
        }
        catch (CaptureException e)
        {
            Console.Error.WriteLine($"footfall: {(e.PermissionDenied ? PcapLink.MissingCapabilityMessage : e.Message)}");
            return ExitCodes.RuntimeFailure;
        }

        string data = dataDirectory ?? FootfallStore.DefaultDataDirectory;
        FootfallStore store;
        try
        {
            store = FootfallStore.Open(data, TimeProvider.System);
        }
        catch (StoreException e)
        {
            Console.Error.WriteLine($"footfall: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        CaptureRecorder? recorder = null;
        if (capturePath is not null)
        {
            try
            {
                recorder = CaptureRecorder.Create(capturePath, captureBytes, problem => log.Warn($"capture: {problem}"));
                log.Info($"capture: recording every frame received (ARP, DHCP, IPv6 ND) into {recorder.Path} (at most {captureSizeText} with {recorder.Path}.1)");
            }
            catch (CaptureFileException e)
            {
                store.Dispose();
                Console.Error.WriteLine($"footfall: {e.Message}");
                return ExitCodes.RuntimeFailure;
            }
        }
        using (recorder)
        using (store)
        {
            store.SyncPeople(settings.People);
            log.Info($"{BuildInfo.Line} starting: {settings.People.Count} people; sweeping {link.Name} ({string.Join(", ", subnets)}, {targets.Count} addresses) every {settings.Network.SweepInterval.TotalSeconds:0.#} s; data in {store.DatabasePath}");
            int exitCode = new DaemonHost(settings, link, targets, store, log, TimeProvider.System) { Hardware = hardware with { Capture = recorder } }.RunAsync(stopping.Token).GetAwaiter().GetResult();
            log.Info(exitCode == 0 ? "stopped" : $"stopping with exit code {exitCode}");
            return exitCode;
        }

        void Stop(PosixSignalContext context)
        {
            // Handled here: the workers finish their current step and hand everything to the store.
            context.Cancel = true;
            stopping.Cancel();
        }
    }
}
