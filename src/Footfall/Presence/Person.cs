using Footfall.Net;

namespace Footfall.Presence;

/// <summary>Someone whose devices footfall watches for, as the configuration names them.</summary>
public sealed record Person(string Name, string? Pronoun, IReadOnlyList<MacAddress> Devices, int? Led);
