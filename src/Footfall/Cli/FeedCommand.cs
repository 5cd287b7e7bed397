using System.CommandLine;
using System.Runtime.InteropServices;
using Footfall.Feed;
using Footfall.Runtime;
using Footfall.Store;

namespace Footfall.Cli;

/// <summary>
/// `footfall feed [--data DIR] [--follow] [-n N]`: the event history told as short ambient lines; with --follow
/// it keeps printing new lines as the daemon writes events (polling the database), until Ctrl-C or SIGTERM.
/// </summary>
public static class FeedCommand
{
    private const int DefaultLines = 20;

    // The history a feed is told from: enough events for the last N lines, however much they aggregate.
    private const int MinimumHistory = 2_000;

    // How often --follow looks at the database for new events: a second, so a line comes within a
    // second of its window closing; one indexed query a time, nothing more.
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(1);

    // Even a line due now waits this long: a loop that never sleeps must not happen, whatever the clock does.
    private static readonly TimeSpan s_shortestWait = TimeSpan.FromMilliseconds(50);

    public static Command Create()
    {
        Option<string?> dataOption = StoreReading.DataOption();
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print JSON for scripts instead: one object per line (at, kind, text, eventIds), also under --follow.",
        };
        var followOption = new Option<bool>("--follow", "-f")
        {
            Description = "Keep going: print new lines as they happen, like tail -f, until Ctrl-C. A line comes once its window is over (a minute: arrivals within it are one line).",
        };
        var linesOption = new Option<int>("--lines", "-n")
        {
            Description = "Show the latest N lines of the history first (0: none, with --follow only what happens from now on).",
            DefaultValueFactory = _ => DefaultLines,
            HelpName = "N",
        };
        var configOption = new Option<string?>("--config", "-c")
        {
            Description = "Take the aggregation window and cooldown from this configuration's \"announce\" section, as the posts use them (default: a minute and an hour).",
            HelpName = "FILE",
        };
        var command = new Command("feed", "Show the ambient feed: arrivals, departures, visitors' devices and the office going quiet, told as short lines (\"Bob and Carol arrived together\"). Arrivals within a minute are one line, an unknown device is mentioned at most once an hour, and there are never more than 5 lines a minute. Reads the daemon's database; safe while it runs.")
        {
            dataOption, followOption, linesOption, jsonOption, configOption,
        };
        command.SetAction(parse => Run(
            parse.GetValue(dataOption), parse.GetValue(followOption), parse.GetValue(linesOption), parse.GetValue(jsonOption), parse.GetValue(configOption)));
        return command;
    }

    private static int Run(string? dataDirectory, bool follow, int lines, bool json, string? configPath)
    {
        if (lines < 0)
        {
            throw new UsageException($"--lines must be 0 or more, not {lines}.");
        }
        FeedRules rules = new();
        TimeZoneInfo? zone = null;
        if (configPath is not null)
        {
            if (CliConfig.Load(configPath) is not { } settings)
            {
                return ExitCodes.BadUsage;
            }
            rules = FeedRules.From(settings.Announce);
            zone = settings.Site.TimeZone;
        }
        return StoreReading.Query(dataDirectory, store =>
        {
            using TextWriter stdout = StoreReading.Stdout();
            // The configuration given names the site's zone; without one, the zone the daemon recorded.
            var writer = new FeedWriter(stdout, json, terminal: !Console.IsOutputRedirected, zone ?? StoreReading.Clock(store).Zone);
            try
            {
                return Show(store, rules, writer, follow, lines);
            }
            catch (IOException)
            {
                // The reader went away (`footfall feed -f | head -3`): nothing more to say to anyone.
                return ExitCodes.Success;
            }
        });
    }

    /// <summary>
    /// The latest <paramref name="lines"/> lines the history tells (fewer when there are fewer), and the composer
    /// that told them, ready to go on with new events.
    /// </summary>
    /// <param name="follow">True leaves what is still inside its window untold, for the composer to tell once it closes.</param>
    internal static (IReadOnlyList<FeedEntry> Told, FeedComposer Composer) Tell(FootfallStore store, FeedRules rules, int lines, bool follow)
    {
        IReadOnlyList<FeedEvent> history = [.. store.Log((int)Math.Clamp(lines * 20L, MinimumHistory, int.MaxValue)).Select(row => new FeedEvent(row.Id, row.Event))];
        IEnumerable<string> peopleIn = store.Who().Where(w => w.IsIn).Select(w => w.Name);
        var composer = new FeedComposer(rules, TimeProvider.System, FeedComposer.PeopleInBefore(history, peopleIn));
        // A snapshot tells what is still inside its window too; a feed that follows waits for it to close.
        IReadOnlyList<FeedEntry> told = follow ? composer.Advance(history) : [.. composer.Advance(history), .. composer.Finish()];
        return ([.. told.Skip(Math.Max(0, told.Count - lines))], composer);
    }

    private static int Show(FootfallStore store, FeedRules rules, FeedWriter writer, bool follow, int lines)
    {
        (IReadOnlyList<FeedEntry> told, FeedComposer composer) = Tell(store, rules, lines, follow);
        if (told.Count == 0 && lines > 0)
        {
            writer.WriteNothingYet(follow);
        }
        foreach (FeedEntry entry in told)
        {
            writer.Write(entry, live: false);
        }
        return follow ? Follow(store, composer, writer) : ExitCodes.Success;
    }

    private static int Follow(FootfallStore store, FeedComposer composer, FeedWriter writer)
    {
        using var stopping = new CancellationTokenSource();
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        while (!stopping.IsCancellationRequested)
        {
            foreach (FeedEntry entry in composer.Advance(store.EventsAfter(composer.LastEventId, 500)))
            {
                writer.Write(entry, live: true);
            }
            TimeSpan wait = s_pollEvery;
            if (composer.NextDue - TimeProvider.System.GetUtcNow() is { } untilDue && untilDue < wait)
            {
                wait = untilDue < s_shortestWait ? s_shortestWait : untilDue;
            }
            stopping.Token.WaitHandle.WaitOne(wait);
        }
        return ExitCodes.Success;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
    }
}
