using System.CommandLine;
using Footfall.Store;

namespace Footfall.Cli;

/// <summary>`footfall devices`: every device seen recently, known or not, so an admin can find a new phone's MAC.</summary>
public static class DevicesCommand
{
    public static Command Create()
    {
        Option<string?> dataOption = StoreReading.DataOption();
        Option<bool> jsonOption = StoreReading.JsonOption();
        var command = new Command("devices", "Show the devices seen on the LAN, most recent first, with their owner or 'unknown' (unknown ones are kept for a day). Reads the daemon's database; safe while it runs.")
        {
            dataOption, jsonOption,
        };
        command.SetAction(parse => StoreReading.Query(parse.GetValue(dataOption), store => Write(store.Devices(), parse.GetValue(jsonOption))));
        return command;
    }

    private static int Write(IReadOnlyList<DeviceRow> devices, bool json)
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
        var table = new TextTable("MAC", "LAST IP", "OWNER", "FIRST SEEN", "LAST SEEN");
        foreach (DeviceRow d in devices)
        {
            table.Add($"{d.Mac}{(d.IsLocallyAdministered ? "*" : " ")}", d.LastIp.ToString(), d.Person ?? "unknown", StoreReading.Time(d.FirstSeen), StoreReading.Time(d.LastSeen));
        }
        table.Write(stdout);
        if (devices.Any(d => d.IsLocallyAdministered))
        {
            stdout.WriteLine();
            stdout.WriteLine("* locally administered (randomised) MAC: a phone's private address; it may change if the phone forgets this network.");
        }
        return ExitCodes.Success;
    }
}
