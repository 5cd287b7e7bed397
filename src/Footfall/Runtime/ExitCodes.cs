
namespace Footfall.Runtime;

/// <summary>The exit codes footfall promises for every subcommand.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int BadUsage = 2;
}
