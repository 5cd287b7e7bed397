using System.Text.Json.Serialization;
using Footfall.Feed;

namespace Footfall.Contracts;

/// <summary>One line of `footfall feed --json`: one object per line (JSON Lines), so that --follow streams.</summary>
/// <param name="Kind">arrival, departure, quiet, unknown_device, summary, or (the page's feed in a building) walk.</param>
/// <param name="EventIds">The ids of the events it tells of, as `footfall log --json` gives them.</param>
internal sealed record FeedEntryJson(DateTimeOffset At, string Kind, string Text, IReadOnlyList<long> EventIds)
{
    public static FeedEntryJson From(FeedEntry entry) => new(entry.At.ToUniversalTime(), KindName(entry.Kind), entry.Text, entry.EventIds);

    public static string KindName(FeedKind kind) => kind switch
    {
        FeedKind.Arrival => "arrival",
        FeedKind.Departure => "departure",
        FeedKind.Quiet => "quiet",
        FeedKind.UnknownDevice => "unknown_device",
        FeedKind.Walk => "walk",
        _ => "summary",
    };
}

/// <summary>Source-generated, compact: one entry a line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(FeedEntryJson))]
internal sealed partial class FeedJsonContext : JsonSerializerContext;
