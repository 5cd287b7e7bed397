using System.CommandLine;
using Footfall.Config;
using Footfall.Runtime;

namespace Footfall.Cli.Doctor;

/// <summary>`footfall doctor [--config FILE]`: what footfall needs on this machine, one line per check with what to do.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var configOption = new Option<string?>("--config", "-c")
        {
            Description = "The configuration file (footfall.json): its interface, GPIO lines, strip, watchdog device, X keys and brokers are checked too. Without it, only the machine.",
            HelpName = "FILE",
        };
        var command = new Command("doctor", """
            Check what footfall needs on this machine, one line each with what to do: the network interface and its carrier, permission to capture on it (CAP_NET_RAW), libpcap, libgpiod and SQLite's library, the GPIO chip and lines, the LED strip's SPI device, the watchdog device (not opened: that would arm it), whether the clock is synchronised, whether X accepts the keys (as 'footfall x verify'), and whether the MQTT broker and ZenIRCBot's Redis answer. A check the configuration does not need says 'skip'. No secret is printed. Exit 0 when all is well, 1 when anything is a problem, 2 for a bad configuration.
            """)
        {
            configOption,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(configOption)));
        return command;
    }

    private static async Task<int> RunAsync(string? configPath)
    {
        FootfallSettings? settings = null;
        if (configPath is not null && (settings = CliConfig.Load(configPath)) is null)
        {
            return ExitCodes.BadUsage;
        }
        using TextWriter stdout = StoreReading.Stdout();
        return await CheckAsync(stdout, configPath, settings).ConfigureAwait(false);
    }

    /// <summary>Every check, one line each on <paramref name="output"/> as soon as it is known, then the summary; returns the exit code.</summary>
    /// <param name="settings">The configuration <paramref name="configPath"/> holds, already loaded; null for the machine alone.</param>
    internal static async Task<int> CheckAsync(TextWriter output, string? configPath, FootfallSettings? settings)
    {
        var results = new List<CheckResult>();
        void Say(CheckResult result)
        {
            // Each line as soon as it is known: a broker's timeout should not hide the lines before it.
            results.Add(result);
            output.WriteLine(DoctorReport.Line(result));
            output.Flush();
        }

        string? codename = OsRelease.Codename();
        string? name = HostChecks.InterfaceName(settings);
        Say(HostChecks.Interface(name));
        Say(HostChecks.Capture(name));
        Say(HostChecks.Library(NativeDependency.Pcap, whyNotNeeded: null, codename));
        Say(HostChecks.Library(NativeDependency.Gpiod, settings is not null && GpioLineUse.Of(settings).Count == 0 ? "the config uses no GPIO line" : null, codename));
        Say(HostChecks.Library(NativeDependency.Sqlite, whyNotNeeded: null, codename));
        Say(DeviceChecks.Gpio(settings));
        Say(DeviceChecks.Spi(settings));
        Say(HostChecks.Watchdog(settings?.Watchdog ?? new WatchdogSettings()));
        Say(HostChecks.Clock(settings));
        Say(await RemoteChecks.XAsync(configPath, settings).ConfigureAwait(false));
        Say(await RemoteChecks.MqttAsync(settings).ConfigureAwait(false));
        Say(await RemoteChecks.RedisAsync(settings).ConfigureAwait(false));
        output.WriteLine(DoctorReport.Summary(results));
        return DoctorReport.ExitCode(results);
    }
}
