using System.Reflection;

namespace Footfall.Runtime;

/// <summary>The version stamped at build time from version.json and git (see Directory.Build.targets).</summary>
public static class BuildInfo
{
    private static readonly string s_informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0+unknown";

    /// <summary>major.minor.height, e.g. 0.1.14.</summary>
    public static string Version => s_informational.Split('+')[0];

    /// <summary>The short git commit the binary was built from.</summary>
    public static string Commit => s_informational.Contains('+') ? s_informational.Split('+')[1] : "unknown";

    public static string Line => $"footfall {Version} (commit {Commit})";
}
