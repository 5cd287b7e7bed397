namespace Footfall.Runtime;

/// <summary>The exit codes every subcommand shares; docs/operating.md and the README list them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int BadUsage = 2;
}
