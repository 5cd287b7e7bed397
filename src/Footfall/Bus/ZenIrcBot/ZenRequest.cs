using System.Text.Json;

namespace Footfall.Bus.ZenIrcBot;

/// <summary>What someone asked footfall through ZenIRCBot.</summary>
public enum ZenAsk
{
    WhosIn,
    Commands,
    Services,
}

/// <summary>
/// A message on Redis' "in" channel that footfall answers: a version 1 "directed_privmsg" (what the
/// semantics service makes of "footfall: whosin", "!whosin" or a private message) whose words are one of
/// ours. Everything else is not for us, and a message that is not even an envelope is bad input.
/// </summary>
public sealed record ZenRequest(ZenAsk Ask, string Sender, string Channel)
{
    /// <summary>Longer messages are ignored unread: an IRC line is at most 512 bytes.</summary>
    public const int MaximumLength = 16 * 1024;

    /// <summary>The request in <paramref name="message"/>, or null with why not (for the debug log).</summary>
    public static ZenRequest? Read(string message, out string why)
    {
        why = "";
        if (message.Length > MaximumLength)
        {
            why = $"longer than {MaximumLength} characters";
            return null;
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(message);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out JsonElement version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out int v) || v != 1)
            {
                why = "not a version 1 envelope";
                return null;
            }
            if (!root.TryGetProperty("type", out JsonElement type) || type.ValueKind != JsonValueKind.String)
            {
                why = "no type";
                return null;
            }
            if (type.GetString() != "directed_privmsg")
            {
                why = "";
                return null;
            }
            if (!root.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Object
                || Text(data, "message") is not { } words || Text(data, "sender") is not { Length: > 0 } sender
                || Text(data, "channel") is not { Length: > 0 } channel)
            {
                why = "a directed_privmsg without data.message, data.sender and data.channel as text";
                return null;
            }
            return AskIn(words) is { } ask ? new ZenRequest(ask, sender, channel) : null;
        }
        catch (JsonException)
        {
            why = "not JSON";
            return null;
        }
    }

    /// <summary>"whosin", "who's in", "who" (any case, a question mark allowed); "commands"; "services".</summary>
    public static ZenAsk? AskIn(string words)
    {
        string w = words.Trim().TrimEnd('?').Trim().ToLowerInvariant().Replace('\u2019', '\'');
        return w switch
        {
            "whosin" or "who's in" or "whos in" or "who is in" or "who" => ZenAsk.WhosIn,
            "commands" => ZenAsk.Commands,
            "services" => ZenAsk.Services,
            _ => null,
        };
    }

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
