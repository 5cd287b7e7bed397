using System.CommandLine;
using System.Net;
using Footfall.Config;
using Footfall.Feed;
using Footfall.Runtime;
using Footfall.Store;

namespace Footfall.Cli.Report;

/// <summary>
/// `footfall report DIR [--config FILE] [--data DIR]`: footfall's part of a support report, written into DIR —
/// the version, the configuration with its secrets masked, who/log/devices/feed and the Pi as their --json,
/// the database's integrity, health as the status page gives it, and the doctor's lines — then every file in
/// DIR, those it found there too, searched for each configured secret and masked. The image's stick script
/// adds the journal and the boots first (docs/operating.md, "A support report").
/// </summary>
public static class ReportCommand
{
    private static readonly TimeSpan s_pageTimeout = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var folderArgument = new Argument<string>("DIR")
        {
            Description = "The folder to write into; made if missing. Files already in it are kept, listed and scrubbed of secrets too.",
        };
        var configOption = new Option<string?>("--config", "-c")
        {
            Description = "The configuration in force (footfall.json): included with its secrets masked, and every file is searched for them.",
            HelpName = "FILE",
        };
        Option<string?> dataOption = StoreReading.DataOption();
        var command = new Command("report", "Write a support report into a folder: the version, the configuration with its secrets masked, who, log, devices and feed as JSON, the Pi's episodes, the database's integrity_check, health from the status page, and the doctor's checks. No configured secret is left in any file of the folder. On the appliance, a USB stick with a 'footfall-report' folder gets one (docs/operating.md).")
        {
            folderArgument, configOption, dataOption,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(folderArgument)!, parse.GetValue(configOption), parse.GetValue(dataOption), Console.Out));
        return command;
    }

    /// <summary>The whole command short of parsing; the tests drive it with their own folder and writer.</summary>
    internal static async Task<int> RunAsync(string folderPath, string? configPath, string? dataDirectory, TextWriter stdout)
    {
        if (File.Exists(folderPath) || new FileInfo(folderPath).LinkTarget is not null)
        {
            throw new UsageException($"'{folderPath}' is a file or a link, not a folder to write a report into.");
        }
        try
        {
            Directory.CreateDirectory(folderPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"footfall: cannot make the report folder '{folderPath}': {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        var folder = new ReportFolder(folderPath);
        HashSet<string> found = [.. Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder.Path, f))];

        folder.Note("version.txt", "footfall's version, the machine and when this report was made", string.Join("\n",
            BuildInfo.Line,
            $"host: {Environment.MachineName}",
            $"os: {OsRelease.Codename() ?? "unknown"}",
            $"report made: {TimeProvider.System.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ}"));
        (FootfallSettings? settings, IReadOnlyList<string> secrets) = ReportConfig.Write(folder, configPath);
        try
        {
            ReportStore.Write(folder, dataDirectory ?? FootfallStore.DefaultDataDirectory, FeedRules.From(settings?.Announce));
        }
        catch (StoreException e)
        {
            folder.Note("database.txt", "the database (could not be opened)", e.Message);
        }
        await folder.PartAsync("health.json", "health now, as the status page's /api/health says it", () => HealthAsync(settings)).ConfigureAwait(false);
        await folder.PartAsync("doctor.txt", "`footfall doctor`'s checks, with the configuration in force", async () =>
        {
            using var output = new StringWriter { NewLine = "\n" };
            try
            {
                await Doctor.DoctorCommand.CheckAsync(output, settings is null ? null : configPath, settings).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The lines said so far are worth keeping.
                output.WriteLine($"(the doctor stopped here: {e.Message})");
            }
            return output.ToString();
        }).ConfigureAwait(false);

        var scrubber = new SecretScrubber(secrets);
        folder.Note("README.txt", "this list", string.Join("\n", Readme(folder, found, scrubber, secrets.Count)));
        foreach (string line in folder.Scrub(scrubber))
        {
            stdout.WriteLine($"report: {line}");
        }
        stdout.WriteLine($"report: written to {folder.Path}");
        return ExitCodes.Success;
    }

    private static IEnumerable<string> Readme(ReportFolder folder, IReadOnlySet<string> found, SecretScrubber scrubber, int secrets)
    {
        yield return $"A footfall support report ({BuildInfo.Line}). docs/operating.md, \"A support report\", says what each file holds.";
        yield return "";
        foreach (string line in folder.Index)
        {
            yield return line;
        }
        foreach (string name in found.Order(StringComparer.Ordinal))
        {
            yield return $"{name}: from the appliance (see docs/operating.md)";
        }
        yield return "README.txt: this list";
        yield return "";
        yield return secrets == 0
            ? "Secrets: the configuration holds none."
            : $"Secrets: every file was searched for the configuration's secrets and each was replaced by {(scrubber.Mask.Length == 0 ? "nothing" : System.Text.Encoding.UTF8.GetString(scrubber.Mask))}.";
    }

    /// <summary>/api/health from the daemon's own page, on this machine.</summary>
    private static async Task<string> HealthAsync(FootfallSettings? settings)
    {
        StatusSettings page = settings?.Status ?? new StatusSettings();
        if (!page.Enabled)
        {
            return "The status page is off (status.enabled is false): health is only in the journal (health-changes.txt).";
        }
        IPEndPoint at = page.ListenOrDefault(Environment.GetEnvironmentVariable);
        IPAddress address = at.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : at.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : at.Address;
        var url = new Uri($"http://{new IPEndPoint(address, at.Port)}/api/health");
        using var client = new HttpClient { Timeout = s_pageTimeout };
        try
        {
            return await client.GetStringAsync(url).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"The status page at {url} did not answer ({e.Message}): is footfall running? The journal (journal-this-boot.txt) says.";
        }
    }
}
