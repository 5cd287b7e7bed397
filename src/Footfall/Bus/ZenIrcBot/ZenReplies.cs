using System.Globalization;
using Footfall.Store;

namespace Footfall.Bus.ZenIrcBot;

/// <summary>One line for ZenIRCBot to say: a privmsg to a channel or a nick.</summary>
public sealed record ZenPrivmsg(string To, string Message)
{
    /// <summary>The envelope on "out", as zenircbot-api's send_privmsg writes it.</summary>
    public byte[] Envelope() => BusJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("version", 1);
        w.WriteString("type", "privmsg");
        w.WriteStartObject("data");
        w.WriteString("to", To);
        w.WriteString("message", Message);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}

/// <summary>What footfall says as a ZenIRCBot service, the way zenircbot-api's register_commands does it.</summary>
public static class ZenReplies
{
    public const string Service = "footfall";

    /// <summary>The commands "commands" lists, each as "footfall: name - description".</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Commands =
    [
        ("whosin", "who is in the office now"),
    ];

    public static string Online => $"{Service} online!";

    public static IReadOnlyList<ZenPrivmsg> To(ZenRequest request, IReadOnlyList<WhoRow> who, TimeZoneInfo timeZone) => request.Ask switch
    {
        ZenAsk.WhosIn => [new ZenPrivmsg(request.Channel, WhosIn(who, timeZone))],
        ZenAsk.Commands => [.. Commands.Select(c => new ZenPrivmsg(request.Sender, $"{Service}: {c.Name} - {c.Description}"))],
        _ => [new ZenPrivmsg(request.Sender, Service)],
    };

    /// <summary>"In now: Alice, Bob (since 09:12, 09:40)", in the site's time, or "Nobody is in."</summary>
    public static string WhosIn(IReadOnlyList<WhoRow> who, TimeZoneInfo timeZone)
    {
        List<WhoRow> present = [.. who.Where(w => w.IsIn).OrderBy(w => w.Since ?? DateTimeOffset.MaxValue).ThenBy(w => w.Name, StringComparer.Ordinal)];
        if (present.Count == 0)
        {
            return "Nobody is in.";
        }
        string since = string.Join(", ", present.Select(w => w.Since is { } s
            ? TimeZoneInfo.ConvertTime(s, timeZone).ToString("HH:mm", CultureInfo.InvariantCulture) : "?"));
        return $"In now: {string.Join(", ", present.Select(w => w.Name))} (since {since})";
    }

    /// <summary>
    /// The admin spew channels as the bot leaves them in Redis ("zenircbot:admin_spew_channels"): one name,
    /// or several separated by commas (a list stored by the bot's SET), or nothing.
    /// </summary>
    public static IReadOnlyList<string> AdminChannels(string? stored) =>
        stored is null ? [] : [.. stored.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
