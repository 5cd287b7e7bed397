namespace Footfall.Config;

/// <summary>The "zenircbot" section: the Redis a ZenIRCBot listens on, and where footfall announces.</summary>
public sealed record ZenIrcBotSettings
{
    public const int DefaultPort = 6379;
    public const int DefaultTlsPort = 6380;

    /// <summary>"redis://[[user]:password@]host:6379/0"; the password is a secret.</summary>
    public required BrokerAddress Redis { get; init; }

    /// <summary>The IRC channel announcements go to ("#office").</summary>
    public required string Channel { get; init; }

    /// <summary>Whether arrivals (and departures, per announce settings) are said in <see cref="Channel"/>.</summary>
    public bool Announce { get; init; } = true;
}
