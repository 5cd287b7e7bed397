using System.Globalization;
using Footfall.Runtime;

namespace Footfall.Daemon;

/// <summary>
/// What the image's updater says about a signed update from a USB stick, in the file named by
/// FOOTFALL_UPDATE_STATUS, written atomically by root: line 1 is a state word, the lines after it its
/// fields (image/README.md, "The update-status contract"; docs/updates.md). footfall installs nothing: it only shows what the updater wrote. Installing and installed
/// put the status LED in its update pattern; refused, failed and rolled-back in the update's blink code;
/// trying and updated are good news, for the page only.
/// </summary>
public static class UpdateStatus
{
    public const string EnvironmentVariable = "FOOTFALL_UPDATE_STATUS";

    /// <summary>The health area the file's text puts the status LED in (null for none) and what the page says (null when nothing).</summary>
    public static (string? Area, string? Text) Notice(string? text)
    {
        string[] lines = StatusFile.Lines(text);
        string Field(int i) => i < lines.Length ? lines[i] : "?";
        // A reason is the last field: should it come on several lines, it is shown as one.
        string Reason(int i) => i < lines.Length ? string.Join("; ", lines.Skip(i)) : "no reason given";
        return lines.FirstOrDefault() switch
        {
            "installing" => (HealthAreas.UpdateInstalling, $"updating to {Field(1)}: leave the stick in and the power on"),
            "installed" => (HealthAreas.UpdateInstalling, $"{Field(1)} is installed: restarting to try it"),
            "refused" => (HealthAreas.UpdateFailed, $"update refused: {Reason(2)}; nothing changed"),
            "failed" => (HealthAreas.UpdateFailed, $"the update to {Field(1)} failed: {Reason(2)}; nothing changed"),
            "rolled-back" => (HealthAreas.UpdateFailed, $"rolled back from {Field(1)} to {Field(2)}: {Reason(3)}"),
            "trying" => (null, $"trying {Field(2)} (updated from {Field(1)}): it is kept once footfall has been healthy for {Hold(Field(3))}"),
            "updated" => (null, $"updated from {Field(1)} to {Field(2)} ({Field(3)})"),
            _ => (null, null),
        };
    }

    /// <summary>"45 s" under a minute, else whole minutes, "10 min" ("a while" when the field is no number of seconds).</summary>
    public static string Hold(string seconds)
    {
        if (!long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out long s))
        {
            return "a while";
        }
        return s < 60 ? $"{s} s" : $"{Math.Round(s / 60.0, MidpointRounding.AwayFromZero):0} min";
    }

    /// <summary>Reads the file now and whenever it changes, until stopped; does nothing when the variable is not set.</summary>
    public static Task WatchAsync(string? path, Health health, UpdateNotice shown, Log log, TimeProvider time, CancellationToken stopping) =>
        StatusFile.WatchAsync(path, text =>
        {
            (string? area, string? notice) = Notice(text);
            StatusFile.Show(health, area, notice, HealthAreas.UpdateInstalling, HealthAreas.UpdateFailed);
            if (shown.Set(notice) && notice is not null)
            {
                if (area == HealthAreas.UpdateFailed)
                {
                    log.Warn($"update: {notice}");
                }
                else
                {
                    log.Info($"update: {notice}");
                }
            }
        }, time, stopping);
}
