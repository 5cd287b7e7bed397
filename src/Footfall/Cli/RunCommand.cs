using System.CommandLine;
using System.Runtime.InteropServices;
using Footfall.Daemon;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Cli;

/// <summary>`footfall run --config FILE [--data DIR]`: the daemon. It parses and checks the arguments and the config, then hands over to <see cref="DaemonStart"/>.</summary>
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

        string data = dataDirectory ?? FootfallStore.DefaultDataDirectory;
        return DaemonStart.Run(new DaemonRequest(settings, configPath, data, hardware, capturePath, captureBytes, captureSizeText), log);
    }
}
