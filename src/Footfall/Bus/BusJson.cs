using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Footfall.Bus;

/// <summary>Small JSON payloads written by hand with Utf8JsonWriter: no reflection, and the field order is the one documented.</summary>
internal static class BusJson
{
    // Names as people write them ("Zoë", not "Zo\u00EB"): these payloads never go into HTML.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A moment as ISO 8601 in UTC with milliseconds: "2026-11-28T09:12:03.250Z".</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static void WriteTimeOrNull(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            writer.WriteString(name, Time(t));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
