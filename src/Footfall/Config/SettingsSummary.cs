using System.Globalization;
using Footfall.Presence;
using Footfall.Text;

namespace Footfall.Config;

/// <summary>
/// The few lines check-config prints for a valid file, so that whoever wrote it can see that footfall
/// read what they meant. Secrets show as a mask and a length, never a character of the value.
/// </summary>
internal static class SettingsSummary
{
    private static string Departure(DeparturePlan plan)
    {
        string arp = $"{Count(plan.Requests, "unicast ARP request", "unicast ARP requests")}";
        string steps = plan.WakeQueries == 0 ? arp : $"{arp}, {Count(plan.WakeQueries, "mDNS wake", "mDNS wakes")} to port 5353, {arp} again";
        return $"{steps}, {HumanDuration.Format(plan.Spacing)} apart; gone when silent {HumanDuration.Format(plan.AnswerWait)} after the last";
    }

    public static IEnumerable<string> Lines(FootfallSettings settings)
    {
        yield return $"site:      {settings.Site.Name}, time zone {settings.Site.TimeZone.Id}";
        string where = settings.Network.Interface ?? "the default route's interface";
        string subnets = settings.Network.Subnets.Count == 0 ? "its own subnet" : string.Join(", ", settings.Network.Subnets);
        yield return $"network:   {where}, {subnets}, sweep every {HumanDuration.Format(settings.Network.SweepInterval)}";
        string startup = settings.Presence.AnnounceOnStartup ? "announced" : "recorded, not announced";
        yield return $"presence:  away after {HumanDuration.Format(settings.Presence.AwayAfter)}; people already in at start-up are {startup}";
        yield return $"  departure check: {Departure(settings.Presence.Departure)}";
        yield return $"people:    {Count(settings.People.Count, "person", "people")}";
        foreach (Person person in settings.People)
        {
            string pronoun = person.Pronoun is null ? "" : $" ({person.Pronoun})";
            string led = person.Led is { } line ? $"LED on line {Number(line)}" : "no LED";
            if (person.Pixel is { } pixel)
            {
                led += $", pixel {Number(pixel)}" + (person.Color is { } color ? $" ({color})" : "");
            }
            else if (person.Color is { } color)
            {
                led += $", colour {color}";
            }
            string hostnames = person.Hostnames.Count == 0 ? "" : $", counts devices by DHCP hostname {string.Join(", ", person.Hostnames)}";
            yield return $"  {person.Name}{pronoun}: {Count(person.Devices.Count, "device", "devices")}, {led}{hostnames}";
        }
        LedSettings leds = settings.Leds;
        string status = leds.StatusLine is { } statusLine ? $"status LED on line {Number(statusLine)}"
            : leds.StatusLed is { } statusLed ? $"status LED {statusLed}" : "no status LED (ACT if there is one)";
        yield return $"leds:      {leds.Chip}, {status}, active {(leds.ActiveLow ? "low" : "high")}";
        if (leds.Strip is { } strip)
        {
            string statusPixel = strip.StatusPixel is { } p ? $", status on pixel {Number(p)}" : "";
            yield return $"strip:     {Number(strip.Pixels)} WS2812B pixels on {strip.Spi}, brightness {strip.Brightness.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}{statusPixel}";
        }
        WatchdogSettings watchdog = settings.Watchdog;
        string kick = watchdog.KickPin is { } pin ? $"kick pin on line {Number(pin)} every {HumanDuration.Format(watchdog.KickInterval)}" : "no kick pin";
        yield return $"watchdog:  {watchdog.Device}, timeout {HumanDuration.Format(watchdog.Timeout)}, {kick}";
        if (settings.Announce is not { } announce)
        {
            yield return "announce:  nowhere (no \"announce\" section): events only go to the log";
        }
        else
        {
            foreach (string line in Announce(announce))
            {
                yield return line;
            }
        }
        RetentionSettings retention = settings.Retention;
        yield return $"retention: unknown devices {HumanDuration.Format(retention.UnknownDevices)}, history {HumanDuration.Format(retention.History)}";
        yield return $"health:    overheating at {Number(settings.Health.MaxTemperature)} °C";
        foreach (string line in BusSummary.Lines(settings))
        {
            yield return line;
        }
        StatusSettings page = settings.Status;
        string listen = page.Listen is { } at ? $"http://{at}/" : $"http://{StatusSettings.DevelopmentListen}/ by default (port 80 on every address on the appliance)";
        yield return page.Enabled
            ? $"status:    page on {listen}, devices {(page.ShowDevices ? "shown" : "hidden")}"
            : "status:    no page (status.enabled is false)";
    }

    private static IEnumerable<string> Announce(AnnounceSettings announce)
    {
        if (announce.X is not { } x)
        {
            yield return "announce:  not on X (no \"x\" section)";
        }
        else
        {
            string deletion = x.DeleteAfter is { } after ? $"posts deleted after {HumanDuration.Format(after)}" : "posts kept";
            yield return $"announce:  on X through {x.ApiBaseUrl}, {deletion}";
            foreach ((string name, Secret secret) in new (string, Secret)[]
                {("consumerKey", x.ConsumerKey), ("consumerSecret", x.ConsumerSecret), ("accessToken", x.AccessToken), ("accessTokenSecret", x.AccessTokenSecret) })
            {
                yield return $"  {name + ":",-19}{secret} ({Count(secret.Length, "character", "characters")})";
            }
            string clock = x.ClockSyncMarker is { } marker ? $"posts wait until {marker} exists" : "the system clock is trusted as it is";
            yield return $"  clockSync:         {clock}";
        }
        var parts = new List<string>();
        foreach (DayPart part in Enum.GetValues<DayPart>())
        {
            int count = announce.Messages.TryGetValue(part, out IReadOnlyList<string>? templates) ? templates.Count : 0;
            parts.Add(Templates(part.ToString().ToLowerInvariant(), count));
        }
        parts.Add(Templates("group", announce.GroupMessages.Count));
        parts.Add(Templates("departure", announce.DepartureMessages.Count));
        parts.Add(Templates("lastOneOut", announce.LastOneOutMessages.Count));
        yield return $"  messages: {string.Join(", ", parts)}";
        string together = announce.AggregateWindow > TimeSpan.Zero ? $"arrivals within {HumanDuration.Format(announce.AggregateWindow)} in one post" : "each arrival in its own post";
        string cooldown = announce.Cooldown > TimeSpan.Zero ? $"not again if back within {HumanDuration.Format(announce.Cooldown)}" : "every arrival announced";
        yield return $"  posts:    {together}, {cooldown}, expired after {HumanDuration.Format(announce.StaleAfter)}; "
            + $"departures {OnOff(announce.Departures)}, last one out {OnOff(announce.LastOneOut)}";
    }

    private static string Templates(string key, int count) => count > 0 ? $"{key} {Number(count)}" : $"{key} default";

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string Count(int count, string one, string many) => $"{Number(count)} {(count == 1 ? one : many)}";

    private static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}
