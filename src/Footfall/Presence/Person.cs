using Footfall.Net;
using Footfall.Text;

namespace Footfall.Presence;

/// <summary>
/// Someone whose devices footfall watches for, as the configuration names them. <paramref name="Led"/>
/// is their GPIO line, <paramref name="Pixel"/> their pixel on the strip and <paramref name="Color"/>
/// its colour (null: one picked for them, see <see cref="Leds.Strip.StripLayout"/>).
/// </summary>
public sealed record Person(string Name, string? Pronoun, IReadOnlyList<MacAddress> Devices, int? Led, int? Pixel = null, Rgb? Color = null)
{
    /// <summary>
    /// DHCP hostnames (exact, any case) that make an unknown device count for this person (people[].hostnames):
    /// a convenience for phones that pick a new private MAC, not a proof of anything. Empty by default.
    /// </summary>
    public IReadOnlyList<string> Hostnames { get; init; } = [];
}
