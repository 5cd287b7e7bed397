using System.Globalization;
using System.Net;
using System.Text;
using Footfall.Contracts;
using Footfall.Presence;
using Footfall.Store;
using Footfall.Text;

namespace Footfall.Status;

/// <summary>
/// The page as HTML, rendered completely on the server so that it works without JavaScript (the
/// script only fetches it again when /events says something happened). Pure: a view in, text out.
/// Every text from the store or the configuration goes through <see cref="E"/>.
/// </summary>
internal static partial class StatusPage
{
    private const int FeedLength = 8;

    public static string Render(StatusView view)
    {
        var html = new StringBuilder(8192);
        int inCount = view.People.Count(p => p.Row.IsIn);
        html.Append($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>{E(view.Site)} · footfall</title>
            <link rel="stylesheet" href="/assets/status.css">
            <link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
            <noscript><meta http-equiv="refresh" content="30"></noscript>
            <script src="/assets/status.js" defer></script>
            </head>
            <body>
            <header>
            <h1>{E(view.Site)}</h1>
            <p id="live" class="live" aria-live="polite">updated {Clock(view.Now, view.Zone)}</p>
            </header>
            <main id="status" data-rendered="{view.Now.ToUnixTimeMilliseconds()}">

            """);
        People(html, view, inCount);
        if (view.Building is { } building)
        {
            Building(html, view, building);
        }
        html.Append("<div class=\"more\">\n");
        Timeline(html, view);
        Posts(html, view);
        HealthSection(html, view);
        Feed(html, view);
        if (view.Devices is { } devices)
        {
            Devices(html, view, devices);
        }
        html.Append("</div>\n");
        html.Append("""
            </main>
            <footer>footfall · read-only · <a href="/api/who">/api/who</a> · <a href="/api/log">/api/log</a> · <a href="/api/health">/api/health</a> · <a href="/api/feed">/api/feed</a></footer>
            </body>
            </html>

            """);
        return html.ToString();
    }

    private static void People(StringBuilder html, StatusView view, int inCount)
    {
        string heading = inCount switch { 0 => "Nobody is in", 1 => "1 person is in", _ => $"{inCount} people are in" };
        html.Append($"<section class=\"who\" aria-labelledby=\"who-h\">\n<h2 id=\"who-h\">{heading}</h2>\n<ul class=\"in\">\n");
        foreach (PersonView p in view.People.Where(p => p.Row.IsIn))
        {
            html.Append($"<li data-person=\"{E(p.Row.Name)}\">{Dot(p.Color)}<span class=\"name\">{E(p.Row.Name)}</span> <span class=\"since\">since {Clock(p.Row.Since, view)}</span></li>\n");
        }
        html.Append("</ul>\n");
        List<PersonView> outside = [.. view.People.Where(p => !p.Row.IsIn)];
        if (outside.Count > 0)
        {
            html.Append("<ul class=\"out\" aria-label=\"Not in\">\n");
            foreach (PersonView p in outside)
            {
                string seen = p.Row.LastSeen is { } at ? $"last seen {When(at, view)}" : "not seen yet";
                html.Append($"<li data-person=\"{E(p.Row.Name)}\">{Dot(p.Color)}<span class=\"name\">{E(p.Row.Name)}</span> <span class=\"since\">{seen}</span></li>\n");
            }
            html.Append("</ul>\n");
        }
        if (view.People.Count == 0)
        {
            html.Append("<p class=\"empty\">Nobody is configured yet: add people to footfall.json.</p>\n");
        }
        html.Append("</section>\n");
    }

    private static void Feed(StringBuilder html, StatusView view) =>
        ListSection(html, "feed", "Feed", "All quiet so far.", "ol",
            view.Feed.Reverse().Take(FeedLength).Select(line =>
                $"<li class=\"{line.Kind}\"><time datetime=\"{Iso(line.At)}\">{When(line.At, view)}</time> {E(line.Text)}</li>"));

    private static void Timeline(StringBuilder html, StatusView view) =>
        ListSection(html, "today", "Today", "No arrivals or departures yet today.", "ol class=\"timeline\"",
            view.Today.Select(row =>
                $"<li class=\"{StoredNames.Of(row.Event.Kind)}\"><time datetime=\"{Iso(row.Event.At)}\">{Clock(row.Event.At, view.Zone)}</time> {Said(row.Event)}</li>"));

    private static void Posts(StringBuilder html, StatusView view) =>
        ListSection(html, "posts", "Announcements", "Nothing announced yet.", "ul",
            view.Posts.Select(row =>
            {
                string state = row.Announcement is { } s ? StoredNames.Of(s) : "";
                string detail = row.AnnouncementDetail is { Length: > 0 } d ? $" <span class=\"detail\">{E(d)}</span>" : "";
                return $"<li><time datetime=\"{Iso(row.Event.At)}\">{When(row.Event.At, view)}</time> {Said(row.Event)}: <span class=\"state {state}\">{state}</span>{detail}</li>";
            }));

    /// <summary>
    /// A section titled <paramref name="title"/>: its items in the list <paramref name="list"/> ("ol" or "ul", with any
    /// attributes after the name), or <paramref name="empty"/> when there are none.
    /// </summary>
    private static void ListSection(StringBuilder html, string cls, string title, string empty, string list, IEnumerable<string> items)
    {
        html.Append($"<section class=\"{cls}\" aria-labelledby=\"{cls}-h\">\n<h2 id=\"{cls}-h\">{title}</h2>\n");
        bool any = false;
        foreach (string item in items)
        {
            html.Append(any ? "" : $"<{list}>\n").Append(item).Append('\n');
            any = true;
        }
        html.Append(any ? $"</{list.Split(' ')[0]}>\n" : $"<p class=\"empty\">{empty}</p>\n");
        html.Append("</section>\n");
    }

    private static string Said(PresenceEvent e) => $"{E(e.Person ?? "someone")} {E(EventWords.Describe(e))}";

    private static void HealthSection(StringBuilder html, StatusView view)
    {
        HealthJson health = view.Health;
        string good = health.Healthy && health.Problems.Count == 0 ? "good" : health.Healthy ? "warn" : "bad";
        html.Append($"<section class=\"health\" aria-labelledby=\"health-h\">\n<h2 id=\"health-h\">Appliance</h2>\n<p class=\"verdict {good}\">{E(Capital(health.Status))}</p>\n<dl>\n");
        html.Append($"<dt>Status LED</dt><dd>{E(health.Led)}</dd>\n");
        if (health.Update is { } update)
        {
            html.Append($"<dt>Update</dt><dd>{E(update)}</dd>\n");
        }
        // An update's problem is its line above: said once.
        foreach (string reason in health.Reasons.Concat(health.Problems).Where(r => r != health.Update))
        {
            html.Append($"<dt>Problem</dt><dd>{E(reason)}</dd>\n");
        }
        html.Append($"<dt>Version</dt><dd>{E(health.Version)} ({E(health.Commit)})</dd>\n");
        html.Append($"<dt>Up for</dt><dd>{HumanDuration.Format(TimeSpan.FromSeconds(health.UptimeSeconds >= 60 ? health.UptimeSeconds / 60 * 60 : health.UptimeSeconds))}</dd>\n");
        if (health.Pi is { } pi)
        {
            if (pi.TemperatureCelsius is { } celsius)
            {
                html.Append($"<dt>Temperature</dt><dd>{celsius.ToString("0.0", CultureInfo.InvariantCulture)} °C</dd>\n");
            }
            html.Append($"<dt>Under-voltage</dt><dd>{Count(pi.UnderVoltageEpisodes, "episode")} in the last 7 days{(pi.UnderVoltage == true ? ", now" : "")}</dd>\n");
        }
        html.Append("</dl>\n</section>\n");
    }

    private static void Devices(StringBuilder html, StatusView view, IReadOnlyList<DeviceRow> devices)
    {
        html.Append("<section class=\"devices\" aria-labelledby=\"devices-h\">\n<h2 id=\"devices-h\">Devices</h2>\n<table>\n<thead><tr><th>MAC</th><th>IP</th><th>Owner</th><th>DHCP hostname</th><th>Last seen</th><th>Note</th></tr></thead>\n<tbody>\n");
        foreach (DeviceRow d in devices)
        {
            // The hostname is whatever a device on the LAN chose to send: escaped like every other text.
            html.Append($"<tr><td>{d.Mac}</td><td>{d.LastIp}</td><td>{E(d.Person ?? "unknown")}</td><td>{E(d.Dhcp?.Hostname ?? "")}</td>" +
                $"<td>{When(d.LastSeen, view)}</td><td>{E(DeviceNotes.Of(d))}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    // An SVG circle: its fill is an attribute, which the strict CSP (no inline styles) allows.
    private static string Dot(Rgb color) =>
        $"<svg class=\"dot\" viewBox=\"0 0 10 10\" aria-hidden=\"true\"><circle cx=\"5\" cy=\"5\" r=\"5\" fill=\"#{color.R:x2}{color.G:x2}{color.B:x2}\"/></svg>";

    private static string Clock(DateTimeOffset? time, StatusView view) => time is { } t ? Clock(t, view.Zone) : "-";

    private static string Clock(DateTimeOffset time, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(time, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"14:02" today, "Tue 14:02" within the week, "2026-11-20" before.</summary>
    private static string When(DateTimeOffset time, StatusView view)
    {
        DateTime local = TimeZoneInfo.ConvertTime(time, view.Zone).DateTime;
        DateTime today = TimeZoneInfo.ConvertTime(view.Now, view.Zone).Date;
        return (today - local.Date).TotalDays switch
        {
            <= 0 => local.ToString("HH:mm", CultureInfo.InvariantCulture),
            < 7 => local.ToString("ddd HH:mm", CultureInfo.InvariantCulture),
            _ => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
