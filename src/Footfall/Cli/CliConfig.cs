using System.CommandLine;
using Footfall.Config;

namespace Footfall.Cli;

/// <summary>The configuration for a subcommand that runs on it (run, leds test).</summary>
public static class CliConfig
{
    /// <summary>The settings, or null after every problem has been written to stderr as "footfall: FILE: path: reason".</summary>
    public static FootfallSettings? Load(string configPath)
    {
        ConfigLoadResult config = ConfigLoader.Load(configPath);
        foreach (ConfigError error in config.Errors)
        {
            Console.Error.WriteLine($"footfall: {configPath}: {error}");
        }
        return config.Settings;
    }

    public static Option<string> ConfigOption() => new("--config", "-c")
    {
        Description = "The configuration file (footfall.json).",
        Required = true,
        HelpName = "FILE",
    };
}
