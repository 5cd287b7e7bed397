using Footfall.Tests.Support;

namespace Footfall.Tests.Config;

/// <summary>
/// The table of configuration files under Config/Files, one folder per verdict:
/// valid/ (footfall and the JSON Schema accept them), invalid/ (both refuse them) and semantic/
/// (the schema accepts them, footfall refuses them: duplicate MACs, names and GPIO lines, ranges,
/// time zones, repeated keys, which a schema cannot express). Each refused file has beside it a
/// NAME.errors file with footfall's exact messages, one per line.
/// </summary>
public static class ConfigFiles
{
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Semantic = "semantic";

    public static string Folder { get; } = RepoFiles.Path("tests", "Footfall.Tests", "Config", "Files");

    public static string Example { get; } = RepoFiles.Path("config", "footfall.example.json");

    public static string Schema { get; } = RepoFiles.Path("config", "footfall.schema.json");

    /// <summary>Every file as "verdict/name.json", sorted.</summary>
    public static IEnumerable<string> All() =>
        new[] { Valid, Invalid, Semantic }
            .SelectMany(verdict => Directory.GetFiles(System.IO.Path.Combine(Folder, verdict), "*.json").Select(file => $"{verdict}/{System.IO.Path.GetFileName(file)}"))
            .Order(StringComparer.Ordinal);

    public static string PathOf(string name) => System.IO.Path.Combine(Folder, name);

    public static string VerdictOf(string name) => name[..name.IndexOf('/')];

    public static string ErrorsFileOf(string name) => System.IO.Path.ChangeExtension(PathOf(name), ".errors");
}
