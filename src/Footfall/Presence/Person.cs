using Footfall.Net;

namespace Footfall.Presence;

/// <summary>
/// Someone whose devices footfall watches for, as the configuration names them. <paramref name="Led"/>
/// is their GPIO line, <paramref name="Pixel"/> their pixel on the strip and <paramref name="Color"/>
/// its colour (null: one picked for them, see <see cref="Leds.Strip.StripLayout"/>).
/// </summary>
public sealed record Person(string Name, string? Pronoun, IReadOnlyList<MacAddress> Devices, int? Led, int? Pixel = null, Leds.Rgb? Color = null);
