using Footfall.Runtime;

namespace Footfall.Daemon;

/// <summary>
/// What the image's support-report script says about a USB stick, in the file named by FOOTFALL_REPORT_STATUS
/// (image/README.md has the contract): line 1 is writing, done or failed, line 2 what and where. While
/// writing, the status LED says to leave the stick in; once done or failed (the stick is unmounted either
/// way) that it may be pulled out, until the script removes the file when the stick is gone.
/// </summary>
public static class ReportStatus
{
    public const string EnvironmentVariable = "FOOTFALL_REPORT_STATUS";

    /// <summary>The health area the file's text puts the status LED in and what the page says, or nulls when none.</summary>
    public static (string? Area, string? Text) Notice(string? text)
    {
        string[] lines = StatusFile.Lines(text);
        string detail = string.Join("; ", lines.Skip(1));
        string more = detail.Length > 0 ? $" ({detail})" : "";
        return lines.FirstOrDefault() switch
        {
            "writing" => (HealthAreas.StickWriting, $"writing a support report to the USB stick{more}: leave it in"),
            "done" => (HealthAreas.StickDone, $"the support report is on the USB stick{more}: it may be pulled out"),
            "failed" => (HealthAreas.StickDone, $"no support report was written to the USB stick{more}; nothing on it changed and it may be pulled out"),
            _ => (null, null),
        };
    }

    /// <summary>Reads the file now and whenever it changes, until stopped; does nothing when the variable is not set.</summary>
    public static Task WatchAsync(string? path, Health health, Log log, TimeProvider time, CancellationToken stopping) =>
        StatusFile.WatchAsync(path, text =>
        {
            (string? area, string? notice) = Notice(text);
            StatusFile.Show(health, area, notice, HealthAreas.StickWriting, HealthAreas.StickDone);
            if (notice is not null)
            {
                log.Info($"stick: {notice}");
            }
        }, time, stopping);
}
