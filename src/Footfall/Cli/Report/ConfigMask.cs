using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Footfall.Cli.Report;

/// <summary>
/// The configuration file as written, with its secrets masked, for a support report; and every secret it
/// holds, for <see cref="SecretScrubber"/>. Works on the JSON itself, valid configuration or not: the value
/// of every key named like a credential (the X keys and tokens, any "password"), wherever it sits, and the
/// password in any address's user info ("mqtt://user:PASSWORD@host"). Pure.
/// </summary>
internal static class ConfigMask
{
    private static readonly HashSet<string> s_secretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "consumerKey", "consumerSecret", "accessToken", "accessTokenSecret", "password",
    };

    private static readonly JsonDocumentOptions s_read = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = Config.ConfigSyntax.MaximumDepth,
    };

    /// <summary>The masked file, indented (null when it is not JSON at all), and the secrets found.</summary>
    public static (string? Masked, IReadOnlyList<string> Secrets) Apply(ReadOnlyMemory<byte> utf8)
    {
        var secrets = new List<string>();
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, s_read);
        }
        catch (JsonException)
        {
            return (null, secrets);
        }
        using (document)
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                Indented = true,
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                MaxDepth = Config.ConfigSyntax.MaximumDepth + 1,
            }))
            {
                Write(writer, document.RootElement, secretKey: false, secrets);
            }
            return (Encoding.UTF8.GetString(buffer.ToArray()) + "\n", secrets);
        }
    }

    /// <summary>
    /// <paramref name="text"/> with the password of an address's user info masked, and that password (as
    /// written and percent-decoded) added to <paramref name="secrets"/>; any other text unchanged.
    /// </summary>
    public static string MaskAddress(string text, List<string> secrets)
    {
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return text;
        }
        int start = scheme + 3;
        int end = text.IndexOfAny(['/', '?', '#'], start);
        string authority = end < 0 ? text[start..] : text[start..end];
        int at = authority.LastIndexOf('@');
        int colon = at < 0 ? -1 : authority.IndexOf(':', 0, at);
        if (colon < 0)
        {
            return text;
        }
        string password = authority[(colon + 1)..at];
        if (password.Length > 0)
        {
            secrets.Add(password);
            secrets.Add(Uri.UnescapeDataString(password));
        }
        return string.Concat(text.AsSpan(0, start + colon + 1), Config.Secret.Mask, text.AsSpan(start + at));
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, bool secretKey, List<string> secrets)
    {
        if (secretKey && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array))
        {
            // A credential of any type: its text is a secret, and a mask is all the report shows.
            secrets.Add(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
            writer.WriteStringValue(Config.Secret.Mask);
            return;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, secretKey || s_secretKeys.Contains(property.Name), secrets);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Write(writer, item, secretKey, secrets);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(MaskAddress(element.GetString()!, secrets));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
