using System.Globalization;

namespace Footfall.Config;

/// <summary>Paths into the document as errors name them: "site.timeZone", "people[2].devices[0]".</summary>
internal static class ConfigPath
{
    public const string Root = "";

    public static string Key(string parent, string key)
    {
        // Keys we know are plain identifiers; an unknown key is whatever someone typed, so it is
        // quoted when it would not read as one (dots, spaces, control characters...).
        string segment = IsIdentifier(key) ? key : $"[{ConfigText.Quote(key)}]";
        return parent.Length == 0 || segment[0] == '[' ? parent + segment : $"{parent}.{segment}";
    }

    public static string Index(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    public static string Display(string path) => path.Length == 0 ? ConfigError.RootPath : path;

    private static bool IsIdentifier(string key)
    {
        if (key.Length is 0 or > ConfigText.MaximumEcho || !(char.IsAsciiLetter(key[0]) || key[0] == '_'))
        {
            return false;
        }
        foreach (char c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }
}
