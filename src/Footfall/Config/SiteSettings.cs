namespace Footfall.Config;

/// <summary>The "site" section: what the office is called and the clock its day parts follow.</summary>
public sealed record SiteSettings
{
    public const string DefaultName = "footfall";

    public string Name { get; init; } = DefaultName;

    /// <summary>From an IANA name such as "Europe/Amsterdam"; UTC when the file names none.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}
