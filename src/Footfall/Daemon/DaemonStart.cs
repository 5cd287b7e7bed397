using System.Runtime.InteropServices;
using Footfall.Capture;
using Footfall.Config;
using Footfall.Net;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Sweep;

namespace Footfall.Daemon;

/// <summary>What `footfall run` asked for, parsed and checked: the settings and where things go.</summary>
/// <param name="CapturePath">Where to record every frame received, or null for no capture.</param>
/// <param name="CaptureBytes">The most the capture may take on disk, the file and its .1 together.</param>
/// <param name="CaptureSize">The same as the person wrote it ("50MB"), for the log.</param>
public sealed record DaemonRequest(
    FootfallSettings Settings, string ConfigPath, string DataDirectory, DaemonHardware Hardware, string? CapturePath, long CaptureBytes, string CaptureSize);

/// <summary>
/// Everything before the workers start, in the order a person would check it: the network (waiting for
/// DHCP when footfall sweeps its own subnet), the subnets, libpcap and the capability to open the link,
/// the store, the capture file. What is wrong is said in one line, before any worker runs.
/// </summary>
public static class DaemonStart
{
    /// <summary>Runs the daemon until SIGTERM or Ctrl-C; the process's exit code.</summary>
    public static int Run(DaemonRequest request, Log log)
    {
        try
        {
            return Start(request, log);
        }
        catch (Exception e) when (NativeLibraries.Explain(e, OsRelease.Codename()) is { } missing)
        {
            // A library missing at start is one line and exit 1, not a worker's crash loop.
            Console.Error.WriteLine($"footfall: {missing}");
            return ExitCodes.RuntimeFailure;
        }
    }

    private static int Start(DaemonRequest request, Log log)
    {
        FootfallSettings settings = request.Settings;
        using var stopping = new CancellationTokenSource();
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        bool ownSubnet = settings.Network.Subnets.Count == 0;
        if (NetworkWait.Resolve(settings.Network.Interface, ownSubnet, log, stopping.Token) is not { } link)
        {
            log.Info("stopped");
            return ExitCodes.Success;
        }
        List<Ipv4Subnet> subnets = ownSubnet ? [link.Subnet!.Value] : [.. settings.Network.Subnets];
        if (!SweepTargets.TryCreate(subnets, link.Address, out SweepTargets targets, out string targetsError))
        {
            throw new UsageException($"{request.ConfigPath}: network.subnets: {targetsError}");
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

        FootfallStore store;
        try
        {
            store = FootfallStore.Open(request.DataDirectory, TimeProvider.System);
        }
        catch (StoreException e)
        {
            Console.Error.WriteLine($"footfall: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        CaptureRecorder? recorder = null;
        if (request.CapturePath is { } capturePath)
        {
            try
            {
                recorder = CaptureRecorder.Create(capturePath, request.CaptureBytes, problem => log.Warn($"capture: {problem}"));
                log.Info($"capture: recording every frame received (ARP, DHCP, IPv6 ND) into {recorder.Path} (at most {request.CaptureSize} with {recorder.Path}.1)");
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
            if (store.VersionNote is { } note)
            {
                log.Warn($"store: {note}");
            }
            store.SyncPeople(settings.People);
            store.RecordSiteTimeZone(settings.Site.TimeZone.Id);
            log.Info($"{BuildInfo.Line} starting: {settings.People.Count} people; sweeping {link.Name} ({string.Join(", ", subnets)}, {targets.Count} addresses) every {settings.Network.SweepInterval.TotalSeconds:0.#} s; data in {store.DatabasePath}");
            int exitCode = new DaemonHost(settings, link, targets, store, log, TimeProvider.System) { Hardware = request.Hardware with { Capture = recorder } }.RunAsync(stopping.Token).GetAwaiter().GetResult();
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
