using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;

namespace Footfall.Contracts;

/// <summary>
/// The store's answers in the shapes of who/log --json, built once for the command line and for the
/// status page's /api, so that a script gets the same JSON from either.
/// </summary>
internal static class StoreJson
{
    public static WhoJson Who(IStoreReads store, DateTimeOffset now) => Who(store.Who(), store.PiEpisodes(now - PiFooter.Window), store.LastPiReading(), now);

    public static WhoJson Who(IReadOnlyList<WhoRow> people, IReadOnlyList<PiHealth.PiEpisode> episodes, PiReadingRow? reading, DateTimeOffset now) => new(
        [.. people.Select(p => new PersonJson(p.Name, p.Pronoun, p.IsIn, p.Since?.ToUniversalTime(), p.LastSeen?.ToUniversalTime(), p.Devices))],
        PiFooter.Json(episodes, reading, now));

    public static DevicesJson Devices(IReadOnlyList<DeviceRow> devices) =>
        new([.. devices.Select(d => new DeviceJson(
            d.Mac.ToString(), d.LastIp.ToString(), d.Person, d.IsLocallyAdministered, d.FirstSeen.ToUniversalTime(), d.LastSeen.ToUniversalTime(),
            d.Dhcp?.Hostname, d.Dhcp?.ClientId, d.ByHostname, d.ProbablyOf, d.ConflictWith?.ToString()))]);

    /// <param name="showAddresses">False leaves out each device's MAC and IP (the keys stay, as null).</param>
    public static LogJson Log(IReadOnlyList<LogRow> rows, bool showAddresses = true) => new([.. rows.Select(row => Event(row, showAddresses))]);

    private static EventJson Event(LogRow row, bool showAddresses)
    {
        PresenceEvent e = row.Event;
        return new EventJson(
            row.Id,
            e.At.ToUniversalTime(),
            StoredNames.Of(e.Kind),
            e.Person,
            showAddresses ? e.Mac?.ToString() : null,
            showAddresses ? e.Ip?.ToString() : null,
            e.Stayed?.TotalSeconds,
            row.Announcement is { } state ? new AnnouncementJson(StoredNames.Of(state), row.AnnouncementDetail, row.AnnouncementUpdated?.ToUniversalTime()) : null);
    }
}
