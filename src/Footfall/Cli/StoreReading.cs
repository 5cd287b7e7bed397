using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Cli;

/// <summary>What who, log and devices share: the --data and --json options, opening the store read-only, and output.</summary>
public static class StoreReading
{
    public static Option<string?> DataOption() => new("--data")
    {
        Description = $"The daemon's data directory, which holds {FootfallStore.FileName} (default: {FootfallStore.DefaultDataDirectory}; /data/footfall on the appliance).",
        HelpName = "DIR",
    };

    public static Option<bool> JsonOption() => new("--json")
    {
        Description = "Print JSON for scripts instead of a table.",
    };

    /// <summary>
    /// Opens the store read-only (the daemon may be writing: WAL lets both go on) and runs <paramref name="query"/>.
    /// No database there is a usage error: the user named the wrong directory, or none.
    /// </summary>
    public static int Query(string? dataDirectory, Func<FootfallStore, int> query)
    {
        string directory = dataDirectory ?? FootfallStore.DefaultDataDirectory;
        FootfallStore store;
        try
        {
            store = FootfallStore.OpenReadOnly(directory);
        }
        catch (StoreMissingException e) when (File.Exists(FootfallStore.DatabasePathIn(directory)))
        {
            throw new UsageException($"{e.Message} Try again in a moment.");
        }
        catch (StoreMissingException)
        {
            string which = dataDirectory is null ? "the default data directory " : "";
            throw new UsageException($"There is no footfall database in {which}'{directory}' (no {FootfallStore.FileName} there). Point --data at the daemon's data directory (/data/footfall on the appliance), or start the daemon there first (footfall run --data DIR).");
        }
        catch (StoreException e)
        {
            Console.Error.WriteLine($"footfall: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        using (store)
        {
            try
            {
                return query(store);
            }
            catch (StoreException e)
            {
                Console.Error.WriteLine($"footfall: {e.Message}");
                return ExitCodes.RuntimeFailure;
            }
        }
    }

    public static TextWriter Stdout() => new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { NewLine = "\n" };

    public static void WriteJson<T>(T value, JsonTypeInfo<T> type)
    {
        using Stream stdout = Console.OpenStandardOutput();
        JsonSerializer.Serialize(stdout, value, type);
        stdout.Write("\n"u8);
    }

    /// <summary>
    /// The clock people read times in: site.timeZone as the daemon recorded it when it started (these commands
    /// take --data, not the configuration), or the machine's zone for a database no daemon has started on yet.
    /// JSON carries UTC instead.
    /// </summary>
    public static SiteClock Clock(FootfallStore store) => SiteClock.For(store.SiteTimeZone(), TimeZoneInfo.Local);
}
