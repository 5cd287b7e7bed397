using System.CommandLine;
using Footfall.Contracts;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Cli;

/// <summary>`footfall log`: the event history, oldest first, with what became of each announcement.</summary>
public static class LogCommand
{
    private const int DefaultLimit = 50;

    public static Command Create()
    {
        Option<string?> dataOption = StoreReading.DataOption();
        Option<bool> jsonOption = StoreReading.JsonOption();
        var limitOption = new Option<int>("--limit", "-n")
        {
            Description = "Show at most the latest N events.",
            DefaultValueFactory = _ => DefaultLimit,
            HelpName = "N",
        };
        var sinceOption = new Option<string?>("--since")
        {
            Description = "Show only events from the last DURATION, e.g. 10m, 8h, 7d.",
            HelpName = "DURATION",
        };
        var command = new Command("log", "Show the event history: arrivals, departures, unknown devices, and whether each was announced. Reads the daemon's database; safe while it runs.")
        {
            dataOption, jsonOption, limitOption, sinceOption,
        };
        command.SetAction(parse => Run(parse.GetValue(dataOption), parse.GetValue(jsonOption), parse.GetValue(limitOption), parse.GetValue(sinceOption)));
        return command;
    }

    private static int Run(string? dataDirectory, bool json, int limit, string? sinceText)
    {
        if (limit < 1)
        {
            throw new UsageException($"--limit must be at least 1, not {limit}.");
        }
        DateTimeOffset? since = null;
        if (sinceText is not null)
        {
            if (!HumanDuration.TryParse(sinceText, out TimeSpan window))
            {
                throw new UsageException($"--since '{sinceText}' is not a duration like 10m, 8h or 7d.");
            }
            since = TimeProvider.System.GetUtcNow() - window;
        }
        return StoreReading.Query(dataDirectory, store => Write(store.Log(limit, since), json, StoreReading.Clock(store)));
    }

    private static int Write(IReadOnlyList<LogRow> rows, bool json, SiteClock clock)
    {
        if (json)
        {
            StoreReading.WriteJson(StoreJson.Log(rows), CliJson.Default.LogJson);
            return ExitCodes.Success;
        }
        using TextWriter stdout = StoreReading.Stdout();
        if (rows.Count == 0)
        {
            stdout.WriteLine("No events yet.");
            return ExitCodes.Success;
        }
        var table = new TextTable("TIME", "EVENT", "WHO", "DEVICE", "IP", "ANNOUNCEMENT");
        foreach (LogRow row in rows)
        {
            PresenceEvent e = row.Event;
            table.Add(
                clock.DateTime(e.At),
                EventWords.Describe(e),
                e.Person ?? "unknown",
                e.Mac?.ToString() ?? "-",
                e.Ip?.ToString() ?? "-",
                Announcement(row));
        }
        table.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine(clock.Footer);
        return ExitCodes.Success;
    }

    private static string Announcement(LogRow row) => row.Announcement switch
    {
        null => "-",
        OutboxState state when row.AnnouncementDetail is { Length: > 0 } detail => $"{StoredNames.Of(state)}: {detail}",
        OutboxState state => StoredNames.Of(state),
    };
}
