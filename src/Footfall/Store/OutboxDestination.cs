namespace Footfall.Store;

/// <summary>
/// Something that drains the outbox on its own: the announcer (X or the console), or a bus. A bus that
/// wants <paramref name="EveryEvent"/> also gets the events that are recorded without announcing (the first
/// sweep's arrivals, unknown devices): machines on a bus want the whole story, people on X do not.
/// </summary>
public sealed record OutboxDestination(string Name, bool EveryEvent)
{
    public static readonly OutboxDestination Announce = new("announce", false);

    public static readonly OutboxDestination Mqtt = new("mqtt", true);

    public static readonly OutboxDestination ZenIrcBot = new("zenircbot", false);
}
