using Footfall.Feed;
using Footfall.PiHealth;

namespace Footfall.Store;

/// <summary>
/// What the page, the buses and the read-only commands read from the store. They never write: a reader that
/// holds only this cannot change what the daemon decided.
/// </summary>
public interface IStoreReads
{
    /// <summary>Every configured person: in or out, since when, last seen.</summary>
    IReadOnlyList<WhoRow> Who();

    /// <summary>Devices seen recently, known or not, with their notes (owner, DHCP name, conflicts).</summary>
    IReadOnlyList<DeviceRow> Devices();

    /// <summary>The newest <paramref name="limit"/> events (since <paramref name="since"/>), newest first.</summary>
    IReadOnlyList<LogRow> Log(int limit, DateTimeOffset? since = null);

    /// <summary>Events after id <paramref name="afterId"/> in order, for the feed.</summary>
    IReadOnlyList<FeedEvent> EventsAfter(long afterId, int max);

    /// <summary>The Pi's episodes (under-voltage, heat) that ended after <paramref name="since"/> or are open.</summary>
    IReadOnlyList<PiEpisode> PiEpisodes(DateTimeOffset since);

    /// <summary>The Pi's last reading, or null on a machine without its sensors.</summary>
    PiReadingRow? LastPiReading();
}
