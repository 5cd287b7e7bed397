namespace Footfall.Config;

/// <summary>What loading a configuration gave: the settings, or every problem found (never both).</summary>
public sealed class ConfigLoadResult
{
    private ConfigLoadResult(FootfallSettings? settings, IReadOnlyList<ConfigError> errors)
    {
        Settings = settings;
        Errors = errors;
    }

    /// <summary>The validated settings; null when there are errors.</summary>
    public FootfallSettings? Settings { get; }

    /// <summary>Every problem, "path: reason", in the order they appear in the file; empty when valid.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    public bool IsValid => Settings is not null;

    internal static ConfigLoadResult Valid(FootfallSettings settings) => new(settings, []);

    internal static ConfigLoadResult Invalid(IReadOnlyList<ConfigError> errors) =>
        errors.Count > 0 ? new(null, errors) : throw new ArgumentException("An invalid configuration needs at least one error.", nameof(errors));

    internal static ConfigLoadResult Invalid(string path, string reason) => Invalid([new ConfigError(path, reason)]);
}
