using Footfall.Presence;
using Footfall.Text;

namespace Footfall.Contracts;

/// <summary>How an event is said in a sentence, the same in <c>footfall log</c>, <c>replay</c> and on the page.</summary>
public static class EventWords
{
    public static string Describe(PresenceEvent e) => e.Kind switch
    {
        PresenceEventKind.Arrived => "arrived",
        PresenceEventKind.Left when e.Stayed is { } stayed => $"left after {Stayed(stayed)}",
        PresenceEventKind.Left => "left",
        PresenceEventKind.UnknownDeviceSeen => "unknown device",
        _ => e.Kind.ToString(),
    };

    // To the minute: "left after 8h12m" says enough; seconds only for stays shorter than that.
    private static string Stayed(TimeSpan stayed) =>
        HumanDuration.Format(stayed >= TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(Math.Round(stayed.TotalMinutes)) : TimeSpan.FromSeconds(Math.Round(stayed.TotalSeconds)));
}
