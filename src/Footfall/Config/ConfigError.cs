namespace Footfall.Config;

/// <summary>
/// One problem with the configuration: where it is (e.g. "people[2].devices[0]", "(root)" for the
/// whole document, "(file)" for the file itself) and why. Reasons never contain a secret's value.
/// </summary>
public readonly record struct ConfigError(string Path, string Reason)
{
    public const string RootPath = "(root)";
    public const string FilePath = "(file)";

    /// <summary>"path: reason", the form check-config prints.</summary>
    public override string ToString() => $"{Path}: {Reason}";
}
