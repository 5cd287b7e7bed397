using System.CommandLine;
using Footfall.Contracts;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Cli;

/// <summary>`footfall devices`: every device seen recently, known or not, so an admin can find a new phone's MAC.</summary>
public static class DevicesCommand
{
    public static Command Create()
    {
        Option<string?> dataOption = StoreReading.DataOption();
        Option<bool> jsonOption = StoreReading.JsonOption();
        var command = new Command("devices", "Show the devices seen on the LAN, most recent first, with their owner or 'unknown' (unknown ones are kept for a day), their DHCP hostname, and a note when a private MAC is probably a known person's phone, when a device counts for someone by people[].hostnames, or when two MACs answer for one IP. Reads the daemon's database; safe while it runs.")
        {
            dataOption, jsonOption,
        };
        command.SetAction(parse => StoreReading.Query(parse.GetValue(dataOption), store => Write(store.Devices(), parse.GetValue(jsonOption), store)));
        return command;
    }

    private static int Write(IReadOnlyList<DeviceRow> devices, bool json, FootfallStore store)
    {
        if (json)
        {
            StoreReading.WriteJson(
                StoreJson.Devices(devices),
                CliJson.Default.DevicesJson);
            return ExitCodes.Success;
        }
        using TextWriter stdout = StoreReading.Stdout();
        if (devices.Count == 0)
        {
            stdout.WriteLine("No devices seen yet.");
            return ExitCodes.Success;
        }
        // The hostname and note columns appear only when some device has one, so a plain LAN stays narrow.
        SiteClock clock = StoreReading.Clock(store);
        bool hostnames = devices.Any(d => d.Dhcp?.Hostname is not null);
        bool notes = devices.Any(d => DeviceNotes.Of(d).Length > 0);
        var table = new TextTable([
            "MAC", "LAST IP", "OWNER", .. hostnames ? ["HOSTNAME"] : Array.Empty<string>(), "FIRST SEEN", "LAST SEEN", .. notes ? ["NOTE"] : Array.Empty<string>()]);
        foreach (DeviceRow d in devices)
        {
            table.Add([
                $"{d.Mac}{(d.IsLocallyAdministered ? "*" : " ")}", d.LastIp == Net.Ipv4Address.Any ? "-" : d.LastIp.ToString(), d.Person ?? "unknown",
                .. hostnames ? [d.Dhcp?.Hostname ?? "-"] : Array.Empty<string>(),
                clock.DateTime(d.FirstSeen), clock.DateTime(d.LastSeen),
                .. notes ? [DeviceNotes.Of(d)] : Array.Empty<string>()]);
        }
        table.Write(stdout);
        if (devices.Any(d => d.IsLocallyAdministered))
        {
            stdout.WriteLine();
            stdout.WriteLine("* locally administered (randomised) MAC: a phone's private address; it may change if the phone forgets this network.");
        }
        stdout.WriteLine();
        stdout.WriteLine(clock.Footer);
        return ExitCodes.Success;
    }
}
