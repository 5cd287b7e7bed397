namespace Footfall.Runtime;

/// <summary>Which Debian release this machine runs, from /etc/os-release, to name the right package.</summary>
public static class OsRelease
{
    public const string DefaultPath = "/etc/os-release";

    /// <summary>VERSION_CODENAME ("bookworm", "trixie"), or null when the file or the key is missing.</summary>
    public static string? Codename(string path = DefaultPath)
    {
        try
        {
            return ParseCodename(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>VERSION_CODENAME's value in os-release text (shell-style KEY=value, maybe quoted).</summary>
    public static string? ParseCodename(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith("VERSION_CODENAME=", StringComparison.Ordinal))
            {
                string value = trimmed["VERSION_CODENAME=".Length..].Trim('"', '\'');
                return value.Length == 0 ? null : value;
            }
        }
        return null;
    }
}
