namespace Footfall.Config;

/// <summary>The "announce" section: where arrivals are announced, with which words, and how often.</summary>
public sealed record AnnounceSettings
{
    public static readonly TimeSpan DefaultAggregateWindow = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultCooldown = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(30);

    /// <summary>The X account to post from; null when the section has no "x" (announcers other than X still run).</summary>
    public XSettings? X { get; init; }

    /// <summary>The file's arrival templates per part of the day; a part the file leaves out has none (see <see cref="MessagesFor"/>).</summary>
    public IReadOnlyDictionary<DayPart, IReadOnlyList<string>> Messages { get; init; } = new Dictionary<DayPart, IReadOnlyList<string>>();

    /// <summary>The file's templates for several arrivals in one post ("messages.group"); empty: the built-in ones.</summary>
    public IReadOnlyList<string> GroupMessages { get; init; } = [];

    /// <summary>The file's templates for departures ("messages.departure"); empty: the built-in ones.</summary>
    public IReadOnlyList<string> DepartureMessages { get; init; } = [];

    /// <summary>The file's templates for the last one out ("messages.lastOneOut"); empty: the built-in ones.</summary>
    public IReadOnlyList<string> LastOneOutMessages { get; init; } = [];

    /// <summary>Arrivals this close together go out as one post; zero posts each on its own.</summary>
    public TimeSpan AggregateWindow { get; init; } = DefaultAggregateWindow;

    /// <summary>Someone back this soon after leaving is not announced again; zero announces every arrival.</summary>
    public TimeSpan Cooldown { get; init; } = DefaultCooldown;

    /// <summary>Whether departures are posted too.</summary>
    public bool Departures { get; init; }

    /// <summary>Whether the departure that leaves nobody in gets its own "last one out" post.</summary>
    public bool LastOneOut { get; init; }

    /// <summary>An arrival not posted by this age is marked expired instead of posted late.</summary>
    public TimeSpan StaleAfter { get; init; } = DefaultStaleAfter;

    /// <summary>The arrival templates to pick from at this part of the day: the file's, or the built-in ones if it has none for it.</summary>
    public IReadOnlyList<string> MessagesFor(DayPart part) =>
        Messages.TryGetValue(part, out IReadOnlyList<string>? templates) && templates.Count > 0 ? templates : BuiltInMessages.Arrival(part);

    /// <summary>The templates for a post about several arrivals at this part of the day.</summary>
    public IReadOnlyList<string> GroupMessagesFor(DayPart part) => GroupMessages.Count > 0 ? GroupMessages : BuiltInMessages.Group(part);

    /// <summary>The templates for a departure post.</summary>
    public IReadOnlyList<string> DepartureMessagesOrBuiltIn => DepartureMessages.Count > 0 ? DepartureMessages : BuiltInMessages.Departure;

    /// <summary>The templates for the last one out.</summary>
    public IReadOnlyList<string> LastOneOutMessagesOrBuiltIn => LastOneOutMessages.Count > 0 ? LastOneOutMessages : BuiltInMessages.LastOneOut;
}
