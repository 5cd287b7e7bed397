using System.CommandLine;
using Footfall.Contracts;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Cli;

/// <summary>`footfall who`: everyone configured, those who are in first, from the daemon's database; under them, the Pi's health.</summary>
public static class WhoCommand
{
    public static Command Create()
    {
        Option<string?> dataOption = StoreReading.DataOption();
        Option<bool> jsonOption = StoreReading.JsonOption();
        var command = new Command("who", "Show who is in now: everyone configured, with when they arrived and when one of their devices was last seen. Under them, the Pi's under-voltage and overheating of the last week and its temperature. Reads the daemon's database; safe while it runs.")
        {
            dataOption, jsonOption,
        };
        command.SetAction(parse => StoreReading.Query(parse.GetValue(dataOption), store => Write(store, parse.GetValue(jsonOption))));
        return command;
    }

    private static int Write(FootfallStore store, bool json)
    {
        IReadOnlyList<WhoRow> people = store.Who();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        IReadOnlyList<PiHealth.PiEpisode> episodes = store.PiEpisodes(now - PiFooter.Window);
        PiReadingRow? reading = store.LastPiReading();
        if (json)
        {
            StoreReading.WriteJson(StoreJson.Who(people, episodes, reading, now), CliJson.Default.WhoJson);
            return ExitCodes.Success;
        }
        using TextWriter stdout = StoreReading.Stdout();
        SiteClock clock = StoreReading.Clock(store);
        if (people.Count == 0)
        {
            stdout.WriteLine("Nobody is configured yet: the daemon records the people of its configuration when it starts.");
        }
        else
        {
            var table = new TextTable("NAME", "STATUS", "SINCE", "LAST SEEN");
            foreach (WhoRow p in people)
            {
                table.Add(p.Name, p.IsIn ? "in" : "out", p.IsIn ? clock.DateTime(p.Since) : "-", clock.DateTime(p.LastSeen));
            }
            table.Write(stdout);
        }
        // Under the table, after one blank line: the Pi's health when there is any, then the zone named once.
        string?[] footers = [PiFooter.Line(episodes, reading, now, clock.Zone), people.Count > 0 ? clock.Footer : null];
        if (footers.Any(f => f is not null))
        {
            stdout.WriteLine();
        }
        foreach (string footer in footers.OfType<string>())
        {
            stdout.WriteLine(footer);
        }
        return ExitCodes.Success;
    }
}
