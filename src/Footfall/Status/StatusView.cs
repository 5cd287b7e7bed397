using Footfall.Contracts;
using Footfall.Leds.Strip;
using Footfall.Presence;
using Footfall.Runtime;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Status;

/// <summary>A person on the page: who they are and the colour of their dot (their strip colour, or the strip's palette).</summary>
internal sealed record PersonView(WhoRow Row, Rgb Color);

/// <summary>Everything one rendering of the page shows, read at one moment.</summary>
internal sealed record StatusView(
    string Site,
    DateTimeOffset Now,
    TimeZoneInfo Zone,
    IReadOnlyList<PersonView> People,
    IReadOnlyList<LogRow> Today,
    IReadOnlyList<LogRow> Posts,
    HealthJson Health,
    IReadOnlyList<FeedEntryJson> Feed,
    IReadOnlyList<DeviceRow>? Devices)
{
    /// <summary>The building (mqtt.building), or null when this appliance is alone.</summary>
    public Building.BuildingSnapshot? Building { get; init; }

    public const int TimelineLength = 40;
    public const int PostCount = 6;

    // How far back the page looks for posts: the outbox keeps them much longer, the wall needs the latest.
    private const int PostSearchDepth = 300;

    public static StatusView Read(StatusSources sources, StatusFeed feed)
    {
        DateTimeOffset now = sources.Time.GetUtcNow();
        TimeZoneInfo zone = sources.Settings.Site.TimeZone;
        IReadOnlyList<Person> configured = sources.Settings.People;
        var people = sources.Store.Who().Select(row =>
        {
            int index = configured.Select((p, i) => (p, i)).FirstOrDefault(x => x.p.Name == row.Name, (null!, -1)).i;
            Rgb color = index >= 0 ? StripLayout.ColorOf(configured[index], index) : new Rgb(128, 128, 128);
            return new PersonView(row, color);
        }).ToList();
        List<LogRow> today = [.. sources.Store.Log(TimelineLength * 4, StartOfDay(now, zone))
            .Where(r => r.Event.Kind is PresenceEventKind.Arrived or PresenceEventKind.Left)
            .Reverse()
            .Take(TimelineLength)];
        List<LogRow> posts = [.. sources.Store.Log(PostSearchDepth).Where(r => r.Announcement is not null).Reverse().Take(PostCount)];
        IReadOnlyList<DeviceRow>? devices = sources.Settings.Status.ShowDevices ? sources.Store.Devices() : null;
        return new StatusView(
            Site: sources.Settings.Site.Name, Now: now, Zone: zone, People: people, Today: today, Posts: posts,
            Health: sources.HealthNow(), Feed: feed.Lines, Devices: devices)
        {
            Building = sources.Building?.Snapshot([.. people.Select(p => new Building.LocalPerson(p.Row.Name, p.Row.IsIn, p.Row.LastSeen))]),
        };
    }

    /// <summary>Midnight of <paramref name="now"/>'s day in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        DateTime localMidnight = TimeZoneInfo.ConvertTime(now, zone).Date;
        // A midnight that does not exist (a DST jump at 00:00) is taken as the hour after.
        if (zone.IsInvalidTime(localMidnight))
        {
            localMidnight = localMidnight.AddHours(1);
        }
        return new DateTimeOffset(localMidnight, zone.GetUtcOffset(localMidnight));
    }
}
