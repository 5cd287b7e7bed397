using System.Text.Json;
using Footfall.Presence;
using Footfall.Store;

namespace Footfall.Bus;

/// <summary>
/// A presence event as a ZenIRCBot-style envelope, the same on every bus:
/// <c>{"version":1,"type":"arrived","data":{"person":"Alice","at":"…","stayedSeconds":null,"mac":"…","ip":"…"}}</c>.
/// </summary>
public static class EventEnvelope
{
    public const int Version = 1;

    public static byte[] Of(PresenceEvent e) => BusJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("version", Version);
        w.WriteString("type", StoredNames.Of(e.Kind));
        w.WriteStartObject("data");
        if (e.Person is { } person)
        {
            w.WriteString("person", person);
        }
        else
        {
            w.WriteNull("person");
        }
        w.WriteString("at", BusJson.Time(e.At));
        if (e.Stayed is { } stayed)
        {
            w.WriteNumber("stayedSeconds", (long)Math.Round(stayed.TotalSeconds));
        }
        else
        {
            w.WriteNull("stayedSeconds");
        }
        WriteOrNull(w, "mac", e.Mac?.ToString());
        WriteOrNull(w, "ip", e.Ip?.ToString());
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
