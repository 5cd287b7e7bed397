using System.CommandLine;
using Footfall.Config;
using Footfall.Runtime;

namespace Footfall.Cli;

/// <summary>`footfall check-config FILE`: validate a configuration; a summary on stdout (exit 0) or every problem on stderr (exit 2).</summary>
public static class CheckConfigCommand
{
    public static Command Create()
    {
        var fileArgument = new Argument<string>("FILE")
        {
            Description = "The configuration file, e.g. /media/usb/footfall.json (the same file as 'footfall run --config').",
        };
        var command = new Command("check-config", "Check a configuration file. Valid: a short summary on stdout, exit 0. Not valid: every problem as 'path: reason' on stderr, exit 2. The X keys are never printed, only masked.")
        {
            fileArgument,
        };
        command.SetAction(parse => Run(parse.GetValue(fileArgument)!, Console.Out, Console.Error));
        return command;
    }

    /// <summary>The whole command short of argument parsing; the tests drive it with their own writers.</summary>
    internal static int Run(string path, TextWriter stdout, TextWriter stderr)
    {
        ConfigLoadResult result = ConfigLoader.Load(path);
        if (result.Settings is not { } settings)
        {
            foreach (ConfigError error in result.Errors)
            {
                stderr.WriteLine(error.ToString());
            }
            return ExitCodes.BadUsage;
        }
        stdout.WriteLine($"{path}: valid");
        foreach (string line in SettingsSummary.Lines(settings))
        {
            stdout.WriteLine(line);
        }
        return ExitCodes.Success;
    }
}
