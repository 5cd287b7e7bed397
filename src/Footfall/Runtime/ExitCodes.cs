namespace Footfall.Cli;

/// <summary>The exit codes DESIGN.md fixes for every subcommand.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int BadUsage = 2;
}
