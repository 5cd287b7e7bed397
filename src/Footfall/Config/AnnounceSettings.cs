namespace Footfall.Config;

/// <summary>The "announce" section: where arrivals are announced and with which words.</summary>
public sealed record AnnounceSettings
{
    /// <summary>The X account to post from; null when the section has no "x" (announcers other than X still run).</summary>
    public XSettings? X { get; init; }

    /// <summary>The file's templates per part of the day; a part the file leaves out has none (see <see cref="MessagesFor"/>).</summary>
    public IReadOnlyDictionary<DayPart, IReadOnlyList<string>> Messages { get; init; } = new Dictionary<DayPart, IReadOnlyList<string>>();

    /// <summary>The templates to pick from at this part of the day: the file's, or <see cref="MessageTemplates.Fallback"/> if it has none for it.</summary>
    public IReadOnlyList<string> MessagesFor(DayPart part) =>
        Messages.TryGetValue(part, out IReadOnlyList<string>? templates) && templates.Count > 0 ? templates : MessageTemplates.Fallback;
}
