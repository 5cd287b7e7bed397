using System.Globalization;
using System.Text.Json;
using Footfall.Building;
using Footfall.Presence;

namespace Footfall.Bus.Mqtt;

/// <summary>
/// A building change record as published retained on <c>&lt;topic&gt;/person/&lt;slug&gt;/change</c>:
/// <c>{"kind":"arrived","at":"…","state":"owed","owner":"1st-floor","ownerAt":"…"}</c> (docs/integrations.md).
/// </summary>
public static class BuildingChangeJson
{
    public static byte[] Write(BuildingChange change) => BusJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", change.Kind == PresenceEventKind.Arrived ? "arrived" : "left");
        w.WriteString("at", BusJson.Time(change.At));
        w.WriteString("state", change.State.ToString().ToLowerInvariant());
        if (change.Owner is { } owner)
        {
            w.WriteString("owner", owner);
        }
        else
        {
            w.WriteNull("owner");
        }
        BusJson.WriteTimeOrNull(w, "ownerAt", change.OwnerAt);
        w.WriteEndObject();
    });

    /// <summary>The record, or null when the payload is not one footfall publishes.</summary>
    public static BuildingChange? Read(string text)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(text);
            JsonElement root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            PresenceEventKind? kind = String(root, "kind") switch
            {
                "arrived" => PresenceEventKind.Arrived,
                "left" => PresenceEventKind.Left,
                _ => null,
            };
            ChangeState? state = String(root, "state") switch
            {
                "owed" => ChangeState.Owed,
                "posted" => ChangeState.Posted,
                "elsewhere" => ChangeState.Elsewhere,
                "quiet" => ChangeState.Quiet,
                _ => null,
            };
            return kind is { } k && state is { } s && Time(String(root, "at")) is { } at
                ? new BuildingChange(k, at, s, String(root, "owner") is { Length: > 0 } owner ? owner : null, Time(String(root, "ownerAt")))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time) ? time : null;
}
