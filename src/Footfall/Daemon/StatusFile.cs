using Footfall.Runtime;

namespace Footfall.Daemon;

/// <summary>
/// A few lines another program publishes for the daemon to show (the image's USB stick scripts: config-status,
/// report-status): read now and every 2 s, and handed on whenever the text changes.
/// </summary>
public static class StatusFile
{
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(2);

    /// <summary>Calls <paramref name="changed"/> with the file's text (null: no file) now and at each change, until stopped; nothing without a path.</summary>
    public static async Task WatchAsync(string? path, Action<string?> changed, TimeProvider time, CancellationToken stopping)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }
        string? shown = null;
        bool first = true;
        using var timer = new PeriodicTimer(s_pollEvery, time);
        do
        {
            string? text = Read(path);
            if (first || text != shown)
            {
                changed(text);
                shown = text;
                first = false;
            }
        }
        while (await Tick(timer, stopping).ConfigureAwait(false));
    }

    /// <summary>The file's lines, trimmed, without blank ones; none without a file.</summary>
    public static string[] Lines(string? text) =>
        text is null ? [] : text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Sets <paramref name="notice"/> as the problem of <paramref name="area"/> (one of <paramref name="areas"/>, or null) and clears the others.</summary>
    public static void Show(Health health, string? area, string? notice, params ReadOnlySpan<string> areas)
    {
        foreach (string each in areas)
        {
            health.SetProblem(each, each == area ? notice : null);
        }
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
            // The scripts write a few lines; anything large is not theirs.
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
