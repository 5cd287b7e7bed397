using Footfall.Presence;
using Footfall.Store;

namespace Footfall.Announce;

/// <summary>Announces on standard output, one human line per event: the default when the config has no "announce.x".</summary>
public sealed class ConsoleAnnouncer : IAnnouncer
{
    private readonly FootfallStore _store;
    private readonly TextWriter _out;
    private readonly TimeZoneInfo _timeZone;

    public ConsoleAnnouncer(FootfallStore store, TextWriter output, TimeZoneInfo timeZone)
    {
        _store = store;
        _out = output;
        _timeZone = timeZone;
    }

    public string Name => "console";

    /// <summary>Prints every pending event and marks it delivered; nothing is ever scheduled for later.</summary>
    public Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellation)
    {
        foreach (OutboxItem item in _store.PendingOutbox(50))
        {
            if (Describe(item.Event, _timeZone) is { } line)
            {
                _out.WriteLine(line);
                _out.Flush();
            }
            _store.MarkOutbox(item.Id, OutboxState.Delivered, Name);
        }
        return Task.FromResult<DateTimeOffset?>(null);
    }

    /// <summary>The human line for an event, in the site's time: "09:14 Alice arrived."</summary>
    public static string? Describe(PresenceEvent e, TimeZoneInfo timeZone)
    {
        string at = TimeZoneInfo.ConvertTime(e.At, timeZone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return e.Kind switch
        {
            PresenceEventKind.Arrived => $"{at} {e.Person} arrived.",
            PresenceEventKind.Left => $"{at} {e.Person} left after {Stayed(e.Stayed ?? TimeSpan.Zero)}.",
            PresenceEventKind.UnknownDeviceSeen => $"{at} an unknown device showed up: {e.Mac} at {e.Ip}.",
            _ => null,
        };
    }

    private static string Stayed(TimeSpan stayed) =>
        stayed.TotalHours >= 1 ? $"{(int)stayed.TotalHours} h {stayed.Minutes} min"
        : stayed.TotalMinutes >= 1 ? $"{(int)stayed.TotalMinutes} min"
        : $"{(int)stayed.TotalSeconds} s";
}
