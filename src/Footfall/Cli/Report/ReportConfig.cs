using Footfall.Config;

namespace Footfall.Cli.Report;

/// <summary>The configuration's part of a support report: the file with its secrets masked, and what check-config says of it.</summary>
internal static class ReportConfig
{
    /// <summary>Writes the parts; returns the settings when the file is valid, and every secret it holds.</summary>
    public static (FootfallSettings? Settings, IReadOnlyList<string> Secrets) Write(ReportFolder folder, string? path)
    {
        if (path is null)
        {
            folder.Note("config.txt", "the configuration", "No configuration was given (footfall report without --config).");
            return (null, []);
        }
        var secrets = new List<string>();
        byte[]? bytes = null;
        try
        {
            var info = new FileInfo(path);
            bytes = info.Exists && info.Length <= ConfigLoader.MaximumBytes ? File.ReadAllBytes(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            folder.Note("config.txt", "the configuration", $"{path} cannot be read: {e.Message}");
        }
        if (bytes is not null)
        {
            (string? masked, IReadOnlyList<string> found) = ConfigMask.Apply(bytes);
            secrets.AddRange(found);
            if (masked is not null)
            {
                folder.Note("config.json", $"the configuration in force ({path}), as written, secrets masked", masked);
            }
            else
            {
                folder.Note("config.txt", "the configuration", $"{path} is not JSON: not included, as it might hold a secret that cannot be found to mask.");
            }
        }
        ConfigLoadResult result = ConfigLoader.Load(path);
        if (result.Settings is { } settings)
        {
            secrets.AddRange(Secrets(settings));
            folder.Note("config-summary.txt", "what footfall read in the configuration, as `footfall check-config` says it", string.Join("\n", SettingsSummary.Lines(settings)));
        }
        else
        {
            folder.Note("config-problems.txt", "why this footfall rejects the configuration, as `footfall check-config` says it", string.Join("\n", result.Errors));
        }
        return (result.Settings, secrets);
    }

    /// <summary>The secrets of valid settings, as footfall uses them.</summary>
    private static IEnumerable<string> Secrets(FootfallSettings settings)
    {
        if (settings.Announce?.X is { } x)
        {
            yield return x.ConsumerKey.Reveal();
            yield return x.ConsumerSecret.Reveal();
            yield return x.AccessToken.Reveal();
            yield return x.AccessTokenSecret.Reveal();
        }
        if (settings.Mqtt?.Password is { } mqtt)
        {
            yield return mqtt.Reveal();
        }
        if (settings.ZenIrcBot?.Redis.Password is { } redis)
        {
            yield return redis.Reveal();
        }
    }
}
