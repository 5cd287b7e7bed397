using Footfall.Capture;
using Footfall.Config;
using Footfall.Interop.Linux;
using Footfall.Net.Linux;
using Footfall.Runtime;

namespace Footfall.Cli.Doctor;

/// <summary>The checks of this machine itself: the network interface, capturing on it, the native libraries, the watchdog, the clock.</summary>
internal static class HostChecks
{
    private const string NetClass = "/sys/class/net";

    /// <summary>The interface footfall would sweep: network.interface, or the default route's.</summary>
    public static string? InterfaceName(FootfallSettings? settings) => settings?.Network.Interface ?? DefaultRoute.FindInterface();

    public static CheckResult Interface(string? name)
    {
        if (name is null)
        {
            return CheckResult.Problem("interface", "no default route, so no interface to sweep: plug in the network (DHCP), or set network.interface");
        }
        if (!Directory.Exists(Path.Combine(NetClass, name)))
        {
            string others = string.Join(", ", Directory.Exists(NetClass) ? Directory.EnumerateDirectories(NetClass).Select(Path.GetFileName).Where(n => n != "lo").Order(StringComparer.Ordinal) : []);
            return CheckResult.Problem($"interface {name}", $"no such network interface: set network.interface to one this machine has ({(others.Length == 0 ? "none" : others)})");
        }
        string? carrier;
        try
        {
            carrier = File.ReadAllText(Path.Combine(NetClass, name, "carrier"));
        }
        catch (IOException)
        {
            // The kernel refuses to read carrier (EINVAL) while the interface is administratively down.
            carrier = null;
        }
        return DoctorReport.Carrier(name, carrier);
    }

    /// <summary>Opens the capture link as the sweeper would, and closes it at once: libpcap and CAP_NET_RAW together.</summary>
    public static CheckResult Capture(string? name)
    {
        if (name is null || !Directory.Exists(Path.Combine(NetClass, name)))
        {
            return CheckResult.Skipped("capture", "no interface to capture on (above)");
        }
        try
        {
            PcapLink.Open(InterfaceInfo.Query(name)).Dispose();
            return CheckResult.Ok($"capture on {name}", "footfall may send and receive ARP frames");
        }
        catch (CaptureException e)
        {
            return CheckResult.Problem($"capture on {name}", e.PermissionDenied ? PcapLink.MissingCapabilityMessage : e.Message);
        }
        catch (LinuxException e)
        {
            return CheckResult.Problem($"capture on {name}", e.Message);
        }
        catch (InvalidOperationException e)
        {
            // Not Ethernet (the loopback, a tunnel): the sweeper refuses it, so the doctor says so.
            return CheckResult.Problem($"capture on {name}", e.Message);
        }
    }

    /// <summary>Loads the library as the runtime would, and unloads it: nothing of it runs.</summary>
    public static CheckResult Library(NativeDependency library, string? whyNotNeeded, string? codename)
    {
        string subject = $"library {NativeLibraries.FileName(library)}";
        if (whyNotNeeded is not null)
        {
            return CheckResult.Skipped(subject, whyNotNeeded);
        }
        if (NativeLibraryProbe.CanLoad(library))
        {
            return CheckResult.Ok(subject, "loads");
        }
        return CheckResult.Problem(subject, NativeLibraries.Message(library, codename));
    }

    /// <summary>The watchdog device exists and could be written. It is not opened: opening it arms it.</summary>
    public static CheckResult Watchdog(WatchdogSettings settings)
    {
        string device = settings.Device;
        if (!File.Exists(device))
        {
            return CheckResult.Problem($"watchdog {device}", "no such device: footfall would run without a hardware watchdog (on a Pi the image loads bcm2835_wdt; elsewhere load the board's watchdog driver, or set watchdog.device)");
        }
        if (Libc.access(device, Libc.W_OK) != 0)
        {
            return CheckResult.Problem($"watchdog {device}", "not writable by this user: footfall run needs root (or the device's group) to feed it");
        }
        return CheckResult.Ok($"watchdog {device}", "present and writable (not opened: that would arm it)");
    }

    /// <summary>
    /// Whether the clock is known to be right: the marker announce.x.clockSync names (systemd-timesyncd's by
    /// default), as footfall waits for it before signing anything.
    /// </summary>
    public static CheckResult Clock(FootfallSettings? settings)
    {
        XSettings? x = settings?.Announce?.X;
        string? marker = x is null ? XSettings.TimesyncdMarker : x.ClockSyncMarker;
        if (marker is null)
        {
            return CheckResult.Ok("clock", "trusted as it is (announce.x.clockSync is \"system\")");
        }
        return File.Exists(marker)
            ? CheckResult.Ok("clock", $"synchronised ({marker} exists)")
            : CheckResult.Problem("clock", $"not known to be synchronised ({marker} does not exist): check that the network lets NTP through (systemd-timesyncd); posts on X wait for it");
    }
}
