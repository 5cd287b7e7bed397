using System.Globalization;
using Footfall.Contracts;
using Footfall.Feed;
using Footfall.Store;

namespace Footfall.Cli.Report;

/// <summary>The database's parts of a support report: who, log, devices, feed and the Pi as their --json, and the file's health.</summary>
internal static class ReportStore
{
    /// <summary>The latest events a report carries: months of an office, in a few megabytes.</summary>
    public const int LogEvents = 10_000;

    /// <summary>The latest feed lines a report carries.</summary>
    public const int FeedLines = 500;

    public static void Write(ReportFolder folder, string dataDirectory, FeedRules rules)
    {
        string path = FootfallStore.DatabasePathIn(dataDirectory);
        if (!File.Exists(path))
        {
            folder.Note("database.txt", "the database", $"There is no database at {path}: footfall has not run here yet, or /data was re-made.");
            return;
        }
        using FootfallStore store = FootfallStore.OpenReadOnly(dataDirectory);
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        folder.Text("database.txt", "the database: SQLite's integrity_check, its schema version and sizes", () => Database(store, path));
        folder.Json("who.json", "who is in, as `footfall who --json`", () => StoreJson.Who(store, now), CliJson.Default.WhoJson);
        folder.Json("log.json", $"the latest {LogEvents} events, as `footfall log --json -n {LogEvents}`",
            () => StoreJson.Log(store.Log(LogEvents, null)), CliJson.Default.LogJson);
        folder.Json("devices.json", "the devices seen, as `footfall devices --json`", () => StoreJson.Devices(store.Devices()), CliJson.Default.DevicesJson);
        folder.Text("feed.jsonl", $"the latest {FeedLines} feed lines, as `footfall feed --json -n {FeedLines}` (one object a line)",
            () => FeedCommand.Tell(store, rules, FeedLines, follow: false).Told.Select(FeedJsonLine));
        folder.Json("pi.json", "the Pi's under-voltage and overheating episodes, all kept, and the daemon's last reading (pi null: no sensor was ever read)", () =>
        {
            IReadOnlyList<PiHealth.PiEpisode> episodes = store.PiEpisodes(DateTimeOffset.UnixEpoch);
            DateTimeOffset since = episodes.Count > 0 ? episodes.Min(e => e.Start) : now;
            return new PiReportJson(PiFooter.Json(episodes, store.LastPiReading(), now, since));
        }, ReportJson.Default.PiReportJson);
    }

    private static string FeedJsonLine(FeedEntry entry) =>
        System.Text.Json.JsonSerializer.Serialize(FeedEntryJson.From(entry), FeedJsonContext.Default.FeedEntryJson);

    private static IEnumerable<string> Database(FootfallStore store, string path)
    {
        yield return $"file: {path}";
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            var info = new FileInfo(path + suffix);
            if (info.Exists)
            {
                yield return $"  {info.Name}: {info.Length.ToString(CultureInfo.InvariantCulture)} bytes, changed {info.LastWriteTimeUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
            }
        }
        (int schema, long pageSize, long pages, long free) = store.FileFacts();
        yield return $"schema version: {schema.ToString(CultureInfo.InvariantCulture)}";
        yield return $"pages: {pages.ToString(CultureInfo.InvariantCulture)} of {pageSize.ToString(CultureInfo.InvariantCulture)} bytes, {free.ToString(CultureInfo.InvariantCulture)} free";
        yield return "integrity_check:";
        foreach (string line in store.IntegrityCheck())
        {
            yield return $"  {line}";
        }
    }
}
