using System.Text;
using Footfall.Building;

namespace Footfall.Status;

/// <summary>The building's section of the page: every appliance sharing the broker, and where each person is.</summary>
internal static partial class StatusPage
{
    private static void Building(StringBuilder html, StatusView view, BuildingSnapshot building)
    {
        html.Append("<section class=\"building\" aria-labelledby=\"building-h\">\n<h2 id=\"building-h\">The building</h2>\n");
        if (building.Alone)
        {
            html.Append("<p class=\"alone\">Announcing alone: the MQTT broker is unreachable, so each appliance announces on its own.</p>\n");
        }
        else if (!building.Connected)
        {
            html.Append("<p class=\"alone\">The MQTT broker is unreachable: announcements wait a minute for it, then this appliance announces alone.</p>\n");
        }
        html.Append("<ul class=\"appliances\">\n");
        foreach (BuildingAppliance a in building.Appliances)
        {
            string state = a.Self ? "this one" : a.Online ? "online" : a.Since is { } since ? $"offline since {When(since, view)}" : "offline";
            html.Append($"<li class=\"{(a.Online ? "online" : "offline")}\" data-site=\"{E(a.Id)}\"><span class=\"name\">{E(a.Name)}</span> <span class=\"since\">{E(state)}</span></li>\n");
        }
        html.Append("</ul>\n<ul class=\"places\" aria-label=\"Where everyone is\">\n");
        foreach (BuildingPerson p in building.People)
        {
            string where = p.IsIn ? $"in: {string.Join(", ", p.Places)}" : p.Place is { } last ? $"out, last seen on {last}" : "out";
            html.Append($"<li class=\"{(p.IsIn ? "in" : "out")}\" data-person=\"{E(p.Name)}\"><span class=\"name\">{E(p.Name)}</span> <span class=\"since\">{E(where)}</span></li>\n");
        }
        html.Append("</ul>\n</section>\n");
    }
}
