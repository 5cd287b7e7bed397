using System.Text.Json.Serialization;
using Footfall.Contracts;

namespace Footfall.Status;

// What the status page adds to the command line's JSON (Cli/CliJson.cs): /api/health and the live events.
// Same conventions: every key always there, times ISO 8601 in UTC.

/// <param name="Status">The status LED's meaning in words, e.g. "healthy, someone is in".</param>
/// <param name="Led">What the status LED does meanwhile, e.g. "steady on" (the legend's text).</param>
/// <param name="Reasons">Why footfall is not healthy (empty when it is).</param>
/// <param name="Problems">Things a human should fix that do not stop footfall.</param>
/// <param name="Update">What the image's updater last said, in words (installing, refused, trying, updated…); null when nothing.</param>
/// <param name="Pi">The Pi's health as `who --json` gives it; null when not on a Pi.</param>
internal sealed record HealthJson(
    string Status, string Led, bool Healthy, IReadOnlyList<string> Reasons, IReadOnlyList<string> Problems, string? Update,
    string Version, string Commit, DateTimeOffset StartedAt, long UptimeSeconds, PiJson? Pi);

/// <summary>One presence event as /events sends it the moment the store has kept it.</summary>
/// <param name="Kind">arrived, left or unknown_device_seen.</param>
internal sealed record LiveEventJson(string Kind, string? Person, DateTimeOffset At, double? StayedSeconds);

/// <summary>/api/feed: the ambient feed's latest entries, oldest first, each as `footfall feed --json` prints it.</summary>
internal sealed record FeedJson(IReadOnlyList<FeedEntryJson> Entries);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HealthJson))]
[JsonSerializable(typeof(LiveEventJson))]
[JsonSerializable(typeof(FeedJson))]
[JsonSerializable(typeof(FeedEntryJson))]
internal sealed partial class StatusJson : JsonSerializerContext;
