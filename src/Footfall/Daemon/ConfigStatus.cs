using Footfall.Runtime;

namespace Footfall.Daemon;

/// <summary>
/// What the image's USB stick importer says about the configuration, in the file named by
/// FOOTFALL_CONFIG_STATUS (image/README.md has the contract): line 1 is missing, applied, unchanged or
/// rejected, the lines after it the reasons. footfall keeps running on the last good configuration
/// when a stick's file is rejected, so it watches this file and shows the verdict on the status LED.
/// </summary>
public static class ConfigStatus
{
    public const string EnvironmentVariable = "FOOTFALL_CONFIG_STATUS";

    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(2);

    /// <summary>The problem the file's text states for the config health area, or null when there is none.</summary>
    public static string? Problem(string? text)
    {
        if (text is null)
        {
            return null;
        }
        string[] lines = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string reasons = string.Join("; ", lines.Skip(1));
        return lines.FirstOrDefault() switch
        {
            "missing" => "needs config: no footfall.json has been supplied yet (put one on a USB stick)",
            "rejected" => $"the USB stick's footfall.json was rejected, the last good configuration stays in force: {reasons}",
            _ => null,
        };
    }

    /// <summary>Reads the file now and whenever it changes, until stopped; does nothing when the variable is not set.</summary>
    public static async Task WatchAsync(string? path, Health health, Log log, TimeProvider time, CancellationToken stopping)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }
        string? shown = null;
        using var timer = new PeriodicTimer(s_pollEvery, time);
        do
        {
            string? problem = Problem(Read(path));
            if (problem != shown)
            {
                health.SetProblem(HealthAreas.Config, problem);
                if (problem is not null)
                {
                    log.Warn($"config: {problem}");
                }
                else
                {
                    log.Info("config: the configuration problem is resolved");
                }
                shown = problem;
            }
        }
        while (await Tick(timer, stopping).ConfigureAwait(false));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string? Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            // The importer writes a few lines; anything large is not its file.
            return info.Exists && info.Length <= 64 * 1024 ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
