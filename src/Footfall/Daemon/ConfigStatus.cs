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

    /// <summary>The problem the file's text states for the config health area, or null when there is none.</summary>
    public static string? Problem(string? text)
    {
        if (text is null)
        {
            return null;
        }
        string[] lines = StatusFile.Lines(text);
        string reasons = string.Join("; ", lines.Skip(1));
        return lines.FirstOrDefault() switch
        {
            "missing" => "needs config: no footfall.json has been supplied yet (put one on a USB stick)",
            "rejected" => $"the USB stick's footfall.json was rejected, the last good configuration stays in force: {reasons}",
            _ => null,
        };
    }

    /// <summary>Reads the file now and whenever it changes, until stopped; does nothing when the variable is not set.</summary>
    public static Task WatchAsync(string? path, Health health, Log log, TimeProvider time, CancellationToken stopping)
    {
        string? shown = null;
        return StatusFile.WatchAsync(path, text =>
        {
            string? problem = Problem(text);
            if (problem == shown)
            {
                return;
            }
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
        }, time, stopping);
    }
}
