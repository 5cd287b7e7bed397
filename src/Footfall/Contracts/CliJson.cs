using System.Text.Json.Serialization;

namespace Footfall.Contracts;

// The JSON that who, log and devices print with --json: a contract for scripts, so names are explicit and
// stable, nulls are written (every key is always there), and times are ISO 8601 in UTC.

/// <param name="Pi">The Pi's health; null when the daemon never read a sensor there (not a Pi).</param>
internal sealed record WhoJson(IReadOnlyList<PersonJson> People, PiJson? Pi)
{
    /// <summary>The building (the page's /api/who with mqtt.building); absent when the appliance is alone, and from the command line.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BuildingJson? Building { get; init; }
}

internal sealed record PersonJson(string Name, string? Pronoun, bool In, DateTimeOffset? Since, DateTimeOffset? LastSeen, int Devices);

/// <param name="Since">The start of the window the episodes and counts cover (a week).</param>
/// <param name="TemperatureCelsius">The daemon's latest reading, taken at <paramref name="ReadAt"/>; null without a sensor.</param>
internal sealed record PiJson(
    DateTimeOffset Since, int UnderVoltageEpisodes, int OverheatingEpisodes, IReadOnlyList<PiEpisodeJson> Episodes,
    double? TemperatureCelsius, bool? UnderVoltage, DateTimeOffset? ReadAt);

/// <param name="Kind">under_voltage or overheating.</param>
/// <param name="End">Null while it lasts.</param>
internal sealed record PiEpisodeJson(string Kind, DateTimeOffset Start, DateTimeOffset? End, double? PeakCelsius);

internal sealed record LogJson(IReadOnlyList<EventJson> Events);

/// <param name="Kind">arrived, left or unknown_device_seen.</param>
/// <param name="Announcement">Null when the event was not to be announced.</param>
internal sealed record EventJson(long Id, DateTimeOffset At, string Kind, string? Person, string? Mac, string? Ip, double? StayedSeconds, AnnouncementJson? Announcement);

/// <param name="State">pending, delivered or failed.</param>
internal sealed record AnnouncementJson(string State, string? Detail, DateTimeOffset? Updated);

internal sealed record DevicesJson(IReadOnlyList<DeviceJson> Devices);

/// <param name="Owner">The person whose device it is, or null for an unknown device.</param>
/// <param name="Hostname">The DHCP hostname (option 12) of its last request, or null.</param>
/// <param name="ClientId">The DHCP client id (option 61) of its last request, colon-separated hex, or null.</param>
/// <param name="OwnerByHostname">True when it counts for <paramref name="Owner"/> through people[].hostnames.</param>
/// <param name="ProbablyOf">For an unknown private MAC: whose configured device sent the same DHCP identity before.</param>
/// <param name="ConflictWith">Another MAC answering for the same IP now (an IP conflict), or null.</param>
internal sealed record DeviceJson(
    string Mac, string LastIp, string? Owner, bool LocallyAdministered, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
    string? Hostname, string? ClientId, bool OwnerByHostname, string? ProbablyOf, string? ConflictWith);

/// <summary>Source-generated serialisation: no reflection, as native AOT requires.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(WhoJson))]
[JsonSerializable(typeof(LogJson))]
[JsonSerializable(typeof(DevicesJson))]
internal sealed partial class CliJson : JsonSerializerContext;
