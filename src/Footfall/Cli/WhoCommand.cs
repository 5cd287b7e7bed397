using System.CommandLine;
using Footfall.Store;

namespace Footfall.Cli;

/// <summary>`footfall who`: everyone configured, those who are in first, from the daemon's database.</summary>
public static class WhoCommand
{
    public static Command Create()
    {
        Option<string?> dataOption = StoreReading.DataOption();
        Option<bool> jsonOption = StoreReading.JsonOption();
        var command = new Command("who", "Show who is in now: everyone configured, with when they arrived and when one of their devices was last seen. Reads the daemon's database; safe while it runs.")
        {
            dataOption, jsonOption,
        };
        command.SetAction(parse => StoreReading.Query(parse.GetValue(dataOption), store => Write(store.Who(), parse.GetValue(jsonOption))));
        return command;
    }

    private static int Write(IReadOnlyList<WhoRow> people, bool json)
    {
        if (json)
        {
            StoreReading.WriteJson(
                new WhoJson([.. people.Select(p => new PersonJson(p.Name, p.Pronoun, p.IsIn, p.Since?.ToUniversalTime(), p.LastSeen?.ToUniversalTime(), p.Devices))]),
                CliJson.Default.WhoJson);
            return ExitCodes.Success;
        }
        using TextWriter stdout = StoreReading.Stdout();
        if (people.Count == 0)
        {
            stdout.WriteLine("Nobody is configured yet: the daemon records the people of its configuration when it starts.");
            return ExitCodes.Success;
        }
        var table = new TextTable("NAME", "STATUS", "SINCE", "LAST SEEN");
        foreach (WhoRow p in people)
        {
            table.Add(p.Name, p.IsIn ? "in" : "out", p.IsIn ? StoreReading.Time(p.Since) : "-", StoreReading.Time(p.LastSeen));
        }
        table.Write(stdout);
        return ExitCodes.Success;
    }
}
